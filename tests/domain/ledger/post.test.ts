import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { SYSTEM_ACCOUNTS } from '../../../functions/domain/ledger/accounts';
import { chainHash, GENESIS_HASH } from '../../../functions/domain/ledger/chain';
import { award, redeem, transfer } from '../../../functions/domain/ledger/commands';
import { idempotent } from '../../../functions/domain/ledger/idempotency';
import { type EntryInput, postEntries, postEntry } from '../../../functions/domain/ledger/post';
import { ledgerHead } from '../../../functions/domain/ledger/queries';
import { DomainError } from '../../../functions/domain/shared/errors';
import {
  accountIdOf,
  balanceOf,
  expectLedgerInvariants,
  grant,
  rows,
  snapshot,
} from '../../helpers/ledger';
import { useSeededCommunity, withAnotherCopy } from '../../helpers/template';

const now = new Date('2026-03-09T02:00:00Z');

describe('postEntry: double entry', () => {
  const t = useSeededCommunity();

  it('moves points between two accounts and records each balance after', async () => {
    const resident = await accountIdOf(t.database, t.fixture.residents[0]!);
    const posted = await t.database.write((tx) =>
      postEntry(tx, null, {
        kind: 'award',
        memo: 'm',
        at: now,
        postings: [
          { accountId: SYSTEM_ACCOUNTS.issuance, amount: -40 },
          { accountId: resident, amount: 40 },
        ],
      }),
    );
    expect(posted.id).toBe(1);
    expect(posted.balanceAfter.get(resident)).toBe(40);
    expect(posted.balanceAfter.get(SYSTEM_ACCOUNTS.issuance)).toBe(-40);
    const lines = await rows<{ account_id: number; amount: number; balance_after: number }>(
      t.database.read,
      sql`select account_id, amount, balance_after from postings where entry_id = 1 order by account_id`,
    );
    expect(
      lines.map((l) => [Number(l.account_id), Number(l.amount), Number(l.balance_after)]),
    ).toEqual([
      [SYSTEM_ACCOUNTS.issuance, -40, -40],
      [resident, 40, 40],
    ]);
    await expectLedgerInvariants(t.database);
  });

  it.each([
    ['a single posting', [{ accountId: 1, amount: -5 }]],
    [
      'postings that do not sum to zero',
      [
        { accountId: 1, amount: -5 },
        { accountId: 4, amount: 6 },
      ],
    ],
    [
      'a zero amount',
      [
        { accountId: 1, amount: 0 },
        { accountId: 4, amount: 0 },
      ],
    ],
    [
      'a fractional amount',
      [
        { accountId: 1, amount: -1.5 },
        { accountId: 4, amount: 1.5 },
      ],
    ],
    [
      'two postings to one account',
      [
        { accountId: 4, amount: -5 },
        { accountId: 4, amount: 5 },
      ],
    ],
    [
      'an account that does not exist',
      [
        { accountId: 1, amount: -5 },
        { accountId: 999, amount: 5 },
      ],
    ],
  ])('refuses %s and writes nothing', async (_name, lines) => {
    const before = await snapshot(t.database);
    await expect(
      t.database.write((tx) =>
        postEntry(tx, null, { kind: 'award', memo: 'bad', at: now, postings: lines }),
      ),
    ).rejects.toThrow();
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('never takes a non-issuance account below zero: insufficient_points and nothing changes', async () => {
    const [r1, r2] = t.fixture.residents as [number, number];
    await grant(t.database, t.fixture.staffId, r1, 30, now);
    const before = await snapshot(t.database);
    const from = await accountIdOf(t.database, r1);
    const to = await accountIdOf(t.database, r2);
    const error = await t.database
      .write((tx) =>
        postEntry(tx, null, {
          kind: 'transfer',
          memo: 'x',
          at: now,
          postings: [
            { accountId: from, amount: -31 },
            { accountId: to, amount: 31 },
          ],
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('insufficient_points');
    expect(await snapshot(t.database)).toEqual(before);
    // Exactly the whole balance is fine.
    await t.database.write((tx) =>
      postEntry(tx, null, {
        kind: 'transfer',
        memo: 'x',
        at: now,
        postings: [
          { accountId: from, amount: -30 },
          { accountId: to, amount: 30 },
        ],
      }),
    );
    expect(await balanceOf(t.database, r1)).toBe(0);
    expect(await balanceOf(t.database, r2)).toBe(30);
    await expectLedgerInvariants(t.database);
  });

  it('a refusal caught inside the transaction (as idempotent() stores it) leaves nothing of the entry — one debit or several', async () => {
    const [r1, r2, r3] = t.fixture.residents as [number, number, number];
    await grant(t.database, t.fixture.staffId, r1, 30, now);
    await grant(t.database, t.fixture.staffId, r2, 5, now);
    const [a1, a2, a3] = (await Promise.all(
      [r1, r2, r3].map((r) => accountIdOf(t.database, r)),
    )) as [number, number, number];
    const before = await snapshot(t.database);
    const refusals = await t.database.write(async (tx) => {
      const single = await postEntry(tx, null, {
        kind: 'transfer',
        memo: 'x',
        at: now,
        postings: [
          { accountId: a1, amount: -31 },
          { accountId: a3, amount: 31 },
        ],
      }).catch((e: DomainError) => e.code);
      // The first debit (−20 from a1) succeeds, the second (−6 from a2, which has 5) is refused: the first must be undone.
      const several = await postEntry(tx, null, {
        kind: 'transfer',
        memo: 'x',
        at: now,
        postings: [
          { accountId: a1, amount: -20 },
          { accountId: a2, amount: -6 },
          { accountId: a3, amount: 26 },
        ],
      }).catch((e: DomainError) => e.code);
      return [single, several];
    });
    expect(refusals).toEqual(['insufficient_points', 'insufficient_points']);
    expect(await snapshot(t.database)).toEqual(before);
    await expectLedgerInvariants(t.database);
  });

  it('the CHECK constraint backs the guard: a direct negative balance is refused by the database', async () => {
    const account = await accountIdOf(t.database, t.fixture.residents[0]!);
    await expect(
      t.database.client.execute({
        sql: 'update accounts set balance = -1 where id = ?',
        args: [account],
      }),
    ).rejects.toThrow(/CHECK constraint/i);
    await expect(
      t.database.client.execute({
        sql: 'update accounts set balance = -1 where id = ?',
        args: [SYSTEM_ACCOUNTS.pool],
      }),
    ).rejects.toThrow(/CHECK constraint/i);
    await expect(
      t.database.client.execute({
        sql: 'update accounts set balance = -1 where id = ?',
        args: [SYSTEM_ACCOUNTS.expiry],
      }),
    ).rejects.toThrow(/CHECK constraint/i);
  });
});

describe('postEntries: several entries at once (a group of redemptions)', () => {
  const t = useSeededCommunity();

  /** Everything posting writes, as rows. */
  async function written(database: Database) {
    return {
      entries: await rows(
        database.read,
        sql`select id, at, kind, memo, actor_id, activity_id, reverses_id, prev_hash, hash from ledger_entries order by id`,
      ),
      postings: await rows(
        database.read,
        sql`select entry_id, account_id, amount, balance_after from postings order by id`,
      ),
      balances: await rows(database.read, sql`select id, balance from accounts order by id`),
      lots: await rows(
        database.read,
        sql`select account_id, year, credits from account_year_credits order by account_id, year`,
      ),
    };
  }

  it('writes what postEntry one entry after another writes, refusing an entry the ones before it left short', async () => {
    const [r1, r2, r3] = await Promise.all(
      t.fixture.residents.map((id) => accountIdOf(t.database, id)),
    );
    const m1 = await accountIdOf(t.database, t.fixture.merchants[0]!);
    const later = new Date('2027-01-05T02:00:00Z'); // another year's lot for the credits
    const line = (accountId: number, amount: number) => ({ accountId, amount });
    const by = (actor: number | null, input: EntryInput) => ({ actor, input });
    const inputs = [
      by(t.staffId, {
        kind: 'award',
        memo: '巡防',
        at: now,
        postings: [line(SYSTEM_ACCOUNTS.issuance, -50), line(r1!, 50)],
      }),
      by(t.m1, {
        kind: 'redemption',
        memo: '到店兑换',
        at: now,
        postings: [line(r1!, -30), line(m1, 30)],
      }),
      by(t.m1, {
        kind: 'redemption',
        memo: '到店兑换',
        at: now,
        postings: [line(r1!, -30), line(m1, 30)],
      }), // 20 left: refused
      by(t.r1, {
        kind: 'transfer',
        memo: '转赠',
        at: later,
        postings: [line(r1!, -20), line(r2!, 20)],
      }),
      by(t.m1, {
        kind: 'redemption',
        memo: '到店兑换',
        at: later,
        postings: [line(r3!, -1), line(m1, 1)],
      }), // nothing yet: refused
      by(null, {
        kind: 'transfer',
        memo: '三方',
        at: later,
        postings: [line(r2!, -20), line(r3!, 5), line(SYSTEM_ACCOUNTS.pool, 15)],
      }),
    ];
    const together = await t.database.write((tx) => postEntries(tx, inputs));

    await withAnotherCopy(async (other) => {
      const alone: unknown[] = [];
      for (const input of inputs)
        alone.push(
          await other.database
            .write((tx) => postEntry(tx, input.actor, input.input))
            .catch((e: unknown) => e),
        );
      expect(together.map((r) => (r.ok ? r.value.id : r.code))).toEqual([
        1,
        2,
        'insufficient_points',
        3,
        'insufficient_points',
        4,
      ]);
      expect(
        together.map((r) => (r.ok ? [r.value.hash, [...r.value.balanceAfter]] : r.code)),
      ).toEqual(
        alone.map((r) =>
          r instanceof DomainError
            ? r.code
            : [
                (r as { hash: string }).hash,
                [...(r as { balanceAfter: Map<number, number> }).balanceAfter],
              ],
        ),
      );
      expect(await written(t.database)).toEqual(await written(other.database));
    });
    await expectLedgerInvariants(t.database);
  });

  it('an account that does not exist fails the whole call, and nothing is written', async () => {
    const r1 = await accountIdOf(t.database, t.r1);
    const before = await snapshot(t.database);
    const input = (accountId: number): EntryInput => ({
      kind: 'award',
      memo: 'm',
      at: now,
      postings: [
        { accountId: SYSTEM_ACCOUNTS.issuance, amount: -5 },
        { accountId, amount: 5 },
      ],
    });
    await expect(
      t.database.write((tx) =>
        postEntries(tx, [
          { actor: null, input: input(r1) },
          { actor: null, input: input(999) },
        ]),
      ),
    ).rejects.toThrow('account 999 does not exist');
    expect(await snapshot(t.database)).toEqual(before);
  });
});

describe('hash chain', () => {
  const t = useSeededCommunity();

  it('starts at the genesis hash and every entry moves the head and links to its predecessor', async () => {
    expect(await ledgerHead(t.database.read)).toEqual({ entries: 0, head: GENESIS_HASH, at: null });
    const heads = [GENESIS_HASH];
    for (let i = 1; i <= 4; i++) {
      await grant(
        t.database,
        t.fixture.staffId,
        t.fixture.residents[i % 3]!,
        i * 10,
        new Date(now.getTime() + i * 1000),
      );
      const head = await ledgerHead(t.database.read);
      expect(head.entries).toBe(i);
      expect(head.head).toMatch(/^[0-9a-f]{64}$/);
      expect(heads).not.toContain(head.head);
      heads.push(head.head);
    }
    const chain = await rows<{ id: number; prev_hash: string; hash: string }>(
      t.database.read,
      sql`select id, prev_hash, hash from ledger_entries order by id`,
    );
    chain.forEach((e, i) => {
      expect(e.prev_hash).toBe(heads[i]);
      expect(e.hash).toBe(heads[i + 1]);
    });
  });

  it('the hash is sha-256 over the previous hash and the canonical entry, recomputable from the rows', async () => {
    await grant(t.database, t.fixture.staffId, t.fixture.residents[0]!, 25, now, '巡防');
    const [e] = await rows<Record<string, any>>(
      t.database.read,
      sql`select * from ledger_entries where id = 1`,
    );
    const lines = await rows<{ account_id: number; amount: number }>(
      t.database.read,
      sql`select account_id, amount from postings where entry_id = 1`,
    );
    const recomputed = await chainHash(GENESIS_HASH, {
      id: 1,
      at: e!.at,
      kind: e!.kind,
      memo: e!.memo,
      actorId: e!.actor_id,
      activityId: e!.activity_id,
      reversesId: e!.reverses_id,
      postings: lines
        .map((l) => ({ accountId: Number(l.account_id), amount: Number(l.amount) }))
        .reverse(),
    });
    expect(recomputed).toBe(e!.hash);
    expect(e!.prev_hash).toBe(GENESIS_HASH);
  });

  it('the database admits an entry only as the next link: no fork, no gap, no wrong link', async () => {
    await grant(t.database, t.fixture.staffId, t.fixture.residents[0]!, 25, now);
    const [head] = await rows<{ id: number; prev_hash: string; hash: string }>(
      t.database.read,
      sql`select id, prev_hash, hash from ledger_entries order by id desc limit 1`,
    );
    const insert = (id: number, prevHash: string) =>
      t.database.client.execute({
        sql: `insert into ledger_entries (id, at, kind, memo, prev_hash, hash) values (?, ?, 'award', 'forged', ?, ?)`,
        args: [id, now.toISOString(), prevHash, 'f'.repeat(64)],
      });
    const n = Number(head!.id);
    await expect(
      insert(n, head!.prev_hash),
      'a second entry on the same predecessor (a fork)',
    ).rejects.toThrow(/extend the chain|UNIQUE/i);
    await expect(insert(n + 2, head!.hash), 'a gap').rejects.toThrow(/extend the chain/);
    await expect(insert(n + 1, 'e'.repeat(64)), 'linked to a wrong hash').rejects.toThrow(
      /extend the chain/,
    );
    await expect(
      insert(n + 1, head!.prev_hash),
      "linked to the head's predecessor",
    ).rejects.toThrow(/extend the chain/);
    const [after] = await rows<{ n: number }>(
      t.database.read,
      sql`select count(*) as n from ledger_entries`,
    );
    expect(Number(after!.n)).toBe(n);
    // The right link is admitted (the hash itself is verify's business: see verify.test.ts).
    await insert(n + 1, head!.hash);
  });
});

describe('append-only', () => {
  const t = useSeededCommunity();
  beforeEach(async () => {
    await t.database.write((tx) =>
      idempotent(tx, { scope: 'test', key: 'key-00000001', body: { points: 50 }, now }, () =>
        award(
          tx,
          { actorId: t.fixture.staffId, now },
          { residentId: t.fixture.residents[0]!, points: 50, reason: 'x' },
        ),
      ),
    );
  });

  it.each([
    ['update ledger_entries set memo = ? where id = 1', ['tampered']],
    ['update ledger_entries set at = ? where id = 1', ['2020-01-01T00:00:00.000Z']],
    ['delete from ledger_entries where id = 1', []],
    ['update postings set amount = amount * 2 where entry_id = 1', []],
    ['update postings set balance_after = ? where entry_id = 1', [0]],
    ['delete from postings where entry_id = 1', []],
    ['update idempotency_keys set outcome = ?', ['{}']],
    ['delete from idempotency_keys', []],
  ])('%s raises', async (statement, args) => {
    const before = await snapshot(t.database);
    await expect(t.database.client.execute({ sql: statement, args })).rejects.toThrow(
      /append-only/,
    );
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('the triggers also hold inside a write transaction (a write that tries rolls back)', async () => {
    const before = await snapshot(t.database);
    const error = await t.database
      .write((tx) => tx.run(sql`delete from postings`))
      .catch((e: Error) => e);
    expect(String((error as Error).cause ?? error)).toMatch(/append-only/);
    expect(await snapshot(t.database)).toEqual(before);
  });
});

describe('commands', () => {
  const t = useSeededCommunity();

  it('award, redeem and transfer each post one balanced entry', async () => {
    const { staffId, residents, merchants } = t.fixture;
    const [r1, r2] = residents as [number, number];
    const a = await t.database.write((tx) =>
      award(tx, { actorId: staffId, now }, { residentId: r1, points: 100, reason: '巡防' }),
    );
    expect(a).toEqual({ id: 1, balanceAfter: 100 });
    const r = await t.database.write((tx) =>
      redeem(tx, { actorId: merchants[0]!, now }, { residentId: r1, points: 30 }),
    );
    expect(r.balanceAfter).toBe(70);
    const g = await t.database.write((tx) =>
      transfer(tx, { actorId: r1, now }, { fromResidentId: r1, to: r2, points: 20 }),
    );
    expect(g.balanceAfter).toBe(50);
    const d = await t.database.write((tx) =>
      transfer(tx, { actorId: r1, now }, { fromResidentId: r1, to: 'pool', points: 5 }),
    );
    expect(d.balanceAfter).toBe(45);
    expect(await balanceOf(t.database, r2)).toBe(20);
    expect(await balanceOf(t.database, merchants[0]!)).toBe(30);
    const kinds = await rows<{ kind: string }>(
      t.database.read,
      sql`select kind from ledger_entries order by id`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['award', 'redemption', 'transfer', 'donation']);
    const { totals } = await expectLedgerInvariants(t.database);
    expect(totals).toEqual({ issued: 100, redeemed: 30, expired: 0, outstanding: 70 });
  });

  it('refusals: unknown resident, a merchant as resident, a transfer to oneself, overdraft', async () => {
    const { staffId, residents, merchants } = t.fixture;
    await grant(t.database, staffId, residents[0]!, 10, now);
    const before = await snapshot(t.database);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: DomainError) => e.code,
      );
    expect(
      await code(
        t.database.write((tx) =>
          award(tx, { actorId: staffId, now }, { residentId: 9999, points: 5, reason: 'x' }),
        ),
      ),
    ).toBe('not_found');
    expect(
      await code(
        t.database.write((tx) =>
          award(
            tx,
            { actorId: staffId, now },
            { residentId: merchants[0]!, points: 5, reason: 'x' },
          ),
        ),
      ),
    ).toBe('not_found');
    expect(
      await code(
        t.database.write((tx) =>
          award(tx, { actorId: staffId, now }, { residentId: staffId, points: 5, reason: 'x' }),
        ),
      ),
    ).toBe('not_found');
    expect(
      await code(
        t.database.write((tx) =>
          redeem(tx, { actorId: residents[1]!, now }, { residentId: residents[0]!, points: 5 }),
        ),
      ),
    ).toBe('not_found');
    expect(
      await code(
        t.database.write((tx) =>
          transfer(
            tx,
            { actorId: residents[0]!, now },
            { fromResidentId: residents[0]!, to: residents[0]!, points: 5 },
          ),
        ),
      ),
    ).toBe('invalid_recipient');
    expect(
      await code(
        t.database.write((tx) =>
          transfer(
            tx,
            { actorId: residents[0]!, now },
            { fromResidentId: residents[0]!, to: merchants[0]!, points: 5 },
          ),
        ),
      ),
    ).toBe('not_found');
    expect(
      await code(
        t.database.write((tx) =>
          redeem(tx, { actorId: merchants[0]!, now }, { residentId: residents[0]!, points: 11 }),
        ),
      ),
    ).toBe('insufficient_points');
    expect(
      await code(
        t.database.write((tx) =>
          transfer(
            tx,
            { actorId: residents[0]!, now },
            { fromResidentId: residents[0]!, to: 'pool', points: 11 },
          ),
        ),
      ),
    ).toBe('insufficient_points');
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('daily cap per activity type and local day; a reversed award frees its share', async () => {
    const { staffId, residents, activityId } = t.fixture;
    const [r1, r2] = residents as [number, number];
    const awardFor = (residentId: number, points: number) =>
      t.database.write((tx) =>
        award(tx, { actorId: staffId, now }, { residentId, points, reason: '巡防', activityId }),
      );
    await awardFor(r1, 30);
    await awardFor(r1, 20); // exactly the cap of 50
    const before = await snapshot(t.database);
    const refused = await awardFor(r1, 1).catch((e: DomainError) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('daily_cap_exceeded');
    expect(await snapshot(t.database)).toEqual(before);
    // Another resident has their own cap; an award without activity is not capped.
    await awardFor(r2, 50);
    await grant(t.database, staffId, r1, 500, now);
    // Reversing the 20 frees 20 of the cap.
    const { reverse } = await import('../../../functions/domain/ledger/commands');
    await t.database.write((tx) =>
      reverse(tx, { actorId: staffId, now }, { entryId: 2, reason: '录错' }),
    );
    await awardFor(r1, 20);
    await expect(awardFor(r1, 1)).rejects.toMatchObject({ code: 'daily_cap_exceeded' });
    await expect(
      t.database.write((tx) =>
        award(
          tx,
          { actorId: staffId, now },
          { residentId: r1, points: 1, reason: 'x', activityId: 999 },
        ),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expectLedgerInvariants(t.database);
  });
});

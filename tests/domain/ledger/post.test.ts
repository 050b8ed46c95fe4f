import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { SYSTEM_ACCOUNTS } from '../../../functions/domain/ledger/accounts';
import { type EntryInput, postEntries, postEntry } from '../../../functions/domain/ledger/post';
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

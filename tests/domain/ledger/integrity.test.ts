import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../../functions/domain/ledger/chain';
import { award } from '../../../functions/domain/ledger/commands';
import { idempotent } from '../../../functions/domain/ledger/idempotency';
import { ledgerHead } from '../../../functions/domain/ledger/queries';
import { grant, rows, snapshot } from '../../helpers/ledger';
import { useSeededCommunity } from '../../helpers/template';

const now = new Date('2026-03-09T02:00:00Z');

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

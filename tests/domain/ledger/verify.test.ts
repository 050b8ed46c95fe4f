import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { chainHash } from '../../../functions/domain/ledger/chain';
import { redeem, reverse, transfer } from '../../../functions/domain/ledger/commands';
import { ledgerHead } from '../../../functions/domain/ledger/queries';
import {
  type ExportedEntry,
  LedgerChecker,
  verifyLedger,
} from '../../../functions/domain/ledger/verify';
import { grant, rows } from '../../helpers/ledger';
import { type SeededDatabase, useSeededCommunity } from '../../helpers/template';

const now = new Date('2026-03-09T02:00:00Z');

/** Tampering needs the append-only triggers out of the way first (only ever in a throwaway copy). */
async function dropTriggers(t: SeededDatabase) {
  for (const name of [
    'ledger_entries_no_update',
    'ledger_entries_no_delete',
    'postings_no_update',
    'postings_no_delete',
  ]) {
    await t.database.client.execute(`drop trigger ${name}`);
  }
}

describe('verifyLedger', () => {
  const t = useSeededCommunity();
  beforeEach(async () => {
    const { staffId, residents, merchants } = t.fixture;
    const [r1, r2] = residents as [number, number];
    await grant(t.database, staffId, r1, 100, now, '巡防'); // 1
    await grant(t.database, staffId, r2, 40, now, '助老'); // 2
    await t.database.write((tx) =>
      redeem(tx, { actorId: merchants[0]!, now }, { residentId: r1, points: 30 }),
    ); // 3
    await t.database.write((tx) =>
      transfer(tx, { actorId: r1, now }, { fromResidentId: r1, to: r2, points: 10 }),
    ); // 4
    await t.database.write((tx) =>
      reverse(tx, { actorId: staffId, now }, { entryId: 3, reason: '退货' }),
    ); // 5
    await t.database.write((tx) =>
      transfer(tx, { actorId: r2, now }, { fromResidentId: r2, to: 'pool', points: 5 }),
    ); // 6
  });

  it('an untouched ledger verifies, with the head and the conservation totals', async () => {
    const report = await verifyLedger(t.database.read);
    expect(report).toMatchObject({
      ok: true,
      entries: 6,
      totals: { issued: 140, redeemed: 0, expired: 0, outstanding: 140 },
    });
    expect(report.head).toBe((await ledgerHead(t.database.read)).head);
    expect(report.problem).toBeUndefined();
  });

  it('an edited memo breaks the chain at that entry', async () => {
    await dropTriggers(t);
    await t.database.client.execute(`update ledger_entries set memo = '巡防（改）' where id = 2`);
    const report = await verifyLedger(t.database.read);
    expect(report.ok).toBe(false);
    expect(report.problem?.entryId).toBe(2);
    expect(report.problem?.message).toMatch(/hash/);
    expect(report.entries).toBe(1);
  });

  it('an edited amount (still balanced) is caught at that entry', async () => {
    await dropTriggers(t);
    await t.database.client.execute(
      `update postings set amount = amount * 2, balance_after = balance_after * 2 where entry_id = 4`,
    );
    const report = await verifyLedger(t.database.read);
    expect(report.ok).toBe(false);
    expect(report.problem?.entryId).toBe(4);
  });

  it('an edited timestamp is caught at that entry', async () => {
    await dropTriggers(t);
    await t.database.client.execute(
      `update ledger_entries set at = '2020-01-01T00:00:00.000Z' where id = 5`,
    );
    expect((await verifyLedger(t.database.read)).problem?.entryId).toBe(5);
  });

  it('a removed entry is caught where the gap is', async () => {
    await dropTriggers(t);
    await t.database.client.execute(`delete from postings where entry_id = 3`);
    await t.database.client.execute(`delete from ledger_entries where id = 3`);
    const report = await verifyLedger(t.database.read);
    expect(report.ok).toBe(false);
    expect(report.problem?.entryId).toBe(4);
  });

  it('a forged entry with a correctly recomputed hash still breaks the link to the next one', async () => {
    await dropTriggers(t);
    const [e] = await rows<Record<string, any>>(
      t.database.read,
      sql`select * from ledger_entries where id = 2`,
    );
    const lines = await rows<Record<string, any>>(
      t.database.read,
      sql`select account_id, amount from postings where entry_id = 2`,
    );
    const forgedHash = await chainHash(e!.prev_hash, {
      id: 2,
      at: e!.at,
      kind: e!.kind,
      memo: 'forged',
      actorId: e!.actor_id,
      activityId: e!.activity_id,
      reversesId: e!.reverses_id,
      postings: lines.map((l) => ({ accountId: Number(l.account_id), amount: Number(l.amount) })),
    });
    await t.database.client.execute({
      sql: `update ledger_entries set memo = 'forged', hash = ? where id = 2`,
      args: [forgedHash],
    });
    const report = await verifyLedger(t.database.read);
    expect(report.ok).toBe(false);
    expect(report.problem?.entryId).toBe(3);
    expect(report.problem?.message).toMatch(/prev_hash/);
    expect(report.entries).toBe(2);
  });

  it('a wrong balance_after is caught at that entry', async () => {
    await dropTriggers(t);
    await t.database.client.execute(
      `update postings set balance_after = balance_after + 1 where entry_id = 4 and amount > 0`,
    );
    const report = await verifyLedger(t.database.read);
    expect(report.problem?.entryId).toBe(4);
    expect(report.problem?.message).toMatch(/balance_after/);
  });

  it('an edited cached balance (accounts are not append-only) is named by account', async () => {
    const [acct] = await rows<{ id: number }>(
      t.database.read,
      sql`select id from accounts where owner_id = ${t.fixture.residents[0]!}`,
    );
    await t.database.client.execute({
      sql: 'update accounts set balance = balance + 7 where id = ?',
      args: [acct!.id],
    });
    const report = await verifyLedger(t.database.read);
    expect(report.ok).toBe(false);
    expect(report.problem?.entryId).toBeNull();
    expect(report.problem?.message).toContain(`account ${acct!.id}`);
  });

  it('an edited expiry lot (a cache of the postings) is named by account and year', async () => {
    const [lot] = await rows<{ account_id: number; year: number }>(
      t.database.read,
      sql`select account_id, year from account_year_credits limit 1`,
    );
    await t.database.client.execute({
      sql: 'update account_year_credits set credits = credits + 5 where account_id = ? and year = ?',
      args: [lot!.account_id, lot!.year],
    });
    const report = await verifyLedger(t.database.read);
    expect(report.ok).toBe(false);
    expect(report.problem?.message).toContain(
      `account ${lot!.account_id}: credits of ${lot!.year}`,
    );
  });

  it('anyone holding an export recomputes the same head', async () => {
    const entries = await rows<Record<string, any>>(
      t.database.read,
      sql`select * from ledger_entries order by id`,
    );
    const lines = await rows<Record<string, any>>(
      t.database.read,
      sql`select entry_id, account_id, amount from postings order by id`,
    );
    const exported: ExportedEntry[] = entries.map((e) => ({
      id: Number(e.id),
      at: e.at,
      kind: e.kind,
      memo: e.memo,
      actorId: e.actor_id === null ? null : Number(e.actor_id),
      activityId: e.activity_id === null ? null : Number(e.activity_id),
      reversesId: e.reverses_id === null ? null : Number(e.reverses_id),
      prevHash: e.prev_hash,
      hash: e.hash,
      postings: lines
        .filter((l) => Number(l.entry_id) === Number(e.id))
        .map((l) => ({ accountId: Number(l.account_id), amount: Number(l.amount) })),
    }));
    const checker = new LedgerChecker(new Map([[1, 'issuance']]));
    for (const e of exported) expect(await checker.check(e)).toBeUndefined();
    expect(checker.head).toBe((await ledgerHead(t.database.read)).head);
    // The same export with one memo changed fails at that entry.
    const forged = new LedgerChecker(new Map([[1, 'issuance']]));
    const problems = [];
    for (const e of exported.map((x) => (x.id === 3 ? { ...x, memo: 'forged' } : x))) {
      const p = await forged.check(e);
      if (p) {
        problems.push(p);
        break;
      }
    }
    expect(problems[0]?.entryId).toBe(3);
  });
});

import { and, eq, gt } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { accounts, ledgerEntries, postings, users } from '../../db/schema';
import { runExpiry } from '../domain/ledger/expiry';
import { ledgerHead } from '../domain/ledger/queries';
import { EXIT_OK, n, type Output } from './cli-support';

const LIST_MAX = 50;

/** `expire [--at date]`: lapses every lot past its deadline (idempotent) and lists what expired. */
export async function expirePoints(database: Database, at: Date, output: Output): Promise<number> {
  const before = (await ledgerHead(database.read)).entries;
  const run = await runExpiry(database, at);
  if (run.entries === 0) {
    output.out(
      `截至 ${at.toISOString()} 没有需要过期的积分${run.periods.length ? `（${run.periods.join('、')} 年的积分已处理过）` : ''}。(nothing to expire)`,
    );
    return EXIT_OK;
  }
  output.out(
    `已过期 ${n(run.points)} 分，共 ${n(run.entries)} 条账目（积分年份 ${run.periods.join('、')}）。(expired ${run.points} points in ${run.entries} entries)`,
  );
  // The entries this run wrote (the server may have written others meanwhile: only expiries count).
  const rows = await database.read
    .select({
      id: ledgerEntries.id,
      memo: ledgerEntries.memo,
      amount: postings.amount,
      login: users.login,
    })
    .from(ledgerEntries)
    .innerJoin(postings, eq(postings.entryId, ledgerEntries.id))
    .innerJoin(accounts, eq(accounts.id, postings.accountId))
    .leftJoin(users, eq(users.id, accounts.ownerId))
    .where(
      and(
        gt(ledgerEntries.id, before),
        eq(ledgerEntries.kind, 'expiry'),
        eq(accounts.kind, 'resident'),
      ),
    )
    .orderBy(ledgerEntries.id)
    .limit(LIST_MAX + 1);
  for (const r of rows.slice(0, LIST_MAX))
    output.out(`  #${r.id}  ${r.login ?? '?'}  ${r.amount}  ${r.memo}`);
  if (run.entries > LIST_MAX)
    output.out(`  …… 另有 ${n(run.entries - LIST_MAX)} 条 (and ${run.entries - LIST_MAX} more)`);
  return EXIT_OK;
}

/**
 * The ledger history of a benchmark database: awards, redemptions, gifts and donations continuing
 * the demo ledger's hash chain (see bench/generate.ts).
 */
import { createHash } from 'node:crypto';
import type { Client, InValue } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../db/schema';
import { ACTIVITY_TYPES } from '../db/seed/community';
import type { Random } from '../db/seed/random';
import { SYSTEM_ACCOUNTS } from '../functions/domain/ledger/accounts';
import { type ChainedEntry, canonicalEntry } from '../functions/domain/ledger/chain';
import { rebuildCreditLots } from '../functions/domain/ledger/expiry';
import { insertRows, log, round, scalar } from './lib';

/** Residents never spend below this in the generated history, so the benchmark always has points to redeem. */
export const RESERVE = 200;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const AWARD_REASONS = ACTIVITY_TYPES.flatMap((t) =>
  t.titles.map((title) => `${title}（${t.places[0]}）`),
);
const GIFT_MEMOS = ['送给楼下的独居老人', '谢谢帮忙照看孩子', '给邻居换米面油'];

export async function generateLedger(
  client: Client,
  target: number,
  now: Date,
  rng: Random,
): Promise<number> {
  const head = (
    await client.execute('SELECT id, hash FROM ledger_entries ORDER BY id DESC LIMIT 1')
  ).rows[0];
  let id = Number(head?.[0] ?? 0);
  let prevHash = String(head?.[1] ?? '0'.repeat(64));
  if (id >= target) return id;

  const staffId = await scalar(client, "SELECT id FROM users WHERE login = 'staff1'");
  const accountRows = (
    await client.execute('SELECT a.id, a.kind, a.owner_id, a.balance FROM accounts a ORDER BY a.id')
  ).rows;
  const maxAccount = Math.max(...accountRows.map((r) => Number(r[0])));
  const balance = new Float64Array(maxAccount + 1);
  const owner = new Int32Array(maxAccount + 1);
  const residentAccounts: number[] = [];
  const merchantAccounts: number[] = [];
  for (const r of accountRows) {
    const a = Number(r[0]);
    balance[a] = Number(r[3]);
    owner[a] = Number(r[2] ?? 0);
    if (r[1] === 'resident') residentAccounts.push(a);
    if (r[1] === 'merchant') merchantAccounts.push(a);
  }
  const touched = new Set<number>();

  // Spread the new entries over the year before `now`, in id order.
  const count = target - id;
  const from = now.getTime() - 365 * 86_400_000;
  const step = (364 * 86_400_000) / count;

  let entryRows: InValue[][] = [];
  let postingRows: InValue[][] = [];
  const FLUSH = 50_000;
  const flush = async () => {
    const tx = await client.transaction('write');
    await insertRows(
      tx,
      'ledger_entries',
      ['id', 'at', 'kind', 'memo', 'actor_id', 'activity_id', 'reverses_id', 'prev_hash', 'hash'],
      entryRows,
      2000,
    );
    await insertRows(
      tx,
      'postings',
      ['entry_id', 'account_id', 'amount', 'balance_after'],
      postingRows,
      4000,
    );
    await tx.commit();
    tx.close();
    entryRows = [];
    postingRows = [];
  };

  // Every resident first gets a welcome award well above the reserve (kept by every later spend).
  const welcome = residentAccounts.filter((a) => balance[a]! < RESERVE * 2);
  let n = 0;
  const post = (
    kind: string,
    memo: string,
    actorId: number | null,
    lines: Array<{ accountId: number; amount: number }>,
  ) => {
    id++;
    const at = new Date(from + n * step).toISOString();
    n++;
    const entry: ChainedEntry = {
      id,
      at,
      kind,
      memo,
      actorId,
      activityId: null,
      reversesId: null,
      postings: lines,
    };
    const hash = sha256(`${prevHash}\n${canonicalEntry(entry)}`);
    entryRows.push([id, at, kind, memo, actorId, null, null, prevHash, hash]);
    for (const p of [...lines].sort((a, b) => a.amount - b.amount)) {
      balance[p.accountId]! += p.amount;
      touched.add(p.accountId);
      postingRows.push([id, p.accountId, p.amount, balance[p.accountId]!]);
    }
    prevHash = hash;
  };

  const t0 = performance.now();
  while (id < target) {
    if (welcome.length > 0) {
      const a = welcome.pop()!;
      post('award', '新居民入户志愿服务积分', staffId, [
        { accountId: SYSTEM_ACCOUNTS.issuance, amount: -(RESERVE * 3) },
        { accountId: a, amount: RESERVE * 3 },
      ]);
    } else {
      const r = rng.next();
      const a = residentAccounts[Math.floor(rng.next() * residentAccounts.length)]!;
      const points = rng.pick([5, 10, 10, 15, 20, 30, 50]);
      const canSpend = balance[a]! - points >= RESERVE;
      if (r < 0.45 || !canSpend) {
        post('award', rng.pick(AWARD_REASONS), staffId, [
          { accountId: SYSTEM_ACCOUNTS.issuance, amount: -points },
          { accountId: a, amount: points },
        ]);
      } else if (r < 0.88) {
        const m = merchantAccounts[Math.floor(rng.next() * merchantAccounts.length)]!;
        post('redemption', '到店兑换', owner[m]!, [
          { accountId: a, amount: -points },
          { accountId: m, amount: points },
        ]);
      } else if (r < 0.96) {
        let to = residentAccounts[Math.floor(rng.next() * residentAccounts.length)]!;
        if (to === a)
          to = residentAccounts[(residentAccounts.indexOf(a) + 1) % residentAccounts.length]!;
        post('transfer', rng.pick(GIFT_MEMOS), owner[a]!, [
          { accountId: a, amount: -points },
          { accountId: to, amount: points },
        ]);
      } else {
        post('donation', '捐给社区积分池，帮助困难家庭', owner[a]!, [
          { accountId: a, amount: -points },
          { accountId: SYSTEM_ACCOUNTS.pool, amount: points },
        ]);
      }
    }
    if (entryRows.length >= FLUSH) {
      await flush();
      log(
        `generate: ledger ${id}/${target} (${round((id * 1000) / (performance.now() - t0) / 1000, 0)}k/s)`,
      );
    }
  }
  if (entryRows.length > 0) await flush();

  // The balances are a cache of the postings, kept in the same transaction as they are in postEntry.
  const tx = await client.transaction('write');
  const ids = [...touched];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await tx.execute({
      sql: `UPDATE accounts SET balance = CASE id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (${chunk.map(() => '?').join(',')})`,
      args: [...chunk.flatMap((a) => [a, balance[a]!]), ...chunk],
    });
  }
  // So are the expiry lots (what postEntry keeps per resident and year).
  await rebuildCreditLots(drizzle(tx as unknown as Client, { schema }));
  await tx.commit();
  tx.close();
  return id;
}

import { sql } from 'drizzle-orm';
import type { Client } from '@libsql/client';
import type { Database, Db } from '../../../db/client';
import { localYear, startOfLocalYear } from '../shared/time';
import { SYSTEM_ACCOUNTS } from './accounts';
import { idempotent } from './idempotency';
import { postEntry } from './post';

/**
 * Points expire at the end of the `years`-th calendar year after the year they were earned
 * (default 2: points earned in 2024 lapse when 2026 ends), oldest first. Every credit to a
 * resident's account is a lot dated by its entry; every debit consumes the oldest lots first.
 * So what is left of the lots of year Y and earlier is max(0, credits up to Y − all debits).
 */
export const DEFAULT_EXPIRY_YEARS = 2;

export const expiryDeadline = (lotYear: number, years: number) => startOfLocalYear(lotYear + years + 1);

interface LotTotals {
  creditsByYear: Map<number, number>;
  debits: number;
}

async function lotTotals(db: Db, accountIds: number[] | 'residents'): Promise<Map<number, LotTotals>> {
  // GET /api/me runs this for every balance read: a few rows of the lots cache (kept by postEntry),
  // never the resident's whole history; a plain SQL template (the query builder costs more than the query).
  const scope = accountIds === 'residents' ? sql`a.kind = 'resident'` : sql`a.id in (${sql.join(accountIds.map((id) => sql`${id}`), sql`, `)})`;
  const rows = await db.all<{ accountId: number; balance: number; year: number; credits: number }>(sql`
    select a.id as accountId, a.balance as balance, c.year as year, c.credits as credits
    from accounts a join account_year_credits c on c.account_id = a.id where ${scope}`);
  const totals = new Map<number, LotTotals & { credits: number; balance: number }>();
  for (const r of rows) {
    const t = totals.get(r.accountId) ?? { creditsByYear: new Map(), debits: 0, credits: 0, balance: Number(r.balance) };
    t.creditsByYear.set(Number(r.year), Number(r.credits));
    t.credits += Number(r.credits);
    totals.set(r.accountId, t);
  }
  // Every debit of a resident account spends lots; the balance is what the lots left: debits = credits − balance.
  for (const t of totals.values()) t.debits = t.credits - t.balance;
  return totals;
}

/**
 * Recomputes the lots cache from the postings (for ledgers written in bulk, not through postEntry,
 * such as the benchmark's generated ones). The same statement as migration 0008's backfill.
 */
export async function rebuildCreditLots(tx: Pick<Client, 'execute'>): Promise<void> {
  await tx.execute('DELETE FROM account_year_credits');
  await tx.execute(`INSERT INTO account_year_credits (account_id, year, credits)
    SELECT p.account_id, CAST(strftime('%Y', e.at, '+8 hours') AS INTEGER), SUM(p.amount)
    FROM postings p JOIN ledger_entries e ON e.id = p.entry_id JOIN accounts a ON a.id = p.account_id
    WHERE a.kind = 'resident' AND p.amount > 0
    GROUP BY 1, 2`);
}

/** Points of lot years ≤ `year` still unspent, FIFO. */
function remainingThrough(t: LotTotals, year: number): number {
  let credits = 0;
  for (const [y, c] of t.creditsByYear) if (y <= year) credits += c;
  return Math.max(0, credits - t.debits);
}

export interface ExpiringLot {
  points: number;
  at: string;
}

/** What a resident will lose and when, if they spend nothing before then. */
export async function expiringSchedule(db: Db, accountId: number, now: Date, years = DEFAULT_EXPIRY_YEARS): Promise<ExpiringLot[]> {
  const t = (await lotTotals(db, [accountId])).get(accountId);
  if (!t) return [];
  const lotYears = [...t.creditsByYear.keys()].sort((a, b) => a - b);
  const schedule: ExpiringLot[] = [];
  let alreadyCounted = 0;
  for (const y of lotYears) {
    const through = remainingThrough(t, y);
    const points = through - alreadyCounted;
    alreadyCounted = through;
    const deadline = expiryDeadline(y, years);
    if (points > 0 && deadline.getTime() > now.getTime()) schedule.push({ points, at: deadline.toISOString() });
  }
  return schedule;
}

export interface ExpiryRun {
  periods: number[];
  entries: number;
  points: number;
}

/**
 * Expires every lot whose deadline has passed. Idempotent per (lot year, account): each expiry
 * is recorded under the key `expiry:<year>` in the account's scope, so a second run — or a run
 * that crashed half-way and is started again — moves nothing twice.
 */
export async function runExpiry(database: Database, now: Date, years = DEFAULT_EXPIRY_YEARS): Promise<ExpiryRun> {
  const lastLapsedYear = localYear(now) - years - 1;
  const totals = await lotTotals(database.read, 'residents');
  const run: ExpiryRun = { periods: [], entries: 0, points: 0 };
  const periods = new Set<number>();
  for (const [accountId, t] of totals) {
    const lapsedYears = [...t.creditsByYear.keys()].filter((y) => y <= lastLapsedYear).sort((a, b) => a - b);
    for (const year of lapsedYears) {
      const outcome = await database.write(async (tx) => {
        // Recomputed inside the transaction: a redemption may have landed since the read above.
        const fresh = (await lotTotals(tx, [accountId])).get(accountId)!;
        return idempotent(tx, { scope: `system:${accountId}:expiry`, key: `expiry-${year}`, body: { accountId, year }, now }, async () => {
          const points = remainingThrough(fresh, year);
          if (points === 0) return { points: 0 };
          await postEntry(tx, {
            kind: 'expiry',
            memo: `${year} 年获得的积分已于 ${year + years} 年底到期`,
            at: now,
            postings: [
              { accountId, amount: -points },
              { accountId: SYSTEM_ACCOUNTS.expiry, amount: points },
            ],
          });
          return { points };
        });
      });
      periods.add(year);
      if (outcome.ok && !outcome.replayed && outcome.value.points > 0) {
        run.entries++;
        run.points += outcome.value.points;
      }
    }
  }
  run.periods = [...periods].sort();
  return run;
}


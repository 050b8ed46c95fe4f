import { type SQL, sql } from 'drizzle-orm';
import type { Database, Db } from '../../../db/client';
import { inList } from '../shared/sql';
import { localDate, localYear, startOfLocalYear } from '../shared/time';
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

export const expiryDeadline = (lotYear: number, years: number) =>
  startOfLocalYear(lotYear + years + 1);

interface LotTotals {
  creditsByYear: Map<number, number>;
  debits: number;
}

type LotRow = { accountId: number; balance: number; year: number | null; credits: number | null };

/** Lot totals per account from rows of (account, balance, lot year, credits); a row without a year is an account with no lots. */
function totalsOf(rows: LotRow[]): Map<number, LotTotals> {
  const totals = new Map<number, LotTotals & { credits: number; balance: number }>();
  for (const r of rows) {
    const t = totals.get(r.accountId) ?? {
      creditsByYear: new Map(),
      debits: 0,
      credits: 0,
      balance: Number(r.balance),
    };
    if (r.year !== null) {
      t.creditsByYear.set(Number(r.year), Number(r.credits));
      t.credits += Number(r.credits);
    }
    totals.set(r.accountId, t);
  }
  // Every debit of a resident account spends lots; the balance is what the lots left: debits = credits − balance.
  for (const t of totals.values()) t.debits = t.credits - t.balance;
  return totals;
}

async function lotTotals(
  db: Db,
  accountIds: number[] | 'residents',
): Promise<Map<number, LotTotals>> {
  // A few rows of the lots cache (kept by postEntries), never the accounts' whole history; a plain
  // SQL template (the query builder costs more than the query).
  const scope =
    accountIds === 'residents' ? sql`a.kind = 'resident'` : sql`a.id in ${inList(accountIds)}`;
  return totalsOf(
    await db.all<LotRow>(sql`
      select a.id as accountId, a.balance as balance, c.year as year, c.credits as credits
      from accounts a join account_year_credits c on c.account_id = a.id where ${scope}`),
  );
}

/**
 * Recomputes the lots cache from the postings (for ledgers written in bulk, not through postEntries,
 * such as the benchmark's generated ones). The same statement as migration 0008's backfill.
 */
export async function rebuildCreditLots(tx: Db): Promise<void> {
  await tx.run(sql`DELETE FROM account_year_credits`);
  await tx.run(sql`INSERT INTO account_year_credits (account_id, year, credits)
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
export async function expiringSchedule(
  db: Db,
  accountId: number,
  now: Date,
  years = DEFAULT_EXPIRY_YEARS,
): Promise<ExpiringLot[]> {
  return scheduleOf((await lotTotals(db, [accountId])).get(accountId), now, years);
}

function scheduleOf(t: LotTotals | undefined, now: Date, years: number): ExpiringLot[] {
  if (!t) return [];
  const lotYears = [...t.creditsByYear.keys()].sort((a, b) => a - b);
  const schedule: ExpiringLot[] = [];
  let alreadyCounted = 0;
  for (const y of lotYears) {
    const through = remainingThrough(t, y);
    const points = through - alreadyCounted;
    alreadyCounted = through;
    const deadline = expiryDeadline(y, years);
    if (points > 0 && deadline.getTime() > now.getTime())
      schedule.push({ points, at: deadline.toISOString() });
  }
  return schedule;
}

/** A lapse as the counter and the resident's phone show it: points, and the local date they lapse on. */
export interface Lapse {
  points: number;
  on: string;
}

export interface Standing {
  balance: number;
  expiring: Lapse[];
}

/**
 * Resident accounts' balances and lapse schedules as they stand in the caller's transaction, in one
 * query: what the counter's look-up shows.
 */
export async function standingOf(
  db: Db,
  accountIds: number[],
  now: Date,
): Promise<Map<number, Standing>> {
  if (accountIds.length === 0) return new Map();
  return standingsFrom(await lotsWhere(db, sql`a.id in ${inList(accountIds)}`), now);
}

/**
 * The lots of residents (`residents`: a query of their user ids) read before a redemption, so that its receipt's schedule needs
 * no read after its writes: a debit changes only the balance, which `standingsFrom` is given.
 */
export function lotsOfResidents(db: Db, residents: SQL): Promise<StandingRow[]> {
  return lotsWhere(db, sql`a.owner_id in (${residents}) and a.kind = 'resident'`);
}

type StandingRow = LotRow & { expiryYears: string | null };

function lotsWhere(db: Db, where: SQL): Promise<StandingRow[]> {
  return db.all<StandingRow>(sql`
    select a.id as accountId, a.balance as balance, c.year as year, c.credits as credits,
      (select value from settings where key = ${EXPIRY_YEARS_SETTING}) as expiryYears
    from accounts a left join account_year_credits c on c.account_id = a.id where ${where}`);
}

/** Standings by account id from lot rows; `balances` overrides the balance the rows were read with. */
export function standingsFrom(
  rows: StandingRow[],
  now: Date,
  balances: Map<number, number> = new Map(),
): Map<number, Standing> {
  const years = expiryYearsOf(rows[0]?.expiryYears);
  const current = rows.map((r) => {
    const balance = balances.get(Number(r.accountId));
    return balance === undefined ? r : { ...r, balance };
  });
  const totals = totalsOf(current);
  return new Map(
    current.map((r) => [
      Number(r.accountId),
      {
        balance: Number(r.balance),
        expiring: scheduleOf(totals.get(Number(r.accountId)), now, years).map((lot) => ({
          points: lot.points,
          on: localDate(new Date(lot.at)),
        })),
      },
    ]),
  );
}

/** The community setting (settings table) of how many years points last. */
export const EXPIRY_YEARS_SETTING = 'points_expiry_years';
/** The community setting of how many days before points lapse the resident's phone warns of it. */
export const EXPIRY_NOTICE_DAYS_SETTING = 'points_expiry_notice_days';
export const DEFAULT_EXPIRY_NOTICE_DAYS = 30;

/** The stored notice period, or the default when it is absent or out of range (0 turns the notice off). */
export function expiryNoticeDaysOf(value: string | null | undefined): number {
  if (value == null || value.trim() === '') return DEFAULT_EXPIRY_NOTICE_DAYS;
  const days = Number(value);
  return Number.isInteger(days) && days >= 0 && days <= 366 ? days : DEFAULT_EXPIRY_NOTICE_DAYS;
}

export interface ExpiryNotice {
  points: number;
  /** The local date the points lapse on (at its first instant). */
  on: string;
}

/** The next lapse, when it falls within the notice period: what the resident's phone warns of. */
export function expiryNotice(
  schedule: ExpiringLot[],
  now: Date,
  noticeDays: number,
): ExpiryNotice | null {
  const next = schedule[0];
  if (!next || noticeDays <= 0) return null;
  const at = new Date(next.at);
  if (at.getTime() - now.getTime() > noticeDays * 24 * 60 * 60_000) return null;
  return { points: next.points, on: localDate(at) };
}

/** The stored setting's value, or the default when it is absent or out of range. */
export function expiryYearsOf(value: string | null | undefined): number {
  if (value == null) return DEFAULT_EXPIRY_YEARS;
  const years = Number(value);
  return Number.isInteger(years) && years >= 0 && years <= 50 ? years : DEFAULT_EXPIRY_YEARS;
}

export interface ResidentBalance {
  id: number;
  displayName: string;
  accountId: number;
  balance: number;
  expiring: ExpiringLot[];
  notice: ExpiryNotice | null;
}

/**
 * A resident's balance, what lapses when and the notice of the next lapse (GET /api/me, the most
 * frequent request of all): profile, lots (as one JSON array) and the expiry settings in one single-row statement,
 * not a round trip through the driver for each (BENCHMARKS.md, third round).
 */
export async function residentBalance(
  db: Db,
  userId: number,
  now: Date,
): Promise<ResidentBalance | undefined> {
  const [row] = await db.all<{
    id: number;
    displayName: string;
    accountId: number;
    balance: number;
    lots: string;
    expiryYears: string | null;
    noticeDays: string | null;
  }>(
    sql`select u.id as id, u.display_name as displayName, a.id as accountId, a.balance as balance,
      (select json_group_array(json_array(c.year, c.credits)) from account_year_credits c where c.account_id = a.id) as lots,
      (select value from settings where key = ${EXPIRY_YEARS_SETTING}) as expiryYears,
      (select value from settings where key = ${EXPIRY_NOTICE_DAYS_SETTING}) as noticeDays
    from users u join residents r on r.user_id = u.id join accounts a on a.owner_id = u.id
    where u.id = ${userId} limit 1`,
  );
  if (!row) return undefined;
  const accountId = Number(row.accountId);
  const balance = Number(row.balance);
  const lots = (JSON.parse(row.lots) as Array<[number, number]>).map(
    ([year, credits]): LotRow => ({ accountId, balance, year, credits }),
  );
  const expiring = scheduleOf(totalsOf(lots).get(accountId), now, expiryYearsOf(row.expiryYears));
  return {
    id: Number(row.id),
    displayName: row.displayName,
    accountId,
    balance,
    expiring,
    notice: expiryNotice(expiring, now, expiryNoticeDaysOf(row.noticeDays)),
  };
}

export interface ExpiryRun {
  periods: number[];
  entries: number;
  points: number;
}

/**
 * Expires every lot whose deadline has passed. Idempotent per (lot year, account): each expiry
 * is recorded under the key `expiry-<year>` in the scope `system:<account>:expiry`, so a second run — or a run
 * that crashed half-way and is started again — moves nothing twice.
 */
export async function runExpiry(
  database: Database,
  now: Date,
  years = DEFAULT_EXPIRY_YEARS,
): Promise<ExpiryRun> {
  const lastLapsedYear = localYear(now) - years - 1;
  const totals = await lotTotals(database.read, 'residents');
  const run: ExpiryRun = { periods: [], entries: 0, points: 0 };
  const periods = new Set<number>();
  for (const [accountId, t] of totals) {
    const lapsedYears = [...t.creditsByYear.keys()]
      .filter((y) => y <= lastLapsedYear)
      .sort((a, b) => a - b);
    for (const year of lapsedYears) {
      const outcome = await database.write(async (tx) => {
        // Recomputed inside the transaction: a redemption may have landed since the read above.
        const fresh = (await lotTotals(tx, [accountId])).get(accountId)!;
        return idempotent(
          tx,
          {
            scope: `system:${accountId}:expiry`,
            key: `expiry-${year}`,
            body: { accountId, year },
            now,
          },
          async () => {
            const points = remainingThrough(fresh, year);
            if (points === 0) return { points: 0 };
            await postEntry(tx, null, {
              kind: 'expiry',
              memo: `${year} 年获得的积分已于 ${year + years} 年底到期`,
              at: now,
              postings: [
                { accountId, amount: -points },
                { accountId: SYSTEM_ACCOUNTS.expiry, amount: points },
              ],
            });
            return { points };
          },
        );
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

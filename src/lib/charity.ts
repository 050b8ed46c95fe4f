import type { CharityView, PublicFund } from '../../functions/domain/publishing/charity';
import { paths } from '../../functions/domain/publishing/urls';
import { getOrPut } from '../../functions/domain/shared/maps';
import { monthRange } from './format';

/**
 * Derived views of the published charity records for the pages: balances over a common month
 * axis, and the monthly statements (公示) of a fund. Pure functions of CharityView.
 */

/** The funds that count in the overviews' totals and charts: a withdrawn fund keeps only its own page and its row. */
export function liveFunds(charity: CharityView): PublicFund[] {
  return charity.funds.filter((f) => f.status === 'published');
}

/** Every fund's month-end balance on one month axis (balances carried through quiet months). */
export function balanceSeries(funds: PublicFund[]): {
  months: string[];
  series: Array<{ fund: PublicFund; values: number[] }>;
} {
  const all = funds.flatMap((f) => f.months.map((m) => m.month)).sort();
  if (all.length === 0) return { months: [], series: [] };
  const months = monthRange(all[0]!, all[all.length - 1]!);
  const series = funds.map((fund) => {
    const byMonth = new Map(fund.months.map((m) => [m.month, m.balanceFen]));
    let balance = 0;
    return { fund, values: months.map((m) => (balance = byMonth.get(m) ?? balance)) };
  });
  return { months, series };
}

export interface FundStatement {
  month: string;
  openingFen: number;
  inFen: number;
  outFen: number;
  closingFen: number;
  inKindFen: number;
  donations: CharityView['donations'];
  incomes: CharityView['incomes'];
  expenses: CharityView['expenses'];
  corrections: CharityView['corrections'];
}

/** A fund's records of one month, in the order the view lists them. */
interface MonthRecords {
  donations: CharityView['donations'];
  incomes: CharityView['incomes'];
  expenses: CharityView['expenses'];
  corrections: CharityView['corrections'];
}

/**
 * Every record of the view filed by fund and month ('YYYY-MM', from its date), built once per view:
 * a district's register has ~50,000 records, and every statement (one per fund and month, in two
 * languages) and every fund page (one statement per month) used to filter all of them.
 */
const byFundMonth = new WeakMap<CharityView, Map<number, Map<string, MonthRecords>>>();

function fileByFundMonth(charity: CharityView): Map<number, Map<string, MonthRecords>> {
  const index = byFundMonth.get(charity);
  if (index) return index;
  const built = new Map<number, Map<string, MonthRecords>>();
  const file = <K extends keyof MonthRecords>(kind: K, rows: MonthRecords[K]) => {
    for (const row of rows) {
      const months = getOrPut(built, row.fundId, () => new Map<string, MonthRecords>());
      const records = getOrPut(
        months,
        row.date.slice(0, 7),
        (): MonthRecords => ({ donations: [], incomes: [], expenses: [], corrections: [] }),
      );
      (records[kind] as Array<(typeof rows)[number]>).push(row);
    }
  };
  file('donations', charity.donations);
  file('incomes', charity.incomes);
  file('expenses', charity.expenses);
  file('corrections', charity.corrections);
  byFundMonth.set(charity, built);
  return built;
}

/** The months in which a fund had any published activity (cash, goods or corrections), newest first. */
export function statementMonths(fund: PublicFund, charity: CharityView): string[] {
  const months = new Set([
    ...fund.months.map((m) => m.month),
    ...(fileByFundMonth(charity).get(fund.id)?.keys() ?? []),
  ]);
  return [...months].sort().reverse();
}

export function fundStatement(
  fund: PublicFund,
  charity: CharityView,
  month: string,
): FundStatement {
  // A record is in the month when its date starts with it: for a 'YYYY-MM' month, the index's
  // filing by the first 7 characters of the date; anything else is filtered as such.
  const of = <T extends { fundId: number; date: string }>(rows: T[]) =>
    rows.filter((r) => r.fundId === fund.id && r.date.startsWith(month));
  const records: MonthRecords | undefined = /^\d{4}-\d{2}$/.test(month)
    ? fileByFundMonth(charity).get(fund.id)?.get(month)
    : {
        donations: of(charity.donations),
        incomes: of(charity.incomes),
        expenses: of(charity.expenses),
        corrections: of(charity.corrections),
      };
  const flow = fund.months.find((m) => m.month === month);
  const before = fund.months.filter((m) => m.month < month);
  const openingFen = before.length > 0 ? before[before.length - 1]!.balanceFen : 0;
  const inFen = flow?.inFen ?? 0;
  const outFen = flow?.outFen ?? 0;
  const donations = records ? [...records.donations] : [];
  return {
    month,
    openingFen,
    inFen,
    outFen,
    closingFen: flow?.balanceFen ?? openingFen,
    inKindFen: donations.filter((d) => d.form === 'in_kind').reduce((s, d) => s + d.amountFen, 0),
    donations,
    incomes: records ? [...records.incomes] : [],
    expenses: records ? [...records.expenses] : [],
    corrections: records ? [...records.corrections] : [],
  };
}

/** Newest first, for registers read from the top. */
export function newestFirst<T extends { date: string; id: number }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1));
}

const deliberationIndex = new WeakMap<object, Map<number, unknown>>();

/**
 * The deliberations a list of expenses cites (as ExpenseTable looks each one up by id), in the
 * order given: a fund's register cites a handful of the district's 10,000 deliberations, and each
 * row's lookup then scans a few instead of all.
 */
export function citedDeliberations<D extends { id: number }>(
  expenses: Array<{ deliberationId: number | null }>,
  deliberations: D[],
): D[] {
  const byId = getOrPut(
    deliberationIndex,
    deliberations,
    () => new Map(deliberations.map((d) => [d.id, d])),
  ) as Map<number, D>;
  const cited = new Set<D>();
  for (const e of expenses) {
    const d = e.deliberationId === null ? undefined : byId.get(e.deliberationId);
    if (d) cited.add(d);
  }
  return deliberations.filter((d) => cited.has(d));
}

/**
 * How many calendar months of records /charity/ and each fund page list in their registers
 * (donations, incomes, in-kind gifts, expenses, corrections). Over a district's ten years, listed
 * whole, /charity/ and the fund pages grow too large for a phone opening them from a QR code in
 * WeChat to show, and slow the build (BENCHMARKS.md, third round).
 * Every record stays on its month's statement (/charity/<code>/<YYYY-MM>/) and in the open data;
 * the totals, balances, budgets, charts and monthly flows above the registers still count them all.
 * Three months is the latest quarter's worth, enough to see what just happened.
 */
export const RECENT_MONTHS = 3;

export type RecordKind = 'donation' | 'income' | 'expense' | 'correction';

/** The months a page's registers list, whole months only, and whether older records are left off. */
export interface RecentWindow {
  /** First month listed ('YYYY-MM'); a record is listed when `record.date >= first`. */
  first: string;
  /** The latest month with records. */
  last: string;
  /** Some records are older than `first` (and so only on the statements and in the open data). */
  hides: boolean;
}

function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The RECENT_MONTHS calendar months ending with the latest of `months` (months with records). */
function windowOf(months: Iterable<string>): RecentWindow | null {
  let last: string | undefined;
  let oldest: string | undefined;
  for (const m of months) {
    if (last === undefined || m > last) last = m;
    if (oldest === undefined || m < oldest) oldest = m;
  }
  if (last === undefined || oldest === undefined) return null;
  const first = monthsBefore(last, RECENT_MONTHS - 1);
  return { first, last, hides: oldest < first };
}

/** The window of a fund page: the fund's own latest months with records. */
export function fundWindow(fund: PublicFund, charity: CharityView): RecentWindow | null {
  return windowOf(fileByFundMonth(charity).get(fund.id)?.keys() ?? []);
}

/** The window of /charity/: the latest months with records of any fund. */
export function overviewWindow(charity: CharityView): RecentWindow | null {
  return windowOf([...fileByFundMonth(charity).values()].flatMap((months) => [...months.keys()]));
}

/** Whether a page with this window lists the record (every record when nothing is left off). */
export function inWindow(record: { date: string }, window: RecentWindow | null): boolean {
  return !window?.hides || record.date >= window.first;
}

/** The rows a page with this window lists. */
export function recent<T extends { date: string }>(rows: T[], window: RecentWindow | null): T[] {
  return window?.hides ? rows.filter((r) => inWindow(r, window)) : rows;
}

type Located = { id: number; fundId: number; fundCode: string; date: string };
const recordIndex = new WeakMap<CharityView, Record<RecordKind, Map<number, Located>>>();

/** A published record by kind and id (undefined when it is not in the view). */
export function findRecord(
  charity: CharityView,
  kind: 'donation',
  id: number,
): CharityView['donations'][number] | undefined;
export function findRecord(
  charity: CharityView,
  kind: 'income',
  id: number,
): CharityView['incomes'][number] | undefined;
export function findRecord(
  charity: CharityView,
  kind: 'expense',
  id: number,
): CharityView['expenses'][number] | undefined;
export function findRecord(
  charity: CharityView,
  kind: 'correction',
  id: number,
): CharityView['corrections'][number] | undefined;
export function findRecord(charity: CharityView, kind: RecordKind, id: number): Located | undefined;
export function findRecord(
  charity: CharityView,
  kind: RecordKind,
  id: number,
): Located | undefined {
  let index = recordIndex.get(charity);
  if (!index) {
    const byId = (rows: Located[]) => new Map(rows.map((r) => [r.id, r]));
    index = {
      donation: byId(charity.donations),
      income: byId(charity.incomes),
      expense: byId(charity.expenses),
      correction: byId(charity.corrections),
    };
    recordIndex.set(charity, index);
  }
  return index[kind].get(id);
}

/**
 * Where a record is listed for good (zh-CN path with its #anchor): the statement of its fund and
 * month, which lists every record of that month. Fund pages and /charity/ only list recent months.
 */
export function recordPath(
  kind: RecordKind,
  record: { id: number; fundCode: string; date: string },
): string {
  return `${paths.fundStatement(record.fundCode, record.date.slice(0, 7))}#${kind}-${record.id}`;
}

/** A link to a record from a page's tables: its row's #anchor, or the page where it is listed. */
export type RecordLink = (kind: RecordKind, id: number) => string;

/** Links to records on the same page only (`#donation-3`): pages that list everything they link to. */
export const samePage: RecordLink = (kind, id) => `#${kind}-${id}`;

/**
 * The links of a page that lists the records `listed` accepts: those go to their row's anchor on
 * the page, every other record to its statement (`localize` turns the zh-CN path into the reader's).
 */
export function recordLinks(
  charity: CharityView,
  listed: (r: { fundId: number; date: string }) => boolean,
  localize: (path: string) => string,
): RecordLink {
  return (kind, id) => {
    const r = findRecord(charity, kind, id);
    return !r || listed(r) ? samePage(kind, id) : localize(recordPath(kind, r));
  };
}

import type { CharityView, PublicFund } from '../../functions/domain/publishing/charity';
import { monthRange } from './format';

/**
 * Derived views of the published charity records for the pages: balances over a common month
 * axis, and the monthly statements (公示) of a fund. Pure functions of CharityView.
 */

/** Every fund's month-end balance on one month axis (balances carried through quiet months). */
export function balanceSeries(funds: PublicFund[]): { months: string[]; series: Array<{ fund: PublicFund; values: number[] }> } {
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

/** The months in which a fund had any published activity (cash, goods or corrections), newest first. */
export function statementMonths(fund: PublicFund, charity: CharityView): string[] {
  const inFund = <T extends { fundId: number; date: string }>(rows: T[]) => rows.filter((r) => r.fundId === fund.id).map((r) => r.date.slice(0, 7));
  const months = new Set([...fund.months.map((m) => m.month), ...inFund(charity.donations), ...inFund(charity.incomes), ...inFund(charity.expenses), ...inFund(charity.corrections)]);
  return [...months].sort().reverse();
}

export function fundStatement(fund: PublicFund, charity: CharityView, month: string): FundStatement {
  const of = <T extends { fundId: number; date: string }>(rows: T[]) => rows.filter((r) => r.fundId === fund.id && r.date.startsWith(month));
  const flow = fund.months.find((m) => m.month === month);
  const before = fund.months.filter((m) => m.month < month);
  const openingFen = before.length > 0 ? before[before.length - 1]!.balanceFen : 0;
  const inFen = flow?.inFen ?? 0;
  const outFen = flow?.outFen ?? 0;
  const donations = of(charity.donations);
  return {
    month,
    openingFen,
    inFen,
    outFen,
    closingFen: flow?.balanceFen ?? openingFen,
    inKindFen: donations.filter((d) => d.form === 'in_kind').reduce((s, d) => s + d.amountFen, 0),
    donations,
    incomes: of(charity.incomes),
    expenses: of(charity.expenses),
    corrections: of(charity.corrections),
  };
}

/** Newest first, for registers read from the top. */
export function newestFirst<T extends { date: string; id: number }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1));
}

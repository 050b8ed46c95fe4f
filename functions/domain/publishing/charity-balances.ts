import type { budgets } from '../../../db/schema';
import type { PublicCorrection, PublicDonation, PublicExpense, PublicIncome } from './charity';

export interface MonthFlow {
  month: string;
  inFen: number;
  outFen: number;
  balanceFen: number;
}

export interface BudgetLineFigures {
  id: number;
  year: number;
  budgetLine: string;
  plannedFen: number;
  actualFen: number;
  /** A withdrawn line stays listed, marked so; its plan is no longer a target. */
  status: 'published' | 'withdrawn';
  titleEn: string | null;
  summaryEn: string | null;
}

export interface FundFigures {
  inFen: number;
  outFen: number;
  balanceFen: number;
  inKindValueFen: number;
  months: MonthFlow[];
  budget: BudgetLineFigures[];
}

interface FundRecords {
  donations: PublicDonation[];
  incomes: PublicIncome[];
  expenses: PublicExpense[];
  corrections: PublicCorrection[];
  budgets: Array<typeof budgets.$inferSelect>;
}

const live = (r: { status: string }) => r.status === 'published';

/**
 * A fund's figures from its records: only published ones count. A withdrawn record (and any
 * correction of it) stays listed but moves no balance, month flow, budget actual or in-kind value.
 */
export function fundFigures(fundId: number, all: FundRecords): FundFigures {
  const donations = all.donations.filter((d) => d.fundId === fundId && live(d));
  const incomes = all.incomes.filter((i) => i.fundId === fundId && live(i));
  const expenses = all.expenses.filter((e) => e.fundId === fundId && live(e));
  const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const donationById = byId(donations);
  const incomeById = byId(incomes);
  const expenseById = byId(expenses);
  // Signed cash movements of this fund, each dated: money in is positive, money out negative.
  const moves: Array<{ date: string; fen: number; budget?: string | undefined }> = [
    ...donations.filter((d) => d.form === 'money').map((d) => ({ date: d.date, fen: d.amountFen })),
    ...incomes.map((i) => ({ date: i.date, fen: i.amountFen })),
    ...expenses.map((e) => ({ date: e.date, fen: -e.amountFen, budget: e.budgetLine })),
    ...all.corrections
      .filter((c) => c.fundId === fundId)
      .flatMap((c) => {
        if (c.entity === 'expense') {
          const e = expenseById.get(c.entityId);
          return e ? [{ date: c.date, fen: -c.amountDeltaFen, budget: e.budgetLine }] : [];
        }
        if (c.entity === 'donation')
          return donationById.get(c.entityId)?.form === 'money'
            ? [{ date: c.date, fen: c.amountDeltaFen }]
            : [];
        return incomeById.has(c.entityId) ? [{ date: c.date, fen: c.amountDeltaFen }] : [];
      }),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const months: MonthFlow[] = [];
  let balance = 0;
  for (const m of moves) {
    const month = m.date.slice(0, 7);
    let row = months[months.length - 1];
    if (!row || row.month !== month) {
      row = { month, inFen: 0, outFen: 0, balanceFen: balance };
      months.push(row);
    }
    if (m.fen >= 0) row.inFen += m.fen;
    else row.outFen += -m.fen;
    balance += m.fen;
    row.balanceFen = balance;
  }
  const budget = all.budgets
    .filter((b) => b.fundId === fundId)
    .map((b) => ({
      id: b.id,
      year: b.year,
      budgetLine: b.budgetLine,
      plannedFen: b.plannedFen,
      actualFen:
        0 -
        moves
          .filter((m) => m.budget === b.budgetLine && m.date.startsWith(String(b.year)))
          .reduce((s, m) => s + m.fen, 0),
      status: b.status === 'withdrawn' ? ('withdrawn' as const) : ('published' as const),
      titleEn: b.titleEn,
      summaryEn: b.summaryEn,
    }));
  return {
    inFen: moves.filter((m) => m.fen > 0).reduce((s, m) => s + m.fen, 0),
    outFen: 0 - moves.filter((m) => m.fen < 0).reduce((s, m) => s + m.fen, 0),
    balanceFen: balance,
    inKindValueFen: donations
      .filter((d) => d.form === 'in_kind')
      .reduce((s, d) => s + d.amountFen, 0),
    months,
    budget,
  };
}

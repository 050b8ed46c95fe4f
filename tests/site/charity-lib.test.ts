import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CharityView, PublicFund } from '../../functions/domain/publishing/charity';
import { citedDeliberations, fundStatement, statementMonths } from '../../src/lib/charity';

/**
 * src/lib/charity.ts files a view's records by fund and month once instead of filtering all of
 * them for every statement; the statements must be exactly what the plain filters give.
 */

// The plain definitions, as they were written before the index.
function statementMonthsByFilter(fund: PublicFund, charity: CharityView): string[] {
  const inFund = <T extends { fundId: number; date: string }>(rows: T[]) => rows.filter((r) => r.fundId === fund.id).map((r) => r.date.slice(0, 7));
  const months = new Set([...fund.months.map((m) => m.month), ...inFund(charity.donations), ...inFund(charity.incomes), ...inFund(charity.expenses), ...inFund(charity.corrections)]);
  return [...months].sort().reverse();
}
function fundStatementByFilter(fund: PublicFund, charity: CharityView, month: string) {
  const of = <T extends { fundId: number; date: string }>(rows: T[]) => rows.filter((r) => r.fundId === fund.id && r.date.startsWith(month));
  const flow = fund.months.find((m) => m.month === month);
  const before = fund.months.filter((m) => m.month < month);
  const openingFen = before.length > 0 ? before[before.length - 1]!.balanceFen : 0;
  const donations = of(charity.donations);
  return {
    month,
    openingFen,
    inFen: flow?.inFen ?? 0,
    outFen: flow?.outFen ?? 0,
    closingFen: flow?.balanceFen ?? openingFen,
    inKindFen: donations.filter((d) => d.form === 'in_kind').reduce((s, d) => s + d.amountFen, 0),
    donations,
    incomes: of(charity.incomes),
    expenses: of(charity.expenses),
    corrections: of(charity.corrections),
  };
}

const day = fc.record({ y: fc.integer({ min: 2023, max: 2026 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const record = fc.record({ id: fc.integer({ min: 1, max: 10_000 }), fundId: fc.integer({ min: 1, max: 4 }), date: day, amountFen: fc.integer({ min: 0, max: 1_000_000 }) });

const view = fc
  .record({
    donations: fc.array(fc.tuple(record, fc.constantFrom('money', 'in_kind')), { maxLength: 60 }),
    incomes: fc.array(record, { maxLength: 30 }),
    expenses: fc.array(fc.tuple(record, fc.option(fc.integer({ min: 1, max: 20 }), { nil: null })), { maxLength: 40 }),
    corrections: fc.array(record, { maxLength: 10 }),
    months: fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), day, fc.integer({ min: -500, max: 5000 })), { maxLength: 30 }),
  })
  .map(({ donations, incomes, expenses, corrections, months }) => {
    const funds = [1, 2, 3].map(
      (id) =>
        ({
          id,
          code: `f${id}`,
          months: [...new Map(months.filter(([f]) => f === id).map(([, d, b]) => [d.slice(0, 7), { month: d.slice(0, 7), inFen: Math.max(b, 0), outFen: Math.max(-b, 0), balanceFen: b }])).values()].sort((a, b) => (a.month < b.month ? -1 : 1)),
        }) as unknown as PublicFund,
    );
    const charity = {
      funds,
      donations: donations.map(([r, form]) => ({ ...r, form })),
      incomes,
      expenses: expenses.map(([r, deliberationId]) => ({ ...r, deliberationId })),
      corrections,
    } as unknown as CharityView;
    return charity;
  });

describe('charity statements from the index', () => {
  it('same months, and the same statement for every month (and for a non-month prefix)', () => {
    fc.assert(
      fc.property(view, fc.constantFrom('2024-03', '2025', '2026-1', ''), (charity, odd) => {
        for (const fund of charity.funds) {
          const months = statementMonths(fund, charity);
          expect(months).toEqual(statementMonthsByFilter(fund, charity));
          for (const month of [...months, '2022-01', odd]) expect(fundStatement(fund, charity, month)).toEqual(fundStatementByFilter(fund, charity, month));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a statement is a copy: changing it leaves the next one as it was', () => {
    fc.assert(
      fc.property(view, (charity) => {
        for (const fund of charity.funds) {
          for (const month of statementMonths(fund, charity)) {
            fundStatement(fund, charity, month).donations.length = 0;
            expect(fundStatement(fund, charity, month)).toEqual(fundStatementByFilter(fund, charity, month));
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('the deliberations an expense list cites, in their order, are what a find per row returns', () => {
    fc.assert(
      fc.property(view, fc.uniqueArray(fc.integer({ min: 1, max: 25 }), { maxLength: 25 }), (charity, ids) => {
        const deliberations = ids.map((id) => ({ id, title: `d${id}`, url: `/deliberations/${id}/` }));
        const cited = citedDeliberations(charity.expenses, deliberations);
        for (const e of charity.expenses) {
          const find = (list: typeof deliberations) => (e.deliberationId === null ? undefined : list.find((d) => d.id === e.deliberationId));
          expect(find(cited)).toBe(find(deliberations));
        }
        expect(cited).toEqual(deliberations.filter((d) => cited.includes(d)));
      }),
      { numRuns: 200 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CharityView, PublicFund } from '../../functions/domain/publishing/charity';
import {
  citedDeliberations,
  fundStatement,
  fundWindow,
  overviewWindow,
  RECENT_MONTHS,
  recent,
  recordLinks,
  recordPath,
  statementMonths,
} from '../../src/lib/charity';

/**
 * src/lib/charity.ts files a view's records by fund and month once instead of filtering all of
 * them for every statement; the statements must be exactly what the plain filters give.
 */

// The plain definitions, as they were written before the index.
function statementMonthsByFilter(fund: PublicFund, charity: CharityView): string[] {
  const inFund = <T extends { fundId: number; date: string }>(rows: T[]) =>
    rows.filter((r) => r.fundId === fund.id).map((r) => r.date.slice(0, 7));
  const months = new Set([
    ...fund.months.map((m) => m.month),
    ...inFund(charity.donations),
    ...inFund(charity.incomes),
    ...inFund(charity.expenses),
    ...inFund(charity.corrections),
  ]);
  return [...months].sort().reverse();
}
function fundStatementByFilter(fund: PublicFund, charity: CharityView, month: string) {
  const of = <T extends { fundId: number; date: string }>(rows: T[]) =>
    rows.filter((r) => r.fundId === fund.id && r.date.startsWith(month));
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

const day = fc
  .record({
    y: fc.integer({ min: 2023, max: 2026 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const record = fc.record({
  id: fc.integer({ min: 1, max: 10_000 }),
  fundId: fc.integer({ min: 1, max: 4 }),
  date: day,
  amountFen: fc.integer({ min: 0, max: 1_000_000 }),
});

const view = fc
  .record({
    donations: fc.array(fc.tuple(record, fc.constantFrom('money', 'in_kind')), { maxLength: 60 }),
    incomes: fc.array(record, { maxLength: 30 }),
    expenses: fc.array(
      fc.tuple(record, fc.option(fc.integer({ min: 1, max: 20 }), { nil: null })),
      { maxLength: 40 },
    ),
    corrections: fc.array(record, { maxLength: 10 }),
    months: fc.array(
      fc.tuple(fc.integer({ min: 1, max: 3 }), day, fc.integer({ min: -500, max: 5000 })),
      { maxLength: 30 },
    ),
  })
  .map(({ donations, incomes, expenses, corrections, months }) => {
    const funds = [1, 2, 3].map(
      (id) =>
        ({
          id,
          code: `f${id}`,
          months: [
            ...new Map(
              months
                .filter(([f]) => f === id)
                .map(([, d, b]) => [
                  d.slice(0, 7),
                  {
                    month: d.slice(0, 7),
                    inFen: Math.max(b, 0),
                    outFen: Math.max(-b, 0),
                    balanceFen: b,
                  },
                ]),
            ).values(),
          ].sort((a, b) => (a.month < b.month ? -1 : 1)),
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
          for (const month of [...months, '2022-01', odd])
            expect(fundStatement(fund, charity, month)).toEqual(
              fundStatementByFilter(fund, charity, month),
            );
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
            expect(fundStatement(fund, charity, month)).toEqual(
              fundStatementByFilter(fund, charity, month),
            );
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('the deliberations an expense list cites, in their order, are what a find per row returns', () => {
    fc.assert(
      fc.property(
        view,
        fc.uniqueArray(fc.integer({ min: 1, max: 25 }), { maxLength: 25 }),
        (charity, ids) => {
          const deliberations = ids.map((id) => ({
            id,
            title: `d${id}`,
            url: `/deliberations/${id}/`,
          }));
          const cited = citedDeliberations(charity.expenses, deliberations);
          for (const e of charity.expenses) {
            const find = (list: typeof deliberations) =>
              e.deliberationId === null ? undefined : list.find((d) => d.id === e.deliberationId);
            expect(find(cited)).toBe(find(deliberations));
          }
          expect(cited).toEqual(deliberations.filter((d) => cited.includes(d)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the recent months /charity/ and the fund pages list', () => {
  it('whole calendar months ending with the latest month with records; the rest is on the statements', () => {
    fc.assert(
      fc.property(view, (charity) => {
        const all = [
          ...charity.donations,
          ...charity.incomes,
          ...charity.expenses,
          ...charity.corrections,
        ];
        const check = (span: ReturnType<typeof overviewWindow>, rows: typeof all) => {
          if (rows.length === 0) return expect(span).toBeNull();
          const months = rows.map((r) => r.date.slice(0, 7)).sort();
          const last = months[months.length - 1]!;
          expect(span!.last).toBe(last);
          // RECENT_MONTHS calendar months, the first one included.
          const [y, m] = last.split('-').map(Number) as [number, number];
          const i = y * 12 + m - 1 - (RECENT_MONTHS - 1);
          expect(span!.first).toBe(
            `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
          );
          expect(span!.hides).toBe(months[0]! < span!.first);
          const listed = recent(rows, span);
          // Whole months: a record is listed exactly when its month is in the window.
          expect(listed).toEqual(rows.filter((r) => r.date.slice(0, 7) >= span!.first));
          if (!span!.hides) expect(listed).toBe(rows);
        };
        check(overviewWindow(charity), all);
        for (const fund of charity.funds)
          check(
            fundWindow(fund, charity),
            all.filter((r) => r.fundId === fund.id),
          );
      }),
      { numRuns: 200 },
    );
  });

  it('a year boundary: November to January', () => {
    const charity = {
      funds: [{ id: 1, code: 'f1', months: [] }],
      donations: [],
      incomes: [],
      corrections: [],
      expenses: ['2025-10-31', '2025-11-01', '2026-01-05'].map((date, i) => ({
        id: i + 1,
        fundId: 1,
        fundCode: 'f1',
        date,
      })),
    } as unknown as CharityView;
    expect(fundWindow(charity.funds[0]!, charity)).toEqual({
      first: '2025-11',
      last: '2026-01',
      hides: true,
    });
    expect(recent(charity.expenses, overviewWindow(charity)).map((e) => e.id)).toEqual([2, 3]);
  });

  it('links: records a page lists go to their row, the others to their statement', () => {
    const charity = {
      funds: [],
      donations: [{ id: 7, fundId: 1, fundCode: 'f1', date: '2025-02-03' }],
      incomes: [],
      expenses: [{ id: 7, fundId: 2, fundCode: 'f2', date: '2026-01-05' }],
      corrections: [],
    } as unknown as CharityView;
    const link = recordLinks(
      charity,
      (r) => r.date >= '2025-12',
      (p) => `/en${p}`,
    );
    expect(link('donation', 7)).toBe('/en/charity/f1/2025-02/#donation-7');
    expect(link('expense', 7)).toBe('#expense-7');
    expect(recordPath('expense', charity.expenses[0]!)).toBe('/charity/f2/2026-01/#expense-7');
  });
});

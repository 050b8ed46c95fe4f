// The budgets collection (年度预算): /data/budgets.json and .csv, one row per fund, year and budget line.
import type { PublicData } from '../../../functions/domain/publishing';
import { int, moneyFields, status, str, urlField } from './fields';
import type { Collection } from './model';

type Budget = PublicData['charity']['funds'][number]['budget'][number] & {
  fundId: number;
  fundCode: string;
  fundUrl: string;
};

export const budgets: Collection<Budget> = {
  name: 'budgets',
  title: { zh: '年度预算', en: 'Yearly budgets' },
  description: {
    zh: '每个基金每年各预算科目的计划金额，以及该年度实际支出（含更正，不含已撤回的支出）。已撤回的预算保留（status 为 withdrawn）。',
    en: 'Each fund’s planned amount per budget line and year, beside what was actually spent that year (corrections included, withdrawn expenses not). Withdrawn lines keep their rows (status withdrawn).',
  },
  rows: (d) =>
    d.charity.funds.flatMap((f) =>
      f.budget.map((b) => ({ ...b, fundId: f.id, fundCode: f.code, fundUrl: f.url })),
    ),
  fields: [
    str(
      'id',
      '编号',
      'ID',
      '基金代码、年度和预算科目组成的长期编号，如 micro-fund-2026-activities。',
      'Stable id made of fund code, year and budget line, e.g. micro-fund-2026-activities.',
      (b) => `${b.fundCode}-${b.year}-${b.budgetLine}`,
      { required: true },
    ),
    urlField('所属基金的收支公示页。', 'The page of accounts of the fund.', (b) => b.fundUrl),
    int(
      'fundId',
      '基金编号',
      'Fund id',
      '预算所属的基金（见 funds）。',
      'The fund (see funds).',
      (b) => b.fundId,
      { required: true, references: 'funds' },
    ),
    str('fundCode', '基金代码', 'Fund code', '基金代码。', 'Fund code.', (b) => b.fundCode, {
      required: true,
    }),
    int(
      'fiscalYear',
      '会计年度',
      'Fiscal year',
      '预算年度（公历年）。',
      'Budget year (calendar year).',
      (b) => b.year,
      { unit: 'year', required: true, minimum: 2000 },
    ),
    str(
      'budgetLine',
      '预算科目',
      'Budget line',
      '预算科目。',
      'Budget line.',
      (b) => b.budgetLine,
      { enumOf: 'budgetLine', required: true },
    ),
    ...moneyFields<Budget>(
      'planned',
      '预算金额',
      'Planned',
      '年度预算金额',
      'Amount budgeted for the year',
      (b) => b.plannedFen,
    ),
    ...moneyFields<Budget>(
      'actual',
      '实际支出',
      'Actual',
      '该年度该科目的实际支出',
      'Actually spent on this line that year',
      (b) => b.actualFen,
    ),
    status<Budget>(),
  ],
};

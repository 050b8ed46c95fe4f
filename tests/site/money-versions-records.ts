import type { Database } from '../../db/client';
import { createApp } from '../../functions/app';
import { call, loginAs } from '../helpers/api';

/** Codes of the funds this adds (the tests find their records again in the built database). */
export const MONEY_FUND = 'test-ledger';
export const WITHDRAWN_FUND = 'test-withdrawn';

/** The reasons given, so the tests can look for them on the pages, the feed and the history. */
export const REASONS = {
  fund: '基金名称更正：补全全称',
  donation: '收据编号录错，已更正',
  donationWithdrawn: '重复登记，撤回',
  income: '款项退回来源单位',
  expense: '支出未发生，撤回',
  budget: '预算调整：经居民议事会同意',
  fundWithdrawn: '项目取消，基金撤回',
} as const;

/**
 * Through the staff API (as the demo's staff1 and accountant staff2), publishes two funds with
 * records, then revises and withdraws one of each kind: the site built afterwards must show every
 * tombstone, note, history section, feed item and open-data status.
 */
export async function insertMoneyVersions(database: Database, now: Date): Promise<void> {
  const app = createApp({ database, now: () => now });
  const [staff, accountant] = [
    await loginAs(app, 'staff1', 'linli-demo'),
    await loginAs(app, 'staff2', 'linli-demo'),
  ];
  const api = async (method: string, path: string, body?: unknown, token = staff) => {
    const res = await call(app, method, `/api/staff/records${path}`, { token, body });
    if (res.status >= 300)
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: number };
  };
  const published = async (path: string, body: object) => {
    const { id } = await api('POST', path, body);
    await api('POST', `${path}/${id}/publish`);
    return id;
  };
  const expense = async (fundId: number, amountFen: number, description: string) => {
    const { id } = await api('POST', '/expenses', {
      fundId,
      date: '2026-03-06',
      budgetLine: 'service_subsidy',
      description,
      payee: '幸福食堂',
      beneficiaries: '5 户独居老人',
      amountFen,
      receiptNo: `E-T${amountFen}`,
      noReceiptReason: '按月结算',
    });
    await api('POST', `/expenses/${id}/approve`, undefined, accountant);
    await api('POST', `/expenses/${id}/publish`);
    return id;
  };
  const donation = (fundId: number, amountFen: number, receiptNo: string) =>
    published('/donations', {
      fundId,
      date: '2026-03-04',
      donorType: 'enterprise',
      donorName: '测试爱心企业',
      anonymous: false,
      form: 'money',
      amountFen,
      receiptNo,
    });

  const fund = await published('/funds', {
    code: MONEY_FUND,
    name: '测试基金',
    kind: 'project',
    description: '用于检验撤回与修订的基金',
    titleEn: 'Test fund',
    summaryEn: 'A fund to check withdrawals and revisions',
  });
  const kept = await donation(fund, 100_000, 'D-T1');
  const dropped = await donation(fund, 5_000, 'D-T2');
  const income = await published('/incomes', {
    fundId: fund,
    date: '2026-03-05',
    source: '测试社会企业',
    kind: 'enterprise',
    amountFen: 20_000,
    receiptNo: 'I-T1',
  });
  const spent = await expense(fund, 10_000, '助餐补贴（保留）');
  const undone = await expense(fund, 30_000, '助餐补贴（撤回）');
  const budget = await published('/budgets', {
    fundId: fund,
    year: 2026,
    budgetLine: 'service_subsidy',
    plannedFen: 50_000,
    titleEn: 'Meal subsidies',
  });
  void spent;

  await api('PATCH', `/funds/${fund}`, { name: '测试专项基金', reason: REASONS.fund });
  await api('PATCH', `/donations/${kept}`, { receiptNo: 'D-T1A', reason: REASONS.donation });
  await api('POST', `/donations/${dropped}/withdraw`, { reason: REASONS.donationWithdrawn });
  await api('POST', `/incomes/${income}/withdraw`, { reason: REASONS.income });
  await api('POST', `/expenses/${undone}/withdraw`, { reason: REASONS.expense });
  await api('PATCH', `/budgets/${budget}`, { plannedFen: 60_000, reason: REASONS.budget });

  const gone = await published('/funds', {
    code: WITHDRAWN_FUND,
    name: '已撤回的测试基金',
    kind: 'project',
    description: '撤回后仍保留页面',
  });
  await donation(gone, 8_000, 'D-T3');
  await api('POST', `/funds/${gone}/withdraw`, { reason: REASONS.fundWithdrawn });
}

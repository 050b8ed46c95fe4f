/**
 * A year of money for the demo community's funds: donations (money and in kind), incomes, expenses
 * entered by one staff member and approved by another, a few receipt scans, budgets per line and
 * year, and corrections. Every fund's balance stays non-negative on every date, counting the worst
 * case (drafts' money in ignored, drafts' money out counted).
 */
import { budgetLines } from '../schema';
import { GIVEN_NAMES, SURNAMES } from './community';
import { receiptPdf, receiptPng } from './records-files';
import {
  CORRECTIONS, DONATIONS, EXPENSES, FUNDS, INCOMES, MERCHANT_GIFTS, MICRO_BUDGET, PERSONAL_AMOUNTS, PERSONAL_GIFTS, PERSONAL_GIFT_VALUES, PERSONAL_NOTES,
  type DonationSpec, type ExpenseSpec, type FundKey, type IncomeSpec,
} from './records-funds';
import { addDays, fen, publication, stamp, type SeedContext } from './records-util';

type Dated<T> = T & { date: string };

/** Local dates in (start, today) whose day of month is `day`, optionally only in some months. */
function monthly(ctx: SeedContext, day: number, months?: number[]): string[] {
  const out: string[] = [];
  for (let d = addDays(ctx.start, 1); d < ctx.today; d = addDays(d, 1)) {
    if (Number(d.slice(8, 10)) === day && (!months || months.includes(Number(d.slice(5, 7))))) out.push(d);
  }
  return out;
}

function plannedDonations(ctx: SeedContext): Array<Dated<DonationSpec>> {
  const { rng } = ctx;
  const out: Array<Dated<DonationSpec>> = DONATIONS.map((d) => ({ ...d, date: addDays(ctx.today, -d.daysAgo) }));
  // The 一刻钟合伙人 merchants' 9th-day gifts, three merchants a month in rotation.
  monthly(ctx, 9).forEach((date, month) => {
    for (let k = 0; k < 3; k++) {
      const g = MERCHANT_GIFTS[(month * 3 + k) % MERCHANT_GIFTS.length]!;
      const n = rng.int(g.min, g.max);
      out.push({
        fund: 'micro', daysAgo: 0, date, donorType: 'merchant', donor: g.shop, org: `m:${g.shop}`, yuan: n * g.each,
        inKind: { item: g.item, quantity: `${n} ${g.unit}`, outcome: g.outcome.replace('{n}', String(n)) },
        note: '公益换宣传：9 日志愿服务日',
      });
    }
  });
  // Individual donors (爱心传递): about a quarter ask to stay anonymous.
  for (let i = 0; i < 38; i++) {
    const date = addDays(ctx.start, rng.int(3, 362));
    const donor = rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
    const anonymous = i % 4 === 1;
    const kind = i % 7 === 3 ? (i / 7) | 0 : -1;
    const note = anonymous ? '捐赠人要求匿名' : (rng.pick(PERSONAL_NOTES) ?? undefined);
    if (date >= ctx.today) continue;
    out.push({
      fund: 'micro', daysAgo: 0, date, donorType: 'individual', donor, anonymous, note,
      ...(kind >= 0 ? { yuan: PERSONAL_GIFT_VALUES[kind % PERSONAL_GIFTS.length]!, inKind: PERSONAL_GIFTS[kind % PERSONAL_GIFTS.length]! } : { yuan: rng.pick(PERSONAL_AMOUNTS) }),
    });
  }
  return out;
}

function plannedIncomes(ctx: SeedContext): Array<Dated<IncomeSpec>> {
  const { rng } = ctx;
  const out: Array<Dated<IncomeSpec>> = INCOMES.map((i) => ({ ...i, date: addDays(ctx.today, -i.daysAgo) }));
  for (const date of monthly(ctx, 5)) {
    out.push({ fund: 'micro', daysAgo: 0, date, source: '长者饭堂社会化运营收益反哺（颐康居家养老服务中心）', kind: 'enterprise', yuan: rng.int(180, 320) * 10 + rng.pick([0, 0.5]) });
  }
  for (const date of monthly(ctx, 21, [3, 6, 9, 12])) {
    out.push({ fund: 'micro', daysAgo: 0, date, source: '银行活期存款利息', kind: 'interest', yuan: rng.int(3000, 9000) / 100 });
  }
  return out;
}

function plannedExpenses(ctx: SeedContext): Array<Dated<ExpenseSpec>> {
  const { rng } = ctx;
  const out: Array<Dated<ExpenseSpec>> = EXPENSES.map((e) => ({ ...e, date: addDays(ctx.today, -e.daysAgo) }));
  const meals = ctx.deliberation('meals').date;
  const kids = addDays(ctx.deliberation('kids430').date, 30);
  const nineday = ctx.deliberation('nineday').date;
  const elderCenter = '颐康居家养老服务中心';
  for (const date of monthly(ctx, 25)) {
    out.push(
      date < meals
        ? { fund: 'micro', daysAgo: 0, date, line: 'service_subsidy', description: '长者饭堂低保老人餐费补贴', payee: elderCenter, beneficiaries: `${rng.int(15, 19)} 位低保老人`, yuan: rng.int(90, 130) * 10 }
        : { fund: 'micro', daysAgo: 0, date, line: 'service_subsidy', description: '长者饭堂高龄、低保老人餐费补贴（每餐 6 元）', payee: elderCenter, beneficiaries: '61 位 80 岁以上及低保老人', yuan: rng.int(180, 250) * 10 + 6 * rng.int(0, 9), deliberation: 'meals' },
    );
  }
  for (const date of monthly(ctx, 28)) {
    if (date < kids) continue;
    const summer = ['07', '08'].includes(date.slice(5, 7));
    out.push({
      fund: 'micro', daysAgo: 0, date, line: 'service_subsidy', description: summer ? '暑期托管班运营补贴（低保家庭儿童免费名额）' : '四点半课堂运营补贴（材料、保险）',
      payee: '童心儿童发展服务中心', beneficiaries: summer ? '12 名低保、残疾人家庭儿童' : '30 名儿童（其中低保家庭 7 名）', yuan: rng.int(120, 160) * 10, deliberation: 'kids430',
    });
  }
  monthly(ctx, 9).forEach((date, i) => {
    if (i % 2 === 1 || date < nineday) return;
    out.push({ fund: 'micro', daysAgo: 0, date, line: 'activities', description: '9 日志愿服务日物料（饮用水、便民维修配件、宣传单）', payee: rng.pick(['邻家便利超市', '平安家电维修', '邕城五金机电商行']), yuan: rng.int(30, 80) * 10, deliberation: 'nineday' });
  });
  for (const date of monthly(ctx, 20, [3, 6, 9, 12])) {
    const n = rng.int(8, 20);
    out.push({ fund: 'micro', daysAgo: 0, date, line: 'service_subsidy', description: '低保、特困老人助浴补贴（每次 30 元）', payee: elderCenter, beneficiaries: `${n} 人次`, yuan: 30 * n });
  }
  return out;
}

/** Receipt numbers per kind and year in date order: XFL-JZ-2025-0007. */
function numbered<T extends { date: string }>(items: T[], prefix: string): Array<T & { receiptNo: string }> {
  const counters = new Map<string, number>();
  return [...items]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((item) => {
      const year = item.date.slice(0, 4);
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      return { ...item, receiptNo: `XFL-${prefix}-${year}-${String(n).padStart(4, '0')}` };
    });
}

export function buildMoney(ctx: SeedContext) {
  const last = addDays(ctx.today, -3); // entered records are reviewed and published within two days
  const fundId = new Map<FundKey, number>(FUNDS.map((f, i) => [f.key, i + 1]));
  const idOf = (key: FundKey) => fundId.get(key)!;
  const fundRows = FUNDS.map((f, i) => {
    const created = addDays(ctx.today, -f.createdDaysAgo);
    return { id: i + 1, code: f.code, name: f.name, kind: f.kind, description: f.description, ...publication(ctx, 'fund', i + 1, f.name, created, addDays(created, 1)) };
  });

  const gifts = numbered(plannedDonations(ctx), 'JZ');
  const donationRows = gifts.map((d, i) => ({
    id: i + 1,
    fundId: idOf(d.fund),
    date: d.date,
    donorType: d.donorType,
    donorName: d.donor,
    anonymous: d.anonymous ?? false,
    organizationId: d.org ? ctx.org(d.org) : null,
    form: d.inKind ? ('in_kind' as const) : ('money' as const),
    amountFen: fen(d.yuan),
    itemDescription: d.inKind?.item ?? null,
    quantity: d.inKind?.quantity ?? null,
    outcome: d.inKind?.outcome ?? null,
    receiptNo: d.receiptNo,
    note: d.note ?? null,
    ...publication(ctx, 'donation', i + 1, d.anonymous ? '匿名捐赠' : d.donor, d.date, d.date <= last ? addDays(d.date, 2) : null),
    tag: d.tag,
  }));

  // What became of in-kind gifts, told as it became known (only what has happened by today).
  const outcomeRows = gifts
    .flatMap((d, i) => (d.later ?? []).map(([days, text]) => ({ donationId: i + 1, date: addDays(d.date, days), text, createdAt: stamp(addDays(d.date, days), 16, (i * 7) % 60), createdBy: ctx.staffId })))
    .filter((o) => o.date < ctx.today)
    .map((o, i) => ({ id: i + 1, ...o }));
  for (const o of outcomeRows) ctx.audit.push({ at: o.createdAt, actorId: ctx.staffId, action: 'add_outcome', entity: 'donation', entityId: o.donationId, detail: JSON.stringify({ outcomeId: o.id, date: o.date, text: o.text }) });

  const incomeRows = numbered(plannedIncomes(ctx), 'SR').map((r, i) => ({
    id: i + 1,
    fundId: idOf(r.fund),
    date: r.date,
    source: r.source,
    kind: r.kind,
    amountFen: fen(r.yuan),
    receiptNo: r.receiptNo,
    ...publication(ctx, 'income', i + 1, r.source, r.date, r.date <= last ? addDays(r.date, 2) : null),
    tag: r.tag,
  }));

  const expenseRows = numbered(plannedExpenses(ctx), 'ZC').map((e, i) => {
    const approvedOn = addDays(e.date, 1);
    const approved = !e.draft && approvedOn < ctx.today;
    const deliberation = e.deliberation ? ctx.deliberation(e.deliberation) : null;
    if (deliberation && deliberation.date > e.date) throw new Error(`expense ${e.description} predates deliberation ${e.deliberation}`);
    const approvedAt = approved ? stamp(approvedOn, 9, (i * 11) % 60) : null;
    if (approvedAt) ctx.audit.push({ at: approvedAt, actorId: ctx.approverId, action: 'approve', entity: 'expense', entityId: i + 1, detail: '{}' });
    return {
      id: i + 1,
      fundId: idOf(e.fund),
      date: e.date,
      budgetLine: e.line,
      description: e.description,
      payee: e.payee,
      beneficiaries: e.beneficiaries ?? null,
      amountFen: fen(e.yuan),
      receiptNo: e.receiptNo,
      approvedBy: approved ? ctx.approverId : null,
      approvedAt,
      deliberationId: deliberation?.id ?? null,
      noReceiptReason: e.noReceipt ?? null,
      ...publication(ctx, 'expense', i + 1, e.description, e.date, approved && e.date <= last ? addDays(e.date, 2) : null),
      tag: e.tag,
      // Every expense is published with its receipt or the reason there is none.
      receipt: e.noReceipt ? undefined : (e.receipt ?? (i % 2 === 0 ? 'pdf' : 'png')),
    };
  });

  const receiptRows = expenseRows
    .filter((e) => e.receipt)
    .map((e, i) => ({
      id: i + 1,
      expenseId: e.id,
      filename: `${e.receiptNo}.${e.receipt}`,
      mime: e.receipt === 'png' ? 'image/png' : 'application/pdf',
      bytes: e.receipt === 'png' ? receiptPng(e.receiptNo) : receiptPdf(e.receiptNo, e.date, e.amountFen),
      uploadedAt: e.createdAt,
      uploadedBy: ctx.staffId,
    }));

  const byTag = { donation: donationRows, income: incomeRows, expense: expenseRows } as const;
  const correctionRows = CORRECTIONS.map((c, i) => {
    const target = (byTag[c.entity] as ReadonlyArray<{ id: number; fundId: number; date: string; status: string; tag?: string | undefined }>).find((r) => r.tag === c.tag);
    if (target?.status !== 'published') throw new Error(`correction ${c.tag}: no published ${c.entity} to correct`);
    const date = addDays(target.date, c.daysAfter);
    if (date >= ctx.today) throw new Error(`correction ${c.tag} would be dated in the future`);
    const published = c.draft || addDays(date, 1) >= ctx.today ? null : addDays(date, 1);
    return {
      id: i + 1,
      entity: c.entity,
      entityId: target.id,
      fundId: target.fundId,
      date,
      amountDeltaFen: fen(c.yuanDelta),
      explanation: c.explanation,
      ...publication(ctx, 'correction', i + 1, c.explanation.slice(0, 20), date, published),
    };
  });

  // Worst-case running balance per fund: published money in, every expense and every shrinking correction out.
  const moves: Array<{ fundId: number; date: string; fen: number }> = [
    ...donationRows.filter((d) => d.form === 'money' && d.status === 'published').map((d) => ({ fundId: d.fundId, date: d.date, fen: d.amountFen })),
    ...incomeRows.filter((r) => r.status === 'published').map((r) => ({ fundId: r.fundId, date: r.date, fen: r.amountFen })),
    ...expenseRows.map((e) => ({ fundId: e.fundId, date: e.date, fen: -e.amountFen })),
    ...correctionRows.map((c) => ({ fundId: c.fundId, date: c.date, fen: c.entity === 'expense' ? -Math.max(0, c.amountDeltaFen) : Math.min(0, c.amountDeltaFen) })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : b.fen - a.fen));
  const balance = new Map<number, number>();
  for (const m of moves) {
    const next = (balance.get(m.fundId) ?? 0) + m.fen;
    if (next < 0) throw new Error(`fund ${m.fundId} would be overdrawn on ${m.date}`);
    balance.set(m.fundId, next);
  }

  // Budgets: the micro-fund plan the congress approved (10% more the year after, 10% less the year before); project
  // funds plan what each line needs in the year, rounded up to the thousand.
  const budgetYear = Number(ctx.deliberation('budget').date.slice(0, 4));
  const years = [...new Set([ctx.start.slice(0, 4), ctx.today.slice(0, 4)].map(Number))];
  const budgetRows = FUNDS.flatMap((f) =>
    years.flatMap((year) =>
      budgetLines.map((line) => {
        let planned: number;
        if (f.kind === 'micro_fund') planned = fen(Math.round((MICRO_BUDGET[line] * (year === budgetYear ? 1 : year > budgetYear ? 1.1 : 0.9)) / 1000) * 1000);
        else {
          const actual = expenseRows.filter((e) => e.fundId === idOf(f.key) && e.budgetLine === line && e.date.startsWith(String(year))).reduce((s, e) => s + e.amountFen, 0);
          planned = actual > 0 ? Math.ceil((actual * 1.08) / 100_000) * 100_000 : 0;
        }
        return { fundId: idOf(f.key), year, budgetLine: line, plannedFen: planned };
      }),
    ),
  ).map((b, i) => {
    // Entered the day after the fund was published, and published the day after that.
    const fundPublished = fundRows.find((f) => f.id === b.fundId)!.publishedAt!.slice(0, 10);
    return { id: i + 1, ...b, ...publication(ctx, 'budget', i + 1, `${b.year} ${b.budgetLine}`, addDays(fundPublished, 1), addDays(fundPublished, 2)) };
  });

  const strip = <T extends { tag?: unknown }>({ tag: _tag, ...row }: T) => row;
  return {
    funds: fundRows,
    donations: donationRows.map(strip),
    incomes: incomeRows.map(strip),
    expenses: expenseRows.map(({ receipt: _receipt, ...row }) => strip(row)),
    receipts: receiptRows,
    donationOutcomes: outcomeRows,
    budgets: budgetRows,
    corrections: correctionRows,
  };
}

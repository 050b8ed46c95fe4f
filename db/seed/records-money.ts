/**
 * A year of money for the demo community's funds: donations (money and in kind), incomes, expenses
 * entered by one staff member and approved by another, a few receipt scans, budgets per line and
 * year, and corrections. Every fund's balance stays non-negative on every date, counting the worst
 * case (drafts' money in ignored, drafts' money out counted).
 */
import { budgetLines } from '../schema';
import { receiptPdf, receiptPng } from './records-files';
import { CORRECTIONS, FUNDS, type FundKey, MICRO_BUDGET } from './records-funds';
import { numbered, plannedDonations, plannedExpenses, plannedIncomes } from './records-money-plan';
import { addDays, fen, publication, type SeedContext, stamp } from './records-util';

export function buildMoney(ctx: SeedContext) {
  const last = addDays(ctx.today, -3); // entered records are reviewed and published within two days
  const fundId = new Map<FundKey, number>(FUNDS.map((f, i) => [f.key, i + 1]));
  const idOf = (key: FundKey) => fundId.get(key)!;
  const fundRows = FUNDS.map((f, i) => {
    const created = addDays(ctx.today, -f.createdDaysAgo);
    return {
      id: i + 1,
      code: f.code,
      name: f.name,
      kind: f.kind,
      description: f.description,
      ...publication(ctx, 'fund', i + 1, f.name, created, addDays(created, 1)),
    };
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
    ...publication(
      ctx,
      'donation',
      i + 1,
      d.anonymous ? '匿名捐赠' : d.donor,
      d.date,
      d.date <= last ? addDays(d.date, 2) : null,
    ),
    tag: d.tag,
  }));

  // What became of in-kind gifts, told as it became known (only what has happened by today).
  const outcomeRows = gifts
    .flatMap((d, i) =>
      (d.later ?? []).map(([days, text]) => ({
        donationId: i + 1,
        date: addDays(d.date, days),
        text,
        createdAt: stamp(addDays(d.date, days), 16, (i * 7) % 60),
        createdBy: ctx.staffId,
      })),
    )
    .filter((o) => o.date < ctx.today)
    .map((o, i) => ({ id: i + 1, ...o }));
  for (const o of outcomeRows)
    ctx.audit.push({
      at: o.createdAt,
      actorId: ctx.staffId,
      action: 'add_outcome',
      entity: 'donation',
      entityId: o.donationId,
      detail: JSON.stringify({ outcomeId: o.id, date: o.date, text: o.text }),
    });

  const incomeRows = numbered(plannedIncomes(ctx), 'SR').map((r, i) => ({
    id: i + 1,
    fundId: idOf(r.fund),
    date: r.date,
    source: r.source,
    kind: r.kind,
    amountFen: fen(r.yuan),
    receiptNo: r.receiptNo,
    ...publication(
      ctx,
      'income',
      i + 1,
      r.source,
      r.date,
      r.date <= last ? addDays(r.date, 2) : null,
    ),
    tag: r.tag,
  }));

  const expenseRows = numbered(plannedExpenses(ctx), 'ZC').map((e, i) => {
    const approvedOn = addDays(e.date, 1);
    const approved = !e.draft && approvedOn < ctx.today;
    const deliberation = e.deliberation ? ctx.deliberation(e.deliberation) : null;
    if (deliberation && deliberation.date > e.date)
      throw new Error(`expense ${e.description} predates deliberation ${e.deliberation}`);
    const approvedAt = approved ? stamp(approvedOn, 9, (i * 11) % 60) : null;
    if (approvedAt)
      ctx.audit.push({
        at: approvedAt,
        actorId: ctx.approverId,
        action: 'approve',
        entity: 'expense',
        entityId: i + 1,
        detail: '{}',
      });
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
      ...publication(
        ctx,
        'expense',
        i + 1,
        e.description,
        e.date,
        approved && e.date <= last ? addDays(e.date, 2) : null,
      ),
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
      bytes:
        e.receipt === 'png'
          ? receiptPng(e.receiptNo)
          : receiptPdf(e.receiptNo, e.date, e.amountFen),
      uploadedAt: e.createdAt,
      uploadedBy: ctx.staffId,
    }));

  const byTag = { donation: donationRows, income: incomeRows, expense: expenseRows } as const;
  const correctionRows = CORRECTIONS.map((c, i) => {
    const target = (
      byTag[c.entity] as ReadonlyArray<{
        id: number;
        fundId: number;
        date: string;
        status: string;
        tag?: string | undefined;
      }>
    ).find((r) => r.tag === c.tag);
    if (target?.status !== 'published')
      throw new Error(`correction ${c.tag}: no published ${c.entity} to correct`);
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
    ...donationRows
      .filter((d) => d.form === 'money' && d.status === 'published')
      .map((d) => ({ fundId: d.fundId, date: d.date, fen: d.amountFen })),
    ...incomeRows
      .filter((r) => r.status === 'published')
      .map((r) => ({ fundId: r.fundId, date: r.date, fen: r.amountFen })),
    ...expenseRows.map((e) => ({ fundId: e.fundId, date: e.date, fen: -e.amountFen })),
    ...correctionRows.map((c) => ({
      fundId: c.fundId,
      date: c.date,
      fen: c.entity === 'expense' ? -Math.max(0, c.amountDeltaFen) : Math.min(0, c.amountDeltaFen),
    })),
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
        if (f.kind === 'micro_fund')
          planned = fen(
            Math.round(
              (MICRO_BUDGET[line] * (year === budgetYear ? 1 : year > budgetYear ? 1.1 : 0.9)) /
                1000,
            ) * 1000,
          );
        else {
          const actual = expenseRows
            .filter(
              (e) =>
                e.fundId === idOf(f.key) &&
                e.budgetLine === line &&
                e.date.startsWith(String(year)),
            )
            .reduce((s, e) => s + e.amountFen, 0);
          planned = actual > 0 ? Math.ceil((actual * 1.08) / 100_000) * 100_000 : 0;
        }
        return { fundId: idOf(f.key), year, budgetLine: line, plannedFen: planned };
      }),
    ),
  ).map((b, i) => {
    // Entered the day after the fund was published, and published the day after that.
    const fundPublished = fundRows.find((f) => f.id === b.fundId)!.publishedAt!.slice(0, 10);
    return {
      id: i + 1,
      ...b,
      ...publication(
        ctx,
        'budget',
        i + 1,
        `${b.year} ${b.budgetLine}`,
        addDays(fundPublished, 1),
        addDays(fundPublished, 2),
      ),
    };
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

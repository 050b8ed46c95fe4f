import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { charityView } from '../../../functions/domain/publishing/charity';
import { bodyOf } from '../../helpers/client';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { BASE, idOf, recordsWorld, sample } from './helpers';

/** Issue 19: outcomes known later, budgets with a lifecycle, receipts required at publish. */
const w = perTest(recordsWorld);
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

async function publishedFund(): Promise<number> {
  const id = idOf(await w.api('POST', '/funds', sample.fund()));
  await w.api('POST', `/funds/${id}/publish`);
  return id;
}
const view = () => charityView(w.t.database.read);

describe('in-kind donations: outcomes told after publishing', () => {
  it('publishes without an outcome, then takes dated entries that appear publicly in date order', async () => {
    const fundId = await publishedFund();
    const gift = idOf(
      await w.api(
        'POST',
        '/donations',
        sample.donation(fundId, { form: 'in_kind', itemDescription: '棉被', quantity: '30 床' }),
      ),
    );
    await w.api('POST', `/donations/${gift}/publish`);
    expect((await view()).donations.find((d) => d.id === gift)).toMatchObject({
      outcome: null,
      outcomes: [],
    });

    const first = await w.api('POST', `/donations/${gift}/outcomes`, {
      date: '2026-12-01',
      text: '已发放给 12 户独居老人',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      outcomes: [{ date: '2026-12-01', text: '已发放给 12 户独居老人', createdBy: w.f.staffId }],
    });
    expect(w.published.at(-1)!.event).toEqual({ entity: 'donation', id: gift });
    expect(await w.published.at(-1)!.seen).toEqual({ status: 'published', events: 2 });
    // A back-dated entry takes its place in date order.
    await w.api('POST', `/donations/${gift}/outcomes`, { date: '2026-11-20', text: '入库登记' });
    expect(
      (
        await bodyOf(await w.records().donations[':id'].$get({ param: { id: String(gift) } }), 200)
      ).outcomes.map((o) => o.date),
    ).toEqual(['2026-11-20', '2026-12-01']);
    expect((await view()).donations.find((d) => d.id === gift)!.outcomes).toEqual([
      { date: '2026-11-20', text: '入库登记' },
      { date: '2026-12-01', text: '已发放给 12 户独居老人' },
    ]);
    const audits = await w.rows<{ action: string }>(
      sql`select action from audit_log where entity = 'donation' and entity_id = ${gift} order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual([
      'create',
      'publish',
      'add_outcome',
      'add_outcome',
    ]);
  });

  it('keeps the entries append-only and refuses bad input without a change', async () => {
    const fundId = await publishedFund();
    const gift = idOf(
      await w.api('POST', '/donations', sample.donation(fundId, { date: '2026-03-02' })),
    );
    await w.api('POST', `/donations/${gift}/outcomes`, {
      date: '2026-03-05',
      text: '已用于助餐',
    });
    await expect(
      w.t.database.client.execute(`update donation_outcomes set text = 'x'`),
    ).rejects.toThrow(/append-only/);
    await expect(w.t.database.client.execute('delete from donation_outcomes')).rejects.toThrow(
      /append-only/,
    );

    const before = await w.dump();
    const told = w.published.length;
    expectError(
      await w.api('POST', `/donations/${gift}/outcomes`, {
        date: '2026-03-01',
        text: '早于捐赠',
      }),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', `/donations/${gift}/outcomes`, {
        date: '2026-13-01',
        text: '日期不存在',
      }),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', `/donations/${gift}/outcomes`, { date: '2026-03-05', text: '  ' }),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', `/donations/${gift}/outcomes`, { date: '2026-03-05' }),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', '/donations/9999/outcomes', { date: '2026-03-05', text: '无此捐赠' }),
      404,
      'not_found',
    );
    expectError(
      await w.api(
        'POST',
        `/donations/${gift}/outcomes`,
        { date: '2026-03-05', text: '居民' },
        w.resident,
      ),
      403,
      'forbidden',
    );
    expect(await w.dump()).toEqual(before);
    expect(w.published.length).toBe(told);
  });
});

describe('follow-ups: dated updates after the deliberation is published', () => {
  it('takes an update on a published deliberation and shows it publicly', async () => {
    const org = idOf(await w.api('POST', '/organizations', sample.organization()));
    await w.api('POST', `/organizations/${org}/publish`);
    const delib = idOf(await w.api('POST', '/deliberations', sample.deliberation()));
    const fu = idOf(
      await w.api('POST', `/deliberations/${delib}/followups`, {
        title: '落实',
        responsibleId: org,
        dueDate: '2026-06-01',
      }),
    );
    await w.api('POST', `/deliberations/${delib}/publish`);
    const res = await w.api('POST', `/followups/${fu}/updates`, {
      date: '2026-05-01',
      status: 'done',
      note: '已完成安装',
    });
    expect(res.status).toBe(201);
    expect(w.published.at(-1)!.event).toEqual({ entity: 'followup', id: fu });
    const { loadPublicData } = await import('../../../functions/domain/publishing');
    const data = await loadPublicData(w.t.database.read);
    const shown = data.deliberations
      .flatMap((d: { followups: Array<{ id: number; updates: unknown[] }> }) => d.followups)
      .find((f) => f.id === fu);
    expect(shown?.updates).toEqual([
      { date: '2026-05-01', status: 'done', progress: 100, note: '已完成安装' },
    ]);
  });
});

describe('budgets: public only once published', () => {
  it('leaves a draft budget off the public view and shows it once published', async () => {
    const fundId = await publishedFund();
    const budget = idOf(
      await w.api('POST', '/budgets', {
        fundId,
        year: 2026,
        budgetLine: 'activities',
        plannedFen: 300_000,
      }),
    );
    expect((await view()).funds.find((f) => f.id === fundId)!.budget).toEqual([]);
    await w.api('POST', `/budgets/${budget}/publish`);
    expect((await view()).funds.find((f) => f.id === fundId)!.budget).toEqual([
      {
        id: budget,
        year: 2026,
        budgetLine: 'activities',
        plannedFen: 300_000,
        actualFen: 0,
        status: 'published',
        titleEn: null,
        summaryEn: null,
      },
    ]);
    expectError(await w.api('POST', `/budgets/${budget}/publish`), 409, 'already_published');
  });
});

describe('expenses: published with a receipt or a stated reason', () => {
  async function approvedExpense(extra: Record<string, unknown>): Promise<number> {
    const fundId = await publishedFund();
    const id = idOf(await w.api('POST', '/expenses', sample.expense(fundId, extra)));
    await w.api('POST', `/expenses/${id}/approve`, undefined, w.staff2);
    return id;
  }

  it('refuses to publish an expense with neither, and changes nothing', async () => {
    const id = await approvedExpense({ noReceiptReason: null });
    const before = await w.dump();
    const res = await w.api('POST', `/expenses/${id}/publish`);
    expectError(res, 409, 'receipt_required');
    expect(res.body).toMatchObject({ error: { message: expect.stringContaining('无票据的原因') } });
    expect(await w.dump()).toEqual(before);
    expect(w.published.filter((p) => p.event.entity === 'expense')).toEqual([]);
  });

  it('publishes with a stated reason, shown publicly', async () => {
    const id = await approvedExpense({ noReceiptReason: '  集市现金购买，摊主无发票  ' });
    expect((await w.api('POST', `/expenses/${id}/publish`)).body).toMatchObject({
      status: 'published',
      noReceiptReason: '集市现金购买，摊主无发票',
      receipts: [],
    });
    expect((await view()).expenses.find((e) => e.id === id)).toMatchObject({
      hasReceipt: false,
      receipts: [],
      noReceiptReason: '集市现金购买，摊主无发票',
    });
  });

  it('publishes with a receipt scan, listed publicly', async () => {
    const id = await approvedExpense({ noReceiptReason: null });
    const up = await w.app.request(`${BASE}/expenses/${id}/receipts?filename=r.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.staff}`, 'content-type': 'application/pdf' },
      body: PDF,
    });
    expect(up.status).toBe(201);
    expect((await w.api('POST', `/expenses/${id}/publish`)).status).toBe(200);
    expect((await view()).expenses.find((e) => e.id === id)).toMatchObject({
      hasReceipt: true,
      receipts: [{ mime: 'application/pdf' }],
      noReceiptReason: null,
    });
  });

  it('refuses a reason shorter than four characters with 400 and no change', async () => {
    const fundId = await publishedFund();
    const before = await w.dump();
    expectError(
      await w.api('POST', '/expenses', sample.expense(fundId, { noReceiptReason: '没有' })),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', '/expenses', sample.expense(fundId, { noReceiptReason: '    无票    ' })),
      400,
      'invalid_request',
    );
    expect(await w.dump()).toEqual(before);
  });
});

describe('withdrawn money records in the public view', () => {
  it('stay listed with their status and count in no balance, budget actual or in-kind value', async () => {
    const fundId = await publishedFund();
    const budget = idOf(
      await w.api('POST', '/budgets', {
        fundId,
        year: 2026,
        budgetLine: 'service_subsidy',
        plannedFen: 100_000,
      }),
    );
    await w.api('POST', `/budgets/${budget}/publish`);
    const donation = await w.api('POST', '/donations', {
      fundId,
      date: '2026-03-02',
      donorType: 'enterprise',
      donorName: '爱心企业',
      anonymous: false,
      form: 'money',
      amountFen: 80_000,
      receiptNo: 'D-W1',
    });
    await w.api('POST', `/donations/${idOf(donation)}/publish`);
    const expense = idOf(
      await w.api('POST', '/expenses', {
        fundId,
        date: '2026-03-04',
        budgetLine: 'service_subsidy',
        description: '助餐补贴',
        payee: '幸福食堂',
        amountFen: 30_000,
        receiptNo: 'E-W1',
        noReceiptReason: '按月结算',
      }),
    );
    await w.api('POST', `/expenses/${expense}/approve`, undefined, w.staff2);
    await w.api('POST', `/expenses/${expense}/publish`);
    const before = (await view()).funds.find((f) => f.id === fundId)!;
    expect(before).toMatchObject({ balanceFen: 50_000, outFen: 30_000 });
    expect(before.budget[0]).toMatchObject({ actualFen: 30_000 });

    expect(
      (await w.api('POST', `/expenses/${expense}/withdraw`, { reason: '支出未发生' })).status,
    ).toBe(200);
    const after = await view();
    const fund = after.funds.find((f) => f.id === fundId)!;
    expect(fund).toMatchObject({ balanceFen: 80_000, inFen: 80_000, outFen: 0 });
    expect(fund.budget[0]).toMatchObject({ actualFen: 0, status: 'published' });
    expect(fund.months.every((m) => m.outFen === 0)).toBe(true);
    expect(after.expenses.find((e) => e.id === expense)).toMatchObject({ status: 'withdrawn' });

    await w.api('POST', `/funds/${fundId}/withdraw`, { reason: '项目取消' });
    expect((await view()).funds.find((f) => f.id === fundId)).toMatchObject({
      status: 'withdrawn',
    });
  });
});

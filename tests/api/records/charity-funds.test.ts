import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf } from '../../helpers/client';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { publishFund, recordsWorld, sample } from './helpers';

const w = perTest(recordsWorld);

const publishedFund = () => publishFund(w);

describe('funds, donations and incomes', () => {
  it('keeps fund codes unique and publishes money only into a published fund', async () => {
    const fund = await bodyOf(await w.records().funds.$post({ json: sample.fund() }), 201);
    expectError(
      await w.api('POST', '/funds', sample.fund({ name: '另一个' })),
      409,
      'fund_code_taken',
    );
    expectError(
      await w.api('POST', '/funds', sample.fund({ code: 'no spaces' })),
      400,
      'invalid_request',
    );
    const donation = await bodyOf(
      await w.records().donations.$post({ json: sample.donation(fund.id) }),
      201,
    );
    expectError(
      await w.api('POST', `/donations/${donation.id}/publish`),
      409,
      'dependency_unpublished',
    );
    await w.api('POST', `/funds/${fund.id}/publish`);
    const published = await w
      .records(w.staff2)
      .donations[':id'].publish.$post({ param: { id: String(donation.id) } });
    expect(await bodyOf(published, 200)).toMatchObject({
      status: 'published',
      publishedBy: w.f.staff2Id,
      anonymous: true,
      donorName: '张先生',
    });
    expect(w.published.map((p) => p.event)).toEqual([
      { entity: 'fund', id: fund.id },
      { entity: 'donation', id: donation.id },
    ]);
    expect(await w.published[1]!.seen).toEqual({ status: 'published', events: 1 });
  });

  it('takes in-kind donations with a valuation and an outcome, and requires a description of the goods', async () => {
    const fundId = await publishedFund();
    const org = await bodyOf(
      await w.records().organizations.$post({
        json: sample.organization({
          kind: 'merchant' as const,
          name: '明亮眼镜店',
          merchantUserId: w.f.merchants[0],
        }),
      }),
      201,
    );
    expectError(
      await w.api('POST', '/donations', sample.donation(fundId, { form: 'in_kind' })),
      400,
      'invalid_request',
    );
    const res = await w.records().donations.$post({
      json: sample.donation(fundId, {
        form: 'in_kind' as const,
        donorType: 'merchant' as const,
        donorName: '明亮眼镜店',
        anonymous: false,
        organizationId: org.id,
        amountFen: 30_000,
        itemDescription: '老花镜',
        quantity: '20 副',
        outcome: '3 月 9 日发放给 20 位老人',
      }),
    });
    expect(res.status).toBe(201);
    const created = await bodyOf(res, 201);
    expect(created).toMatchObject({
      form: 'in_kind',
      itemDescription: '老花镜',
      outcome: '3 月 9 日发放给 20 位老人',
      organizationId: org.id,
    });
    // The publicity owed needs the merchant on the public map first.
    expectError(
      await w.api('POST', `/donations/${created.id}/publish`),
      409,
      'dependency_unpublished',
    );
    await w.api('POST', `/organizations/${org.id}/publish`);
    expect((await w.api('POST', `/donations/${created.id}/publish`)).status).toBe(200);
    expectError(
      await w.api('POST', '/donations', sample.donation(fundId, { organizationId: 999 })),
      422,
      'invalid_reference',
    );
    expectError(await w.api('POST', '/donations', sample.donation(999)), 422, 'invalid_reference');
    expectError(
      await w.api('POST', '/donations', sample.donation(fundId, { donorType: 'alien' })),
      400,
      'invalid_request',
    );
  });

  it('never edits a published donation or income: a correction is a new entry', async () => {
    const fundId = await publishedFund();
    const donation = await bodyOf(
      await w.records().donations.$post({ json: sample.donation(fundId) }),
      201,
    );
    // A draft is simply edited, so it cannot be corrected.
    expectError(
      await w.api('POST', '/corrections', {
        entity: 'donation',
        entityId: donation.id,
        date: '2026-03-05',
        amountDeltaFen: -100,
        explanation: '录入错误',
      }),
      409,
      'not_published',
    );
    expect(
      (
        await bodyOf(
          await w.records().donations[':id'].$patch({
            param: { id: String(donation.id) },
            json: { amountFen: 40_000 },
          }),
          200,
        )
      ).amountFen,
    ).toBe(40_000);
    await w.api('POST', `/donations/${donation.id}/publish`);

    const before = await w.dump();
    // Wording is revised with a reason; the amount only by a correction.
    expectError(
      await w.api('PATCH', `/donations/${donation.id}`, { amountFen: 1 }),
      400,
      'invalid_request',
    );
    const refused = await answerOf(
      await w.records().donations[':id'].$patch({
        param: { id: String(donation.id) },
        json: { amountFen: 1, reason: '金额有误' },
      }),
    );
    expectError(refused, 409, 'correction_required');
    expect(refused.body.error.message).toContain('更正');
    expect(await w.dump()).toEqual(before);
    // The database itself refuses too (trigger), whatever the route.
    const direct = await w.t.database
      .write((tx) => tx.run(sql`update donations set amount_fen = 1 where id = ${donation.id}`))
      .catch((error: Error) => error);
    expect(String((direct as Error).cause ?? direct)).toMatch(/changes only by a new version/);
    const wording = await w.t.database
      .write((tx) => tx.run(sql`update donations set receipt_no = 'X' where id = ${donation.id}`))
      .catch((error: Error) => error);
    expect(String((wording as Error).cause ?? wording)).toMatch(/changes only by a new version/);

    expectError(
      await w.api('POST', '/corrections', {
        entity: 'donation',
        entityId: donation.id,
        date: '2026-03-05',
        amountDeltaFen: -40_001,
        explanation: '多记',
      }),
      422,
      'invalid_correction',
    );
    expectError(
      await w.api('POST', '/corrections', {
        entity: 'donation',
        entityId: 999,
        date: '2026-03-05',
        amountDeltaFen: -1,
        explanation: 'x',
      }),
      422,
      'invalid_reference',
    );
    const records = w.records();
    const res = await records.corrections.$post({
      json: {
        entity: 'donation',
        entityId: donation.id,
        date: '2026-03-05',
        amountDeltaFen: -10_000,
        explanation: '收据金额应为 300 元，录入时多记 100 元',
      },
    });
    expect(res.status).toBe(201);
    const correction = await bodyOf(res, 201);
    const param = { id: String(correction.id) };
    expect(correction).toMatchObject({
      entity: 'donation',
      entityId: donation.id,
      fundId,
      amountDeltaFen: -10_000,
      status: 'draft',
    });
    expect(
      (
        await bodyOf(
          await records.corrections[':id'].$patch({ param, json: { amountDeltaFen: -10_500 } }),
          200,
        )
      ).amountDeltaFen,
    ).toBe(-10_500);
    expectError(
      await w.api('PATCH', `/corrections/${correction.id}`, { entityId: 1 }),
      400,
      'invalid_request',
    );
    const published = await records.corrections[':id'].publish.$post({ param });
    expect(await bodyOf(published, 200)).toMatchObject({
      status: 'published',
      publishedBy: w.f.staffId,
    });
    expectError(
      await w.api('PATCH', `/corrections/${correction.id}`, { explanation: '改' }),
      409,
      'not_draft',
    );
    // The original is untouched; the register lists the correction against it.
    const original = await records.donations[':id'].$get({ param: { id: String(donation.id) } });
    expect((await bodyOf(original, 200)).amountFen).toBe(40_000);
    const listed = await records.corrections.$get({
      query: { entity: 'donation', entityId: String(donation.id) },
    });
    expect((await bodyOf(listed, 200)).items).toHaveLength(1);
    // Corrections add up: at most the rest of the amount can still be taken off.
    expectError(
      await w.api('POST', '/corrections', {
        entity: 'donation',
        entityId: donation.id,
        date: '2026-03-06',
        amountDeltaFen: -29_501,
        explanation: 'x',
      }),
      422,
      'invalid_correction',
    );
    expect(w.published.map((p) => p.event.entity)).toEqual(['fund', 'donation', 'correction']);

    const income = await bodyOf(
      await w.records().incomes.$post({ json: sample.income(fundId) }),
      201,
    );
    await w.api('POST', `/incomes/${income.id}/publish`);
    expectError(
      await w.api('PATCH', `/incomes/${income.id}`, { source: 'x' }),
      400,
      'invalid_request',
    );
    // A wording fix is a revision, not a zero correction.
    expectError(
      await w.api('POST', '/corrections', {
        entity: 'income',
        entityId: income.id,
        date: '2026-03-05',
        amountDeltaFen: 0,
        explanation: '错字',
      }),
      400,
      'invalid_request',
    );
    expect(
      (
        await w.api('POST', '/corrections', {
          entity: 'income',
          entityId: income.id,
          date: '2026-03-05',
          amountDeltaFen: 500,
          explanation: '漏记利息',
        })
      ).status,
    ).toBe(201);
  });

  it('keeps one budget per fund, year and line, a draft until published into a published fund', async () => {
    const fund = await bodyOf(await w.records().funds.$post({ json: sample.fund() }), 201);
    const line = {
      fundId: fund.id,
      year: 2026,
      budgetLine: 'activities' as const,
      plannedFen: 200_000,
    };
    const records = w.records();
    const res = await records.budgets.$post({ json: line });
    expect(res.status).toBe(201);
    const budget = await bodyOf(res, 201);
    const param = { id: String(budget.id) };
    expect(budget).toMatchObject({ ...line, status: 'draft', publishedAt: null });
    expectError(await w.api('POST', '/budgets', { ...line, plannedFen: 1 }), 409, 'budget_exists');
    expect(
      (
        await bodyOf(
          await records.budgets[':id'].$patch({ param, json: { plannedFen: 250_000 } }),
          200,
        )
      ).plannedFen,
    ).toBe(250_000);
    expectError(
      await w.api('POST', `/budgets/${budget.id}/publish`),
      409,
      'dependency_unpublished',
    );
    expect(w.published).toEqual([]);
    await w.api('POST', `/funds/${fund.id}/publish`);
    expect(await bodyOf(await records.budgets[':id'].publish.$post({ param }), 200)).toMatchObject({
      status: 'published',
      publishedBy: w.f.staffId,
    });
    expect(w.published.at(-1)!.event).toEqual({ entity: 'budget', id: budget.id });
    expect(await w.published.at(-1)!.seen).toEqual({ status: 'published', events: 1 });
    // Published, a budget changes only by a revision with its reason: a new version, kept for good.
    expectError(
      await w.api('PATCH', `/budgets/${budget.id}`, { plannedFen: 1 }),
      400,
      'invalid_request',
    );
    const revised = await records.budgets[':id'].$patch({
      param,
      json: { plannedFen: 1, reason: '区级补助调整' },
    });
    expect(await bodyOf(revised, 200)).toMatchObject({ status: 'published', plannedFen: 1 });
    const versions = (await bodyOf(await records.budgets[':id'].versions.$get({ param }), 200))
      .items;
    expect(versions.map((v) => [v.version, v.kind, v.reason])).toEqual([
      [1, 'published', null],
      [2, 'revised', '区级补助调整'],
    ]);
    expect(
      (
        await bodyOf(
          await records.budgets.$get({
            query: { fundId: String(fund.id), year: '2026', status: 'published' },
          }),
          200,
        )
      ).items.map((b) => b.id),
    ).toEqual([budget.id]);
    const audits = await w.rows<{ action: string }>(
      sql`select action from audit_log where entity = 'budget' and entity_id = ${budget.id} order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'publish', 'revise']);

    const before = await w.dump();
    expectError(
      await w.api('POST', '/budgets', { ...line, budgetLine: 'bribes' }),
      400,
      'invalid_request',
    );
    expectError(
      await w.api('POST', '/budgets', { ...line, plannedFen: -1 }),
      400,
      'invalid_request',
    );
    expectError(await w.api('POST', '/budgets', { ...line, year: 1999 }), 400, 'invalid_request');
    expectError(
      await w.api('POST', '/budgets', { ...line, fundId: 999 }),
      422,
      'invalid_reference',
    );
    expect(await w.dump()).toEqual(before);
  });
});

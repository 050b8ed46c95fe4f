import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/client';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { publishFund, recordsWorld, sample } from './helpers';

const w = perTest(recordsWorld);

const publishedFund = () => publishFund(w);

describe('expenses: approval by a second staff member', () => {
  it('refuses self-approval and publishing before approval; a second staff member approves', async () => {
    const fundId = await publishedFund();
    const expense = await bodyOf(
      await w.records().expenses.$post({ json: sample.expense(fundId) }),
      201,
    );
    const param = { id: String(expense.id) };
    expect(expense).toMatchObject({ approvedBy: null, approvedAt: null, receipts: [] });

    const before = await w.dump();
    expectError(await w.api('POST', `/expenses/${expense.id}/publish`), 409, 'approval_required');
    expectError(
      await w.api('POST', `/expenses/${expense.id}/publish`, undefined, w.staff2),
      409,
      'approval_required',
    );
    // Staff do not give the second signature; the accountant does, but never on what they entered.
    expectError(await w.api('POST', `/expenses/${expense.id}/approve`), 403, 'forbidden');
    expect(await w.dump()).toEqual(before);
    expect(w.published).toHaveLength(1);

    w.time.advance(3600_000);
    const approved = await w.records(w.staff2).expenses[':id'].approve.$post({ param });
    expect(approved.status).toBe(200);
    expect(await bodyOf(approved, 200)).toMatchObject({
      approvedBy: w.f.staff2Id,
      approvedAt: w.time.now.toISOString(),
      status: 'draft',
    });
    expectError(
      await w.api('POST', `/expenses/${expense.id}/approve`, undefined, w.staff2),
      409,
      'already_approved',
    );
    const [audit] = await w.rows<{ actor_id: number }>(
      sql`select actor_id from audit_log where action = 'approve'`,
    );
    expect(audit!.actor_id).toBe(w.f.staff2Id);

    // The creator may publish once someone else has approved.
    const published = await w.records().expenses[':id'].publish.$post({ param });
    expect(await bodyOf(published, 200)).toMatchObject({
      status: 'published',
      approvedBy: w.f.staff2Id,
      publishedBy: w.f.staffId,
    });
    expect(w.published.map((p) => p.event)).toEqual([
      { entity: 'fund', id: fundId },
      { entity: 'expense', id: expense.id },
    ]);
    expectError(
      await w.api('PATCH', `/expenses/${expense.id}`, { amountFen: 1, reason: '多付' }),
      409,
      'correction_required',
    );
    expect(
      (
        await w.api('POST', '/corrections', {
          entity: 'expense',
          entityId: expense.id,
          date: '2026-03-10',
          amountDeltaFen: -1_000,
          explanation: '退回多付',
        })
      ).status,
    ).toBe(201);
  });

  it('an edit withdraws the approval, and whoever edited cannot approve', async () => {
    const fundId = await publishedFund();
    const expense = await bodyOf(
      await w.records().expenses.$post({ json: sample.expense(fundId) }),
      201,
    );
    const param = { id: String(expense.id) };
    await w.api('POST', `/expenses/${expense.id}/approve`, undefined, w.staff2);
    // staff2 changes the amount after approving: the approval is gone …
    const edited = await w
      .records(w.staff2)
      .expenses[':id'].$patch({ param, json: { amountFen: 99_000 } });
    expect(await bodyOf(edited, 200)).toMatchObject({
      amountFen: 99_000,
      approvedBy: null,
      approvedAt: null,
    });
    const [update] = await w.rows<{ detail: string }>(
      sql`select detail from audit_log where action = 'update' and entity = 'expense'`,
    );
    expect(JSON.parse(update!.detail)).toMatchObject({
      changes: { amountFen: { from: 36_000, to: 99_000 } },
      approvalWithdrawn: { approvedBy: w.f.staff2Id },
    });
    expectError(await w.api('POST', `/expenses/${expense.id}/publish`), 409, 'approval_required');
    // … and neither of the two who touched it may approve it now.
    expectError(
      await w.api('POST', `/expenses/${expense.id}/approve`, undefined, w.staff2),
      403,
      'self_approval',
    );
    // Staff do not give the second signature; the accountant does, but never on what they entered.
    expectError(await w.api('POST', `/expenses/${expense.id}/approve`), 403, 'forbidden');
    expect(
      (
        await bodyOf(await w.records().expenses.$get({ query: { approved: 'false' } }), 200)
      ).items.map((e) => e.id),
    ).toEqual([expense.id]);
  });

  it('links an expense to the deliberation that approved it, public only after it', async () => {
    const fundId = await publishedFund();
    const d = await bodyOf(
      await w.records().deliberations.$post({ json: sample.deliberation() }),
      201,
    );
    expectError(
      await w.api('POST', '/expenses', sample.expense(fundId, { deliberationId: 999 })),
      422,
      'invalid_reference',
    );
    const expense = await bodyOf(
      await w.records().expenses.$post({ json: sample.expense(fundId, { deliberationId: d.id }) }),
      201,
    );
    await w.api('POST', `/expenses/${expense.id}/approve`, undefined, w.staff2);
    expectError(
      await w.api('POST', `/expenses/${expense.id}/publish`),
      409,
      'dependency_unpublished',
    );
    await w.api('POST', `/deliberations/${d.id}/publish`);
    const published = await w
      .records()
      .expenses[':id'].publish.$post({ param: { id: String(expense.id) } });
    expect(await bodyOf(published, 200)).toMatchObject({
      status: 'published',
      deliberationId: d.id,
    });
  });

  it('validates amounts, dates and budget lines', async () => {
    const fundId = await publishedFund();
    const before = await w.dump();
    for (const bad of [
      { amountFen: -1 },
      { amountFen: 12.5 },
      { amountFen: '100' },
      { date: '2026-3-4' },
      { date: '2026-13-01' },
      { budgetLine: 'bribes' },
      { payee: '' },
      { payee: '   ' },
      { description: 'x'.repeat(1001) },
    ]) {
      expectError(
        await w.api('POST', '/expenses', sample.expense(fundId, bad)),
        400,
        'invalid_request',
      );
    }
    expect(await w.dump()).toEqual(before);
  });
});

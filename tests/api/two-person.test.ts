import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { createStaff } from '../../functions/domain/people/directory';
import { answerOf, bodyOf, client } from '../helpers/client';
import { counts, setSetting } from '../helpers/daily-use';
import { FAST_HASHING, PASSWORD } from '../helpers/fixture';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, snapshot } from '../helpers/ledger';

/** The two-person rule on every way points are awarded: over the community's threshold, an accountant who is not the author approves. */
describe('two-person rule', () => {
  const w = useWorld(['staff', 'staff2', 'admin']);
  const staffApi = (token: string) => client(w.app, { token }).staff;
  const awardAs = (
    token: string,
    points: number,
    key = newKey('award'),
    extra: { activityId?: number } = {},
  ) =>
    staffApi(token).awards.$post({
      header: { 'idempotency-key': key },
      json: { residentId: w.f.residents[0]!, points, reason: '年度优秀志愿者', ...extra },
    });
  const waits = async (
    token: string,
    points: number,
    key?: string,
    extra?: { activityId?: number },
  ) => bodyOf(await awardAs(token, points, key, extra), 202);
  const approval = (id: number, token: string, key = newKey('approve')) =>
    staffApi(token)['award-batches'][':id'].approve.$post({
      header: { 'idempotency-key': key },
      param: { id: String(id) },
      json: {},
    });
  const approve = async (id: number, token: string, key?: string) =>
    answerOf(await approval(id, token, key));
  const approvable = async (token: string) =>
    bodyOf(await staffApi(token)['award-batches'].$get({ query: { approvable: 'true' } }), 200);

  it('a single award under the threshold moves at once (201)', async () => {
    const res = await bodyOf(await awardAs(w.tokens.staff, 200), 201);
    expect(res).toEqual({ id: expect.any(Number), balanceAfter: 200 });
  });

  it('a single award over the threshold waits (202) and moves once when the accountant approves', async () => {
    const before = await snapshot(w.t.database);
    const key = newKey('big');
    const pending = await waits(w.tokens.staff, 300, key);
    expect(pending).toMatchObject({
      kind: 'manual',
      status: 'pending',
      totalPoints: 300,
      createdBy: { id: w.f.staffId },
      lines: [{ residentId: w.f.residents[0], points: 300, entryId: null }],
    });
    expect((await snapshot(w.t.database)).head).toBe(before.head);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(0);
    // A retry answers the same pending batch and stores no second one.
    expect(await waits(w.tokens.staff, 300, key)).toEqual(pending);

    // The author cannot approve; nor can staff or the administrator, who do not hold the second signature.
    expectError(await approve(pending.id, w.tokens.staff), 403, 'forbidden');
    expectError(await approve(pending.id, w.tokens.admin), 403, 'forbidden');
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(0);

    // Only the accountant's queue lists it, and it explains the rule with the threshold.
    expect((await approvable(w.tokens.staff)).items).toEqual([]);
    const queue = await approvable(w.tokens.staff2);
    expect(queue.items.map((b) => b.id)).toEqual([pending.id]);
    expect(queue.thresholds).toEqual({ perAward: 200, perBatch: 2000 });

    const key2 = newKey('approve');
    const approved = await bodyOf(await approval(pending.id, w.tokens.staff2, key2), 201);
    expect(approved).toMatchObject({
      status: 'applied',
      decidedBy: { id: w.f.staff2Id },
      lines: [{ entryId: expect.any(Number) }],
    });
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(300);
    expect(await bodyOf(await approval(pending.id, w.tokens.staff2, key2), 201)).toEqual(approved);
    expectError(await approve(pending.id, w.tokens.staff2), 409, 'batch_decided');
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(300);
    expect((await snapshot(w.t.database)).entries).toBe(before.entries + 1);
    expect((await approvable(w.tokens.staff2)).items).toEqual([]);
    await expectLedgerInvariants(w.t.database);
  });

  it("an accountant's own award waits for another accountant", async () => {
    await w.t.database.write((tx) =>
      createStaff(
        tx,
        { login: 'acct2', password: PASSWORD, displayName: '赵会计', role: 'accountant' },
        w.time.now,
        FAST_HASHING,
      ),
    );
    const other = await loginAs(w.app, 'acct2');
    const pending = await waits(w.tokens.staff2, 500);
    expect((await approvable(w.tokens.staff2)).items).toEqual([]);
    expectError(await approve(pending.id, w.tokens.staff2), 403, 'self_approval');
    expect((await approvable(other)).items.map((b) => b.id)).toEqual([pending.id]);
    expect((await approve(pending.id, other)).status).toBe(201);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(500);
  });

  it('the threshold is the community setting, and an over-threshold award for an unknown activity is refused', async () => {
    await setSetting(w.t.database, 'award_approval_threshold', '10');
    expect((await awardAs(w.tokens.staff, 10)).status).toBe(201);
    expect((await awardAs(w.tokens.staff, 11)).status).toBe(202);
    const before = {
      ledger: (await snapshot(w.t.database)).head,
      rows: await counts(w.t.database),
    };
    expectError(
      await answerOf(await awardAs(w.tokens.staff, 50, newKey(), { activityId: 9999 })),
      404,
      'not_found',
    );
    const unknown = await staffApi(w.tokens.staff).awards.$post({
      header: { 'idempotency-key': newKey() },
      json: { residentId: 9999, points: 50, reason: 'x' },
    });
    expectError(await answerOf(unknown), 404, 'not_found');
    expect({
      ledger: (await snapshot(w.t.database)).head,
      rows: await counts(w.t.database),
    }).toEqual(before);
  });

  it('an over-threshold award for an activity keeps its daily cap at approval', async () => {
    await setSetting(w.t.database, 'award_approval_threshold', '10');
    const pending = await waits(w.tokens.staff, 40, newKey(), { activityId: w.f.activityId });
    expect(
      (await awardAs(w.tokens.staff, 10, newKey(), { activityId: w.f.activityId })).status,
    ).toBe(201);
    // 10 + 40 ≤ the patrol's cap of 50: approved.
    expect((await approve(pending.id, w.tokens.staff2)).status).toBe(201);
    const more = await waits(w.tokens.staff, 20, newKey(), { activityId: w.f.activityId });
    expectError(await approve(more.id, w.tokens.staff2), 422, 'daily_cap_exceeded');
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(50);
  });

  it('batches and activity closes over the thresholds wait too', async () => {
    const staff = staffApi(w.tokens.staff);
    const batch = await bodyOf(
      await staff['award-batches'].$post({
        header: { 'idempotency-key': newKey() },
        json: {
          reason: '表彰',
          lines: w.f.residents.map((residentId) => ({ residentId, points: 201 })),
        },
      }),
      202,
    );
    await setSetting(w.t.database, 'award_batch_approval_threshold', '15');
    const activity = staff.activities[':id'];
    const param = { id: String(w.f.activityId) };
    for (const residentId of w.f.residents.slice(0, 2)) {
      expect((await activity['check-ins'].$post({ param, json: { residentId } })).status).toBe(201);
    }
    const preview = await bodyOf(await activity['close-preview'].$get({ param }), 200);
    expect(preview).toMatchObject({ totalPoints: 40, needsApproval: true });
    const closed = await bodyOf(
      await activity.close.$post({
        param,
        header: { 'idempotency-key': newKey() },
        json: { preview: preview.fingerprint },
      }),
      202,
    );
    for (const residentId of w.f.residents)
      expect(await balanceOf(w.t.database, residentId)).toBe(0);
    expect((await approvable(w.tokens.staff2)).items.map((b) => b.id)).toEqual([
      closed.id,
      batch.id,
    ]);
    expect((await approve(closed.id, w.tokens.staff2)).status).toBe(201);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(20);
  });

  it('documents both answers of POST /api/staff/awards', async () => {
    // The document is served outside AppType: read the little of it this test needs.
    const Doc = z.object({
      paths: z.object({
        '/api/staff/awards': z.object({
          post: z.object({ responses: z.record(z.string(), z.unknown()) }),
        }),
      }),
    });
    const doc = Doc.parse((await call(w.app, 'GET', '/api/openapi.json')).body);
    expect(Object.keys(doc.paths['/api/staff/awards'].post.responses)).toEqual(
      expect.arrayContaining(['201', '202']),
    );
  });
});

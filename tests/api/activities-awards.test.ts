import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf } from '../helpers/client';
import { addActivity, counts, setSetting } from '../helpers/daily-use';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, rows, snapshot } from '../helpers/ledger';
import { activityCalls } from './activities-helpers';

/** Volunteer activities, after check-in: close and award once, approval by a second staff member, manual award batches. */
describe('activities', () => {
  const w = useWorld(['staff', 'staff2', 'r1']);

  const { staff, me, param, auditOf, checkIn, preview, close, batch, signUp } = activityCalls(w);

  it('closes once: one batch, points linked to participations, a replay moves nothing, daily cap respected', async () => {
    const [a, b] = w.f.residents as [number, number];
    // Resident a already earned 40 patrol points today in another activity: this one may add only 10 more.
    const earlier = await addActivity(w.t.database, {
      date: '2026-03-09',
      hours: 4,
      status: 'open',
    });
    await checkIn(earlier, { residentId: a });
    const e = await preview(earlier);
    expect(e.lines).toEqual([
      expect.objectContaining({ residentId: a, uncapped: 40, points: 40, capped: false }),
    ]);
    expect((await close(earlier, e.fingerprint)).status).toBe(201);

    const id = w.f.activityId;
    await signUp(id);
    for (const residentId of [a, b]) await checkIn(id, { residentId });
    const p = await preview(id);
    expect(p).toMatchObject({
      totalPoints: 30,
      needsApproval: false,
      thresholds: { perAward: 200, perBatch: 2000 },
    });
    expect(p.lines).toEqual([
      expect.objectContaining({
        residentId: a,
        uncapped: 20,
        earnedToday: 40,
        points: 10,
        capped: true,
      }),
      expect.objectContaining({
        residentId: b,
        uncapped: 20,
        earnedToday: 0,
        points: 20,
        capped: false,
      }),
    ]);

    expectError(await answerOf(await close(id, '0'.repeat(64))), 409, 'preview_stale');
    // A missing Idempotency-Key and an unknown field, on purpose: past the typed client.
    expectError(
      await call(w.app, 'POST', `/api/staff/activities/${id}/close`, {
        token: w.tokens.staff,
        body: { preview: p.fingerprint },
      }),
      400,
      'invalid_request',
    );
    expectError(
      await call(w.app, 'POST', `/api/staff/activities/${id}/close`, {
        token: w.tokens.staff,
        idempotencyKey: newKey(),
        body: { preview: p.fingerprint, force: true },
      }),
      400,
      'invalid_request',
    );

    const key = newKey('close');
    const done = await bodyOf(await close(id, p.fingerprint, key), 201);
    expect(done).toMatchObject({
      kind: 'activity',
      activityId: id,
      status: 'applied',
      totalPoints: 30,
    });
    expect(done.lines.every((l) => l.entryId !== null)).toBe(true);
    expect(await balanceOf(w.t.database, a)).toBe(50);
    expect(await balanceOf(w.t.database, b)).toBe(20);

    const after = await snapshot(w.t.database);
    const replay = await close(id, p.fingerprint, key);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await bodyOf(replay, 201)).toEqual(done);
    expectError(await answerOf(await close(id, p.fingerprint)), 409, 'activity_closed');
    const now = await snapshot(w.t.database);
    expect({ head: now.head, entries: now.entries, balances: now.balances }).toEqual({
      head: after.head,
      entries: after.entries,
      balances: after.balances,
    });

    const links = await rows<{ resident_id: number; award_entry_id: number }>(
      w.t.database.read,
      sql`select resident_id, award_entry_id from participations where activity_id = ${id} order by resident_id`,
    );
    expect(links.map((l) => Number(l.award_entry_id))).toEqual(done.lines.map((l) => l.entryId));

    const mine = await bodyOf(await me().activities.$get({ query: {} }), 200);
    expect(mine.items.find((x) => x.activityId === id)).toMatchObject({
      status: 'awarded',
      hours: 2,
      points: 10,
    });
    const summary = await bodyOf(await me().summary.$get(), 200);
    expect(summary).toMatchObject({ balance: 50, earned: 50, hours: 6, activities: 2 });
    expectError(await answerOf(await checkIn(id, { residentId: a })), 409, 'activity_closed');
    expect((await auditOf({ entity: 'activity', entityId: String(id) }))[0]).toMatchObject({
      action: 'update',
      detail: { op: 'close', totalPoints: 30, pending: false },
    });
    await expectLedgerInvariants(w.t.database);
  });

  it('over the threshold, waits for a second staff member; self-approval is refused', async () => {
    await setSetting(w.t.database, 'award_batch_approval_threshold', '30');
    const id = w.f.activityId;
    for (const residentId of w.f.residents) await checkIn(id, { residentId });
    const p = await preview(id);
    expect(p).toMatchObject({ totalPoints: 60, needsApproval: true });
    const ledger = await snapshot(w.t.database);
    const pending = await bodyOf(await close(id, p.fingerprint), 202);
    expect(pending).toMatchObject({ status: 'pending', totalPoints: 60, decidedBy: null });
    expect((await snapshot(w.t.database)).head).toBe(ledger.head);
    const queue = await bodyOf(
      await staff(w.tokens.staff2)['award-batches'].$get({ query: { status: 'pending' } }),
      200,
    );
    expect(queue.items.map((b) => b.id)).toEqual([pending.id]);

    const approve = (token: string, key = newKey('approve')) =>
      staff(token)['award-batches'][':id'].approve.$post({
        ...param(pending.id),
        header: { 'idempotency-key': key },
        json: {},
      });
    // The author is not the accountant: staff never give the second signature.
    expectError(await answerOf(await approve(w.tokens.staff)), 403, 'forbidden');
    expect((await snapshot(w.t.database)).head).toBe(ledger.head);
    // An unknown field, on purpose: past the typed client.
    expectError(
      await call(w.app, 'POST', `/api/staff/award-batches/${pending.id}/approve`, {
        token: w.tokens.staff2,
        idempotencyKey: newKey(),
        body: { note: 'ok', extra: 1 },
      }),
      400,
      'invalid_request',
    );
    expect((await snapshot(w.t.database)).head).toBe(ledger.head);
    const r = await loginAs(w.app, 'r1');
    expectError(await answerOf(await approve(r)), 403, 'forbidden');

    const key = newKey('approve');
    const approved = await bodyOf(await approve(w.tokens.staff2, key), 201);
    expect(approved).toMatchObject({ status: 'applied', decidedBy: { id: w.f.staff2Id } });
    for (const residentId of w.f.residents)
      expect(await balanceOf(w.t.database, residentId)).toBe(20);
    const replay = await bodyOf(await approve(w.tokens.staff2, key), 201);
    expect(replay).toEqual(approved);
    expectError(await answerOf(await approve(w.tokens.staff2)), 409, 'batch_decided');
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(20);
    const [entries] = await rows<{ n: number; actor: number }>(
      w.t.database.read,
      sql`select count(*) as n, max(actor_id) as actor from ledger_entries where activity_id = ${id}`,
    );
    expect({ n: Number(entries!.n), actor: Number(entries!.actor) }).toEqual({
      n: 3,
      actor: w.f.staff2Id,
    });
    const audit = await auditOf({
      entity: 'award_batch',
      entityId: String(pending.id),
      actor: String(w.f.staff2Id),
    });
    expect(audit.map((e) => e.action)).toEqual(['approve']);
    await expectLedgerInvariants(w.t.database);
  });

  it('manual batches: a single award over 200 points waits; rejecting it moves nothing and reopens nothing else', async () => {
    const [a, b] = w.f.residents as [number, number];
    const small = await bodyOf(
      await batch({
        reason: '社区表彰',
        lines: [
          { residentId: a, points: 50 },
          { residentId: b, points: 20, memo: '协助组织' },
        ],
      }),
      201,
    );
    expect(small.lines.map((l) => l.memo)).toEqual(['社区表彰', '协助组织']);
    expect(await balanceOf(w.t.database, a)).toBe(50);

    const big = await bodyOf(
      await batch({ reason: '年度优秀志愿者', lines: [{ residentId: a, points: 250 }] }),
      202,
    );
    expect(await balanceOf(w.t.database, a)).toBe(50);
    const decide = staff(w.tokens.staff2)['award-batches'][':id'];
    // A missing reason, on purpose: past the typed client.
    expectError(
      await call(w.app, 'POST', `/api/staff/award-batches/${big.id}/reject`, {
        token: w.tokens.staff2,
        body: {},
      }),
      400,
      'invalid_request',
    );
    const rejected = await bodyOf(
      await decide.reject.$post({ ...param(big.id), json: { reason: '额度过高，请拆分' } }),
      200,
    );
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: '额度过高，请拆分' });
    expectError(
      await answerOf(
        await decide.approve.$post({
          ...param(big.id),
          header: { 'idempotency-key': newKey() },
          json: {},
        }),
      ),
      409,
      'batch_decided',
    );
    expect(await balanceOf(w.t.database, a)).toBe(50);

    const before = await counts(w.t.database);
    // Malformed on purpose, and then a missing Idempotency-Key: past the typed client.
    for (const body of [
      { reason: 'x', lines: [] },
      {
        reason: 'x',
        lines: [
          { residentId: a, points: 1 },
          { residentId: a, points: 2 },
        ],
      },
      { reason: 'x', lines: [{ residentId: a, points: 1001 }] },
      { reason: 'x', lines: [{ residentId: a, points: 1, extra: 1 }] },
      { lines: [{ residentId: a, points: 1 }] },
    ]) {
      expectError(
        await call(w.app, 'POST', '/api/staff/award-batches', {
          token: w.tokens.staff,
          idempotencyKey: newKey(),
          body,
        }),
        400,
        'invalid_request',
      );
    }
    expectError(
      await call(w.app, 'POST', '/api/staff/award-batches', {
        token: w.tokens.staff,
        body: { reason: 'x', lines: [{ residentId: a, points: 1 }] },
      }),
      400,
      'invalid_request',
    );
    expectError(
      await answerOf(await batch({ reason: 'x', lines: [{ residentId: 9999, points: 1 }] })),
      404,
      'not_found',
    );
    expect(await counts(w.t.database)).toEqual(before);
    await expectLedgerInvariants(w.t.database);
  });

  it('a rejected activity batch reopens the activity for correction', async () => {
    await setSetting(w.t.database, 'award_approval_threshold', '10');
    const id = w.f.activityId;
    const [a] = w.f.residents as [number];
    await checkIn(id, { residentId: a });
    const p = await preview(id);
    const pending = await bodyOf(await close(id, p.fingerprint), 202);
    await staff(w.tokens.staff2)['award-batches'][':id'].reject.$post({
      ...param(pending.id),
      json: { reason: '时长有误' },
    });
    const activity = await bodyOf(await staff().activities[':id'].$get(param(id)), 200);
    expect(activity).toMatchObject({ status: 'open', checkedIn: 1, awarded: 0 });
    expect(activity.participants).toEqual([
      expect.objectContaining({ residentId: a, awardEntryId: null }),
    ]);
    expect(
      (
        await staff().activities[':id']['check-ins'][':residentId'].$delete({
          param: { id: String(id), residentId: String(a) },
        })
      ).status,
    ).toBe(200);
    await checkIn(id, { residentId: a, hours: 1 });
    const again = await preview(id);
    expect(again.lines[0]).toMatchObject({ hours: 1, points: 10 });
    expect((await close(id, again.fingerprint)).status).toBe(201);
  });
});

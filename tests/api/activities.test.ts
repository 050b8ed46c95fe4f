import { sql } from 'drizzle-orm';
import type { InferRequestType } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { addActivity, counts, setSetting } from '../helpers/daily-use';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, rows, snapshot } from '../helpers/ledger';

type Staff = ReturnType<typeof client>['staff'];
type CheckIn = InferRequestType<Staff['activities'][':id']['check-ins']['$post']>['json'];
type Batch = InferRequestType<Staff['award-batches']['$post']>['json'];

/** Volunteer activities end to end: sign-up, check-in (by id, login, phone code, card), preview, close and award once, approval. */
describe('activities', () => {
  const w = useWorld(['staff', 'staff2', 'r1']);

  const staff = (token = w.tokens.staff) => client(w.app, { token }).staff;
  const me = () => client(w.app, { token: w.tokens.r1 }).me;
  const param = (id: number) => ({ param: { id: String(id) } });
  const auditOf = async (query: { entity: string; entityId?: string; actor?: string }) =>
    (await bodyOf(await staff().audit.$get({ query }), 200)).items;
  const checkIn = (id: number, json: CheckIn) =>
    staff().activities[':id']['check-ins'].$post({ ...param(id), json });
  const preview = async (id: number) =>
    bodyOf(await staff().activities[':id']['close-preview'].$get(param(id)), 200);
  const close = (id: number, fingerprint: string, key = newKey('close'), token = w.tokens.staff) =>
    staff(token).activities[':id'].close.$post({
      ...param(id),
      header: { 'idempotency-key': key },
      json: { preview: fingerprint },
    });
  const batch = (json: Batch) =>
    staff()['award-batches'].$post({ header: { 'idempotency-key': newKey() }, json });
  const signUp = (id: number) => me().activities[':id'].signup.$post(param(id));
  const cancel = (id: number) => me().activities[':id'].signup.$delete(param(id));

  it('lets a resident see upcoming activities, sign up, and cancel', async () => {
    const later = await addActivity(w.t.database, {
      date: '2026-04-09',
      title: '4 月 9 日志愿服务日',
      hours: 3,
    });
    const past = await addActivity(w.t.database, { date: '2026-03-01' });
    const upcomingNow = async () => bodyOf(await me().activities.upcoming.$get({ query: {} }), 200);
    const upcoming = await upcomingNow();
    const ids = upcoming.activities.map((a) => a.id);
    expect(ids).toEqual([w.f.activityId, later]);
    expect(upcoming.activities[1]).toMatchObject({
      volunteerDay: true,
      points: 30,
      signedUp: false,
      signups: 0,
    });
    // Today is the 9th: the volunteer day is today (its 每月 9 日 services are listed from the menu).
    expect(upcoming.volunteerDay).toEqual({ date: '2026-03-09', services: [] });
    w.time.advance(86_400_000);
    expect((await upcomingNow()).volunteerDay!.date).toBe('2026-04-09');
    w.time.advance(-86_400_000);

    const first = await bodyOf(await signUp(later), 201);
    expect(first.alreadySignedUp).toBe(false);
    const again = await bodyOf(await signUp(later), 200);
    expect(again.alreadySignedUp).toBe(true);
    expectError(await answerOf(await signUp(past)), 409, 'signup_closed');
    expectError(await answerOf(await signUp(9999)), 404, 'not_found');

    const seen = await upcomingNow();
    expect(seen.activities[1]).toMatchObject({ signedUp: true, signups: 1 });
    const mine = async () => (await bodyOf(await me().activities.$get({ query: {} }), 200)).items;
    expect(await mine()).toEqual([
      expect.objectContaining({ activityId: later, status: 'signed_up', points: null }),
    ]);

    expect((await cancel(later)).status).toBe(200);
    expectError(await answerOf(await cancel(later)), 404, 'not_found');
    expect(await mine()).toEqual([]);
  });

  it('creates activities (audited) and refuses bad input without changing anything', async () => {
    const before = await counts(w.t.database);
    const bad = [
      { type: 'patrol', title: '巡防', date: '2026-03-20', place: '一区', hours: 2, extra: 1 },
      { type: 'patrol', title: '巡防', date: '2026-02-30', place: '一区', hours: 2 },
      { type: 'patrol', title: '', date: '2026-03-20', place: '一区', hours: 2 },
      { type: 'patrol', title: '巡防', date: '2026-03-20', place: '一区', hours: 0 },
      { type: 'patrol', title: '巡防', date: '2026-03-20', place: '一区', hours: '2' },
    ];
    // Malformed on purpose (unknown fields, wrong types, broken JSON): past the typed client.
    for (const body of bad)
      expectError(
        await call(w.app, 'POST', '/api/staff/activities', { token: w.tokens.staff, body }),
        400,
        'invalid_request',
      );
    expectError(
      await call(w.app, 'POST', '/api/staff/activities', {
        token: w.tokens.staff,
        body: '{"type":',
      }),
      400,
      'invalid_request',
    );
    expectError(
      await answerOf(
        await staff().activities.$post({
          json: { type: 'knitting', title: '织毛衣', date: '2026-03-20', place: '一区', hours: 2 },
        }),
      ),
      422,
      'invalid_reference',
    );
    expect(await counts(w.t.database)).toEqual(before);

    const created = await bodyOf(
      await staff().activities.$post({
        json: { type: 'patrol', title: '夜间巡防', date: '2026-03-20', place: '一区', hours: 2.5 },
      }),
      201,
    );
    expect(created).toMatchObject({
      title: '夜间巡防',
      status: 'planned',
      type: { code: 'patrol', pointsPerHour: 10, dailyCap: 50 },
      signups: 0,
    });
    expect((await auditOf({ entity: 'activity', actor: 'staff' }))[0]).toMatchObject({
      action: 'create',
      entity: 'activity',
      entityId: created.id,
      actor: { login: 'staff' },
    });

    const list = await bodyOf(
      await staff().activities.$get({ query: { from: '2026-03-01', limit: '1' } }),
      200,
    );
    expect(list.items.map((a) => a.id)).toEqual([created.id]);
    const next = await bodyOf(
      await staff().activities.$get({
        query: { from: '2026-03-01', limit: '1', cursor: list.nextCursor! },
      }),
      200,
    );
    expect(next.items.map((a) => a.id)).toEqual([w.f.activityId]);

    expectError(
      await answerOf(await checkIn(created.id, { residentId: w.f.residents[0]! })),
      409,
      'activity_not_started',
    );
  });

  it('checks volunteers in by id, login, card and live phone code — the code stays usable at the counter', async () => {
    const id = w.f.activityId;
    const [a, b, c] = w.f.residents as [number, number, number];
    const byId = await bodyOf(await checkIn(id, { residentId: a }), 201);
    expect(byId).toMatchObject({
      residentId: a,
      name: '张三华',
      hours: 2,
      alreadyCheckedIn: false,
    });
    const twice = await bodyOf(await checkIn(id, { login: 'r1' }), 200);
    expect(twice.alreadyCheckedIn).toBe(true);
    expect(await bodyOf(await checkIn(id, { card: 'c9002', hours: 1.5 }), 201)).toMatchObject({
      residentId: b,
      hours: 1.5,
    });

    const r3 = await loginAs(w.app, 'r3');
    const code = (await bodyOf(await client(w.app, { token: r3 }).me['redeem-codes'].$post(), 201))
      .code;
    const byCode = await bodyOf(await checkIn(id, { code }), 201);
    expect(byCode.residentId).toBe(c);
    const [codeRow] = await rows<{ used_at: string | null; revoked_at: string | null }>(
      w.t.database.read,
      sql`select used_at, revoked_at from redeem_codes where code = ${code}`,
    );
    expect(codeRow).toEqual({ used_at: null, revoked_at: null });

    expectError(
      await answerOf(await checkIn(id, { code: '000000' === code ? '000001' : '000000' })),
      422,
      'code_invalid',
    );
    expectError(await answerOf(await checkIn(id, { card: 'C0404' })), 422, 'card_invalid');
    expectError(await answerOf(await checkIn(id, { login: 'm1' })), 404, 'not_found');
    const before = await counts(w.t.database);
    // Malformed on purpose: past the typed client.
    for (const body of [
      { residentId: a, login: 'r1' },
      { residentId: a, extra: true },
      {},
      { code: '12345' },
      { residentId: a, hours: 0.3 },
    ]) {
      expectError(
        await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, {
          token: w.tokens.staff,
          body,
        }),
        400,
        'invalid_request',
      );
    }
    expect(await counts(w.t.database)).toEqual(before);

    // Close and award, then the same phone code still redeems at a counter.
    const p = await preview(id);
    expect(p.lines.map((l) => [l.residentId, l.points])).toEqual([
      [a, 20],
      [b, 15],
      [c, 20],
    ]);
    expect((await close(id, p.fingerprint)).status).toBe(201);
    const merchant = await loginAs(w.app, 'm1');
    const redeemed = await bodyOf(
      await client(w.app, { token: merchant }).counter.redemptions.$post({
        header: { 'idempotency-key': newKey('redeem') },
        json: { code, points: 5 },
      }),
      201,
    );
    expect(redeemed.balanceAfter).toBe(15);
  });

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

import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addActivity, counts, setSetting } from '../helpers/daily-use';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, rows, snapshot } from '../helpers/ledger';

/** Volunteer activities end to end: sign-up, check-in (by id, login, phone code, card), preview, close and award once, approval. */
describe('activities', () => {
  const w = useWorld(['staff', 'staff2', 'r1']);

  const preview = (id: number) => call(w.app, 'GET', `/api/staff/activities/${id}/close-preview`, { token: w.tokens.staff });
  const close = (id: number, fingerprint: string, key = newKey('close'), token = w.tokens.staff) => call(w.app, 'POST', `/api/staff/activities/${id}/close`, { token, idempotencyKey: key, body: { preview: fingerprint } });

  it('lets a resident see upcoming activities, sign up, and cancel', async () => {
    const later = await addActivity(w.t.database, { date: '2026-04-09', title: '4 月 9 日志愿服务日', hours: 3 });
    const past = await addActivity(w.t.database, { date: '2026-03-01' });
    const upcoming = await call(w.app, 'GET', '/api/me/activities/upcoming', { token: w.tokens.r1 });
    expect(upcoming.status).toBe(200);
    const ids = upcoming.body.activities.map((a: { id: number }) => a.id);
    expect(ids).toEqual([w.f.activityId, later]);
    expect(upcoming.body.activities[1]).toMatchObject({ volunteerDay: true, points: 30, signedUp: false, signups: 0 });
    // Today is the 9th: the volunteer day is today (its 每月 9 日 services are listed from the menu).
    expect(upcoming.body.volunteerDay).toEqual({ date: '2026-03-09', services: [] });
    w.time.advance(86_400_000);
    expect((await call(w.app, 'GET', '/api/me/activities/upcoming', { token: w.tokens.r1 })).body.volunteerDay.date).toBe('2026-04-09');
    w.time.advance(-86_400_000);

    const first = await call(w.app, 'POST', `/api/me/activities/${later}/signup`, { token: w.tokens.r1 });
    expect(first.status).toBe(201);
    expect(first.body.alreadySignedUp).toBe(false);
    const again = await call(w.app, 'POST', `/api/me/activities/${later}/signup`, { token: w.tokens.r1 });
    expect(again.status).toBe(200);
    expect(again.body.alreadySignedUp).toBe(true);
    expectError(await call(w.app, 'POST', `/api/me/activities/${past}/signup`, { token: w.tokens.r1 }), 409, 'signup_closed');
    expectError(await call(w.app, 'POST', '/api/me/activities/9999/signup', { token: w.tokens.r1 }), 404, 'not_found');

    const seen = await call(w.app, 'GET', '/api/me/activities/upcoming', { token: w.tokens.r1 });
    expect(seen.body.activities[1]).toMatchObject({ signedUp: true, signups: 1 });
    const mine = await call(w.app, 'GET', '/api/me/activities', { token: w.tokens.r1 });
    expect(mine.body.items).toEqual([expect.objectContaining({ activityId: later, status: 'signed_up', points: null })]);

    expect((await call(w.app, 'DELETE', `/api/me/activities/${later}/signup`, { token: w.tokens.r1 })).status).toBe(200);
    expectError(await call(w.app, 'DELETE', `/api/me/activities/${later}/signup`, { token: w.tokens.r1 }), 404, 'not_found');
    expect((await call(w.app, 'GET', '/api/me/activities', { token: w.tokens.r1 })).body.items).toEqual([]);
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
    for (const body of bad) expectError(await call(w.app, 'POST', '/api/staff/activities', { token: w.tokens.staff, body }), 400, 'invalid_request');
    expectError(await call(w.app, 'POST', '/api/staff/activities', { token: w.tokens.staff, body: '{"type":' }), 400, 'invalid_request');
    expectError(await call(w.app, 'POST', '/api/staff/activities', { token: w.tokens.staff, body: { type: 'knitting', title: '织毛衣', date: '2026-03-20', place: '一区', hours: 2 } }), 422, 'invalid_reference');
    expect(await counts(w.t.database)).toEqual(before);

    const created = await call(w.app, 'POST', '/api/staff/activities', { token: w.tokens.staff, body: { type: 'patrol', title: '夜间巡防', date: '2026-03-20', place: '一区', hours: 2.5 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: '夜间巡防', status: 'planned', type: { code: 'patrol', pointsPerHour: 10, dailyCap: 50 }, signups: 0 });
    const audit = await call(w.app, 'GET', '/api/staff/audit?entity=activity&actor=staff', { token: w.tokens.staff });
    expect(audit.body.items[0]).toMatchObject({ action: 'create', entity: 'activity', entityId: created.body.id, actor: { login: 'staff' } });

    const list = await call(w.app, 'GET', '/api/staff/activities?from=2026-03-01&limit=1', { token: w.tokens.staff });
    expect(list.body.items.map((a: { id: number }) => a.id)).toEqual([created.body.id]);
    const next = await call(w.app, 'GET', `/api/staff/activities?from=2026-03-01&limit=1&cursor=${list.body.nextCursor}`, { token: w.tokens.staff });
    expect(next.body.items.map((a: { id: number }) => a.id)).toEqual([w.f.activityId]);

    expectError(await call(w.app, 'POST', `/api/staff/activities/${created.body.id}/check-ins`, { token: w.tokens.staff, body: { residentId: w.f.residents[0] } }), 409, 'activity_not_started');
  });

  it('checks volunteers in by id, login, card and live phone code — the code stays usable at the counter', async () => {
    const id = w.f.activityId;
    const [a, b, c] = w.f.residents as [number, number, number];
    const byId = await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, { token: w.tokens.staff, body: { residentId: a } });
    expect(byId.status).toBe(201);
    expect(byId.body).toMatchObject({ residentId: a, name: '张三华', hours: 2, alreadyCheckedIn: false });
    const twice = await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, { token: w.tokens.staff, body: { login: 'r1' } });
    expect(twice.status).toBe(200);
    expect(twice.body.alreadyCheckedIn).toBe(true);
    expect((await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, { token: w.tokens.staff, body: { card: 'c9002', hours: 1.5 } })).body).toMatchObject({ residentId: b, hours: 1.5 });

    const r3 = await loginAs(w.app, 'r3');
    const code = (await call(w.app, 'POST', '/api/me/redeem-codes', { token: r3 })).body.code as string;
    const byCode = await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, { token: w.tokens.staff, body: { code } });
    expect(byCode.status).toBe(201);
    expect(byCode.body.residentId).toBe(c);
    const [codeRow] = await rows<{ used_at: string | null; revoked_at: string | null }>(w.t.database.read, sql`select used_at, revoked_at from redeem_codes where code = ${code}`);
    expect(codeRow).toEqual({ used_at: null, revoked_at: null });

    expectError(await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, { token: w.tokens.staff, body: { code: '000000' === code ? '000001' : '000000' } }), 422, 'code_invalid');
    expectError(await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, { token: w.tokens.staff, body: { card: 'C0404' } }), 422, 'card_invalid');
    expectError(await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, { token: w.tokens.staff, body: { login: 'm1' } }), 404, 'not_found');
    const before = await counts(w.t.database);
    for (const body of [{ residentId: a, login: 'r1' }, { residentId: a, extra: true }, {}, { code: '12345' }, { residentId: a, hours: 0.3 }]) {
      expectError(await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, { token: w.tokens.staff, body }), 400, 'invalid_request');
    }
    expect(await counts(w.t.database)).toEqual(before);

    // Close and award, then the same phone code still redeems at a counter.
    const p = await preview(id);
    expect(p.body.lines.map((l: { residentId: number; points: number }) => [l.residentId, l.points])).toEqual([
      [a, 20],
      [b, 15],
      [c, 20],
    ]);
    expect((await close(id, p.body.fingerprint)).status).toBe(201);
    const merchant = await loginAs(w.app, 'm1');
    const redeemed = await call(w.app, 'POST', '/api/counter/redemptions', { token: merchant, idempotencyKey: newKey('redeem'), body: { code, points: 5 } });
    expect(redeemed.status).toBe(201);
    expect(redeemed.body.balanceAfter).toBe(15);
  });

  it('closes once: one batch, points linked to participations, a replay moves nothing, daily cap respected', async () => {
    const [a, b] = w.f.residents as [number, number];
    // Resident a already earned 40 patrol points today in another activity: this one may add only 10 more.
    const earlier = await addActivity(w.t.database, { date: '2026-03-09', hours: 4, status: 'open' });
    await call(w.app, 'POST', `/api/staff/activities/${earlier}/check-ins`, { token: w.tokens.staff, body: { residentId: a } });
    const e = await preview(earlier);
    expect(e.body.lines).toEqual([expect.objectContaining({ residentId: a, uncapped: 40, points: 40, capped: false })]);
    expect((await close(earlier, e.body.fingerprint)).status).toBe(201);

    const id = w.f.activityId;
    await call(w.app, 'POST', `/api/me/activities/${id}/signup`, { token: w.tokens.r1 });
    for (const residentId of [a, b]) await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, { token: w.tokens.staff, body: { residentId } });
    const p = await preview(id);
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ totalPoints: 30, needsApproval: false, thresholds: { perAward: 200, perBatch: 2000 } });
    expect(p.body.lines).toEqual([
      expect.objectContaining({ residentId: a, uncapped: 20, earnedToday: 40, points: 10, capped: true }),
      expect.objectContaining({ residentId: b, uncapped: 20, earnedToday: 0, points: 20, capped: false }),
    ]);

    expectError(await close(id, '0'.repeat(64)), 409, 'preview_stale');
    expectError(await call(w.app, 'POST', `/api/staff/activities/${id}/close`, { token: w.tokens.staff, body: { preview: p.body.fingerprint } }), 400, 'invalid_request');
    expectError(await call(w.app, 'POST', `/api/staff/activities/${id}/close`, { token: w.tokens.staff, idempotencyKey: newKey(), body: { preview: p.body.fingerprint, force: true } }), 400, 'invalid_request');

    const key = newKey('close');
    const done = await close(id, p.body.fingerprint, key);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ kind: 'activity', activityId: id, status: 'applied', totalPoints: 30 });
    expect(done.body.lines.every((l: { entryId: number | null }) => l.entryId !== null)).toBe(true);
    expect(await balanceOf(w.t.database, a)).toBe(50);
    expect(await balanceOf(w.t.database, b)).toBe(20);

    const after = await snapshot(w.t.database);
    const replay = await close(id, p.body.fingerprint, key);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(done.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expectError(await close(id, p.body.fingerprint), 409, 'activity_closed');
    const now = await snapshot(w.t.database);
    expect({ head: now.head, entries: now.entries, balances: now.balances }).toEqual({ head: after.head, entries: after.entries, balances: after.balances });

    const links = await rows<{ resident_id: number; award_entry_id: number }>(w.t.database.read, sql`select resident_id, award_entry_id from participations where activity_id = ${id} order by resident_id`);
    expect(links.map((l) => Number(l.award_entry_id))).toEqual(done.body.lines.map((l: { entryId: number }) => l.entryId));

    const mine = await call(w.app, 'GET', '/api/me/activities', { token: w.tokens.r1 });
    expect(mine.body.items.find((x: { activityId: number }) => x.activityId === id)).toMatchObject({ status: 'awarded', hours: 2, points: 10 });
    const summary = await call(w.app, 'GET', '/api/me/summary', { token: w.tokens.r1 });
    expect(summary.body).toMatchObject({ balance: 50, earned: 50, hours: 6, activities: 2 });
    expectError(await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, { token: w.tokens.staff, body: { residentId: a } }), 409, 'activity_closed');
    const audit = await call(w.app, 'GET', `/api/staff/audit?entity=activity&entityId=${id}`, { token: w.tokens.staff });
    expect(audit.body.items[0]).toMatchObject({ action: 'update', detail: { op: 'close', totalPoints: 30, pending: false } });
    await expectLedgerInvariants(w.t.database);
  });

  it('over the threshold, waits for a second staff member; self-approval is refused', async () => {
    await setSetting(w.t.database, 'award_batch_approval_threshold', '30');
    const id = w.f.activityId;
    for (const residentId of w.f.residents) await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, { token: w.tokens.staff, body: { residentId } });
    const p = await preview(id);
    expect(p.body).toMatchObject({ totalPoints: 60, needsApproval: true });
    const ledger = await snapshot(w.t.database);
    const pending = await close(id, p.body.fingerprint);
    expect(pending.status).toBe(202);
    expect(pending.body).toMatchObject({ status: 'pending', totalPoints: 60, decidedBy: null });
    expect((await snapshot(w.t.database)).head).toBe(ledger.head);
    const queue = await call(w.app, 'GET', '/api/staff/award-batches?status=pending', { token: w.tokens.staff2 });
    expect(queue.body.items.map((b: { id: number }) => b.id)).toEqual([pending.body.id]);

    const approve = (token: string, key = newKey('approve')) => call(w.app, 'POST', `/api/staff/award-batches/${pending.body.id}/approve`, { token, idempotencyKey: key, body: {} });
    // The author is not the accountant: staff never give the second signature.
    expectError(await approve(w.tokens.staff), 403, 'forbidden');
    expect((await snapshot(w.t.database)).head).toBe(ledger.head);
    expectError(await call(w.app, 'POST', `/api/staff/award-batches/${pending.body.id}/approve`, { token: w.tokens.staff2, idempotencyKey: newKey(), body: { note: 'ok', extra: 1 } }), 400, 'invalid_request');
    expect((await snapshot(w.t.database)).head).toBe(ledger.head);
    const r = await loginAs(w.app, 'r1');
    expectError(await approve(r), 403, 'forbidden');

    const key = newKey('approve');
    const approved = await approve(w.tokens.staff2, key);
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ status: 'applied', decidedBy: { id: w.f.staff2Id } });
    for (const residentId of w.f.residents) expect(await balanceOf(w.t.database, residentId)).toBe(20);
    const replay = await approve(w.tokens.staff2, key);
    expect(replay.body).toEqual(approved.body);
    expectError(await approve(w.tokens.staff2), 409, 'batch_decided');
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(20);
    const [entries] = await rows<{ n: number; actor: number }>(w.t.database.read, sql`select count(*) as n, max(actor_id) as actor from ledger_entries where activity_id = ${id}`);
    expect({ n: Number(entries!.n), actor: Number(entries!.actor) }).toEqual({ n: 3, actor: w.f.staff2Id });
    const audit = await call(w.app, 'GET', `/api/staff/audit?entity=award_batch&entityId=${pending.body.id}&actor=${w.f.staff2Id}`, { token: w.tokens.staff });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['approve']);
    await expectLedgerInvariants(w.t.database);
  });

  it('manual batches: a single award over 200 points waits; rejecting it moves nothing and reopens nothing else', async () => {
    const [a, b] = w.f.residents as [number, number];
    const small = await call(w.app, 'POST', '/api/staff/award-batches', { token: w.tokens.staff, idempotencyKey: newKey(), body: { reason: '社区表彰', lines: [{ residentId: a, points: 50 }, { residentId: b, points: 20, memo: '协助组织' }] } });
    expect(small.status).toBe(201);
    expect(small.body.lines.map((l: { memo: string }) => l.memo)).toEqual(['社区表彰', '协助组织']);
    expect(await balanceOf(w.t.database, a)).toBe(50);

    const big = await call(w.app, 'POST', '/api/staff/award-batches', { token: w.tokens.staff, idempotencyKey: newKey(), body: { reason: '年度优秀志愿者', lines: [{ residentId: a, points: 250 }] } });
    expect(big.status).toBe(202);
    expect(await balanceOf(w.t.database, a)).toBe(50);
    expectError(await call(w.app, 'POST', `/api/staff/award-batches/${big.body.id}/reject`, { token: w.tokens.staff2, body: {} }), 400, 'invalid_request');
    const rejected = await call(w.app, 'POST', `/api/staff/award-batches/${big.body.id}/reject`, { token: w.tokens.staff2, body: { reason: '额度过高，请拆分' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: '额度过高，请拆分' });
    expectError(await call(w.app, 'POST', `/api/staff/award-batches/${big.body.id}/approve`, { token: w.tokens.staff2, idempotencyKey: newKey(), body: {} }), 409, 'batch_decided');
    expect(await balanceOf(w.t.database, a)).toBe(50);

    const before = await counts(w.t.database);
    for (const body of [
      { reason: 'x', lines: [] },
      { reason: 'x', lines: [{ residentId: a, points: 1 }, { residentId: a, points: 2 }] },
      { reason: 'x', lines: [{ residentId: a, points: 1001 }] },
      { reason: 'x', lines: [{ residentId: a, points: 1, extra: 1 }] },
      { lines: [{ residentId: a, points: 1 }] },
    ]) {
      expectError(await call(w.app, 'POST', '/api/staff/award-batches', { token: w.tokens.staff, idempotencyKey: newKey(), body }), 400, 'invalid_request');
    }
    expectError(await call(w.app, 'POST', '/api/staff/award-batches', { token: w.tokens.staff, body: { reason: 'x', lines: [{ residentId: a, points: 1 }] } }), 400, 'invalid_request');
    expectError(await call(w.app, 'POST', '/api/staff/award-batches', { token: w.tokens.staff, idempotencyKey: newKey(), body: { reason: 'x', lines: [{ residentId: 9999, points: 1 }] } }), 404, 'not_found');
    expect(await counts(w.t.database)).toEqual(before);
    await expectLedgerInvariants(w.t.database);
  });

  it('a rejected activity batch reopens the activity for correction', async () => {
    await setSetting(w.t.database, 'award_approval_threshold', '10');
    const id = w.f.activityId;
    await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, { token: w.tokens.staff, body: { residentId: w.f.residents[0] } });
    const p = await preview(id);
    const pending = await close(id, p.body.fingerprint);
    expect(pending.status).toBe(202);
    await call(w.app, 'POST', `/api/staff/award-batches/${pending.body.id}/reject`, { token: w.tokens.staff2, body: { reason: '时长有误' } });
    const activity = await call(w.app, 'GET', `/api/staff/activities/${id}`, { token: w.tokens.staff });
    expect(activity.body).toMatchObject({ status: 'open', checkedIn: 1, awarded: 0 });
    expect(activity.body.participants).toEqual([expect.objectContaining({ residentId: w.f.residents[0], awardEntryId: null })]);
    expect((await call(w.app, 'DELETE', `/api/staff/activities/${id}/check-ins/${w.f.residents[0]}`, { token: w.tokens.staff })).status).toBe(200);
    await call(w.app, 'POST', `/api/staff/activities/${id}/check-ins`, { token: w.tokens.staff, body: { residentId: w.f.residents[0], hours: 1 } });
    const again = await preview(id);
    expect(again.body.lines[0]).toMatchObject({ hours: 1, points: 10 });
    expect((await close(id, again.body.fingerprint)).status).toBe(201);
  });
});

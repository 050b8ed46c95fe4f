import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { addActivity, counts } from '../helpers/daily-use';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { rows } from '../helpers/ledger';
import { activityCalls } from './activities-helpers';

/** Volunteer activities up to closing: sign-up, creation, check-in (by id, login, phone code, card). */
describe('activities', () => {
  const w = useWorld(['staff', 'staff2', 'r1']);

  const { staff, me, auditOf, checkIn, preview, close, signUp, cancel } = activityCalls(w);

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
});

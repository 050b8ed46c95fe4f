import { sql } from 'drizzle-orm';
import type { InferRequestType } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { addActivity, counts, seedProviders } from '../helpers/daily-use';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, grant, rows, snapshot } from '../helpers/ledger';
import type { Gift } from './staff-residents-helpers';

describe('staff: acting for a card-only resident', () => {
  const w = useWorld(['staff']);
  const staff = () => client(w.app, { token: w.tokens.staff }).staff;
  const auditOf = async (entity: string, id: number) =>
    (await bodyOf(await staff().audit.$get({ query: { entity, entityId: String(id) } }), 200))
      .items;
  const signUp = (id: number, activityId: number) =>
    staff().residents[':id'].signups.$post({ param: { id: String(id) }, json: { activityId } });
  const ask = (
    id: number,
    json: InferRequestType<
      ReturnType<typeof staff>['residents'][':id']['requests']['$post']
    >['json'],
  ) => staff().residents[':id'].requests.$post({ param: { id: String(id) }, json });

  it('gives points to a neighbour by id, login or card; the entry and audit name the staff member', async () => {
    const [a, b, c] = w.f.residents as [number, number, number];
    await grant(w.t.database, w.f.staffId, a, 50, w.time.now);
    const gift = (json: Gift, key = newKey('gift'), from = a) =>
      staff().residents[':id'].gifts.$post({
        param: { id: String(from) },
        header: { 'idempotency-key': key },
        json,
      });

    const key = newKey('gift');
    const byId = await bodyOf(await gift({ to: b, points: 10, reason: '感谢帮忙买菜' }, key), 201);
    expect(byId).toMatchObject({ balanceAfter: 40, to: { id: b, maskedName: '李*英' } });
    expect(
      await bodyOf(await gift({ to: b, points: 10, reason: '感谢帮忙买菜' }, key), 201),
    ).toEqual(byId);
    const [row] = await rows<{ kind: string; actor_id: number; memo: string }>(
      w.t.database.read,
      sql`select kind, actor_id, memo from ledger_entries where id = ${byId.id}`,
    );
    expect(row).toEqual({ kind: 'transfer', actor_id: w.f.staffId, memo: '感谢帮忙买菜' });
    expect((await auditOf('resident', a))[0]).toMatchObject({
      action: 'update',
      detail: { op: 'gift_on_behalf', entryId: byId.id, to: b, points: 10 },
    });

    expect(await bodyOf(await gift({ to: { login: 'r3' }, points: 5 }), 201)).toMatchObject({
      balanceAfter: 35,
      to: { id: c },
    });
    expect(await bodyOf(await gift({ to: { card: 'c9002' }, points: 5 }), 201)).toMatchObject({
      balanceAfter: 30,
      to: { id: b },
    });
    expect(await balanceOf(w.t.database, b)).toBe(15);

    const before = await snapshot(w.t.database);
    const auditRows = (await counts(w.t.database)).audit_log;
    // Malformed on purpose, and then a missing Idempotency-Key: past the typed client.
    for (const body of [
      { to: b },
      { to: b, points: 0 },
      { to: b, points: 1.5 },
      { to: 'pool', points: 1 },
      { to: { phone: '138' }, points: 1 },
      { to: { card: 'X1' }, points: 1 },
      { to: b, points: 1, memo: 'x' },
    ]) {
      expectError(
        await call(w.app, 'POST', `/api/staff/residents/${a}/gifts`, {
          token: w.tokens.staff,
          idempotencyKey: newKey('gift'),
          body,
        }),
        400,
        'invalid_request',
      );
    }
    expectError(
      await call(w.app, 'POST', `/api/staff/residents/${a}/gifts`, {
        token: w.tokens.staff,
        body: { to: b, points: 1 },
      }),
      400,
      'invalid_request',
    );
    expect(await snapshot(w.t.database)).toEqual(before);
    expectError(await answerOf(await gift({ to: b, points: 1000 })), 409, 'insufficient_points');
    expectError(await answerOf(await gift({ to: a, points: 1 })), 422, 'invalid_recipient');
    expectError(
      await answerOf(await gift({ to: { login: 'nobody' }, points: 1 })),
      422,
      'invalid_recipient',
    );
    expectError(
      await answerOf(await gift({ to: w.f.merchants[0]!, points: 1 })),
      422,
      'invalid_recipient',
    );
    expectError(
      await answerOf(await gift({ to: b, points: 1 }, newKey('gift'), w.f.staffId)),
      404,
      'not_found',
    );
    const after = await snapshot(w.t.database);
    expect({ ...after, counts: { ...after.counts, idempotency_keys: 0 } }).toEqual({
      ...before,
      counts: { ...before.counts, idempotency_keys: 0 },
    });
    expect((await counts(w.t.database)).audit_log).toBe(auditRows);
    await expectLedgerInvariants(w.t.database);
  });

  it('signs up for an activity, recording who did it', async () => {
    const [a] = w.f.residents as [number];
    const res = await bodyOf(await signUp(a, w.f.activityId), 201);
    expect(res).toMatchObject({
      activityId: w.f.activityId,
      title: '夜间巡防',
      date: '2026-03-09',
      alreadySignedUp: false,
    });
    const [row] = await rows(
      w.t.database.read,
      sql`select resident_id, signed_up_by from activity_signups where activity_id = ${w.f.activityId}`,
    );
    expect(row).toEqual({ resident_id: a, signed_up_by: w.f.staffId });
    expect((await auditOf('activity_signup', w.f.activityId))[0]).toMatchObject({
      action: 'create',
      detail: { op: 'signup_on_behalf', residentId: a },
    });
    expect((await bodyOf(await signUp(a, w.f.activityId), 201)).alreadySignedUp).toBe(true);

    const before = await counts(w.t.database);
    // Malformed on purpose: past the typed client.
    for (const body of [
      {},
      { activityId: 'x' },
      { activityId: 0 },
      { activityId: w.f.activityId, residentId: a },
    ]) {
      expectError(
        await call(w.app, 'POST', `/api/staff/residents/${a}/signups`, {
          token: w.tokens.staff,
          body,
        }),
        400,
        'invalid_request',
      );
    }
    expectError(await answerOf(await signUp(a, 999_999)), 404, 'not_found');
    const past = await addActivity(w.t.database, { date: '2026-03-01' });
    expectError(await answerOf(await signUp(a, past)), 409, 'signup_closed');
    expect(await counts(w.t.database)).toEqual({ ...before, activities: before.activities! + 1 });
  });

  it('asks for a service as the resident, placed by staff', async () => {
    const [a] = w.f.residents as [number];
    const p = await seedProviders(w.t.database, w.f.staffId);
    const res = await bodyOf(
      await ask(a, { serviceId: p.serviceId, note: '老人腿脚不便，电话来问' }),
      201,
    );
    expect(res).toMatchObject({ title: '独居老人上门探访', status: 'submitted', origin: 'staff' });
    const full = await bodyOf(
      await staff().requests[':id'].$get({ param: { id: String(res.id) } }),
      200,
    );
    expect(full).toMatchObject({ resident: { id: a }, detail: '老人腿脚不便，电话来问' });
    expect(full.events).toEqual([expect.objectContaining({ event: 'submitted', party: 'staff' })]);
    const [event] = await rows(
      w.t.database.read,
      sql`select actor_id from service_request_events where request_id = ${res.id}`,
    );
    expect(event).toEqual({ actor_id: w.f.staffId });
    // The resident sees it as theirs.
    const mine = await bodyOf(
      await client(w.app, { token: await loginAs(w.app, 'r1') }).me.requests.$get({ query: {} }),
      200,
    );
    expect(mine.items.map((r) => r.id)).toEqual([res.id]);

    const before = await counts(w.t.database);
    // Malformed on purpose: past the typed client.
    for (const body of [
      {},
      { serviceId: p.serviceId, note: 'x'.repeat(501) },
      { serviceId: p.serviceId, residentId: 2 },
      { serviceId: p.serviceId, preferredDate: '2026-02-30' },
    ]) {
      expectError(
        await call(w.app, 'POST', `/api/staff/residents/${a}/requests`, {
          token: w.tokens.staff,
          body,
        }),
        400,
        'invalid_request',
      );
    }
    expectError(
      await answerOf(await ask(a, { serviceId: p.draftServiceId })),
      422,
      'invalid_reference',
    );
    expectError(
      await answerOf(await ask(w.f.staffId, { serviceId: p.serviceId })),
      404,
      'not_found',
    );
    expect(await counts(w.t.database)).toEqual(before);
  });

  it('refuses every on-behalf action for a resident who moved away', async () => {
    const [a, b] = w.f.residents as [number, number];
    const p = await seedProviders(w.t.database, w.f.staffId);
    await staff().residents[':id']['move-away'].$post({
      param: { id: String(a) },
      header: { 'idempotency-key': newKey('move') },
      json: { to: 'pool', reason: '搬走' },
    });
    const before = await counts(w.t.database);
    const gift = (from: number, to: number) =>
      staff().residents[':id'].gifts.$post({
        param: { id: String(from) },
        header: { 'idempotency-key': newKey('gift') },
        json: { to, points: 1 },
      });
    expectError(await answerOf(await gift(a, b)), 409, 'moved_away');
    expectError(await answerOf(await gift(b, a)), 409, 'moved_away');
    expectError(await answerOf(await signUp(a, w.f.activityId)), 409, 'moved_away');
    expectError(await answerOf(await ask(a, { serviceId: p.serviceId })), 409, 'moved_away');
    expect(await counts(w.t.database)).toEqual(before);
  });
});

import { sql } from 'drizzle-orm';
import type { InferRequestType } from 'hono/client';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StaffServiceRequestJson } from '../../functions/routes/staff/requests';
import { answerOf, bodyOf, client } from '../helpers/client';
import { counts, type Providers, seedProviders } from '../helpers/daily-use';
import { call, expectError, loginAs, useWorld } from '../helpers/http';

type Me = ReturnType<typeof client>['me'];
type Ask = InferRequestType<Me['requests']['$post']>['json'];
type StaffAsk = InferRequestType<ReturnType<typeof client>['staff']['requests']['$post']>['json'];

/** 你点单我服务 and the three-order flow (三单制) over the API. */
describe('service requests', () => {
  const w = useWorld(['staff', 'r1', 'r2']);
  let p: Providers;
  beforeEach(async () => {
    p = await seedProviders(w.t.database, w.f.staffId);
  });

  const me = (token = w.tokens.r1) => client(w.app, { token }).me;
  const staff = () => client(w.app, { token: w.tokens.staff }).staff;
  const param = (id: number) => ({ param: { id: String(id) } });
  // The step routes (dispatch, accept, complete, decline, cancel) are not in AppType yet: past the typed client.
  const stepAs = (token: string, id: number, step: string, body: unknown = {}) =>
    call(w.app, 'POST', `/api/staff/requests/${id}/${step}`, { token, body });
  /** A step that must succeed, read as the step routes declare their answer. */
  const stepped = async (
    id: number,
    step: string,
    body: unknown = {},
  ): Promise<StaffServiceRequestJson> => {
    const res = await stepAs(w.tokens.staff, id, step, body);
    expect(res.status).toBe(200);
    return res.body as StaffServiceRequestJson;
  };
  const ask = (
    token = w.tokens.r1,
    json: Ask = { serviceId: p.serviceId, detail: '每周想有人来看看', preferredDate: '2026-03-12' },
  ) => me(token).requests.$post({ json });
  const asked = async () => (await bodyOf(await ask(), 201)).id;
  const rate = (
    id: number,
    json: InferRequestType<Me['requests'][':id']['rating']['$post']>['json'],
    token = w.tokens.r1,
  ) => me(token).requests[':id'].rating.$post({ ...param(id), json });
  const cancel = (id: number, json: { reason?: string }, token = w.tokens.r1) =>
    me(token).requests[':id'].cancel.$post({ ...param(id), json });
  const place = (json: StaffAsk) => staff().requests.$post({ json });

  it('a resident asks from the menu, follows it to done, and rates it once', async () => {
    const menu = await bodyOf(await me().services.$get(), 200);
    expect(menu.services.map((s) => s.id)).toEqual([p.serviceId]);
    // A monthly service on the 9th shows with the coming volunteer day.
    await w.t.database.write((tx) =>
      tx.run(sql`update services set monthly_day = 9 where id = ${p.serviceId}`),
    );
    const day = await bodyOf(await me().activities.upcoming.$get({ query: {} }), 200);
    expect(day.volunteerDay).toEqual({
      date: '2026-03-09',
      services: [
        expect.objectContaining({
          id: p.serviceId,
          title: '独居老人上门探访',
          provider: '康乐社工站',
        }),
      ],
    });

    const created = await bodyOf(await ask(), 201);
    expect(created).toMatchObject({
      kind: 'service',
      origin: 'resident',
      status: 'submitted',
      title: '独居老人上门探访',
      preferredDate: '2026-03-12',
      service: { id: p.serviceId },
    });
    expect(created).not.toHaveProperty('residentId');
    const id = created.id;
    expectError(await answerOf(await rate(id, { score: 5 })), 409, 'request_not_done');

    const dispatched = await stepped(id, 'dispatch', {
      organizationId: p.socialOrgId,
      note: '请本周内上门',
    });
    expect(dispatched).toMatchObject({
      status: 'dispatched',
      provider: { id: p.socialOrgId, kind: 'social_organization' },
      resident: { id: w.f.residents[0], name: '张三华' },
    });
    expectError(await stepAs(w.tokens.staff, id, 'complete'), 409, 'invalid_transition');
    expect((await stepped(id, 'accept', { note: '周四上午上门' })).status).toBe('accepted');
    w.time.advance(3 * 3600_000);
    expect((await stepped(id, 'complete', { note: '已探访' })).status).toBe('done');

    expectError(await answerOf(await rate(id, { score: 1 }, w.tokens.r2)), 404, 'not_found');
    expectError(
      await answerOf(await me(w.tokens.r2).requests[':id'].$get(param(id))),
      404,
      'not_found',
    );
    // Out of range, and an unknown field, on purpose: past the typed client.
    expectError(
      await call(w.app, 'POST', `/api/me/requests/${id}/rating`, {
        token: w.tokens.r1,
        body: { score: 6 },
      }),
      400,
      'invalid_request',
    );
    expectError(
      await call(w.app, 'POST', `/api/me/requests/${id}/rating`, {
        token: w.tokens.r1,
        body: { score: 5, stars: 5 },
      }),
      400,
      'invalid_request',
    );
    const rated = await bodyOf(await rate(id, { score: 5, comment: '志愿者很耐心' }), 200);
    expect(rated).toMatchObject({ rating: 5, ratingComment: '志愿者很耐心', status: 'done' });
    expectError(await answerOf(await rate(id, { score: 1 })), 409, 'already_rated');

    const mine = await bodyOf(await me().requests[':id'].$get(param(id)), 200);
    expect(mine.events.map((e) => [e.event, e.party])).toEqual([
      ['submitted', 'resident'],
      ['dispatched', 'residents_committee'],
      ['accepted', 'provider'],
      ['done', 'provider'],
      ['rated', 'resident'],
    ]);
    expect(mine.events[0]).not.toHaveProperty('actorId');
    const dates = mine.events.map((e) => e.at);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[3]! > dates[2]!).toBe(true);

    const list = await bodyOf(await me().requests.$get({ query: {} }), 200);
    expect(list.items).toEqual([expect.objectContaining({ id, status: 'done', rating: 5 })]);
    expect((await bodyOf(await me(w.tokens.r2).requests.$get({ query: {} }), 200)).items).toEqual(
      [],
    );
    const audit = await bodyOf(
      await staff().audit.$get({ query: { entity: 'service_request', entityId: String(id) } }),
      200,
    );
    expect(audit.items).toEqual([
      expect.objectContaining({
        action: 'update',
        detail: expect.objectContaining({ op: 'dispatch', organizationId: p.socialOrgId }),
      }),
    ]);
  });

  it('cancelling: the resident until it is accepted, staff until it is done', async () => {
    const a = await asked();
    expect(await bodyOf(await cancel(a, { reason: '家人已安排' }), 200)).toMatchObject({
      status: 'cancelled',
    });
    expectError(await answerOf(await cancel(a, {})), 409, 'invalid_transition');

    const b = await asked();
    expectError(await answerOf(await cancel(b, {}, w.tokens.r2)), 404, 'not_found');
    await stepped(b, 'dispatch', { organizationId: p.socialOrgId });
    await stepped(b, 'accept');
    expectError(await answerOf(await cancel(b, {})), 409, 'invalid_transition');
    expectError(await stepAs(w.tokens.staff, b, 'cancel', {}), 400, 'invalid_request');
    expect((await stepped(b, 'cancel', { reason: '居民住院' })).status).toBe('cancelled');

    const c = await asked();
    await stepped(c, 'dispatch', { organizationId: p.socialOrgId });
    const declined = await stepped(c, 'decline', { reason: '本月人手不足' });
    expect(declined.status).toBe('declined');
    expect(declined.events.at(-1)).toMatchObject({
      event: 'declined',
      party: 'provider',
      organization: { id: p.socialOrgId },
      note: '本月人手不足',
    });
    expectError(
      await stepAs(w.tokens.staff, c, 'dispatch', { organizationId: p.socialOrgId }),
      409,
      'invalid_transition',
    );
  });

  it('three-order flow: owners committee places (下单), residents committee dispatches (派单), property company accepts (接单)', async () => {
    const placed = await bodyOf(
      await place({
        kind: 'building_issue',
        compound: '和平小区',
        building: '3栋',
        title: '3 栋楼道灯不亮',
        detail: '2 单元 3–6 楼声控灯坏了',
      }),
      201,
    );
    expect(placed).toMatchObject({
      kind: 'building_issue',
      origin: 'owners_committee',
      status: 'submitted',
      resident: null,
      building: '3栋',
    });
    const id = placed.id;
    expectError(
      await stepAs(w.tokens.staff, id, 'dispatch', { organizationId: p.socialOrgId }),
      422,
      'invalid_provider',
    );
    expectError(
      await stepAs(w.tokens.staff, id, 'dispatch', { organizationId: 9999 }),
      422,
      'invalid_reference',
    );
    expect(
      (await stepped(id, 'dispatch', { organizationId: p.propertyId, note: '请三日内修复' }))
        .provider,
    ).toMatchObject({ id: p.propertyId, kind: 'property_company' });
    w.time.advance(3600_000);
    await stepped(id, 'accept', { note: '物业电工已接单' });
    w.time.advance(5 * 3600_000);
    const done = await stepped(id, 'complete', { note: '已更换 8 个灯泡' });
    expect(done.events.map((e) => [e.event, e.party, e.organization?.id ?? null])).toEqual([
      ['submitted', 'owners_committee', null],
      ['dispatched', 'residents_committee', p.propertyId],
      ['accepted', 'provider', p.propertyId],
      ['done', 'provider', p.propertyId],
    ]);
    expect(done.events.every((e) => e.actorId === w.f.staffId)).toBe(true);

    const issues = await bodyOf(
      await staff().requests.$get({ query: { kind: 'building_issue', status: 'done' } }),
      200,
    );
    expect(issues.items.map((r) => r.id)).toEqual([id]);
    const byProvider = await bodyOf(
      await staff().requests.$get({ query: { providerId: String(p.propertyId) } }),
      200,
    );
    expect(byProvider.items).toHaveLength(1);
    expectError(await answerOf(await rate(id, { score: 5 })), 404, 'not_found');
  });

  it('staff enter a request for a resident without a phone; bad input and wrong roles change nothing', async () => {
    const forResident = await bodyOf(
      await place({
        kind: 'service',
        serviceId: p.serviceId,
        residentId: w.f.residents[2]!,
        detail: '电话来电',
      }),
      201,
    );
    expect(forResident).toMatchObject({
      origin: 'staff',
      resident: { id: w.f.residents[2] },
      events: [expect.objectContaining({ party: 'staff' })],
    });
    const r3 = await loginAs(w.app, 'r3');
    expect((await bodyOf(await me(r3).requests.$get({ query: {} }), 200)).items).toHaveLength(1);

    const before = await counts(w.t.database);
    expectError(
      await answerOf(await ask(w.tokens.r1, { serviceId: p.draftServiceId })),
      422,
      'invalid_reference',
    );
    expectError(
      await answerOf(await ask(w.tokens.r1, { serviceId: 9999 })),
      422,
      'invalid_reference',
    );
    // Malformed on purpose: past the typed client.
    for (const body of [
      {},
      { serviceId: p.serviceId, extra: 1 },
      { serviceId: '1' },
      { serviceId: p.serviceId, preferredDate: '2026-13-01' },
      { serviceId: p.serviceId, detail: 'x'.repeat(501) },
    ]) {
      expectError(
        await call(w.app, 'POST', '/api/me/requests', { token: w.tokens.r1, body }),
        400,
        'invalid_request',
      );
    }
    for (const body of [
      { kind: 'building_issue', compound: '和平小区', building: '3栋', title: '漏水' },
      {
        kind: 'building_issue',
        compound: '和平小区',
        building: '3栋',
        title: '漏水',
        detail: '顶楼漏水',
        residentId: 1,
      },
      { kind: 'repair', title: 'x' },
      { kind: 'service', serviceId: p.serviceId },
    ]) {
      expectError(
        await call(w.app, 'POST', '/api/staff/requests', { token: w.tokens.staff, body }),
        400,
        'invalid_request',
      );
    }
    const id = forResident.id;
    expectError(
      await stepAs(w.tokens.staff, id, 'dispatch', { organizationId: 'x' }),
      400,
      'invalid_request',
    );
    expectError(
      await stepAs(w.tokens.staff, id, 'dispatch', { organizationId: p.socialOrgId, urgent: true }),
      400,
      'invalid_request',
    );
    expectError(await stepAs(w.tokens.staff, id, 'accept', { note: 1 }), 400, 'invalid_request');
    expectError(await stepAs(w.tokens.staff, id, 'decline', { note: 'x' }), 400, 'invalid_request');
    expectError(await stepAs(w.tokens.staff, 9999, 'accept'), 404, 'not_found');
    const merchant = await loginAs(w.app, 'm1');
    expectError(await answerOf(await ask(merchant, { serviceId: p.serviceId })), 403, 'forbidden');
    expectError(
      await stepAs(w.tokens.r1, id, 'dispatch', { organizationId: p.socialOrgId }),
      403,
      'forbidden',
    );
    expectError(
      await answerOf(await client(w.app).staff.requests.$get({ query: {} })),
      401,
      'unauthorized',
    );
    expect(await counts(w.t.database)).toEqual(before);
  });
});

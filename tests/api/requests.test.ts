import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { counts, seedProviders, type Providers } from '../helpers/daily-use';
import { call, expectError, loginAs, useWorld } from '../helpers/http';

/** 你点单我服务 and the three-order flow (三单制) over the API. */
describe('service requests', () => {
  const w = useWorld(['staff', 'r1', 'r2']);
  let p: Providers;
  beforeEach(async () => {
    p = await seedProviders(w.t.database, w.f.staffId);
  });

  const stepAs = (token: string, id: number, step: string, body: unknown = {}) => call(w.app, 'POST', `/api/staff/requests/${id}/${step}`, { token, body });
  const ask = (token = w.tokens.r1, body: unknown = { serviceId: p.serviceId, detail: '每周想有人来看看', preferredDate: '2026-03-12' }) => call(w.app, 'POST', '/api/me/requests', { token, body });

  it('a resident asks from the menu, follows it to done, and rates it once', async () => {
    const menu = await call(w.app, 'GET', '/api/me/services', { token: w.tokens.r1 });
    expect(menu.body.services.map((s: { id: number }) => s.id)).toEqual([p.serviceId]);
    // A monthly service on the 9th shows with the coming volunteer day.
    await w.t.database.write((tx) => tx.run(sql`update services set monthly_day = 9 where id = ${p.serviceId}`));
    const day = await call(w.app, 'GET', '/api/me/activities/upcoming', { token: w.tokens.r1 });
    expect(day.body.volunteerDay).toEqual({ date: '2026-03-09', services: [expect.objectContaining({ id: p.serviceId, title: '独居老人上门探访', provider: '康乐社工站' })] });

    const created = await ask();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'service', origin: 'resident', status: 'submitted', title: '独居老人上门探访', preferredDate: '2026-03-12', service: { id: p.serviceId } });
    expect(created.body).not.toHaveProperty('residentId');
    const id = created.body.id as number;
    expectError(await call(w.app, 'POST', `/api/me/requests/${id}/rating`, { token: w.tokens.r1, body: { score: 5 } }), 409, 'request_not_done');

    const dispatched = await stepAs(w.tokens.staff, id, 'dispatch', { organizationId: p.socialOrgId, note: '请本周内上门' });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body).toMatchObject({ status: 'dispatched', provider: { id: p.socialOrgId, kind: 'social_organization' }, resident: { id: w.f.residents[0], name: '张三华' } });
    expectError(await stepAs(w.tokens.staff, id, 'complete'), 409, 'invalid_transition');
    expect((await stepAs(w.tokens.staff, id, 'accept', { note: '周四上午上门' })).body.status).toBe('accepted');
    w.time.advance(3 * 3600_000);
    expect((await stepAs(w.tokens.staff, id, 'complete', { note: '已探访' })).body.status).toBe('done');

    expectError(await call(w.app, 'POST', `/api/me/requests/${id}/rating`, { token: w.tokens.r2, body: { score: 1 } }), 404, 'not_found');
    expectError(await call(w.app, 'GET', `/api/me/requests/${id}`, { token: w.tokens.r2 }), 404, 'not_found');
    expectError(await call(w.app, 'POST', `/api/me/requests/${id}/rating`, { token: w.tokens.r1, body: { score: 6 } }), 400, 'invalid_request');
    expectError(await call(w.app, 'POST', `/api/me/requests/${id}/rating`, { token: w.tokens.r1, body: { score: 5, stars: 5 } }), 400, 'invalid_request');
    const rated = await call(w.app, 'POST', `/api/me/requests/${id}/rating`, { token: w.tokens.r1, body: { score: 5, comment: '志愿者很耐心' } });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ rating: 5, ratingComment: '志愿者很耐心', status: 'done' });
    expectError(await call(w.app, 'POST', `/api/me/requests/${id}/rating`, { token: w.tokens.r1, body: { score: 1 } }), 409, 'already_rated');

    const mine = await call(w.app, 'GET', `/api/me/requests/${id}`, { token: w.tokens.r1 });
    expect(mine.body.events.map((e: { event: string; party: string }) => [e.event, e.party])).toEqual([
      ['submitted', 'resident'],
      ['dispatched', 'residents_committee'],
      ['accepted', 'provider'],
      ['done', 'provider'],
      ['rated', 'resident'],
    ]);
    expect(mine.body.events[0]).not.toHaveProperty('actorId');
    const dates = mine.body.events.map((e: { at: string }) => e.at);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[3] > dates[2]).toBe(true);

    const list = await call(w.app, 'GET', '/api/me/requests', { token: w.tokens.r1 });
    expect(list.body.items).toEqual([expect.objectContaining({ id, status: 'done', rating: 5 })]);
    expect((await call(w.app, 'GET', '/api/me/requests', { token: w.tokens.r2 })).body.items).toEqual([]);
    const audit = await call(w.app, 'GET', `/api/staff/audit?entity=service_request&entityId=${id}`, { token: w.tokens.staff });
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'update', detail: expect.objectContaining({ op: 'dispatch', organizationId: p.socialOrgId }) })]);
  });

  it('cancelling: the resident until it is accepted, staff until it is done', async () => {
    const a = (await ask()).body.id;
    const cancelled = await call(w.app, 'POST', `/api/me/requests/${a}/cancel`, { token: w.tokens.r1, body: { reason: '家人已安排' } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expectError(await call(w.app, 'POST', `/api/me/requests/${a}/cancel`, { token: w.tokens.r1, body: {} }), 409, 'invalid_transition');

    const b = (await ask()).body.id;
    expectError(await call(w.app, 'POST', `/api/me/requests/${b}/cancel`, { token: w.tokens.r2, body: {} }), 404, 'not_found');
    await stepAs(w.tokens.staff, b, 'dispatch', { organizationId: p.socialOrgId });
    await stepAs(w.tokens.staff, b, 'accept');
    expectError(await call(w.app, 'POST', `/api/me/requests/${b}/cancel`, { token: w.tokens.r1, body: {} }), 409, 'invalid_transition');
    expectError(await stepAs(w.tokens.staff, b, 'cancel', {}), 400, 'invalid_request');
    expect((await stepAs(w.tokens.staff, b, 'cancel', { reason: '居民住院' })).body.status).toBe('cancelled');

    const c = (await ask()).body.id;
    await stepAs(w.tokens.staff, c, 'dispatch', { organizationId: p.socialOrgId });
    const declined = await stepAs(w.tokens.staff, c, 'decline', { reason: '本月人手不足' });
    expect(declined.body.status).toBe('declined');
    expect(declined.body.events.at(-1)).toMatchObject({ event: 'declined', party: 'provider', organization: { id: p.socialOrgId }, note: '本月人手不足' });
    expectError(await stepAs(w.tokens.staff, c, 'dispatch', { organizationId: p.socialOrgId }), 409, 'invalid_transition');
  });

  it('three-order flow: owners committee places (下单), residents committee dispatches (派单), property company accepts (接单)', async () => {
    const placed = await call(w.app, 'POST', '/api/staff/requests', { token: w.tokens.staff, body: { kind: 'building_issue', compound: '和平小区', building: '3栋', title: '3 栋楼道灯不亮', detail: '2 单元 3–6 楼声控灯坏了' } });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ kind: 'building_issue', origin: 'owners_committee', status: 'submitted', resident: null, building: '3栋' });
    const id = placed.body.id;
    expectError(await stepAs(w.tokens.staff, id, 'dispatch', { organizationId: p.socialOrgId }), 422, 'invalid_provider');
    expectError(await stepAs(w.tokens.staff, id, 'dispatch', { organizationId: 9999 }), 422, 'invalid_reference');
    expect((await stepAs(w.tokens.staff, id, 'dispatch', { organizationId: p.propertyId, note: '请三日内修复' })).body.provider).toMatchObject({ id: p.propertyId, kind: 'property_company' });
    w.time.advance(3600_000);
    await stepAs(w.tokens.staff, id, 'accept', { note: '物业电工已接单' });
    w.time.advance(5 * 3600_000);
    const done = await stepAs(w.tokens.staff, id, 'complete', { note: '已更换 8 个灯泡' });
    expect(done.body.events.map((e: { event: string; party: string; organization: { id: number } | null }) => [e.event, e.party, e.organization?.id ?? null])).toEqual([
      ['submitted', 'owners_committee', null],
      ['dispatched', 'residents_committee', p.propertyId],
      ['accepted', 'provider', p.propertyId],
      ['done', 'provider', p.propertyId],
    ]);
    expect(done.body.events.every((e: { actorId: number }) => e.actorId === w.f.staffId)).toBe(true);

    const issues = await call(w.app, 'GET', '/api/staff/requests?kind=building_issue&status=done', { token: w.tokens.staff });
    expect(issues.body.items.map((r: { id: number }) => r.id)).toEqual([id]);
    const byProvider = await call(w.app, 'GET', `/api/staff/requests?providerId=${p.propertyId}`, { token: w.tokens.staff });
    expect(byProvider.body.items).toHaveLength(1);
    expectError(await call(w.app, 'POST', `/api/me/requests/${id}/rating`, { token: w.tokens.r1, body: { score: 5 } }), 404, 'not_found');
  });

  it('staff enter a request for a resident without a phone; bad input and wrong roles change nothing', async () => {
    const forResident = await call(w.app, 'POST', '/api/staff/requests', { token: w.tokens.staff, body: { kind: 'service', serviceId: p.serviceId, residentId: w.f.residents[2], detail: '电话来电' } });
    expect(forResident.status).toBe(201);
    expect(forResident.body).toMatchObject({ origin: 'staff', resident: { id: w.f.residents[2] }, events: [expect.objectContaining({ party: 'staff' })] });
    const r3 = await loginAs(w.app, 'r3');
    expect((await call(w.app, 'GET', '/api/me/requests', { token: r3 })).body.items).toHaveLength(1);

    const before = await counts(w.t.database);
    expectError(await ask(w.tokens.r1, { serviceId: p.draftServiceId }), 422, 'invalid_reference');
    expectError(await ask(w.tokens.r1, { serviceId: 9999 }), 422, 'invalid_reference');
    for (const body of [{}, { serviceId: p.serviceId, extra: 1 }, { serviceId: '1' }, { serviceId: p.serviceId, preferredDate: '2026-13-01' }, { serviceId: p.serviceId, detail: 'x'.repeat(501) }]) {
      expectError(await ask(w.tokens.r1, body), 400, 'invalid_request');
    }
    for (const body of [
      { kind: 'building_issue', compound: '和平小区', building: '3栋', title: '漏水' },
      { kind: 'building_issue', compound: '和平小区', building: '3栋', title: '漏水', detail: '顶楼漏水', residentId: 1 },
      { kind: 'repair', title: 'x' },
      { kind: 'service', serviceId: p.serviceId },
    ]) {
      expectError(await call(w.app, 'POST', '/api/staff/requests', { token: w.tokens.staff, body }), 400, 'invalid_request');
    }
    const id = forResident.body.id;
    expectError(await stepAs(w.tokens.staff, id, 'dispatch', { organizationId: 'x' }), 400, 'invalid_request');
    expectError(await stepAs(w.tokens.staff, id, 'dispatch', { organizationId: p.socialOrgId, urgent: true }), 400, 'invalid_request');
    expectError(await stepAs(w.tokens.staff, id, 'accept', { note: 1 }), 400, 'invalid_request');
    expectError(await stepAs(w.tokens.staff, id, 'decline', { note: 'x' }), 400, 'invalid_request');
    expectError(await stepAs(w.tokens.staff, 9999, 'accept'), 404, 'not_found');
    const merchant = await loginAs(w.app, 'm1');
    expectError(await call(w.app, 'POST', '/api/me/requests', { token: merchant, body: { serviceId: p.serviceId } }), 403, 'forbidden');
    expectError(await stepAs(w.tokens.r1, id, 'dispatch', { organizationId: p.socialOrgId }), 403, 'forbidden');
    expectError(await call(w.app, 'GET', '/api/staff/requests'), 401, 'unauthorized');
    expect(await counts(w.t.database)).toEqual(before);
  });
});

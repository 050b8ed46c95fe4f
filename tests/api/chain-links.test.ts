import { beforeEach, describe, expect, it } from 'vitest';
import { seedDeliberations } from '../helpers/chain';
import { counts, seedProviders, type Providers } from '../helpers/daily-use';
import { call, expectError, newKey, useWorld } from '../helpers/http';

/** Requests, activities and award batches name the deliberation (and service) they come from. */
describe('the chain, linked', () => {
  const w = useWorld(['staff', 'r1']);
  let p: Providers;
  let d: { publishedId: number; draftId: number };
  beforeEach(async () => {
    p = await seedProviders(w.t.database, w.f.staffId);
    d = await seedDeliberations(w.t.database, w.f.staffId, p.committeeId);
  });

  const staff = (path: string, body: unknown, idempotencyKey?: string) => call(w.app, 'POST', `/api/staff${path}`, { token: w.tokens.staff, body, ...(idempotencyKey ? { idempotencyKey } : {}) });

  it('a request names its deliberation on create, from the phone or at the desk', async () => {
    const mine = await call(w.app, 'POST', '/api/me/requests', { token: w.tokens.r1, body: { serviceId: p.serviceId, deliberationId: d.publishedId } });
    expect(mine.status).toBe(201);
    expect(mine.body.deliberationId).toBe(d.publishedId);
    const desk = await staff('/requests', { kind: 'building_issue', compound: '和平小区', building: '3 号楼', title: '楼道灯坏了', detail: '三楼', deliberationId: d.publishedId });
    expect(desk.status).toBe(201);
    expect(desk.body.deliberationId).toBe(d.publishedId);
    const plain = await staff('/requests', { kind: 'service', serviceId: p.serviceId, residentId: w.f.residents[0] });
    expect(plain.body.deliberationId).toBeNull();
  });

  it('an activity and an award batch name a deliberation and a service; a closed activity’s batch inherits them', async () => {
    const a = await staff('/activities', { type: 'patrol', title: '夜间巡逻', date: '2026-03-09', place: '二区', hours: 2, deliberationId: d.publishedId, serviceId: p.serviceId });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ deliberationId: d.publishedId, serviceId: p.serviceId });
    const batch = await staff('/award-batches', { reason: '巡逻补记', deliberationId: d.publishedId, lines: [{ residentId: w.f.residents[0], points: 5 }] }, newKey('b'));
    expect(batch.status).toBe(201);
    expect(batch.body).toMatchObject({ deliberationId: d.publishedId, serviceId: null });

    await staff(`/activities/${a.body.id}/check-ins`, { residentId: w.f.residents[0] });
    const preview = await call(w.app, 'GET', `/api/staff/activities/${a.body.id}/close-preview`, { token: w.tokens.staff });
    const closed = await staff(`/activities/${a.body.id}/close`, { preview: preview.body.fingerprint }, newKey('close'));
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ activityId: a.body.id, deliberationId: d.publishedId, serviceId: p.serviceId });
  });

  it('an unknown or unpublished deliberation or service is invalid_reference, and nothing changes', async () => {
    const before = await counts(w.t.database);
    for (const deliberationId of [d.draftId, 9999]) {
      expectError(await call(w.app, 'POST', '/api/me/requests', { token: w.tokens.r1, body: { serviceId: p.serviceId, deliberationId } }), 422, 'invalid_reference');
      expectError(await staff('/requests', { kind: 'building_issue', compound: '和平小区', building: '3 号楼', title: '灯', detail: '坏', deliberationId }), 422, 'invalid_reference');
      expectError(await staff('/activities', { type: 'patrol', title: '巡逻', date: '2026-03-09', place: '二区', hours: 2, deliberationId }), 422, 'invalid_reference');
      expectError(await staff('/award-batches', { reason: '补记', deliberationId, lines: [{ residentId: w.f.residents[0], points: 5 }] }, newKey('b')), 422, 'invalid_reference');
    }
    expectError(await staff('/activities', { type: 'patrol', title: '巡逻', date: '2026-03-09', place: '二区', hours: 2, serviceId: p.draftServiceId }), 422, 'invalid_reference');
    expectError(await staff('/activities', { type: 'patrol', title: '巡逻', date: '2026-03-09', place: '二区', hours: 2, deliberationId: 'one' }), 400, 'invalid_request');
    expect(await counts(w.t.database)).toEqual(before);
  });
});

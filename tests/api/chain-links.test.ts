import { beforeEach, describe, expect, it } from 'vitest';
import { seedDeliberations } from '../helpers/chain';
import { answerOf, bodyOf, client } from '../helpers/client';
import { counts, type Providers, seedProviders } from '../helpers/daily-use';
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

  type Staff = ReturnType<typeof client>['staff'];
  type DeskRequest = Parameters<Staff['requests']['$post']>[0]['json'];
  type NewActivity = Parameters<Staff['activities']['$post']>[0]['json'];
  type NewBatch = Parameters<Staff['award-batches']['$post']>[0]['json'];
  const staff = () => client(w.app, { token: w.tokens.staff }).staff;
  const deskRequest = (json: DeskRequest) => staff().requests.$post({ json });
  const newActivity = (json: NewActivity) => staff().activities.$post({ json });
  const newBatch = (json: NewBatch) =>
    staff()['award-batches'].$post({ header: { 'idempotency-key': newKey('b') }, json });
  const myRequest = (json: { serviceId: number; deliberationId?: number }) =>
    client(w.app, { token: w.tokens.r1 }).me.requests.$post({ json });

  it('a request names its deliberation on create, from the phone or at the desk', async () => {
    const mine = await bodyOf(
      await myRequest({ serviceId: p.serviceId, deliberationId: d.publishedId }),
      201,
    );
    expect(mine.deliberationId).toBe(d.publishedId);
    const desk = await bodyOf(
      await deskRequest({
        kind: 'building_issue',
        compound: '和平小区',
        building: '3 号楼',
        title: '楼道灯坏了',
        detail: '三楼',
        deliberationId: d.publishedId,
      }),
      201,
    );
    expect(desk.deliberationId).toBe(d.publishedId);
    const plain = await bodyOf(
      await deskRequest({ kind: 'service', serviceId: p.serviceId, residentId: w.f.residents[0]! }),
      201,
    );
    expect(plain.deliberationId).toBeNull();
  });

  it('an activity and an award batch name a deliberation and a service; a closed activity’s batch inherits them', async () => {
    const a = await bodyOf(
      await newActivity({
        type: 'patrol',
        title: '夜间巡逻',
        date: '2026-03-09',
        place: '二区',
        hours: 2,
        deliberationId: d.publishedId,
        serviceId: p.serviceId,
      }),
      201,
    );
    expect(a).toMatchObject({ deliberationId: d.publishedId, serviceId: p.serviceId });
    const batch = await bodyOf(
      await newBatch({
        reason: '巡逻补记',
        deliberationId: d.publishedId,
        lines: [{ residentId: w.f.residents[0]!, points: 5 }],
      }),
      201,
    );
    expect(batch).toMatchObject({ deliberationId: d.publishedId, serviceId: null });

    const activity = staff().activities[':id'];
    const param = { id: String(a.id) };
    await activity['check-ins'].$post({ param, json: { residentId: w.f.residents[0]! } });
    const preview = await bodyOf(await activity['close-preview'].$get({ param }), 200);
    const closed = await bodyOf(
      await activity.close.$post({
        param,
        header: { 'idempotency-key': newKey('close') },
        json: { preview: preview.fingerprint },
      }),
      201,
    );
    expect(closed).toMatchObject({
      activityId: a.id,
      deliberationId: d.publishedId,
      serviceId: p.serviceId,
    });
  });

  it('an unknown or unpublished deliberation or service is invalid_reference, and nothing changes', async () => {
    const before = await counts(w.t.database);
    for (const deliberationId of [d.draftId, 9999]) {
      expectError(
        await answerOf(await myRequest({ serviceId: p.serviceId, deliberationId })),
        422,
        'invalid_reference',
      );
      expectError(
        await answerOf(
          await deskRequest({
            kind: 'building_issue',
            compound: '和平小区',
            building: '3 号楼',
            title: '灯',
            detail: '坏',
            deliberationId,
          }),
        ),
        422,
        'invalid_reference',
      );
      expectError(
        await answerOf(
          await newActivity({
            type: 'patrol',
            title: '巡逻',
            date: '2026-03-09',
            place: '二区',
            hours: 2,
            deliberationId,
          }),
        ),
        422,
        'invalid_reference',
      );
      expectError(
        await answerOf(
          await newBatch({
            reason: '补记',
            deliberationId,
            lines: [{ residentId: w.f.residents[0]!, points: 5 }],
          }),
        ),
        422,
        'invalid_reference',
      );
    }
    expectError(
      await answerOf(
        await newActivity({
          type: 'patrol',
          title: '巡逻',
          date: '2026-03-09',
          place: '二区',
          hours: 2,
          serviceId: p.draftServiceId,
        }),
      ),
      422,
      'invalid_reference',
    );
    // A wrong type is what the typed client cannot send.
    const wrongType = {
      type: 'patrol',
      title: '巡逻',
      date: '2026-03-09',
      place: '二区',
      hours: 2,
      deliberationId: 'one',
    };
    expectError(
      await call(w.app, 'POST', '/api/staff/activities', {
        token: w.tokens.staff,
        body: wrongType,
      }),
      400,
      'invalid_request',
    );
    expect(await counts(w.t.database)).toEqual(before);
  });
});

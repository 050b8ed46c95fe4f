import { describe, expect, it } from 'vitest';
import { organizations, services } from '../../db/schema';
import { charityView } from '../../functions/domain/publishing/charity';
import { publicMerchants } from '../../functions/domain/publishing/merchants';
import { publicServices } from '../../functions/domain/publishing/services';
import { answerOf, bodyOf, client } from '../helpers/client';
import { counts } from '../helpers/daily-use';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { grant } from '../helpers/ledger';

/** The merchant's back office: items for points, today's and this month's takings (UTC+8), the public record. */
describe('counter: items, totals, public record', () => {
  const w = useWorld(['m1', 'm2'], new Date('2026-03-10T04:00:00Z'));

  it('lets a merchant keep its own items; another merchant cannot see or touch them', async () => {
    const m1 = client(w.app, { token: w.tokens.m1 });
    const m2 = client(w.app, { token: w.tokens.m2 });
    const rice = await bodyOf(
      await m1.counter.items.$post({
        json: { name: '东北大米 5 斤', points: 60, description: '每人每月限 1 袋' },
      }),
      201,
    );
    expect(rice).toMatchObject({
      name: '东北大米 5 斤',
      points: 60,
      active: true,
      description: '每人每月限 1 袋',
    });
    await bodyOf(
      await m1.counter.items.$post({ json: { name: '花生油 1 升', points: 45, active: false } }),
      201,
    );
    const list = await bodyOf(await m1.counter.items.$get(), 200);
    expect(list.items.map((i) => [i.name, i.active])).toEqual([
      ['东北大米 5 斤', true],
      ['花生油 1 升', false],
    ]);
    expect((await bodyOf(await m2.counter.items.$get(), 200)).items).toEqual([]);

    w.time.advance(60_000);
    const param = { id: String(rice.id) };
    const changed = await bodyOf(
      await m1.counter.items[':id'].$patch({ param, json: { points: 55, active: false } }),
      200,
    );
    expect(changed).toMatchObject({ points: 55, active: false, name: '东北大米 5 斤' });
    expect(changed.updatedAt > rice.updatedAt).toBe(true);
    expectError(
      await answerOf(await m2.counter.items[':id'].$patch({ param, json: { points: 1 } })),
      404,
      'not_found',
    );
    expectError(await answerOf(await m2.counter.items[':id'].$delete({ param })), 404, 'not_found');

    const before = await counts(w.t.database);
    for (const json of [
      { name: '米', points: 0 },
      { name: '米', points: 1.5 },
      { name: '', points: 5 },
    ]) {
      expectError(await answerOf(await m1.counter.items.$post({ json })), 400, 'invalid_request');
    }
    // Unknown or missing fields are what the typed client cannot send.
    for (const body of [{ name: '米', points: 5, price: 5 }, { points: 5 }]) {
      expectError(
        await call(w.app, 'POST', '/api/counter/items', { token: w.tokens.m1, body }),
        400,
        'invalid_request',
      );
    }
    for (const json of [{}, { points: -1 }]) {
      expectError(
        await answerOf(await m1.counter.items[':id'].$patch({ param, json })),
        400,
        'invalid_request',
      );
    }
    expectError(
      await call(w.app, 'PATCH', `/api/counter/items/${rice.id}`, {
        token: w.tokens.m1,
        body: { merchantId: 2 },
      }),
      400,
      'invalid_request',
    );
    // A body on a DELETE is what the typed client cannot send.
    expectError(
      await call(w.app, 'DELETE', `/api/counter/items/${rice.id}`, {
        token: w.tokens.m1,
        body: { force: true },
      }),
      400,
      'invalid_request',
    );
    expect(await counts(w.t.database)).toEqual(before);

    expect((await m1.counter.items[':id'].$delete({ param })).status).toBe(200);
    expect((await bodyOf(await m1.counter.items.$get(), 200)).items).toHaveLength(1);
    const resident = await loginAs(w.app, 'r1');
    expectError(
      await answerOf(await client(w.app, { token: resident }).counter.items.$get()),
      403,
      'forbidden',
    );
    expectError(await answerOf(await client(w.app).counter.totals.$get()), 401, 'unauthorized');
  });

  it("counts today's and this month's redemptions by community time, across midnight UTC+8", async () => {
    await grant(w.t.database, w.f.staffId, w.f.residents[0]!, 200, w.time.now);
    const m1 = client(w.app, { token: w.tokens.m1 });
    const redeem = async (points: number) =>
      bodyOf(
        await m1.counter.redemptions.$post({
          header: { 'idempotency-key': newKey('redeem') },
          json: { card: 'C9001', pin: '1357', points },
        }),
        201,
      );
    const totals = async () => bodyOf(await m1.counter.totals.$get(), 200);

    await redeem(7); // 2026-03-10 12:00 local
    w.time.now = new Date('2026-03-31T15:30:00Z'); // 2026-03-31 23:30 local
    await redeem(10);
    const lateMarch = await totals();
    expect(lateMarch.today).toMatchObject({
      date: '2026-03-31',
      redemptions: 1,
      points: 10,
      netPoints: 10,
      from: '2026-03-30T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
    });
    expect(lateMarch.month).toMatchObject({
      month: '2026-03',
      redemptions: 2,
      points: 17,
      netPoints: 17,
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
    });
    expect(
      (await bodyOf(await client(w.app, { token: w.tokens.m2 }).counter.totals.$get(), 200)).month,
    ).toMatchObject({ redemptions: 0, points: 0 });

    w.time.now = new Date('2026-03-31T16:30:00Z'); // 2026-04-01 00:30 local: still March 31 in UTC
    const late = await redeem(20);
    const april = await totals();
    expect(april.today).toMatchObject({
      date: '2026-04-01',
      redemptions: 1,
      points: 20,
      netPoints: 20,
    });
    expect(april.month).toMatchObject({
      month: '2026-04',
      redemptions: 1,
      points: 20,
      netPoints: 20,
    });

    const staff = client(w.app, { token: await loginAs(w.app, 'staff') });
    expect(
      (
        await staff.staff.entries[':id'].reverse.$post({
          header: { 'idempotency-key': newKey('rev') },
          param: { id: String(late.id) },
          json: { reason: '误操作' },
        })
      ).status,
    ).toBe(201);
    expect((await totals()).today).toMatchObject({
      redemptions: 1,
      points: 20,
      reversals: 1,
      reversedPoints: 20,
      netPoints: 0,
    });
  });

  it('shows the merchant its public record exactly as the public projections build it', async () => {
    const at = w.time.now.toISOString();
    await w.t.database.write(async (tx) => {
      const pub = {
        status: 'published' as const,
        publishedAt: at,
        publishedBy: w.f.staffId,
        createdAt: at,
        createdBy: w.f.staffId,
      };
      const [org] = await tx
        .insert(organizations)
        .values({
          kind: 'merchant',
          name: '明亮眼镜店',
          description: '一刻钟合伙人',
          provides: '老花镜',
          merchantUserId: w.f.merchants[0],
          ...pub,
        })
        .returning();
      await tx.insert(services).values({
        category: 'elders',
        title: '9 日免费验光配老花镜',
        description: '60 岁以上',
        providerId: org!.id,
        audiences: '["elders"]',
        schedule: '每月 9 日上午',
        monthlyDay: 9,
        place: '店内',
        cost: 'free',
        howToAsk: '到店',
        ...pub,
      });
    });
    await grant(w.t.database, w.f.staffId, w.f.residents[0]!, 50, w.time.now);
    const m1 = client(w.app, { token: w.tokens.m1 });
    await bodyOf(
      await m1.counter.redemptions.$post({
        header: { 'idempotency-key': newKey('redeem') },
        json: { card: 'C9001', pin: '1357', points: 12 },
      }),
      201,
    );

    const res = await bodyOf(await m1.counter.profile.$get(), 200);
    const db = w.t.database.read;
    const expected = (
      await publicMerchants(db, await publicServices(db), await charityView(db))
    ).find((m) => m.id === w.f.merchants[0]);
    expect(res).toEqual(expected);
    expect(res).toMatchObject({
      shopName: '明亮眼镜店',
      redemptions: 1,
      pointsRedeemed: 12,
      services: [expect.objectContaining({ title: '9 日免费验光配老花镜' })],
    });
    expect(
      await bodyOf(await client(w.app, { token: w.tokens.m2 }).counter.profile.$get(), 200),
    ).toMatchObject({ shopName: '老街烧烤', services: [], redemptions: 0 });
  });
});

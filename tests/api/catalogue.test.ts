import { z } from '@hono/zod-openapi';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app';
import { loadPublicData } from '../../functions/domain/publishing';
import type { PublishEvent } from '../../functions/domain/records/publish';
import { answerOf, bodyOf, client } from '../helpers/client';
import { call, expectError, useWorld } from '../helpers/http';

/** What points buy, in public: GET /api/public/catalogue, and an item change reaching the public site. */
describe('GET /api/public/catalogue', () => {
  const w = useWorld(['staff', 'admin', 'm1', 'm2']);
  let events: PublishEvent[];
  let app: ReturnType<typeof createApp>;
  beforeEach(() => {
    events = [];
    app = createApp({
      database: w.t.database,
      now: () => w.time.now,
      onPublish: (e) => void events.push(e),
    });
  });
  type NewItem = { name: string; points: number; description?: string; active?: boolean };
  const addItem = async (token: string, json: NewItem) =>
    (await bodyOf(await client(app, { token }).counter.items.$post({ json }), 201)).id;
  const catalogue = async () =>
    (await bodyOf(await client(app).public.catalogue.$get({ query: {} }), 200)).merchants;
  const item = (token: string, id: number) => ({
    api: client(app, { token }).counter.items[':id'],
    param: { id: String(id) },
  });

  it('answers anyone, without sign-in: each redeeming shop with its active items, cheapest first', async () => {
    expect(await catalogue()).toEqual([]);
    const rice = await addItem(w.tokens.m1, {
      name: '东北大米 5 斤',
      points: 60,
      description: '每人每月限 1 袋',
    });
    const cloth = await addItem(w.tokens.m1, { name: '眼镜布', points: 5 });
    await addItem(w.tokens.m1, { name: '花生油 1 升', points: 45, active: false });
    const noodles = await addItem(w.tokens.m2, { name: '炒面一份', points: 20 });
    const [m1, m2] = w.f.merchants as [number, number];
    expect(await catalogue()).toEqual([
      {
        id: m1,
        shopName: '明亮眼镜店',
        url: `/merchants/#merchant-${m1}`,
        items: [
          { id: cloth, name: '眼镜布', points: 5, description: null },
          { id: rice, name: '东北大米 5 斤', points: 60, description: '每人每月限 1 袋' },
        ],
      },
      {
        id: m2,
        shopName: expect.any(String),
        url: `/merchants/#merchant-${m2}`,
        items: [{ id: noodles, name: '炒面一份', points: 20, description: null }],
      },
    ]);
    // Only what a shop publishes for everyone: no timestamps, no activity flag, no merchant login.
    const text = JSON.stringify(await catalogue());
    for (const secret of ['createdAt', 'active', 'm1', 'login']) expect(text).not.toContain(secret);
  });

  it('leaves out a suspended shop and a disabled merchant account, and brings a reinstated shop back', async () => {
    const [m1, m2] = w.f.merchants as [number, number];
    await addItem(w.tokens.m1, { name: '眼镜布', points: 5 });
    await addItem(w.tokens.m2, { name: '炒面一份', points: 20 });
    const merchant = client(app, { token: w.tokens.staff }).staff.merchants[':id'];
    const param = { id: String(m1) };
    expect((await merchant.suspend.$post({ param, json: { reason: '核查中' } })).status).toBe(200);
    expect((await catalogue()).map((s) => s.id)).toEqual([m2]);
    expect((await merchant.reinstate.$post({ param })).status).toBe(200);
    expect(
      (
        await client(app, { token: w.tokens.admin }).admin.accounts[':id'].$patch({
          param: { id: String(m2) },
          json: { disabled: true },
        })
      ).status,
    ).toBe(200);
    expect((await catalogue()).map((s) => s.id)).toEqual([m1]);
  });

  it('an item added, changed or removed is published like a profile change, and the public data follows', async () => {
    const m1 = w.f.merchants[0]!;
    const published = { entity: 'merchant', id: m1 };
    const id = await addItem(w.tokens.m1, { name: '眼镜布', points: 5 });
    expect(events).toEqual([published]);
    expect((await loadPublicData(w.t.database.read)).catalogue).toEqual([
      expect.objectContaining({ id: m1, items: [expect.objectContaining({ id, points: 5 })] }),
    ]);

    const mine = item(w.tokens.m1, id);
    expect((await mine.api.$patch({ param: mine.param, json: { points: 8 } })).status).toBe(200);
    expect(events).toEqual([published, published]);
    expect((await catalogue())[0]!.items[0]!.points).toBe(8);

    expect((await mine.api.$patch({ param: mine.param, json: { active: false } })).status).toBe(
      200,
    );
    expect(await catalogue()).toEqual([]);
    expect((await mine.api.$delete({ param: mine.param })).status).toBe(200);
    expect(events).toEqual([published, published, published, published]);

    // A refused change publishes nothing.
    const theirs = item(w.tokens.m2, id);
    expectError(
      await answerOf(await theirs.api.$patch({ param: theirs.param, json: { points: 1 } })),
      404,
      'not_found',
    );
    expectError(
      await answerOf(
        await client(app, { token: w.tokens.m1 }).counter.items.$post({
          json: { name: '米', points: 0 },
        }),
      ),
      400,
      'invalid_request',
    );
    expect(events).toHaveLength(4);
  });

  it('is in the OpenAPI document', async () => {
    // The document is served outside AppType: read the little of it this test needs.
    const Doc = z.object({
      paths: z.record(
        z.string(),
        z.object({ get: z.object({ responses: z.record(z.string(), z.unknown()) }).optional() }),
      ),
    });
    const doc = Doc.parse((await call(app, 'GET', '/api/openapi.json')).body);
    expect(doc.paths['/api/public/catalogue']?.get?.responses?.['200']).toBeDefined();
  });
});

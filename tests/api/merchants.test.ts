import { sql } from 'drizzle-orm';
import type { InferRequestType } from 'hono/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../functions/app';
import { loadPublicData as publicData } from '../../functions/domain/publishing';
import type { PublishEvent } from '../../functions/domain/records/publish';
import { answerOf, bodyOf, client } from '../helpers/client';
import { PIN } from '../helpers/fixture';
import {
  awardVia,
  call,
  expectError,
  loginAs,
  newKey,
  useWorld,
  type World,
} from '../helpers/http';
import { balanceOf, rows, snapshot } from '../helpers/ledger';

type Api = ReturnType<typeof client>;
type ShopPatch = InferRequestType<Api['counter']['profile']['$patch']>['json'];

const shopState = (w: Pick<World, 't'>) =>
  Promise.all([
    rows(w.t.database.read, sql`select * from merchants order by user_id`),
    rows(w.t.database.read, sql`select count(*) as n from audit_log`),
    rows(w.t.database.read, sql`select count(*) as n from publish_events`),
  ]);

const profileOf = async (app: App, token: string) =>
  bodyOf(await client(app, { token }).counter.profile.$get(), 200);

describe('a merchant’s public profile', () => {
  const w = useWorld(['staff', 'm1', 'm2', 'r1']);
  let events: PublishEvent[];
  let app: App;
  beforeEach(() => {
    events = [];
    app = createApp({
      database: w.t.database,
      now: () => w.time.now,
      onPublish: (e) => void events.push(e),
    });
  });
  const editOwn = (json: ShopPatch, token = w.tokens.m1) =>
    client(app, { token }).counter.profile.$patch({ json });
  const edit = (id: number, json: ShopPatch, token = w.tokens.staff) =>
    client(app, { token }).staff.merchants[':id'].$patch({ param: { id: String(id) }, json });

  it('the merchant edits its own profile (PATCH /api/counter/profile): audited, published, on the public page', async () => {
    const res = await bodyOf(
      await editOwn({ openingHours: '每天 9:00–21:00', offer: '每月 9 日为老人免费配老花镜' }),
      200,
    );
    expect(res).toMatchObject({
      id: w.f.merchants[0],
      shopName: '明亮眼镜店',
      openingHours: '每天 9:00–21:00',
      offer: '每月 9 日为老人免费配老花镜',
      suspended: false,
    });
    expect(events).toEqual([{ entity: 'merchant', id: w.f.merchants[0] }]);
    const shown = (await publicData(w.t.database.read)).merchants.find(
      (m) => m.id === w.f.merchants[0],
    );
    expect(shown).toMatchObject({
      openingHours: '每天 9:00–21:00',
      offer: '每月 9 日为老人免费配老花镜',
      suspended: false,
    });
    const [audit] = await rows<{ actor_id: number; detail: string }>(
      w.t.database.read,
      sql`select actor_id, detail from audit_log where entity = 'merchant' and entity_id = ${w.f.merchants[0]}`,
    );
    expect(audit!.actor_id).toBe(w.f.merchants[0]);
    expect(JSON.parse(audit!.detail)).toEqual({
      openingHours: { from: '', to: '每天 9:00–21:00' },
      offer: { from: '老花镜', to: '每月 9 日为老人免费配老花镜' },
    });
    expect((await profileOf(app, w.tokens.m1)).openingHours).toBe('每天 9:00–21:00');
  });

  it('a merchant changes only its own profile; renaming the shop renames its counter account', async () => {
    await editOwn({ shopName: '老街烧烤（新店）' }, w.tokens.m2);
    expect((await profileOf(app, w.tokens.m1)).shopName).toBe('明亮眼镜店');
    expect((await bodyOf(await client(app, { token: w.tokens.m2 }).auth.me.$get(), 200)).name).toBe(
      '老街烧烤（新店）',
    );
  });

  it('staff list the merchants and edit any profile (PATCH /api/staff/merchants/{id})', async () => {
    const list = await bodyOf(
      await client(app, { token: w.tokens.staff }).staff.merchants.$get(),
      200,
    );
    expect(list.merchants.map((m) => m.id)).toEqual(w.f.merchants);
    expect(list.merchants[0]).toMatchObject({
      login: 'm1',
      shopName: '明亮眼镜店',
      category: '眼镜',
      disabled: false,
      suspendedAt: null,
    });
    const res = await bodyOf(
      await edit(w.f.merchants[1]!, { address: '幸福路 20 号', category: '小吃' }),
      200,
    );
    expect(res).toMatchObject({ address: '幸福路 20 号', category: '小吃' });
    expect(events).toEqual([{ entity: 'merchant', id: w.f.merchants[1] }]);
    expect((await profileOf(app, w.tokens.m2)).address).toBe('幸福路 20 号');
  });

  it('a patch that changes nothing writes nothing and publishes nothing', async () => {
    const before = await shopState(w);
    expect((await editOwn({ shopName: '明亮眼镜店' })).status).toBe(200);
    expect(events).toEqual([]);
    expect(await shopState(w)).toEqual(before);
  });

  it('bad input → 400 invalid_request; an unknown merchant → 404; nothing changes', async () => {
    const before = await shopState(w);
    // Empty, blank, too long and unknown fields, on purpose: past the typed client.
    for (const body of [
      {},
      { shopName: '' },
      { shopName: '  ' },
      { offer: 'x'.repeat(201) },
      { suspended: true },
      { joinedAt: '2020-01-01' },
    ]) {
      expectError(
        await call(app, 'PATCH', '/api/counter/profile', { token: w.tokens.m1, body }),
        400,
        'invalid_request',
      );
      expectError(
        await call(app, 'PATCH', `/api/staff/merchants/${w.f.merchants[0]}`, {
          token: w.tokens.staff,
          body,
        }),
        400,
        'invalid_request',
      );
    }
    expectError(
      await answerOf(await edit(w.f.residents[0]!, { address: '别处' })),
      404,
      'not_found',
    );
    for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(201) }]) {
      expectError(
        await call(app, 'POST', `/api/staff/merchants/${w.f.merchants[0]}/suspend`, {
          token: w.tokens.staff,
          body,
        }),
        400,
        'invalid_request',
      );
    }
    expectError(
      await call(app, 'POST', `/api/staff/merchants/${w.f.merchants[0]}/reinstate`, {
        token: w.tokens.staff,
        body: { reason: 'x' },
      }),
      400,
      'invalid_request',
    );
    expectError(
      await answerOf(await edit(w.f.merchants[0]!, { address: '别处' }, w.tokens.m1)),
      403,
      'forbidden',
    );
    expectError(
      await answerOf(await editOwn({ address: '别处' }, w.tokens.staff)),
      403,
      'forbidden',
    );
    expect(await shopState(w)).toEqual(before);
    expect(events).toEqual([]);
  });
});

describe('suspending a merchant', () => {
  const w = useWorld(['staff', 'm1', 'r1']);
  let events: PublishEvent[];
  let app: App;
  beforeEach(async () => {
    events = [];
    app = createApp({
      database: w.t.database,
      now: () => w.time.now,
      onPublish: (e) => void events.push(e),
    });
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
  });
  const m1 = () => w.f.merchants[0]!;
  const newCode = async () =>
    (await bodyOf(await client(app, { token: w.tokens.r1 }).me['redeem-codes'].$post(), 201)).code;
  const redeem = (
    json: InferRequestType<Api['counter']['redemptions']['$post']>['json'],
    token = w.tokens.m1,
  ) =>
    client(app, { token }).counter.redemptions.$post({
      header: { 'idempotency-key': newKey('susp') },
      json,
    });
  const shop = () => client(app, { token: w.tokens.staff }).staff.merchants[':id'];
  const suspend = () =>
    shop().suspend.$post({ param: { id: String(m1()) }, json: { reason: '店铺装修，暂停合作' } });
  const reinstate = () => shop().reinstate.$post({ param: { id: String(m1()) } });

  it('the counter refuses redemptions by code and by card with 403 merchant_suspended, and no points move', async () => {
    const res = await bodyOf(await suspend(), 200);
    expect(res).toMatchObject({
      suspendedAt: w.time.now.toISOString(),
      suspendedReason: '店铺装修，暂停合作',
    });
    const before = await snapshot(w.t.database);
    const byCode = await answerOf(await redeem({ code: await newCode(), points: 10 }));
    expectError(byCode, 403, 'merchant_suspended');
    expect(byCode.body.error.message).toMatch(/社区服务站/);
    expectError(
      await answerOf(await redeem({ card: w.f.cards[0]!, pin: PIN, points: 10 })),
      403,
      'merchant_suspended',
    );
    const after = await snapshot(w.t.database);
    expect(after.head).toBe(before.head);
    expect(after.balances).toEqual(before.balances);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(100);
    // The merchant still signs in and reads its back office.
    expect((await client(app, { token: w.tokens.m1 }).counter.items.$get()).status).toBe(200);
    expect((await profileOf(app, w.tokens.m1)).suspended).toBe(true);
  });

  it('the public projection says the shop is paused, never why; publishing follows suspend and reinstate', async () => {
    await suspend();
    const shown = (await publicData(w.t.database.read)).merchants.find((m) => m.id === m1());
    expect(shown!.suspended).toBe(true);
    expect(JSON.stringify(shown)).not.toContain('装修');
    expect(
      (await publicData(w.t.database.read)).merchants.find((m) => m.id === w.f.merchants[1])!
        .suspended,
    ).toBe(false);
    await reinstate();
    expect(
      (await publicData(w.t.database.read)).merchants.find((m) => m.id === m1())!.suspended,
    ).toBe(false);
    expect(events).toEqual([
      { entity: 'merchant', id: m1() },
      { entity: 'merchant', id: m1() },
    ]);
    const trail = await rows<{ detail: string }>(
      w.t.database.read,
      sql`select detail from audit_log where entity = 'merchant' and entity_id = ${m1()} order by id`,
    );
    expect(trail.map((r) => JSON.parse(r.detail).op)).toEqual(['suspend', 'reinstate']);
  });

  it('reinstating lets the counter redeem again', async () => {
    await suspend();
    expectError(
      await answerOf(await redeem({ card: w.f.cards[0]!, pin: PIN, points: 10 })),
      403,
      'merchant_suspended',
    );
    const res = await bodyOf(await reinstate(), 200);
    expect(res).toMatchObject({ suspendedAt: null, suspendedReason: null });
    expect((await redeem({ code: await newCode(), points: 10 })).status).toBe(201);
    expect((await redeem({ card: w.f.cards[0]!, pin: PIN, points: 5 })).status).toBe(201);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(85);
  });

  it('another merchant is not affected', async () => {
    await suspend();
    const m2 = await loginAs(app, 'm2');
    expect((await redeem({ code: await newCode(), points: 10 }, m2)).status).toBe(201);
  });

  it('suspending twice with the same reason and reinstating a shop that is not suspended change nothing', async () => {
    await suspend();
    const before = await shopState(w);
    expect((await suspend()).status).toBe(200);
    expect(await shopState(w)).toEqual(before);
    await reinstate();
    const reinstated = await shopState(w);
    expect((await reinstate()).status).toBe(200);
    expect(await shopState(w)).toEqual(reinstated);
  });
});

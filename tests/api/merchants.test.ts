import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app';
import type { PublishEvent } from '../../functions/domain/records/publish';
import { loadPublicData as publicData } from '../../functions/domain/publishing';
import { PIN } from '../helpers/fixture';
import { awardVia, call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { balanceOf, rows, snapshot } from '../helpers/ledger';

const shopState = (w: { t: { database: { read: any } } }) =>
  Promise.all([rows(w.t.database.read, sql`select * from merchants order by user_id`), rows(w.t.database.read, sql`select count(*) as n from audit_log`), rows(w.t.database.read, sql`select count(*) as n from publish_events`)]);

describe('a merchant’s public profile', () => {
  const w = useWorld(['staff', 'm1', 'm2', 'r1']);
  let events: PublishEvent[];
  let app: ReturnType<typeof createApp>;
  beforeEach(() => {
    events = [];
    app = createApp({ database: w.t.database, now: () => w.time.now, onPublish: (e) => void events.push(e) });
  });

  it('the merchant edits its own profile (PATCH /api/counter/profile): audited, published, on the public page', async () => {
    const res = await call(app, 'PATCH', '/api/counter/profile', { token: w.tokens.m1, body: { openingHours: '每天 9:00–21:00', offer: '每月 9 日为老人免费配老花镜' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: w.f.merchants[0], shopName: '明亮眼镜店', openingHours: '每天 9:00–21:00', offer: '每月 9 日为老人免费配老花镜', suspended: false });
    expect(events).toEqual([{ entity: 'merchant', id: w.f.merchants[0] }]);
    const shown = (await publicData(w.t.database.read)).merchants.find((m) => m.id === w.f.merchants[0]);
    expect(shown).toMatchObject({ openingHours: '每天 9:00–21:00', offer: '每月 9 日为老人免费配老花镜', suspended: false });
    const [audit] = await rows<{ actor_id: number; detail: string }>(w.t.database.read, sql`select actor_id, detail from audit_log where entity = 'merchant' and entity_id = ${w.f.merchants[0]}`);
    expect(audit!.actor_id).toBe(w.f.merchants[0]);
    expect(JSON.parse(audit!.detail)).toEqual({ openingHours: { from: '', to: '每天 9:00–21:00' }, offer: { from: '老花镜', to: '每月 9 日为老人免费配老花镜' } });
    expect((await call(app, 'GET', '/api/counter/profile', { token: w.tokens.m1 })).body.openingHours).toBe('每天 9:00–21:00');
  });

  it('a merchant changes only its own profile; renaming the shop renames its counter account', async () => {
    await call(app, 'PATCH', '/api/counter/profile', { token: w.tokens.m2, body: { shopName: '老街烧烤（新店）' } });
    expect((await call(app, 'GET', '/api/counter/profile', { token: w.tokens.m1 })).body.shopName).toBe('明亮眼镜店');
    expect((await call(app, 'GET', '/api/auth/me', { token: w.tokens.m2 })).body.name).toBe('老街烧烤（新店）');
  });

  it('staff list the merchants and edit any profile (PATCH /api/staff/merchants/{id})', async () => {
    const list = await call(app, 'GET', '/api/staff/merchants', { token: w.tokens.staff });
    expect(list.status).toBe(200);
    expect(list.body.merchants.map((m: any) => m.id)).toEqual(w.f.merchants);
    expect(list.body.merchants[0]).toMatchObject({ login: 'm1', shopName: '明亮眼镜店', category: '眼镜', disabled: false, suspendedAt: null });
    const res = await call(app, 'PATCH', `/api/staff/merchants/${w.f.merchants[1]}`, { token: w.tokens.staff, body: { address: '幸福路 20 号', category: '小吃' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ address: '幸福路 20 号', category: '小吃' });
    expect(events).toEqual([{ entity: 'merchant', id: w.f.merchants[1] }]);
    expect((await call(app, 'GET', '/api/counter/profile', { token: w.tokens.m2 })).body.address).toBe('幸福路 20 号');
  });

  it('a patch that changes nothing writes nothing and publishes nothing', async () => {
    const before = await shopState(w);
    expect((await call(app, 'PATCH', '/api/counter/profile', { token: w.tokens.m1, body: { shopName: '明亮眼镜店' } })).status).toBe(200);
    expect(events).toEqual([]);
    expect(await shopState(w)).toEqual(before);
  });

  it('bad input → 400 invalid_request; an unknown merchant → 404; nothing changes', async () => {
    const before = await shopState(w);
    for (const body of [{}, { shopName: '' }, { shopName: '  ' }, { offer: 'x'.repeat(201) }, { suspended: true }, { joinedAt: '2020-01-01' }]) {
      expectError(await call(app, 'PATCH', '/api/counter/profile', { token: w.tokens.m1, body }), 400, 'invalid_request');
      expectError(await call(app, 'PATCH', `/api/staff/merchants/${w.f.merchants[0]}`, { token: w.tokens.staff, body }), 400, 'invalid_request');
    }
    expectError(await call(app, 'PATCH', `/api/staff/merchants/${w.f.residents[0]}`, { token: w.tokens.staff, body: { address: '别处' } }), 404, 'not_found');
    for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(201) }]) {
      expectError(await call(app, 'POST', `/api/staff/merchants/${w.f.merchants[0]}/suspend`, { token: w.tokens.staff, body }), 400, 'invalid_request');
    }
    expectError(await call(app, 'POST', `/api/staff/merchants/${w.f.merchants[0]}/reinstate`, { token: w.tokens.staff, body: { reason: 'x' } }), 400, 'invalid_request');
    expectError(await call(app, 'PATCH', `/api/staff/merchants/${w.f.merchants[0]}`, { token: w.tokens.m1, body: { address: '别处' } }), 403, 'forbidden');
    expectError(await call(app, 'PATCH', '/api/counter/profile', { token: w.tokens.staff, body: { address: '别处' } }), 403, 'forbidden');
    expect(await shopState(w)).toEqual(before);
    expect(events).toEqual([]);
  });
});

describe('suspending a merchant', () => {
  const w = useWorld(['staff', 'm1', 'r1']);
  let events: PublishEvent[];
  let app: ReturnType<typeof createApp>;
  beforeEach(async () => {
    events = [];
    app = createApp({ database: w.t.database, now: () => w.time.now, onPublish: (e) => void events.push(e) });
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
  });
  const m1 = () => w.f.merchants[0]!;
  const newCode = async () => (await call(app, 'POST', '/api/me/redeem-codes', { token: w.tokens.r1 })).body.code as string;
  const redeem = (body: Record<string, unknown>) => call(app, 'POST', '/api/counter/redemptions', { token: w.tokens.m1, idempotencyKey: newKey('susp'), body });
  const suspend = () => call(app, 'POST', `/api/staff/merchants/${m1()}/suspend`, { token: w.tokens.staff, body: { reason: '店铺装修，暂停合作' } });

  it('the counter refuses redemptions by code and by card with 403 merchant_suspended, and no points move', async () => {
    const res = await suspend();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ suspendedAt: w.time.now.toISOString(), suspendedReason: '店铺装修，暂停合作' });
    const before = await snapshot(w.t.database);
    const byCode = await redeem({ code: await newCode(), points: 10 });
    expectError(byCode, 403, 'merchant_suspended');
    expect(byCode.body.error.message).toMatch(/社区服务站/);
    expectError(await redeem({ card: w.f.cards[0], pin: PIN, points: 10 }), 403, 'merchant_suspended');
    const after = await snapshot(w.t.database);
    expect(after.head).toBe(before.head);
    expect(after.balances).toEqual(before.balances);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(100);
    // The merchant still signs in and reads its back office.
    expect((await call(app, 'GET', '/api/counter/items', { token: w.tokens.m1 })).status).toBe(200);
    expect((await call(app, 'GET', '/api/counter/profile', { token: w.tokens.m1 })).body.suspended).toBe(true);
  });

  it('the public projection says the shop is paused, never why; publishing follows suspend and reinstate', async () => {
    await suspend();
    const shown = (await publicData(w.t.database.read)).merchants.find((m) => m.id === m1());
    expect(shown!.suspended).toBe(true);
    expect(JSON.stringify(shown)).not.toContain('装修');
    expect((await publicData(w.t.database.read)).merchants.find((m) => m.id === w.f.merchants[1])!.suspended).toBe(false);
    await call(app, 'POST', `/api/staff/merchants/${m1()}/reinstate`, { token: w.tokens.staff });
    expect((await publicData(w.t.database.read)).merchants.find((m) => m.id === m1())!.suspended).toBe(false);
    expect(events).toEqual([
      { entity: 'merchant', id: m1() },
      { entity: 'merchant', id: m1() },
    ]);
    const trail = await rows<{ detail: string }>(w.t.database.read, sql`select detail from audit_log where entity = 'merchant' and entity_id = ${m1()} order by id`);
    expect(trail.map((r) => JSON.parse(r.detail).op)).toEqual(['suspend', 'reinstate']);
  });

  it('reinstating lets the counter redeem again', async () => {
    await suspend();
    expectError(await redeem({ card: w.f.cards[0], pin: PIN, points: 10 }), 403, 'merchant_suspended');
    const res = await call(app, 'POST', `/api/staff/merchants/${m1()}/reinstate`, { token: w.tokens.staff });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ suspendedAt: null, suspendedReason: null });
    expect((await redeem({ code: await newCode(), points: 10 })).status).toBe(201);
    expect((await redeem({ card: w.f.cards[0], pin: PIN, points: 5 })).status).toBe(201);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(85);
  });

  it('another merchant is not affected', async () => {
    await suspend();
    const m2 = await loginAs(app, 'm2');
    const res = await call(app, 'POST', '/api/counter/redemptions', { token: m2, idempotencyKey: newKey('m2'), body: { code: await newCode(), points: 10 } });
    expect(res.status).toBe(201);
  });

  it('suspending twice with the same reason and reinstating a shop that is not suspended change nothing', async () => {
    await suspend();
    const before = await shopState(w);
    expect((await suspend()).status).toBe(200);
    expect(await shopState(w)).toEqual(before);
    await call(app, 'POST', `/api/staff/merchants/${m1()}/reinstate`, { token: w.tokens.staff });
    const reinstated = await shopState(w);
    expect((await call(app, 'POST', `/api/staff/merchants/${m1()}/reinstate`, { token: w.tokens.staff })).status).toBe(200);
    expect(await shopState(w)).toEqual(reinstated);
  });
});

import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { PIN } from '../helpers/fixture';
import { awardVia, call, expectError, newKey, useWorld } from '../helpers/http';
import { snapshot } from '../helpers/ledger';

type Counter = ReturnType<typeof client>['counter'];
type Lookup = Parameters<Counter['lookup']['$post']>[0]['json'];
type Redemption = Parameters<Counter['redemptions']['$post']>[0]['json'];

describe('counter: look before you redeem', () => {
  const w = useWorld(['staff', 'r1', 'm1', 'm2']);

  const newCode = async () =>
    bodyOf(await client(w.app, { token: w.tokens.r1 }).me['redeem-codes'].$post(), 201);
  const look = (json: Lookup, token = w.tokens.m1) =>
    client(w.app, { token }).counter.lookup.$post({ json });
  const lookup = async (json: Lookup, token?: string) => answerOf(await look(json, token));
  const send = (json: Redemption) =>
    client(w.app, { token: w.tokens.m1 }).counter.redemptions.$post({
      header: { 'idempotency-key': newKey('redeem') },
      json,
    });
  const redeem = async (json: Redemption) => answerOf(await send(json));

  it('by code, typed or scanned, and by card + PIN: who, their balance and what lapses when; nothing moves', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 80);
    const code = await newCode();
    expect(code.scanCode).toMatch(/^\d{16}$/);
    expect(code.scanCode.startsWith(code.code)).toBe(true);
    const before = await snapshot(w.t.database);
    const expected = {
      maskedName: '张*华',
      balance: 80,
      expiring: [{ points: 80, on: expect.stringMatching(/^\d{4}-01-01$/) }],
    };
    expect(await bodyOf(await look({ code: code.code }), 200)).toEqual(expected);
    expect(await bodyOf(await look({ code: code.scanCode }), 200)).toEqual(expected);
    expect(await bodyOf(await look({ card: w.f.cards[0]!, pin: PIN }, w.tokens.m2), 200)).toEqual(
      expected,
    );
    expect(await snapshot(w.t.database)).toEqual(before);
    // The code is still there to redeem.
    expect(await bodyOf(await send({ code: code.code, points: 30 }), 201)).toMatchObject({
      balanceAfter: 50,
      expiring: [{ points: 50 }],
    });
  });

  it('a scanned code must match in full: the right 6 digits with a wrong tail are no code', async () => {
    const code = await newCode();
    const forged = code.code + (code.scanCode.endsWith('0000000000') ? '1111111111' : '0000000000');
    expectError(await lookup({ code: forged }), 422, 'code_invalid');
    expectError(await lookup({ code: '12345' }), 400, 'invalid_request');
    // An unknown field is what the typed client cannot send.
    expectError(
      await call(w.app, 'POST', '/api/counter/lookup', {
        token: w.tokens.m1,
        body: { code: code.code, points: 3 },
      }),
      400,
      'invalid_request',
    );
  });

  it('refusals say what happened and what to do: used, expired, insufficient with the balance', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 20);
    const code = await newCode();
    const short = await redeem({ code: code.code, points: 25 });
    expectError(short, 409, 'insufficient_points');
    expect(short.body.error.message).toContain('余额 20 分');
    expect((await redeem({ code: code.code, points: 20 })).status).toBe(201);
    const used = await lookup({ code: code.code });
    expectError(used, 409, 'code_used');
    expect(used.body.error.message).toContain('刷新');
    const old = await newCode();
    w.time.advance(5 * 60_000);
    const expired = await lookup({ code: old.code });
    expectError(expired, 422, 'code_expired');
    expect(expired.body.error.message).toContain('刷新');
  });

  it('merchants only; residents and staff are refused', async () => {
    expectError(await lookup({ card: w.f.cards[0]!, pin: PIN }, w.tokens.r1), 403, 'forbidden');
    expectError(await lookup({ card: w.f.cards[0]!, pin: PIN }, w.tokens.staff), 403, 'forbidden');
  });
});

describe('counter: what the redemption was for', () => {
  const w = useWorld(['staff', 'r1', 'm1', 'm2']);
  const item = async (token: string, json: { name: string; points: number; active?: boolean }) =>
    bodyOf(await client(w.app, { token }).counter.items.$post({ json }), 201);
  const send = (json: Redemption) =>
    client(w.app, { token: w.tokens.m1 }).counter.redemptions.$post({
      header: { 'idempotency-key': newKey('redeem') },
      json,
    });
  const redeem = async (json: Redemption) => answerOf(await send(json));

  it('an item from the catalogue at its price × quantity is on the receipt, kept as it was when the item changes later', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const glasses = await item(w.tokens.m1, { name: '老花镜', points: 30 });
    const res = await bodyOf(
      await send({ card: w.f.cards[0]!, pin: PIN, points: 60, itemId: glasses.id, quantity: 2 }),
      201,
    );
    expect(res.item).toEqual({ id: glasses.id, name: '老花镜', unitPoints: 30, quantity: 2 });
    expect(res.balanceAfter).toBe(40);
    // The resident's statement and the merchant's list say what it was for, and where.
    const r1 = client(w.app, { token: w.tokens.r1 });
    const mine = await bodyOf(await r1.me.entries.$get({ query: { limit: '1' } }), 200);
    expect(mine.entries[0]).toMatchObject({
      id: res.id,
      kind: 'redeem',
      points: -60,
      counterparty: { kind: 'merchant', name: '明亮眼镜店' },
      item: { id: glasses.id, name: '老花镜', unitPoints: 30, quantity: 2 },
    });
    const m1 = client(w.app, { token: w.tokens.m1 });
    const theirs = await bodyOf(await m1.counter.redemptions.$get({ query: { limit: '1' } }), 200);
    expect(theirs.items[0]).toMatchObject({
      id: res.id,
      points: 60,
      item: { name: '老花镜', unitPoints: 30, quantity: 2 },
    });
    await m1.counter.items[':id'].$patch({
      param: { id: String(glasses.id) },
      json: { points: 35, name: '老花镜（新款）' },
    });
    const code = (await bodyOf(await r1.me['redeem-codes'].$post(), 201)).code;
    const second = await bodyOf(await send({ code, points: 35, itemId: glasses.id }), 201);
    expect(second.item).toEqual({
      id: glasses.id,
      name: '老花镜（新款）',
      unitPoints: 35,
      quantity: 1,
    });
    const rows = await w.t.database.read.all<{ name: string; unit_points: number }>(
      sql`select name, unit_points from redemption_items order by entry_id`,
    );
    expect(rows.map((r) => [r.name, Number(r.unit_points)])).toEqual([
      ['老花镜', 30],
      ['老花镜（新款）', 35],
    ]);
  });

  it("refuses a price that is not the item's, another shop's item, an item taken off, and a quantity without an item", async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const mine = await item(w.tokens.m1, { name: '眼镜布', points: 5 });
    const theirs = await item(w.tokens.m2, { name: '炒粉', points: 12 });
    const off = await item(w.tokens.m1, { name: '旧款', points: 8, active: false });
    const card = { card: w.f.cards[0]!, pin: PIN };
    const before = await snapshot(w.t.database);
    const wrong = await redeem({ ...card, points: 6, itemId: mine.id });
    expectError(wrong, 422, 'item_price_mismatch');
    expect(wrong.body.error.message).toContain('5 分');
    expectError(await redeem({ ...card, points: 12, itemId: theirs.id }), 422, 'item_invalid');
    expectError(await redeem({ ...card, points: 8, itemId: off.id }), 422, 'item_invalid');
    expectError(await redeem({ ...card, points: 8, quantity: 2 }), 400, 'invalid_request');
    expectError(
      await redeem({ ...card, points: 5, itemId: mine.id, quantity: 0 }),
      400,
      'invalid_request',
    );
    const after = await snapshot(w.t.database);
    expect(after.balances).toEqual(before.balances);
    expect(after.head).toBe(before.head);
  });
});

import { describe, expect, it } from 'vitest';
import { runExpiry } from '../../functions/domain/ledger/expiry';
import { allPages, answerOf, bodyOf, client } from '../helpers/client';
import { awardVia, call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, snapshot } from '../helpers/ledger';

describe('GET /api/me', () => {
  const w = useWorld();

  it('the resident sees id, display name (never the full name) and balance', async () => {
    const staff = await loginAs(w.app, 'staff');
    await awardVia(w, staff, w.f.residents[0]!, 42);
    const me = await bodyOf(
      await client(w.app, { token: await loginAs(w.app, 'r1') }).me.$get(),
      200,
    );
    expect(me).toEqual({
      id: w.f.residents[0],
      displayName: '张*华',
      balance: 42,
      expiring: [{ points: 42, at: '2028-12-31T16:00:00.000Z' }],
      expiryNotice: null,
    });
    expect(JSON.stringify(me)).not.toContain('张三华');
  });
});

describe('GET /api/me/entries', () => {
  const w = useWorld();

  it('every kind of line, newest first, with signed points and the balance after each', async () => {
    const staff = await loginAs(w.app, 'staff');
    const r1 = await loginAs(w.app, 'r1');
    const r2 = await loginAs(w.app, 'r2');
    const m1 = await loginAs(w.app, 'm1');
    const [id1, id2] = w.f.residents as [number, number];
    await awardVia(w, staff, id1, 100); // 1 earn +100
    const header = () => ({ 'idempotency-key': newKey() });
    await client(w.app, { token: r1 }).me.transfers.$post({
      header: header(),
      json: { to: id2, points: 30 },
    }); // 2 transfer_out −30
    await client(w.app, { token: r2 }).me.transfers.$post({
      header: header(),
      json: { to: id1, points: 10 },
    }); // 3 transfer_in +10
    await client(w.app, { token: m1 }).counter.redemptions.$post({
      header: header(),
      json: { card: w.f.cards[0]!, pin: '1357', points: 20 },
    }); // 4 redeem −20
    await client(w.app, { token: staff }).staff.entries[':id'].reverse.$post({
      header: header(),
      param: { id: '4' },
      json: { reason: '退货' },
    }); // 5 reversal +20
    await client(w.app, { token: r1 }).me.transfers.$post({
      header: header(),
      json: { to: 'pool', points: 5 },
    }); // 6 donation −5
    const res = await bodyOf(
      await client(w.app, { token: r1 }).me.entries.$get({ query: {} }),
      200,
    );
    expect(res.nextCursor).toBeNull();
    expect(res.entries.map((e) => [e.id, e.kind, e.points, e.balanceAfter])).toEqual([
      [6, 'transfer_out', -5, 75],
      [5, 'reversal', 20, 80],
      [4, 'redeem', -20, 60],
      [3, 'transfer_in', 10, 80],
      [2, 'transfer_out', -30, 70],
      [1, 'earn', 100, 100],
    ]);
    for (const e of res.entries) {
      expect(Object.keys(e).sort()).toEqual([
        'at',
        'balanceAfter',
        'counterparty',
        'id',
        'item',
        'kind',
        'memo',
        'points',
      ]);
      expect(typeof e.memo).toBe('string');
      expect(new Date(e.at).toISOString()).toBe(e.at);
    }
    // The other resident sees only their own lines.
    const other = await bodyOf(
      await client(w.app, { token: r2 }).me.entries.$get({ query: {} }),
      200,
    );
    expect(other.entries.map((e) => [e.id, e.kind, e.points])).toEqual([
      [3, 'transfer_out', -10],
      [2, 'transfer_in', 30],
    ]);
  });

  it('pages with limit and an opaque cursor until nextCursor is null', async () => {
    const staff = await loginAs(w.app, 'staff');
    for (let i = 1; i <= 7; i++) await awardVia(w, staff, w.f.residents[0]!, i);
    const r1 = await loginAs(w.app, 'r1');
    const api = client(w.app, { token: r1 });
    const { items, pages } = await allPages(3, async (query) => {
      const body = await bodyOf(await api.me.entries.$get({ query }), 200);
      return { items: body.entries, nextCursor: body.nextCursor };
    });
    expect(pages).toBe(3);
    expect(items.map((e) => e.points)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    // Exactly one full page: no further cursor.
    expect(
      (await bodyOf(await api.me.entries.$get({ query: { limit: '7' } }), 200)).nextCursor,
    ).toBeNull();
    expect((await api.me.entries.$get({ query: { limit: '100' } })).status).toBe(200);
  });

  it.each([
    'limit=0',
    'limit=101',
    'limit=-1',
    'limit=2.5',
    'limit=abc',
    'cursor=abc',
    'cursor=-5',
  ])('?%s → 400 invalid_request', async (query) => {
    const r1 = await loginAs(w.app, 'r1');
    // Malformed on purpose, so past the typed client.
    expectError(
      await call(w.app, 'GET', `/api/me/entries?${query}`, { token: r1 }),
      400,
      'invalid_request',
    );
  });
});

describe('POST /api/me/redeem-codes', () => {
  const w = useWorld();

  it('a 6-digit one-time code valid at most 5 minutes, with a QR of it', async () => {
    const r1 = await loginAs(w.app, 'r1');
    const code = await bodyOf(await client(w.app, { token: r1 }).me['redeem-codes'].$post(), 201);
    expect(code.code).toMatch(/^\d{6}$/);
    const ttl = Date.parse(code.expiresAt) - w.time.now.getTime();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000);
    expect(typeof code.qr).toBe('string');
    expect(code.qr).toMatch(/^data:image\/svg\+xml/);
  });

  it('codes are distinct among live codes', async () => {
    const r1 = client(w.app, { token: await loginAs(w.app, 'r1') });
    const r2 = client(w.app, { token: await loginAs(w.app, 'r2') });
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      codes.add((await bodyOf(await r1.me['redeem-codes'].$post(), 201)).code);
      codes.add((await bodyOf(await r2.me['redeem-codes'].$post(), 201)).code);
    }
    expect(codes.size).toBe(10);
  });
});

describe('POST /api/me/transfers', () => {
  const w = useWorld();

  it('gives to a neighbour or the pool; refuses overdraft, oneself and strangers without moving anything', async () => {
    const staff = await loginAs(w.app, 'staff');
    const r1 = await loginAs(w.app, 'r1');
    const [id1, id2] = w.f.residents as [number, number];
    await awardVia(w, staff, id1, 50);
    const give = (to: number | 'pool', points: number, memo?: string) =>
      client(w.app, { token: r1 }).me.transfers.$post({
        header: { 'idempotency-key': newKey() },
        json: { to, points, memo },
      });
    expect(await bodyOf(await give(id2, 20, '谢谢帮忙'), 201)).toMatchObject({
      id: 2,
      balanceAfter: 30,
    });
    expect((await give('pool', 10)).status).toBe(201);
    expect(await balanceOf(w.t.database, id2)).toBe(20);

    const before = await snapshot(w.t.database);
    expectError(await answerOf(await give(id2, 21)), 409, 'insufficient_points');
    expectError(await answerOf(await give(id1, 1)), 422, 'invalid_recipient');
    expectError(await answerOf(await give(9999, 1)), 404, 'not_found');
    expectError(await answerOf(await give(w.f.merchants[0]!, 1)), 404, 'not_found');
    const after = await snapshot(w.t.database);
    expect({ ...after, counts: { ...after.counts, idempotency_keys: 0 } }).toEqual({
      ...before,
      counts: { ...before.counts, idempotency_keys: 0 },
    });
    await expectLedgerInvariants(w.t.database);
  });
});

describe('points expiry as the resident sees it', () => {
  const w = useWorld([], new Date('2024-06-01T02:00:00Z'));

  it('GET /api/me lists what lapses when; after the deadline the expiry run takes the oldest points', async () => {
    const id1 = w.f.residents[0]!;
    await awardVia(w, await loginAs(w.app, 'staff'), id1, 80); // lot 2024
    w.time.now = new Date('2025-03-01T02:00:00Z');
    await awardVia(w, await loginAs(w.app, 'staff'), id1, 50); // lot 2025
    const m1 = await loginAs(w.app, 'm1');
    const spent = await client(w.app, { token: m1 }).counter.redemptions.$post({
      header: { 'idempotency-key': newKey() },
      json: { card: w.f.cards[0]!, pin: '1357', points: 30 },
    });
    expect(spent.status).toBe(201);

    const r1 = await loginAs(w.app, 'r1');
    const me = await bodyOf(await client(w.app, { token: r1 }).me.$get(), 200);
    expect(me.balance).toBe(100);
    // The 30 spent came out of 2024's 80 (oldest first).
    expect(me.expiring).toEqual([
      { points: 50, at: '2026-12-31T16:00:00.000Z' },
      { points: 50, at: '2027-12-31T16:00:00.000Z' },
    ]);

    w.time.now = new Date('2026-12-31T15:59:00Z');
    expect((await runExpiry(w.t.database, w.time.now)).points).toBe(0);
    w.time.now = new Date('2026-12-31T16:00:00Z');
    expect((await runExpiry(w.t.database, w.time.now)).points).toBe(50);
    expect((await runExpiry(w.t.database, w.time.now)).points).toBe(0);

    const r1again = await loginAs(w.app, 'r1');
    const again = client(w.app, { token: r1again });
    const after = await bodyOf(await again.me.$get(), 200);
    expect(after.balance).toBe(50);
    expect(after.expiring).toEqual([{ points: 50, at: '2027-12-31T16:00:00.000Z' }]);
    const entries = await bodyOf(await again.me.entries.$get({ query: { limit: '1' } }), 200);
    expect(entries.entries[0]).toMatchObject({ kind: 'expiry', points: -50, balanceAfter: 50 });
    const stats = await bodyOf(await client(w.app).public.stats.$get({ query: {} }), 200);
    expect(stats).toMatchObject({ issued: 130, redeemed: 30, expired: 50, outstanding: 50 });
    await expectLedgerInvariants(w.t.database);
  });
});

describe('the expiry notice on the phone', () => {
  const w = useWorld(['staff'], new Date('2024-06-01T02:00:00Z'));

  it('GET /api/me gives expiryNotice only once the lapse is within the notice period (30 days)', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 25); // lot 2024: lapses when 2026 ends, local time
    w.time.now = new Date('2026-11-30T00:00:00Z'); // 32 days before 2027-01-01 00:00 local
    const r1 = client(w.app, { token: await loginAs(w.app, 'r1') });
    expect((await bodyOf(await r1.me.$get(), 200)).expiryNotice).toBeNull();
    w.time.now = new Date('2026-12-05T00:00:00Z'); // inside the window
    const inside = await bodyOf(await r1.me.$get(), 200);
    expect(inside.expiryNotice).toEqual({ points: 25, on: '2027-01-01' });
    expect(inside.expiring).toEqual([{ points: 25, at: '2026-12-31T16:00:00.000Z' }]);
  });
});

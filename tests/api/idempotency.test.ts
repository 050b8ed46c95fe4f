import { describe, expect, it } from 'vitest';
import { PIN } from '../helpers/fixture';
import { balanceOf, expectLedgerInvariants, snapshot } from '../helpers/ledger';
import { awardVia, call, expectError, loginAs, newKey, useWorld } from '../helpers/http';

describe('Idempotency-Key on the points-moving writes', () => {
  const w = useWorld(['staff', 'm1', 'r1']);

  /** One valid request per idempotent route (the reversal targets entry 1, which each test creates). */
  const routes = () => [
    { name: 'award', path: '/api/staff/awards', token: w.tokens.staff, body: { residentId: w.f.residents[1], points: 10, reason: '助老' }, other: { residentId: w.f.residents[1], points: 11, reason: '助老' } },
    { name: 'redemption', path: '/api/counter/redemptions', token: w.tokens.m1, body: { card: w.f.cards[0], pin: PIN, points: 10 }, other: { card: w.f.cards[0], pin: PIN, points: 9 } },
    { name: 'reversal', path: '/api/staff/entries/1/reverse', token: w.tokens.staff, body: { reason: '录错' }, other: { reason: '录入错误' } },
    { name: 'transfer', path: '/api/me/transfers', token: w.tokens.r1, body: { to: w.f.residents[2], points: 10 }, other: { to: 'pool', points: 10 } },
  ];

  it.each(['award', 'redemption', 'reversal', 'transfer'])('%s: the same key and body → the same status and body, and nothing moves again', async (name) => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const route = routes().find((r) => r.name === name)!;
    const key = newKey(name);
    const first = await call(w.app, 'POST', route.path, { token: route.token, idempotencyKey: key, body: route.body });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    const after = await snapshot(w.t.database);
    w.time.advance(60_000);
    const replay = await call(w.app, 'POST', route.path, { token: route.token, idempotencyKey: key, body: route.body });
    expect(replay.status).toBe(first.status);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await snapshot(w.t.database)).toEqual(after);
  });

  it.each(['award', 'redemption', 'reversal', 'transfer'])('%s: the same key with a different body → 422 idempotency_mismatch, nothing changes', async (name) => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const route = routes().find((r) => r.name === name)!;
    const key = newKey(name);
    expect((await call(w.app, 'POST', route.path, { token: route.token, idempotencyKey: key, body: route.body })).status).toBe(201);
    const before = await snapshot(w.t.database);
    expectError(await call(w.app, 'POST', route.path, { token: route.token, idempotencyKey: key, body: route.other }), 422, 'idempotency_mismatch');
    expect(await snapshot(w.t.database)).toEqual(before);
  });

  it.each(['award', 'redemption', 'reversal', 'transfer'])('%s: no key, or a malformed one → 400 invalid_request, nothing changes', async (name) => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const route = routes().find((r) => r.name === name)!;
    const before = await snapshot(w.t.database);
    expectError(await call(w.app, 'POST', route.path, { token: route.token, body: route.body }), 400, 'invalid_request');
    for (const bad of ['short', 'x'.repeat(129), 'has spaces in it', 'dots.are.not.ok', 'ünïcødé-key']) {
      expectError(await call(w.app, 'POST', route.path, { token: route.token, headers: { 'idempotency-key': bad }, body: route.body }), 400, 'invalid_request');
    }
    expect(await snapshot(w.t.database)).toEqual(before);
  });

  it('N concurrent replays of one key move points exactly once and all get the same answer', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const key = newKey('burst');
    const body = { card: w.f.cards[0], pin: PIN, points: 7 };
    const results = await Promise.all(Array.from({ length: 25 }, () => call(w.app, 'POST', '/api/counter/redemptions', { token: w.tokens.m1, idempotencyKey: key, body })));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'false')).toHaveLength(1);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(93);
    expect((await snapshot(w.t.database)).counts.idempotency_keys).toBe(2);
    await expectLedgerInvariants(w.t.database);
  });

  it('concurrent awards under one key: one entry', async () => {
    const key = newKey('award-burst');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call(w.app, 'POST', '/api/staff/awards', { token: w.tokens.staff, idempotencyKey: key, body: { residentId: w.f.residents[2], points: 15, reason: '巡防' } })),
    );
    expect(results.every((r) => r.status === 201 && r.body.id === 1 && r.body.balanceAfter === 15)).toBe(true);
    expect(await balanceOf(w.t.database, w.f.residents[2]!)).toBe(15);
  });

  it('a refused outcome replays as the same refusal, even once it would succeed', async () => {
    const key = newKey('refused');
    const body = { card: w.f.cards[0], pin: PIN, points: 50 };
    const refused = await call(w.app, 'POST', '/api/counter/redemptions', { token: w.tokens.m1, idempotencyKey: key, body });
    expectError(refused, 409, 'insufficient_points');
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const replay = await call(w.app, 'POST', '/api/counter/redemptions', { token: w.tokens.m1, idempotencyKey: key, body });
    expect(replay.status).toBe(409);
    expect(replay.body).toEqual(refused.body);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(100);
    // A new key is a new request.
    expect((await call(w.app, 'POST', '/api/counter/redemptions', { token: w.tokens.m1, idempotencyKey: newKey(), body })).status).toBe(201);
  });

  it('a wrong PIN replayed under its key is not counted again toward the lock', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const key = newKey('pin');
    for (let i = 0; i < 6; i++) expectError(await call(w.app, 'POST', '/api/counter/redemptions', { token: w.tokens.m1, idempotencyKey: key, body: { card: w.f.cards[0], pin: '0000', points: 5 } }), 422, 'pin_invalid');
    expect((await call(w.app, 'POST', '/api/counter/redemptions', { token: w.tokens.m1, idempotencyKey: newKey(), body: { card: w.f.cards[0], pin: PIN, points: 5 } })).status).toBe(201);
  });

  it('keys are per caller: two merchants may use the same key independently', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const m2 = await loginAs(w.app, 'm2');
    const key = 'shared-key-0001';
    const a = await call(w.app, 'POST', '/api/counter/redemptions', { token: w.tokens.m1, idempotencyKey: key, body: { card: w.f.cards[0], pin: PIN, points: 10 } });
    const b = await call(w.app, 'POST', '/api/counter/redemptions', { token: m2, idempotencyKey: key, body: { card: w.f.cards[0], pin: PIN, points: 20 } });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(70);
  });

  it('a replay survives a restart: a new app on the same database file answers the same', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const key = newKey('restart');
    const body = { card: w.f.cards[0], pin: PIN, points: 10 };
    const first = await call(w.app, 'POST', '/api/counter/redemptions', { token: w.tokens.m1, idempotencyKey: key, body });
    const { createDatabase } = await import('../../db/client');
    const { testApp } = await import('../helpers/api');
    const second = createDatabase({ url: w.t.url });
    try {
      const app = testApp(second, w.time);
      const replay = await call(app, 'POST', '/api/counter/redemptions', { token: w.tokens.m1, idempotencyKey: key, body });
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
    } finally {
      second.close();
    }
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(90);
  });
});

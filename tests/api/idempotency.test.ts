import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { PIN } from '../helpers/fixture';
import { awardVia, call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, snapshot } from '../helpers/ledger';

describe('Idempotency-Key on the points-moving writes', () => {
  const w = useWorld(['staff', 'm1', 'r1']);

  /** One valid request per idempotent route (the reversal targets entry 1, which each test creates), and another body under the same key. */
  const routes = () => {
    const staff = client(w.app, { token: w.tokens.staff });
    const m1 = client(w.app, { token: w.tokens.m1 });
    const r1 = client(w.app, { token: w.tokens.r1 });
    const header = (key: string) => ({ 'idempotency-key': key });
    return [
      {
        name: 'award',
        path: '/api/staff/awards',
        token: w.tokens.staff,
        body: { residentId: w.f.residents[1], points: 10, reason: '助老' },
        send: (key: string, other = false) =>
          staff.staff.awards.$post({
            header: header(key),
            json: { residentId: w.f.residents[1]!, points: other ? 11 : 10, reason: '助老' },
          }),
      },
      {
        name: 'redemption',
        path: '/api/counter/redemptions',
        token: w.tokens.m1,
        body: { card: w.f.cards[0], pin: PIN, points: 10 },
        send: (key: string, other = false) =>
          m1.counter.redemptions.$post({
            header: header(key),
            json: { card: w.f.cards[0]!, pin: PIN, points: other ? 9 : 10 },
          }),
      },
      {
        name: 'reversal',
        path: '/api/staff/entries/1/reverse',
        token: w.tokens.staff,
        body: { reason: '录错' },
        send: (key: string, other = false) =>
          staff.staff.entries[':id'].reverse.$post({
            header: header(key),
            param: { id: '1' },
            json: { reason: other ? '录入错误' : '录错' },
          }),
      },
      {
        name: 'transfer',
        path: '/api/me/transfers',
        token: w.tokens.r1,
        body: { to: w.f.residents[2], points: 10 },
        send: (key: string, other = false) =>
          r1.me.transfers.$post({
            header: header(key),
            json: { to: other ? 'pool' : w.f.residents[2]!, points: 10 },
          }),
      },
    ];
  };

  it.each(['award', 'redemption', 'reversal', 'transfer'])(
    '%s: the same key and body → the same status and body, and nothing moves again',
    async (name) => {
      await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
      const route = routes().find((r) => r.name === name)!;
      const key = newKey(name);
      const first = await route.send(key);
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBe('false');
      const after = await snapshot(w.t.database);
      w.time.advance(60_000);
      const replay = await route.send(key);
      expect(replay.status).toBe(first.status);
      expect(await replay.json()).toEqual(await first.json());
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(await snapshot(w.t.database)).toEqual(after);
    },
  );

  it.each(['award', 'redemption', 'reversal', 'transfer'])(
    '%s: the same key with a different body → 422 idempotency_mismatch, nothing changes',
    async (name) => {
      await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
      const route = routes().find((r) => r.name === name)!;
      const key = newKey(name);
      expect((await route.send(key)).status).toBe(201);
      const before = await snapshot(w.t.database);
      expectError(await answerOf(await route.send(key, true)), 422, 'idempotency_mismatch');
      expect(await snapshot(w.t.database)).toEqual(before);
    },
  );

  it.each(['award', 'redemption', 'reversal', 'transfer'])(
    '%s: no key, or a malformed one → 400 invalid_request, nothing changes',
    async (name) => {
      await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
      const route = routes().find((r) => r.name === name)!;
      const before = await snapshot(w.t.database);
      // A missing required header is what the typed client cannot send.
      expectError(
        await call(w.app, 'POST', route.path, { token: route.token, body: route.body }),
        400,
        'invalid_request',
      );
      for (const bad of ['short', 'x'.repeat(129), 'has spaces in it', 'dots.are.not.ok']) {
        expectError(await answerOf(await route.send(bad)), 400, 'invalid_request');
      }
      // Not a valid header value for fetch's Headers, so it goes as raw bytes.
      expectError(
        await call(w.app, 'POST', route.path, {
          token: route.token,
          headers: { 'idempotency-key': 'ünïcødé-key' },
          body: route.body,
        }),
        400,
        'invalid_request',
      );
      expect(await snapshot(w.t.database)).toEqual(before);
    },
  );

  const redeem = (token: string, key: string, points: number, pin = PIN) =>
    client(w.app, { token }).counter.redemptions.$post({
      header: { 'idempotency-key': key },
      json: { card: w.f.cards[0]!, pin, points },
    });

  it('N concurrent replays of one key move points exactly once and all get the same answer', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const key = newKey('burst');
    const results = await Promise.all(
      Array.from({ length: 25 }, () => redeem(w.tokens.m1, key, 7)),
    );
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(await Promise.all(results.map((r) => r.text()))).size).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'false')).toHaveLength(1);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(93);
    expect((await snapshot(w.t.database)).counts.idempotency_keys).toBe(2);
    await expectLedgerInvariants(w.t.database);
  });

  it('concurrent awards under one key: one entry', async () => {
    const key = newKey('award-burst');
    const staff = client(w.app, { token: w.tokens.staff });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        staff.staff.awards.$post({
          header: { 'idempotency-key': key },
          json: { residentId: w.f.residents[2]!, points: 15, reason: '巡防' },
        }),
      ),
    );
    const bodies = await Promise.all(results.map((r) => bodyOf(r, 201)));
    expect(bodies.every((b) => b.id === 1 && b.balanceAfter === 15)).toBe(true);
    expect(await balanceOf(w.t.database, w.f.residents[2]!)).toBe(15);
  });

  it('a refused outcome replays as the same refusal, even once it would succeed', async () => {
    const key = newKey('refused');
    const refused = await answerOf(await redeem(w.tokens.m1, key, 50));
    expectError(refused, 409, 'insufficient_points');
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const replay = await redeem(w.tokens.m1, key, 50);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toEqual(refused.body);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(100);
    // A new key is a new request.
    expect((await redeem(w.tokens.m1, newKey(), 50)).status).toBe(201);
  });

  it('a wrong PIN replayed under its key is not counted again toward the lock', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const key = newKey('pin');
    for (let i = 0; i < 6; i++)
      expectError(await answerOf(await redeem(w.tokens.m1, key, 5, '0000')), 422, 'pin_invalid');
    expect((await redeem(w.tokens.m1, newKey(), 5)).status).toBe(201);
  });

  it('keys are per caller: two merchants may use the same key independently', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const m2 = await loginAs(w.app, 'm2');
    const key = 'shared-key-0001';
    const a = await bodyOf(await redeem(w.tokens.m1, key, 10), 201);
    const b = await bodyOf(await redeem(m2, key, 20), 201);
    expect(b.id).not.toBe(a.id);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(70);
  });

  it('a replay survives a restart: a new app on the same database file answers the same', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const key = newKey('restart');
    const first = await bodyOf(await redeem(w.tokens.m1, key, 10), 201);
    const { createDatabase } = await import('../../db/client');
    const { testApp } = await import('../helpers/api');
    const second = createDatabase({ url: w.t.url });
    try {
      const app = testApp(second, w.time);
      const replay = await bodyOf(
        await client(app, { token: w.tokens.m1 }).counter.redemptions.$post({
          header: { 'idempotency-key': key },
          json: { card: w.f.cards[0]!, pin: PIN, points: 10 },
        }),
        201,
      );
      expect(replay).toEqual(first);
    } finally {
      second.close();
    }
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(90);
  });
});

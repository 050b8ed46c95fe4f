import { describe, expect, it } from 'vitest';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { grant } from '../helpers/ledger';

/** The resident's totals, and finding a neighbour to give points to without learning their full name. */
describe('resident: summary and recipients', () => {
  const w = useWorld(['r1']);

  it('finds a neighbour by login or card: id and masked name only, 404 for anyone else', async () => {
    const byLogin = await call(w.app, 'GET', '/api/me/recipients?login=r2', { token: w.tokens.r1 });
    expect(byLogin.status).toBe(200);
    expect(byLogin.body).toEqual({ id: w.f.residents[1], maskedName: '李*英', self: false });
    expect((await call(w.app, 'GET', '/api/me/recipients?card=c9003', { token: w.tokens.r1 })).body).toEqual({ id: w.f.residents[2], maskedName: '王*国', self: false });
    expect((await call(w.app, 'GET', '/api/me/recipients?login=r1', { token: w.tokens.r1 })).body.self).toBe(true);
    expectError(await call(w.app, 'GET', '/api/me/recipients?login=nobody', { token: w.tokens.r1 }), 404, 'not_found');
    expectError(await call(w.app, 'GET', '/api/me/recipients?login=m1', { token: w.tokens.r1 }), 404, 'not_found');
    expectError(await call(w.app, 'GET', '/api/me/recipients?login=staff', { token: w.tokens.r1 }), 404, 'not_found');
    expectError(await call(w.app, 'GET', '/api/me/recipients?card=C0000', { token: w.tokens.r1 }), 404, 'not_found');
    expectError(await call(w.app, 'GET', '/api/me/recipients', { token: w.tokens.r1 }), 400, 'invalid_request');
    expectError(await call(w.app, 'GET', '/api/me/recipients?login=r2&card=C9002', { token: w.tokens.r1 }), 400, 'invalid_request');
    expectError(await call(w.app, 'GET', '/api/me/recipients?card=9002', { token: w.tokens.r1 }), 400, 'invalid_request');
    const merchant = await loginAs(w.app, 'm1');
    expectError(await call(w.app, 'GET', '/api/me/recipients?login=r2', { token: merchant }), 403, 'forbidden');
    expect(JSON.stringify(byLogin.body)).not.toContain('李秀英');
  });

  it('sums the statement by kind; the parts add up to the balance', async () => {
    const [a, b] = w.f.residents as [number, number];
    await grant(w.t.database, w.f.staffId, a, 100, w.time.now);
    const staff = await loginAs(w.app, 'staff');
    const wrong = await call(w.app, 'POST', '/api/staff/awards', { token: staff, idempotencyKey: newKey(), body: { residentId: a, points: 30, reason: '录错' } });
    await call(w.app, 'POST', `/api/staff/entries/${wrong.body.id}/reverse`, { token: staff, idempotencyKey: newKey(), body: { reason: '重复录入' } });
    await call(w.app, 'POST', '/api/me/transfers', { token: w.tokens.r1, idempotencyKey: newKey(), body: { to: b, points: 15 } });
    await call(w.app, 'POST', '/api/me/transfers', { token: w.tokens.r1, idempotencyKey: newKey(), body: { to: 'pool', points: 5 } });
    const r2 = await loginAs(w.app, 'r2');
    await call(w.app, 'POST', '/api/me/transfers', { token: r2, idempotencyKey: newKey(), body: { to: a, points: 4 } });
    const m1 = await loginAs(w.app, 'm1');
    await call(w.app, 'POST', '/api/counter/redemptions', { token: m1, idempotencyKey: newKey(), body: { card: 'C9001', pin: '1357', points: 12 } });

    const summary = await call(w.app, 'GET', '/api/me/summary', { token: w.tokens.r1 });
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual({ balance: 72, earned: 130, redeemed: 12, given: 20, received: 4, reversed: -30, expired: 0, entries: 7, hours: 0, activities: 0 });
    expect((await call(w.app, 'GET', '/api/me', { token: w.tokens.r1 })).body.balance).toBe(72);
  });
});

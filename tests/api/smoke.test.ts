import { describe, expect, it } from 'vitest';
import { call, loginAs, useWorld } from '../helpers/http';

describe('points flow', () => {
  const w = useWorld();

  it('awards, shows a code, redeems it once', async () => {
    const { app, f } = w;
    const staff = await loginAs(app, 'staff');
    const award = await call(app, 'POST', '/api/staff/awards', { token: staff, idempotencyKey: 'award-0001', body: { residentId: f.residents[0], points: 30, reason: '夜间巡防 3 小时' } });
    expect(award.status).toBe(201);
    expect(award.body.balanceAfter).toBe(30);
    const resident = await loginAs(app, 'r1');
    const code = await call(app, 'POST', '/api/me/redeem-codes', { token: resident });
    expect(code.status).toBe(201);
    expect(code.body.code).toMatch(/^\d{6}$/);
    const merchant = await loginAs(app, 'm1');
    const body = { code: code.body.code, points: 12 };
    const r1 = await call(app, 'POST', '/api/counter/redemptions', { token: merchant, idempotencyKey: 'redeem-0001', body });
    expect(r1.status).toBe(201);
    expect(r1.body).toMatchObject({ points: 12, balanceAfter: 18, resident: { maskedName: '张*华' } });
    const replay = await call(app, 'POST', '/api/counter/redemptions', { token: merchant, idempotencyKey: 'redeem-0001', body });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(r1.body);
    const again = await call(app, 'POST', '/api/counter/redemptions', { token: merchant, idempotencyKey: 'redeem-0002', body });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('code_used');
    const meRes = await call(app, 'GET', '/api/me', { token: resident });
    expect(meRes.body.balance).toBe(18);
    const entries = await call(app, 'GET', '/api/me/entries?limit=10', { token: resident });
    expect(entries.body.entries.map((e: { kind: string }) => e.kind)).toEqual(['redeem', 'earn']);
  });
});

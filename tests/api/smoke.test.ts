import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { loginAs, useWorld } from '../helpers/http';

describe('points flow', () => {
  const w = useWorld();

  it('awards, shows a code, redeems it once', async () => {
    const { app, f } = w;
    const staff = client(app, { token: await loginAs(app, 'staff') });
    const award = await bodyOf(
      await staff.staff.awards.$post({
        header: { 'idempotency-key': 'award-0001' },
        json: { residentId: f.residents[0]!, points: 30, reason: '夜间巡防 3 小时' },
      }),
      201,
    );
    expect(award.balanceAfter).toBe(30);
    const resident = client(app, { token: await loginAs(app, 'r1') });
    const code = await bodyOf(await resident.me['redeem-codes'].$post(), 201);
    expect(code.code).toMatch(/^\d{6}$/);
    const merchant = client(app, { token: await loginAs(app, 'm1') });
    const json = { code: code.code, points: 12 };
    const redeem = (key: string) =>
      merchant.counter.redemptions.$post({ header: { 'idempotency-key': key }, json });
    const r1 = await bodyOf(await redeem('redeem-0001'), 201);
    expect(r1).toMatchObject({ points: 12, balanceAfter: 18, resident: { maskedName: '张*华' } });
    const replay = await bodyOf(await redeem('redeem-0001'), 201);
    expect(replay).toEqual(r1);
    const again = await answerOf(await redeem('redeem-0002'));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('code_used');
    const me = await bodyOf(await resident.me.$get(), 200);
    expect(me.balance).toBe(18);
    const entries = await bodyOf(await resident.me.entries.$get({ query: { limit: '10' } }), 200);
    expect(entries.entries.map((e) => e.kind)).toEqual(['redeem', 'earn']);
  });
});

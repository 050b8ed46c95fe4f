import { describe, expect, it } from 'vitest';
import { bodyOf, client } from '../helpers/client';
import { loginAs, useWorld } from '../helpers/http';

describe('the typed client (hc<AppType>)', () => {
  const w = useWorld(['r1']);

  it('sees each prefix’s routes with their answers’ types', async () => {
    const api = client(w.app, { token: w.tokens.r1 });
    const me = await bodyOf(await api.me.$get(), 200);
    const balance: number = me.balance;
    // @ts-expect-error the balance is a number, so AppType really carries the route's answer
    const wrong: string = me.balance;
    expect(wrong).toBe(balance);
    const who = await bodyOf(await api.auth.me.$get(), 200);
    expect(who.role).toBe('resident');
    expect(await bodyOf(await api.health.$get({ query: {} }), 200)).toEqual({ ok: true });
  });

  it('signs in with the token given, and none without', async () => {
    const r1 = await loginAs(w.app, 'r1');
    expect((await client(w.app, { token: r1 }).me['redeem-codes'].$post()).status).toBe(201);
    expect((await client(w.app).me.$get()).status).toBe(401);
  });
});

import { describe, expect, it } from 'vitest';
import { bodyOf, client } from '../helpers/client';
import { loginAs, useWorld } from '../helpers/http';

describe('the typed client (hc<AppType>)', () => {
  const w = useWorld(['r1', 'staff']);

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

  it('reaches the generic record routes and the request steps, typed', async () => {
    const staff = client(w.app, { token: w.tokens.staff });
    const page = await bodyOf(await staff.staff.records.services.$get({ query: {} }), 200);
    const nextCursor: string | null = page.nextCursor;
    expect(nextCursor).toBeNull();
    expect(Array.isArray(page.items)).toBe(true);
    const draft = await bodyOf(
      await staff.staff.records.funds.$post({
        json: { code: 'typed-fund', name: '微基金', kind: 'micro_fund', description: '社区微基金' },
      }),
      201,
    );
    const one = await bodyOf(
      await staff.staff.records.funds[':id'].$get({ param: { id: String(draft.id) } }),
      200,
    );
    expect(one.code).toBe('typed-fund');
    const versions = await bodyOf(
      await staff.staff.records.funds[':id'].versions.$get({ param: { id: String(draft.id) } }),
      200,
    );
    expect(versions.items).toEqual([]);

    const issue = await bodyOf(
      await staff.staff.requests.$post({
        json: {
          kind: 'building_issue',
          compound: '和平小区',
          building: '1栋',
          title: '漏水',
          detail: '顶楼漏水',
        },
      }),
      201,
    );
    const cancelled = await bodyOf(
      await staff.staff.requests[':id'].cancel.$post({
        param: { id: String(issue.id) },
        json: { reason: '重复提交' },
      }),
      200,
    );
    expect(cancelled.status).toBe('cancelled');
    await staff.staff.requests[':id'].cancel.$post({
      param: { id: String(issue.id) },
      // @ts-expect-error a step's body is its own schema: cancel takes a reason, not a note
      json: { note: 'x' },
    });
  });
});

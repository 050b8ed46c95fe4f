import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { answerOf, client } from '../helpers/client';
import { awardVia, call, expectError, loginAs, useWorld, type World } from '../helpers/http';

type Api = ReturnType<typeof client>;
type Query = { limit: string; cursor?: string };
type Answer = { status: number; body: unknown; headers: Headers };
/** Every list's page: items, an opaque cursor or null, and whatever else the list adds. */
const PageShape = z
  .object({ items: z.array(z.unknown()), nextCursor: z.string().nullable() })
  .catchall(z.unknown());
type Ctx = { api: Api; w: World; token: string; resident: string };
type List = {
  who: 'r1' | 'm1' | 'staff' | 'admin';
  get: (c: Ctx, query: Query) => Promise<Answer>;
  v1?: string;
  bad?: string;
  extra?: string[];
};

/** The generic records routes are not in the typed client's type (their router is built per kind). */
const record = (kind: string) => (c: Ctx, query: Query) =>
  call(c.w.app, 'GET', `/api/staff/records/${kind}?${new URLSearchParams(query)}`, {
    token: c.token,
  });

/** Every list route, read through the typed client. */
const LISTS: Record<string, List> = {
  'GET /api/me/entries': {
    who: 'r1',
    get: ({ api }, query) => api.me.entries.$get({ query }).then(answerOf),
    v1: 'entries',
  },
  'GET /api/me/requests': {
    who: 'r1',
    get: ({ api }, query) => api.me.requests.$get({ query }).then(answerOf),
  },
  'GET /api/me/activities': {
    who: 'r1',
    get: ({ api }, query) => api.me.activities.$get({ query }).then(answerOf),
    bad: '12',
  },
  'GET /api/counter/redemptions': {
    who: 'm1',
    get: ({ api }, query) => api.counter.redemptions.$get({ query }).then(answerOf),
  },
  'GET /api/staff/residents': {
    who: 'staff',
    get: ({ api }, query) => api.staff.residents.$get({ query }).then(answerOf),
    v1: 'residents',
  },
  'GET /api/staff/residents/{id}/entries': {
    who: 'staff',
    get: ({ api, resident }, query) =>
      api.staff.residents[':id'].entries.$get({ param: { id: resident }, query }).then(answerOf),
    v1: 'entries',
    extra: ['expiring'],
  },
  'GET /api/staff/requests': {
    who: 'staff',
    get: ({ api }, query) => api.staff.requests.$get({ query }).then(answerOf),
  },
  'GET /api/staff/activities': {
    who: 'staff',
    get: ({ api }, query) => api.staff.activities.$get({ query }).then(answerOf),
    bad: '12',
  },
  'GET /api/staff/award-batches': {
    who: 'staff',
    get: ({ api }, query) => api.staff['award-batches'].$get({ query }).then(answerOf),
  },
  'GET /api/staff/pool/grants': {
    who: 'staff',
    get: ({ api }, query) => api.staff.pool.grants.$get({ query }).then(answerOf),
  },
  'GET /api/staff/audit': {
    who: 'staff',
    get: ({ api }, query) => api.staff.audit.$get({ query }).then(answerOf),
  },
  'GET /api/admin/accounts': {
    who: 'admin',
    get: ({ api }, query) => api.admin.accounts.$get({ query }).then(answerOf),
  },
  'GET /api/staff/records/funds': { who: 'staff', get: record('funds') },
  'GET /api/staff/records/donations': { who: 'staff', get: record('donations') },
  'GET /api/staff/records/incomes': { who: 'staff', get: record('incomes') },
  'GET /api/staff/records/expenses': { who: 'staff', get: record('expenses') },
  'GET /api/staff/records/budgets': { who: 'staff', get: record('budgets') },
  'GET /api/staff/records/corrections': { who: 'staff', get: record('corrections') },
  'GET /api/staff/records/organizations': { who: 'staff', get: record('organizations') },
  'GET /api/staff/records/services': { who: 'staff', get: record('services') },
  'GET /api/staff/records/deliberations': { who: 'staff', get: record('deliberations') },
  'GET /api/staff/records/followups': { who: 'staff', get: record('followups') },
};

describe('every list answers { items, nextCursor } and pages to the end', () => {
  const w = useWorld();

  it.each(Object.keys(LISTS))('%s', async (name) => {
    const list = LISTS[name]!;
    const staff = await loginAs(w.app, 'staff');
    // A few entries, so that the statements, the audit trail and the search have more than one page.
    for (const r of w.f.residents) await awardVia(w, staff, r, 5);
    await awardVia(w, staff, w.f.residents[0]!, 7);
    const token = await loginAs(w.app, list.who);
    const ctx: Ctx = {
      api: client(w.app, { token }),
      w,
      token,
      resident: String(w.f.residents[0]),
    };
    const get = (query: Query) => list.get(ctx, query);
    const seen: unknown[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 200; pages++) {
      const res = await get(cursor === null ? { limit: '1' } : { limit: '1', cursor });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const { items, nextCursor, ...rest } = PageShape.parse(res.body);
      expect(Array.isArray(items)).toBe(true);
      expect(items.length).toBeLessThanOrEqual(1);
      expect(nextCursor === null || typeof nextCursor === 'string').toBe(true);
      if (list.v1) expect(rest[list.v1]).toEqual(items);
      for (const key of Object.keys(rest))
        expect(
          Array.isArray(rest[key]) && key !== list.v1 && !list.extra?.includes(key),
          `${name} answers a second list "${key}"`,
        ).toBe(false);
      for (const item of items) {
        const key = JSON.stringify(item);
        expect(seen).not.toContain(key);
        seen.push(key);
      }
      cursor = nextCursor;
      if (cursor === null) break;
    }
    expect(cursor).toBeNull();
    expectError(
      await get({ limit: '1', cursor: list.bad ?? '2026-03-09.1' }),
      400,
      'invalid_request',
    );
    expectError(await get({ limit: '1', cursor: 'x' }), 400, 'invalid_request');
  });
});

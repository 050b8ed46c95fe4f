import { z } from '@hono/zod-openapi';
import { beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, PIN } from '../helpers/fixture';
import { awardVia, call, expectError, newKey, useWorld, type World } from '../helpers/http';
import { snapshot } from '../helpers/ledger';

/**
 * Bad input for every write route: each variant must get 400 {"error": {"code": "invalid_request",
 * "message"}} as JSON (no HTML, no stack) and leave the database exactly as it was — ledger head,
 * balances, stored idempotent outcomes, codes, cards, sessions, sign-in attempts.
 */

type Body = Record<string, unknown>;
/** A raw body string is sent as is; anything else as JSON. */
type Variant = [label: string, body: unknown, contentType?: string];

/** Everyone the routes below are called as. */
const LOGINS = ['r1', 'r2', 'm1', 'staff', 'staff2', 'admin'] as const;

interface WriteRoute {
  name: string;
  path: string;
  /** Who calls it (a login), or nobody. */
  as?: (typeof LOGINS)[number];
  idempotent: boolean;
  /** A valid body; its fields generate the missing-field, wrong-type and unknown-field variants. */
  valid?: Body;
  required?: string[];
  /** Out-of-range and badly formed values. */
  extra?: Variant[];
}

const long = (n: number) => 'x'.repeat(n);

/** The writes of the points API (shared/points-api.md, and the resident's transfers): each gets the full treatment below. */
const POINTS_WRITES = [
  'post /api/auth/login',
  'post /api/auth/logout',
  'post /api/me/redeem-codes',
  'post /api/me/transfers',
  'post /api/counter/redemptions',
  'post /api/staff/awards',
  'post /api/staff/entries/{id}/reverse',
];

const ROUTES = (w: World): WriteRoute[] => [
  {
    name: 'login',
    path: '/api/auth/login',
    idempotent: false,
    valid: { login: 'r1', password: PASSWORD },
    required: ['login', 'password'],
    extra: [
      ['empty login', { login: '', password: PASSWORD }],
      ['login too long', { login: long(65), password: PASSWORD }],
      ['empty password', { login: 'r1', password: '' }],
      ['password too long', { login: 'r1', password: long(257) }],
    ],
  },
  {
    name: 'redemption by code',
    path: '/api/counter/redemptions',
    as: 'm1',
    idempotent: true,
    valid: { code: '123456', points: 10, note: '老花镜' },
    required: ['code', 'points'],
    extra: [
      ['points 0', { code: '123456', points: 0 }],
      ['points −1', { code: '123456', points: -1 }],
      ['points 1.5', { code: '123456', points: 1.5 }],
      ['points 1,000,001', { code: '123456', points: 1_000_001 }],
      ['points 1e400', '{"code":"123456","points":1e400}'],
      ['points 2^53', '{"code":"123456","points":9007199254740993}'],
      ['code of 5 digits', { code: '12345', points: 10 }],
      ['code of 7 digits', { code: '1234567', points: 10 }],
      ['code with letters', { code: '12a456', points: 10 }],
      ['code as a number', { code: 123456, points: 10 }],
      ['note too long', { code: '123456', points: 10, note: long(201) }],
      ['code and card at once', { code: '123456', card: w.f.cards[0], pin: PIN, points: 10 }],
    ],
  },
  {
    name: 'redemption by card',
    path: '/api/counter/redemptions',
    as: 'm1',
    idempotent: true,
    valid: { card: w.f.cards[0], pin: PIN, points: 10 },
    required: ['card', 'pin', 'points'],
    extra: [
      ['card without C', { card: '0001', pin: PIN, points: 10 }],
      ['card too short', { card: 'C12', pin: PIN, points: 10 }],
      ['pin of 3 digits', { card: w.f.cards[0], pin: '135', points: 10 }],
      ['pin of 5 digits', { card: w.f.cards[0], pin: '13579', points: 10 }],
      ['pin as a number', { card: w.f.cards[0], pin: 1357, points: 10 }],
      ['points 0', { card: w.f.cards[0], pin: PIN, points: 0 }],
    ],
  },
  {
    name: 'award',
    path: '/api/staff/awards',
    as: 'staff',
    idempotent: true,
    valid: { residentId: w.f.residents[0], points: 10, reason: '巡防', activityId: w.f.activityId },
    required: ['residentId', 'points', 'reason'],
    extra: [
      ['points 0', { residentId: w.f.residents[0], points: 0, reason: 'x' }],
      ['points 1001', { residentId: w.f.residents[0], points: 1001, reason: 'x' }],
      ['points −10', { residentId: w.f.residents[0], points: -10, reason: 'x' }],
      ['points 2.5', { residentId: w.f.residents[0], points: 2.5, reason: 'x' }],
      ['points "10"', { residentId: w.f.residents[0], points: '10', reason: 'x' }],
      ['residentId 0', { residentId: 0, points: 10, reason: 'x' }],
      ['residentId 1.5', { residentId: 1.5, points: 10, reason: 'x' }],
      ['residentId 1e20', { residentId: 1e20, points: 10, reason: 'x' }],
      ['empty reason', { residentId: w.f.residents[0], points: 10, reason: '' }],
      ['blank reason', { residentId: w.f.residents[0], points: 10, reason: '   ' }],
      ['reason too long', { residentId: w.f.residents[0], points: 10, reason: long(201) }],
      ['activityId 0', { residentId: w.f.residents[0], points: 10, reason: 'x', activityId: 0 }],
      [
        'activityId null',
        { residentId: w.f.residents[0], points: 10, reason: 'x', activityId: null },
      ],
    ],
  },
  {
    name: 'reversal',
    path: '/api/staff/entries/1/reverse',
    as: 'staff',
    idempotent: true,
    valid: { reason: '录错' },
    required: ['reason'],
    extra: [
      ['empty reason', { reason: '' }],
      ['blank reason', { reason: ' \t ' }],
      ['reason too long', { reason: long(201) }],
    ],
  },
  {
    name: 'reversal with a bad id',
    path: '/api/staff/entries/abc/reverse',
    as: 'staff',
    idempotent: true,
    extra: [['id abc', { reason: '录错' }]],
  },
  {
    name: 'reversal of id 0',
    path: '/api/staff/entries/0/reverse',
    as: 'staff',
    idempotent: true,
    extra: [['id 0', { reason: '录错' }]],
  },
  {
    name: 'reversal of id −1',
    path: '/api/staff/entries/-1/reverse',
    as: 'staff',
    idempotent: true,
    extra: [['id −1', { reason: '录错' }]],
  },
  {
    name: 'reversal of id 1.5',
    path: '/api/staff/entries/1.5/reverse',
    as: 'staff',
    idempotent: true,
    extra: [['id 1.5', { reason: '录错' }]],
  },
  {
    name: 'transfer',
    path: '/api/me/transfers',
    as: 'r1',
    idempotent: true,
    valid: { to: w.f.residents[1], points: 5, memo: '谢谢' },
    required: ['to', 'points'],
    extra: [
      ['to 0', { to: 0, points: 5 }],
      ['to −1', { to: -1, points: 5 }],
      ['to 1.5', { to: 1.5, points: 5 }],
      ['to "neighbour"', { to: 'neighbour', points: 5 }],
      ['points 0', { to: 'pool', points: 0 }],
      ['points 1,000,001', { to: 'pool', points: 1_000_001 }],
      ['memo too long', { to: 'pool', points: 5, memo: long(201) }],
    ],
  },
  {
    name: 'redeem code',
    path: '/api/me/redeem-codes',
    as: 'r1',
    idempotent: false,
    valid: {},
    required: [],
    extra: [['a field', { points: 5 }]],
  },
  {
    name: 'logout',
    path: '/api/auth/logout',
    as: 'r2',
    idempotent: false,
    valid: {},
    required: [],
    extra: [['a field', { everywhere: true }]],
  },
];

/** The generic variants every JSON write must refuse. */
function variants(route: WriteRoute): Variant[] {
  const out: Variant[] = [];
  if (route.valid) {
    out.push(
      ['malformed JSON', '{"points": 5,'],
      ['not JSON at all', 'points=5'],
      ['a JSON array', []],
      ['JSON null', 'null'],
      ['a JSON string', '"hello"'],
      ['a JSON number', '42'],
      ['an unknown field', { ...route.valid, isAdmin: true }],
      ['valid JSON sent as text/plain', JSON.stringify({ ...route.valid, x: 1 }), 'text/plain'],
      ['HTML sent as text/html', '<b>hi</b>', 'text/html'],
    );
    for (const field of route.required ?? []) {
      const { [field]: _, ...rest } = route.valid;
      out.push([`missing ${field}`, rest]);
    }
    for (const [field, value] of Object.entries(route.valid)) {
      const wrong =
        typeof value === 'number'
          ? [`${value}`, true, null, [value], { value }]
          : [123, false, null, [value], { value }];
      for (const bad of wrong)
        out.push([`${field} as ${JSON.stringify(bad)}`, { ...route.valid, [field]: bad }]);
    }
    if (route.name !== 'login' && route.name !== 'logout' && route.name !== 'redeem code')
      out.push(['an empty object', {}]);
  }
  return [...out, ...(route.extra ?? [])];
}

/** The served document's operations by path and method (what these tests read of it). */
const Doc = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) });
const TakesJson = z.object({
  requestBody: z.object({ content: z.object({ 'application/json': z.looseObject({}) }) }),
});

describe('bad input on every write route → 400 invalid_request, nothing changes', () => {
  const w = useWorld(LOGINS);
  // Something to overdraw, reverse and look at.
  beforeEach(() => awardVia(w, w.tokens.staff, w.f.residents[0]!, 100));

  it('covers every write route of the points API, and the document lists them all', async () => {
    const doc = await call(w.app, 'GET', '/api/openapi.json');
    const documented = Object.entries(Doc.parse(doc.body).paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m} ${path}`),
    );
    expect(POINTS_WRITES.filter((r) => !documented.includes(r))).toEqual([]);
    const covered = new Set(
      ROUTES(w).map((r) => `post ${r.path.replace(/\/entries\/[^/]+\//, '/entries/{id}/')}`),
    );
    expect(POINTS_WRITES.filter((r) => !covered.has(r))).toEqual([]);
  });

  it('every other write route that takes a JSON body refuses malformed and non-object JSON too', async () => {
    const doc = await call(w.app, 'GET', '/api/openapi.json');
    const others = Object.entries(Doc.parse(doc.body).paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter(
          (m) =>
            ['post', 'put', 'patch', 'delete'].includes(m) &&
            !POINTS_WRITES.includes(`${m} ${path}`) &&
            TakesJson.safeParse(item[m]).success,
        )
        .map((method) => ({ method, path })),
    );
    const before = await snapshot(w.t.database);
    for (const { method, path } of others) {
      const as = path.startsWith('/api/admin')
        ? 'admin'
        : path.startsWith('/api/staff')
          ? path.endsWith('/approve')
            ? 'staff2'
            : 'staff'
          : path.startsWith('/api/counter')
            ? 'm1'
            : path.startsWith('/api/me') || path === '/api/auth/password'
              ? 'r1'
              : undefined;
      for (const raw of ['{"oops": ', '[]', 'null']) {
        const res = await call(w.app, method.toUpperCase(), path.replace(/\{[^}]+\}/g, '1'), {
          token: as ? w.tokens[as] : undefined,
          idempotencyKey: newKey('bad'),
          headers: { 'content-type': 'application/json' },
          body: raw,
        });
        try {
          expectError(res, 400, 'invalid_request');
        } catch (error) {
          throw new Error(
            `${method.toUpperCase()} ${path} with ${raw} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}\n${(error as Error).message}`,
          );
        }
      }
    }
    expect(await snapshot(w.t.database)).toEqual(before);
  });

  it('each route has at least a dozen bad variants', () => {
    for (const route of ROUTES(w))
      if (route.valid && route.required!.length > 0)
        expect(variants(route).length, route.name).toBeGreaterThanOrEqual(12);
  });

  const names = [
    'login',
    'redemption by code',
    'redemption by card',
    'award',
    'reversal',
    'reversal with a bad id',
    'reversal of id 0',
    'reversal of id −1',
    'reversal of id 1.5',
    'transfer',
    'redeem code',
    'logout',
  ];
  it.each(names)('%s', async (name) => {
    const route = ROUTES(w).find((r) => r.name === name)!;
    const before = await snapshot(w.t.database);
    const cases = variants(route);
    for (const [label, body, contentType] of cases) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await call(w.app, 'POST', route.path, {
        token: route.as ? w.tokens[route.as] : undefined,
        idempotencyKey: route.idempotent ? newKey('bad') : undefined,
        headers: { 'content-type': contentType ?? 'application/json' },
        body: raw,
      });
      try {
        expectError(res, 400, 'invalid_request');
      } catch (error) {
        throw new Error(
          `${name}: ${label} (${raw.slice(0, 80)}) → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}\n${(error as Error).message}`,
        );
      }
    }
    expect(await snapshot(w.t.database), `${name}: the database is unchanged`).toEqual(before);
  });

  it('the valid bodies are indeed accepted (so the refusals above are about the bad parts)', async () => {
    const r1 = w.tokens.r1;
    expect((await call(w.app, 'POST', '/api/me/redeem-codes', { token: r1 })).status).toBe(201);
    expect(
      (await call(w.app, 'POST', '/api/me/redeem-codes', { token: r1, body: {} })).status,
    ).toBe(201);
    expect(
      (
        await call(w.app, 'POST', '/api/me/transfers', {
          token: r1,
          idempotencyKey: newKey(),
          body: { to: w.f.residents[1], points: 5, memo: '谢谢' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(w.app, 'POST', '/api/staff/awards', {
          token: w.tokens.staff,
          idempotencyKey: newKey(),
          body: {
            residentId: w.f.residents[0],
            points: 10,
            reason: '巡防',
            activityId: w.f.activityId,
          },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(w.app, 'POST', '/api/counter/redemptions', {
          token: w.tokens.m1,
          idempotencyKey: newKey(),
          body: { card: w.f.cards[0], pin: PIN, points: 10 },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(w.app, 'POST', '/api/staff/entries/1/reverse', {
          token: w.tokens.staff,
          idempotencyKey: newKey(),
          body: { reason: '录错' },
        })
      ).status,
    ).toBe(409);
    expect(
      (await call(w.app, 'POST', '/api/auth/logout', { token: w.tokens.r2, body: {} })).status,
    ).toBe(200);
    expect(
      (await call(w.app, 'POST', '/api/auth/login', { body: { login: 'r1', password: PASSWORD } }))
        .status,
    ).toBe(200);
  });
});

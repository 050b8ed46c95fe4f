import { z } from '@hono/zod-openapi';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Role, roles } from '../../db/schema';
import { type Capability, can } from '../../functions/domain/people/roles';
import { bodyOf, client } from '../helpers/client';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { snapshot } from '../helpers/ledger';

/**
 * The role matrix, driven by the app's own OpenAPI document and the role table
 * (functions/domain/people/roles.ts): EVERY documented path and method is called as anonymous and as
 * every role. A route is public only if it is on this list, or open to anyone signed in; every other
 * route needs its prefix's capability (and an approval the `approve` capability too). A new route
 * that is not classified, or that forgets its role check, fails here.
 */
const PUBLIC: RegExp[] = [
  /^\/api\/health(\/ready)?$/,
  /^\/api\/public\//,
  /^\/api\/auth\/(login|logout)$/,
  /^\/api\/openapi\.json$/,
];
const ANY_SIGNED_IN: RegExp[] = [/^\/api\/auth\/(me|password)$/];
const PREFIX: Array<[RegExp, Capability]> = [
  [/^\/api\/me(\/|$)/, 'me'],
  [/^\/api\/counter(\/|$)/, 'counter'],
  [/^\/api\/staff(\/|$)/, 'staff'],
  [/^\/api\/admin(\/|$)/, 'admin'],
];
/** Operations that give the second signature. */
const APPROVALS = /\/approve$/;
const ROLES: Role[] = [...roles];
const LOGIN: Record<Role, string> = {
  resident: 'r1',
  merchant: 'm1',
  staff: 'staff',
  accountant: 'staff2',
  admin: 'admin',
};
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const isPublic = (path: string) => PUBLIC.some((re) => re.test(path));
const needs = (path: string): Capability[] | undefined => {
  const prefix = PREFIX.find(([re]) => re.test(path))?.[1];
  if (!prefix) return undefined;
  return APPROVALS.test(path) ? [prefix, 'approve'] : [prefix];
};
/** A role-only route's test: whether the role may call it (undefined for public and any-signed-in routes). */
const ownerOf = (path: string) => needs(path);
const admits = (role: Role, path: string) => needs(path)!.every((c) => can(role, c));
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, '1');

/** What the matrix reads of the document: each path's operations and whether they declare security. */
const Doc = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) });
const OperationDoc = z.object({ security: z.array(z.unknown()).optional() });

interface Operation {
  method: string;
  path: string;
  declaresSecurity: boolean;
}

describe('role matrix over every route in /api/openapi.json', () => {
  const w = useWorld();
  let ops: Operation[];
  const tokens = {} as Record<Role, string>;

  beforeEach(async () => {
    // The document is served outside AppType: read it through the little schema above.
    const doc = await call(w.app, 'GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    ops = Object.entries(Doc.parse(doc.body).paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => METHODS.includes(m))
        .map((method) => {
          const security = OperationDoc.parse(item[method]).security;
          return { method, path, declaresSecurity: Array.isArray(security) && security.length > 0 };
        }),
    );
    for (const role of ROLES) tokens[role] = await loginAs(w.app, LOGIN[role]);
  });

  const request = (op: Operation, token?: string) =>
    call(w.app, op.method.toUpperCase(), concrete(op.path), {
      token,
      ...(op.method === 'get' ? {} : { idempotencyKey: newKey('roles'), body: {} }),
    });

  it('the document lists the routes of every role and the public ones', () => {
    expect(ops.length).toBeGreaterThanOrEqual(13);
    for (const role of ROLES)
      expect(
        ops.some((op) => ownerOf(op.path) && admits(role, op.path)),
        role,
      ).toBe(true);
    expect(ops.some((op) => isPublic(op.path))).toBe(true);
  });

  it('every route is classified: public, or owned by exactly one role', () => {
    const unclassified = ops
      .filter(
        (op) =>
          !isPublic(op.path) && !ANY_SIGNED_IN.some((re) => re.test(op.path)) && !ownerOf(op.path),
      )
      .map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(
      unclassified,
      'routes with no known access rule: add them to PUBLIC, ANY_SIGNED_IN or PREFIX',
    ).toEqual([]);
  });

  it('every route the app serves is in the document (none hides from this matrix)', () => {
    const documented = new Set(ops.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    const served = new Set(
      w.app.routes
        .filter(
          (r) => r.method !== 'ALL' && r.path.startsWith('/api/') && r.path !== '/api/openapi.json',
        )
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
  });

  it('signed-in routes declare their security in the document', () => {
    expect(
      ops
        .filter((op) => !isPublic(op.path) && !op.declaresSecurity)
        .map((op) => `${op.method} ${op.path}`),
    ).toEqual([]);
  });

  it('anonymous: every role route → 401 unauthorized (never 2xx); public routes work', async () => {
    const before = await snapshot(w.t.database);
    for (const op of ops) {
      const res = await request(op);
      const label = `anonymous ${op.method.toUpperCase()} ${op.path} → ${res.status}`;
      if (isPublic(op.path)) {
        expect(res.status, label).not.toBe(401);
        expect(res.status, label).not.toBe(403);
        expect(res.status, label).toBeLessThan(500);
        if (op.method === 'get') expect(res.status, label).toBe(200);
      } else {
        expect(res.status, label).toBe(401);
        expectError(res, 401, 'unauthorized');
      }
    }
    expect(await snapshot(w.t.database)).toEqual(before);
  });

  it('anyone signed in may ask who they are; GET /api/auth/me answers each role with its capabilities', async () => {
    for (const role of ROLES) {
      const res = await client(w.app, { token: tokens[role] }).auth.me.$get();
      expect(res.status, role).toBe(200);
      const me = await bodyOf(res, 200);
      expect(me.role).toBe(role);
      expect(me.can.length).toBeGreaterThan(0);
      for (const c of me.can) expect(can(role, c)).toBe(true);
    }
  });

  it('the public writes work anonymously: login with credentials, logout without a session', async () => {
    expect(
      (await client(w.app).auth.login.$post({ json: { login: 'r2', password: 'test-password' } }))
        .status,
    ).toBe(200);
    expect((await client(w.app).auth.logout.$post()).status).toBe(200);
  });

  it.each(ROLES)(
    'signed in as %s: another role’s route → 403 forbidden (never 2xx) and changes nothing',
    async (role) => {
      const before = await snapshot(w.t.database);
      let checked = 0;
      for (const op of ops) {
        if (!ownerOf(op.path) || admits(role, op.path)) continue;
        const res = await request(op, tokens[role]);
        expect(res.status, `${role} ${op.method.toUpperCase()} ${op.path} → ${res.status}`).toBe(
          403,
        );
        expectError(res, 403, 'forbidden');
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
      expect(await snapshot(w.t.database)).toEqual(before);
    },
  );

  it.each(ROLES)('signed in as %s: its own routes admit it (neither 401 nor 403)', async (role) => {
    for (const op of ops.filter((o) => ownerOf(o.path) && admits(role, o.path))) {
      const res = await request(op, tokens[role]);
      const label = `${role} ${op.method.toUpperCase()} ${op.path} → ${res.status} ${JSON.stringify(res.body)}`;
      expect([401, 403], label).not.toContain(res.status);
      expect(res.status, label).toBeLessThan(500);
    }
  });

  it('the whole matrix: every documented operation × anonymous and every role, each call judged by the access rule', async () => {
    const callers: Array<Role | 'anonymous'> = ['anonymous', ...ROLES];
    const wrong: string[] = [];
    let calls = 0;
    // Logging out ends the session the later calls sign in with: it goes last.
    const ordered = [
      ...ops.filter((o) => o.path !== '/api/auth/logout'),
      ...ops.filter((o) => o.path === '/api/auth/logout'),
    ];
    for (const op of ordered) {
      for (const caller of callers) {
        // Ids nobody has: an admin's write cannot reset the password of a caller still to come.
        const res = await call(
          w.app,
          op.method.toUpperCase(),
          op.path.replace(/\{[^}]+\}/g, '999999'),
          {
            token: caller === 'anonymous' ? undefined : tokens[caller],
            ...(op.method === 'get' ? {} : { idempotencyKey: newKey('matrix'), body: {} }),
          },
        );
        calls++;
        const signedIn = ANY_SIGNED_IN.some((re) => re.test(op.path));
        const expected = isPublic(op.path)
          ? 'open'
          : caller === 'anonymous'
            ? 401
            : signedIn || admits(caller, op.path)
              ? 'open'
              : 403;
        const ok =
          res.status < 500 &&
          (expected === 'open'
            ? ![401, 403].includes(res.status) ||
              (op.path === '/api/auth/login' && res.status === 401)
            : res.status === expected);
        if (!ok)
          wrong.push(
            `${caller} ${op.method.toUpperCase()} ${op.path} → ${res.status}, expected ${expected}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBe(ops.length * 6);
    expect(callers).toHaveLength(6);
  });

  it.each(ROLES)('signed in as %s (by cookie): another role’s route → 403', async (role) => {
    for (const op of ops) {
      if (!ownerOf(op.path) || admits(role, op.path)) continue;
      const res = await call(w.app, op.method.toUpperCase(), concrete(op.path), {
        headers: { cookie: `linli_session=${tokens[role]}` },
        ...(op.method === 'get' ? {} : { idempotencyKey: newKey('roles'), body: {} }),
      });
      expect(res.status, `${role} ${op.method} ${op.path}`).toBe(403);
    }
  });
});

import { z } from '@hono/zod-openapi';
import type { Database } from '../../db/client';
import { type App, createApp } from '../../functions/app';
import { PASSWORD } from './fixture';

export interface Clock {
  now: Date;
  advance(ms: number): void;
}

export function clock(start = new Date('2026-03-09T02:00:00Z')): Clock {
  const c = {
    now: start,
    advance: (ms: number) => {
      c.now = new Date(c.now.getTime() + ms);
    },
  };
  return c;
}

export function testApp(database: Database, time: Clock = clock()): App {
  return createApp({ database, now: () => time.now });
}

type Init = {
  headers?: Record<string, string>;
  body?: unknown;
  token?: string;
  idempotencyKey?: string;
};

/**
 * What a page of the site itself sends with every request: app.request addresses
 * http://localhost/…, so this is the request's own origin (functions/http/same-origin.ts).
 * A test of cross-site requests passes its own `origin` header, or `origin: ''` for none.
 */
export const SAME_ORIGIN = 'http://localhost';

/** JSON request helper over app.request: returns status, parsed body and headers. */
export async function call(app: App, method: string, path: string, init: Init = {}) {
  const headers: Record<string, string> = { origin: SAME_ORIGIN, ...(init.headers ?? {}) };
  if (headers.origin === '') delete headers.origin;
  if (init.body !== undefined && !headers['content-type'])
    headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
  const res = await app.request(path, {
    method,
    headers,
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}

export async function loginAs(app: App, login: string, password = PASSWORD): Promise<string> {
  const res = await call(app, 'POST', '/api/auth/login', { body: { login, password } });
  if (res.status !== 200)
    throw new Error(`login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return z.object({ token: z.string() }).parse(res.body).token;
}

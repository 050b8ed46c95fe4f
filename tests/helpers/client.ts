import { type ClientResponse, hc } from 'hono/client';
import { expect } from 'vitest';
import type { App, AppType } from '../../functions/app';
import { SAME_ORIGIN } from './api';

type Init = { token?: string; headers?: Record<string, string> };

/**
 * The API as a typed client (`hc<AppType>`) over app.request: paths, inputs and answers are the
 * routes' own types. Like `call`, it sends the site's own Origin (`origin: ''` for none) and the
 * session token as a Bearer header.
 */
export function client(app: App, init: Init = {}) {
  const headers: Record<string, string> = { origin: SAME_ORIGIN, ...init.headers };
  if (headers.origin === '') delete headers.origin;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  return hc<AppType>(SAME_ORIGIN, {
    fetch: (input: RequestInfo | URL, req?: RequestInit) => app.request(input, req),
    headers,
  }).api;
}

type Answer = ClientResponse<unknown, number, string>;
type BodyOf<R extends Answer, S extends number> =
  R extends ClientResponse<infer T, S, string> ? T : never;

/** The body of an answer that must have `status`, typed as the route declares it for that status. */
export async function bodyOf<R extends Answer, S extends R['status']>(
  res: R,
  status: S,
): Promise<BodyOf<R, S>> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return JSON.parse(text) as BodyOf<R, S>;
}

/** The contract's refusal: `{"error": {"code", "message", "details"?}}`. */
export interface Refusal {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/**
 * A refusal as `call` returns it (status, parsed body, headers), for expectError: the body is typed
 * as the contract's error shape, which expectError then checks it has.
 */
export async function answerOf(
  res: Answer,
): Promise<{ status: number; body: Refusal; headers: Headers }> {
  const text = await res.text();
  const body = (text ? JSON.parse(text) : undefined) as Refusal;
  return { status: res.status, body, headers: res.headers };
}

type PageQuery = { limit: string; cursor?: string };

/**
 * A cursor-paged list read from its first page to its last through `page` (a typed client call),
 * each page holding at most `limit` items: the items in order, and how many pages it took.
 */
export async function allPages<T>(
  limit: number,
  page: (query: PageQuery) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const body = await page(
      cursor === null ? { limit: String(limit) } : { limit: String(limit), cursor },
    );
    expect(body.items.length).toBeLessThanOrEqual(limit);
    items.push(...body.items);
    cursor = body.nextCursor;
    pages++;
  } while (cursor !== null);
  return { items, pages };
}

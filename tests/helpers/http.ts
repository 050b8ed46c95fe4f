import { z } from '@hono/zod-openapi';
import { expect } from 'vitest';
import type { App } from '../../functions/app';
import { type Clock, call, clock, loginAs, testApp } from './api';
import type { Fixture } from './fixture';
import { perTest, type SeededDatabase, seededDatabase } from './template';

export type Response = Awaited<ReturnType<typeof call>>;

/**
 * The contract's error shape: a 4xx JSON body {"error": {"code", "message"}}, with the refusal's
 * `details` when it has some, and nothing else — no HTML, no stack trace.
 */
export function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, body: res.body }).toMatchObject({
    status,
    body: { error: { code } },
  });
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  const body = ErrorBody.parse(res.body);
  expect(Object.keys(body)).toEqual(['error']);
  expect(['code,message', 'code,details,message']).toContain(
    Object.keys(body.error).sort().join(','),
  );
  expect(body.error.message.length).toBeGreaterThan(0);
  const raw = JSON.stringify(res.body);
  expect(raw).not.toMatch(/<html|<!doctype|\n\s+at\s|node_modules|\.ts:\d+/i);
}

/** The contract's error shape, loose so that expectError itself reports any extra key. */
const ErrorBody = z.looseObject({
  error: z.looseObject({ code: z.string(), message: z.string() }),
});

let sequence = 0;
/** A fresh, valid Idempotency-Key (unique within the test process). */
export function newKey(prefix = 'key'): string {
  sequence++;
  return `${prefix}-${String(sequence).padStart(6, '0')}`;
}

export interface World {
  t: SeededDatabase;
  f: Fixture;
  app: App;
  time: Clock;
  cleanup: () => void;
}

/** A fresh seeded database (see seedFixture) and an app on it with a movable clock. */
export async function world(start?: Date): Promise<World> {
  const t = await seededDatabase();
  const time = clock(start);
  return { t, f: t.fixture, app: testApp(t.database, time), time, cleanup: t.cleanup };
}

export interface SignedInWorld<Login extends string> extends World {
  /** A session token for each login asked for. */
  tokens: Record<Login, string>;
}

/** A fresh world for each test of the suite (see perTest), signed in as each of `logins` in turn. */
export function useWorld<Login extends string = never>(
  logins: readonly Login[] = [],
  start?: Date,
): SignedInWorld<Login> {
  return perTest(async () => {
    const w = await world(start);
    try {
      const tokens = {} as Record<Login, string>;
      for (const login of logins) tokens[login] = await loginAs(w.app, login);
      return { ...w, tokens };
    } catch (error) {
      // perTest cleans up only what make() returned.
      w.cleanup();
      throw error;
    }
  });
}

export { call, loginAs };

/** Awards points through the API as staff (returns the response). */
export async function awardVia(
  w: World,
  staffToken: string,
  residentId: number,
  points: number,
  extra: Record<string, unknown> = {},
) {
  return call(w.app, 'POST', '/api/staff/awards', {
    token: staffToken,
    idempotencyKey: newKey('award'),
    body: { residentId, points, reason: '志愿服务', ...extra },
  });
}

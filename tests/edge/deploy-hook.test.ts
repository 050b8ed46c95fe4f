import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { publishEvents } from '../../db/schema';
import worker from '../../functions/worker';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

/**
 * The Worker's Cron Trigger calls DEPLOY_HOOK_URL once for every publish made since its last
 * answered call (functions/domain/jobs/site-hook.ts); without the secret it calls nothing.
 */
let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  t.cleanup();
});

const HOOK = 'https://api.cloudflare.com/client/v4/workers/builds/deploy_hooks/test-hook';

async function tick(env: Record<string, unknown>): Promise<void> {
  const waiting: Array<Promise<unknown>> = [];
  worker.scheduled({}, env as never, { waitUntil: (p) => void waiting.push(p) });
  await Promise.all(waiting);
}

describe('Worker scheduled(): the deploy hook', () => {
  it('POSTs the hook once for many publishes, and not again until the next one', async () => {
    const posts: Array<{ url: string; body: unknown }> = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      posts.push({ url: String(input), body: JSON.parse(String(init?.body)) });
      return new Response(null, { status: 200 });
    });
    const env = { DATABASE_URL: t.url, ASSETS: { fetch: async () => new Response('') } };
    await tick(env);
    const at = new Date().toISOString();
    await t.database.write((tx) =>
      tx.insert(publishEvents).values(
        Array.from({ length: 12 }, (_, i) => ({
          at,
          actorId: null,
          entity: 'service',
          entityId: i + 1,
        })),
      ),
    );
    await tick(env);
    expect(posts).toEqual([]);

    const hooked = { ...env, DEPLOY_HOOK_URL: HOOK };
    await tick(hooked);
    await tick(hooked);
    expect(posts).toEqual([{ url: HOOK, body: { through: 12 } }]);
    const calls = await t.database.read.all<{ status: string }>(
      sql`select status from job_runs where job = 'site-hook'`,
    );
    expect(calls).toEqual([{ status: 'ok' }]);
  });
});

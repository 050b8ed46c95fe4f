import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import worker from '../../functions/worker';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

/**
 * The Worker's Cron Trigger handler, called as workerd would call it (without starting workerd:
 * the bundle itself is checked in worker.test.ts). It runs the same due/claim/finish code as the
 * Node scheduler; the backup is left to Turso.
 */
let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => {
  vi.restoreAllMocks();
  t.cleanup();
});

describe('Worker scheduled()', () => {
  it('is exported beside fetch and records each due job once in job_runs', async () => {
    expect(typeof worker.scheduled).toBe('function');
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const waiting: Array<Promise<unknown>> = [];
    const env = { DATABASE_URL: t.url, ASSETS: { fetch: async () => new Response('') } };
    worker.scheduled({}, env, { waitUntil: (p) => void waiting.push(p) });
    expect(waiting).toHaveLength(1);
    await Promise.all(waiting);
    const runs = await t.database.read.all<{ job: string; status: string; detail: string }>(
      sql`select job, status, detail from job_runs order by id`,
    );
    expect(runs.map((r) => `${r.job} ${r.status}`)).toEqual([
      'expiry ok',
      'backup ok',
      'verify ok',
    ]);
    expect(JSON.parse(runs[1]!.detail)).toEqual({ skipped: 'Turso point-in-time restore' });
  });
});

import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishEvents } from '../../../db/schema';
import {
  type DeployHook,
  requestSiteRebuild,
  SITE_HOOK_EVERY_MS,
  SITE_HOOK_JOB,
  SITE_HOOK_STALE_MS,
} from '../../../functions/domain/jobs/site-hook';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

/**
 * The edge's coalesced deploy hook: publishes only append publish_events (in their own write), and
 * the five-minute cron calls the hook for all of them at once, until it answers 2xx.
 */
const START = Date.parse('2026-03-09T02:00:00Z');
const MINUTE = 60_000;

let t: TestDatabase;
let now: number;
const clock = () => new Date(now);

beforeEach(async () => {
  t = await createTestDatabase();
  now = START;
});
afterEach(() => t.cleanup());

/** A hook that records its calls and answers what it is told to. */
function hook(answers: Array<number | Error> = []) {
  const calls: Array<{ through: number }> = [];
  const call: DeployHook = async (body) => {
    calls.push(body);
    const answer = answers.shift() ?? 204;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { calls, call };
}

async function publish(n: number): Promise<void> {
  for (let i = 0; i < n; i++)
    await t.database.write((tx) =>
      tx
        .insert(publishEvents)
        .values({ at: clock().toISOString(), actorId: null, entity: 'service', entityId: i + 1 }),
    );
}

const runs = () =>
  t.database.read.all<{ period: string; status: string; detail: string }>(
    sql`select period, status, detail from job_runs where job = ${SITE_HOOK_JOB} order by id`,
  );

describe('requestSiteRebuild', () => {
  it('calls nothing when nothing was published', async () => {
    const h = hook();
    expect(await requestSiteRebuild(t.database, h.call, clock)).toEqual({ status: 'idle' });
    expect(h.calls).toEqual([]);
    expect(await runs()).toEqual([]);
  });

  it('gives a meeting of thirty publishes one call, and none again until the next publish', async () => {
    const h = hook();
    await publish(30);
    expect(await requestSiteRebuild(t.database, h.call, clock)).toMatchObject({ status: 'ok' });
    expect(h.calls).toEqual([{ through: 30 }]);
    now += 5 * MINUTE;
    expect(await requestSiteRebuild(t.database, h.call, clock)).toEqual({ status: 'idle' });
    expect(h.calls).toHaveLength(1);
    expect((await runs()).map((r) => r.status)).toEqual(['ok']);
  });

  it('calls at most once per few minutes while publishes keep coming', async () => {
    const h = hook();
    await publish(1);
    await requestSiteRebuild(t.database, h.call, clock);
    now += MINUTE;
    await publish(2);
    expect(await requestSiteRebuild(t.database, h.call, clock)).toMatchObject({
      status: 'waiting',
      through: 3,
    });
    expect(h.calls).toHaveLength(1);
    now = START + SITE_HOOK_EVERY_MS;
    await requestSiteRebuild(t.database, h.call, clock);
    expect(h.calls).toEqual([{ through: 1 }, { through: 3 }]);
  });

  it('calls a failing hook again on the next run until it answers 2xx', async () => {
    const h = hook([500, new Error('fetch failed')]);
    await publish(2);
    expect(await requestSiteRebuild(t.database, h.call, clock)).toMatchObject({
      status: 'failed',
      answered: 500,
    });
    now += 5 * MINUTE;
    expect(await requestSiteRebuild(t.database, h.call, clock)).toMatchObject({
      status: 'failed',
      answered: 'fetch failed',
    });
    now += 5 * MINUTE;
    expect(await requestSiteRebuild(t.database, h.call, clock)).toMatchObject({ status: 'ok' });
    now += 5 * MINUTE;
    expect(await requestSiteRebuild(t.database, h.call, clock)).toEqual({ status: 'idle' });
    expect(h.calls).toEqual([{ through: 2 }, { through: 2 }, { through: 2 }]);
    const [run] = await runs();
    expect(run).toMatchObject({ period: '000000000002', status: 'ok' });
    expect(JSON.parse(run!.detail)).toEqual({ through: 2, status: 204 });
  });

  it('lets one of two runs at the same moment call', async () => {
    const h = hook();
    await publish(3);
    const reports = await Promise.all([
      requestSiteRebuild(t.database, h.call, clock),
      requestSiteRebuild(t.database, h.call, clock),
    ]);
    expect(reports.map((r) => r.status).sort()).toEqual(['ok', 'waiting']);
    expect(h.calls).toHaveLength(1);
  });

  it('takes over a call whose isolate died before the hook answered', async () => {
    await publish(1);
    const dying: DeployHook = () => new Promise(() => undefined);
    void requestSiteRebuild(t.database, dying, clock);
    await new Promise((r) => setTimeout(r, 50));
    expect((await runs()).map((r) => r.status)).toEqual(['running']);
    const h = hook();
    now += SITE_HOOK_EVERY_MS;
    expect(await requestSiteRebuild(t.database, h.call, clock)).toMatchObject({ status: 'taken' });
    now = START + SITE_HOOK_STALE_MS + 1;
    expect(await requestSiteRebuild(t.database, h.call, clock)).toMatchObject({ status: 'ok' });
    expect(h.calls).toEqual([{ through: 1 }]);
  });
});

import { and, desc, eq, max, or, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { jobRuns, publishEvents } from '../../../db/schema';
import { finishRun } from './runs';

/**
 * The edge's site rebuilds. Every publish already appends a publish_event in its own write
 * transaction, so "a rebuild is wanted" is durable the moment the publish commits: it is wanted
 * while the newest publish_event is past the one the last answered hook call covered. Calls are
 * job_runs of their own job, whose period is the newest publish_event the call covers (zero-padded,
 * so periods sort as text); a call counts only once the hook answered 2xx, so a failed call is
 * made again on the next run and no publish is ever left unbuilt.
 */
export const SITE_HOOK_JOB = 'site-hook';
/**
 * At most one call per this long: a meeting's thirty records entered one after another give one
 * rebuild, or a few. A little under the Worker's five-minute Cron Trigger, so each trigger may call.
 */
export const SITE_HOOK_EVERY_MS = 4 * 60_000;
/** A call still "running" this long after it started died with its isolate: the next run takes over. */
export const SITE_HOOK_STALE_MS = 10 * 60_000;

/** Calls the deploy hook: the HTTP status it answered (a network failure throws). */
export type DeployHook = (body: { through: number; host?: string }) => Promise<number>;

/** A Cloudflare deploy hook (Workers Builds or Pages): a bare POST to its secret URL starts a build. */
export const deployHookAt =
  (url: string, timeoutMs = 30_000): DeployHook =>
  async (body) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.status;
  };

export type SiteHookReport =
  | { status: 'idle' }
  | { status: 'waiting'; through: number; since: string }
  | { status: 'taken'; through: number }
  | { status: 'ok' | 'failed'; through: number; answered: number | string };

const periodOf = (eventId: number) => String(eventId).padStart(12, '0');

/**
 * Asks for one rebuild if a publish is not yet covered and no call was made in the last
 * SITE_HOOK_EVERY_MS. Safe to run from many isolates at once: the look at the last call and the
 * claim of the next share one write transaction, so only one of them calls.
 */
export async function requestSiteRebuild(
  database: Database,
  hook: DeployHook,
  clock: () => Date,
): Promise<SiteHookReport> {
  const db = database.read;
  const [newest] = await db.select({ id: max(publishEvents.id) }).from(publishEvents);
  const through = newest?.id ?? null;
  const [covered] = await db
    .select({ period: jobRuns.period })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, SITE_HOOK_JOB), eq(jobRuns.status, 'ok')))
    .orderBy(desc(jobRuns.period))
    .limit(1);
  if (through === null || (covered && Number(covered.period) >= through)) return { status: 'idle' };

  const claim = await claimCall(database, through, clock());
  if (typeof claim !== 'number') return claim;
  let answered: number | string;
  try {
    answered = await hook({ through });
  } catch (error) {
    answered = error instanceof Error ? error.message : String(error);
  }
  const ok = typeof answered === 'number' && answered >= 200 && answered < 300;
  const detail =
    typeof answered === 'number' ? { through, status: answered } : { through, error: answered };
  await finishRun(database, claim, ok ? 'ok' : 'failed', detail, clock());
  return { status: ok ? 'ok' : 'failed', through, answered };
}

/**
 * The call's job_run, unless a call started less than SITE_HOOK_EVERY_MS ago or another isolate
 * holds this one; a failed or dead call of the same period is taken over.
 */
async function claimCall(
  database: Database,
  through: number,
  now: Date,
): Promise<number | Extract<SiteHookReport, { status: 'waiting' | 'taken' }>> {
  const period = periodOf(through);
  const startedAt = now.toISOString();
  const staleBefore = new Date(now.getTime() - SITE_HOOK_STALE_MS).toISOString();
  return database.write(async (tx) => {
    const [last] = await tx
      .select({ startedAt: max(jobRuns.startedAt) })
      .from(jobRuns)
      .where(eq(jobRuns.job, SITE_HOOK_JOB));
    const since = last?.startedAt ?? null;
    if (since && Date.parse(since) + SITE_HOOK_EVERY_MS > now.getTime())
      return { status: 'waiting', through, since } as const;
    const [inserted] = await tx
      .insert(jobRuns)
      .values({ job: SITE_HOOK_JOB, period, startedAt, status: 'running', detail: '{}' })
      .onConflictDoNothing()
      .returning({ id: jobRuns.id });
    if (inserted) return inserted.id;
    const [retaken] = await tx
      .update(jobRuns)
      .set({ startedAt, finishedAt: null, status: 'running', detail: '{}' })
      .where(
        and(
          eq(jobRuns.job, SITE_HOOK_JOB),
          eq(jobRuns.period, period),
          or(
            eq(jobRuns.status, 'failed'),
            and(eq(jobRuns.status, 'running'), sql`${jobRuns.startedAt} < ${staleBefore}`),
          ),
        ),
      )
      .returning({ id: jobRuns.id });
    return retaken?.id ?? ({ status: 'taken', through } as const);
  });
}

import { and, desc, eq } from 'drizzle-orm';
import type { Database, Db } from '../../../db/client';
import { jobRuns } from '../../../db/schema';
import { JOB_NAMES, type JobName, latestSlot, nextSlot, SCHEDULES } from './schedule';

/**
 * The state of the scheduled jobs lives only in job_runs: whichever process (a restarted server,
 * a second one, the Worker's cron) looks next sees what ran, and the unique (job, period) lets
 * exactly one of them claim a period.
 */
export type RunStatus = 'running' | 'ok' | 'failed';
export type JobDetail = Record<string, unknown>;

export interface JobRun {
  id: number;
  period: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  detail: JobDetail;
}

/** A run that threw is tried again this long after it ended (a failed check of the ledger is a result, not retried). */
export const RETRY_FAILED_MS = 60 * 60_000;
/** A run still "running" this long after it started died with its process: another may take the period over. */
export const STALE_RUNNING_MS = 6 * 60 * 60_000;

const rowOf = (r: typeof jobRuns.$inferSelect): JobRun => ({
  id: r.id,
  period: r.period,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  status: r.status,
  detail: JSON.parse(r.detail) as JobDetail,
});

/** When a period that already has a run may be claimed again, or null if never. */
export function retryAt(run: JobRun): Date | null {
  if (run.status === 'running') return new Date(Date.parse(run.startedAt) + STALE_RUNNING_MS);
  if (run.status === 'failed' && 'error' in run.detail && run.finishedAt)
    return new Date(Date.parse(run.finishedAt) + RETRY_FAILED_MS);
  return null;
}

const isRetryable = (run: JobRun, now: Date) => {
  const at = retryAt(run);
  return at !== null && at.getTime() <= now.getTime();
};

async function runOf(db: Db, job: JobName, period: string): Promise<JobRun | undefined> {
  const [row] = await db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period)))
    .limit(1);
  return row && rowOf(row);
}

/**
 * Claims one period of a job for this process: the run's id, or null when another run has it (the
 * unique index decides between concurrent claims). A run that threw, or died running, is taken
 * over once its retry time has come; the check and the take-over share one write transaction.
 */
export async function claimRun(
  database: Database,
  job: JobName,
  period: string,
  now: Date,
): Promise<number | null> {
  const startedAt = now.toISOString();
  return database.write(async (tx) => {
    const [inserted] = await tx
      .insert(jobRuns)
      .values({ job, period, startedAt, status: 'running', detail: '{}' })
      .onConflictDoNothing()
      .returning({ id: jobRuns.id });
    if (inserted) return inserted.id;
    const existing = await runOf(tx, job, period);
    if (!existing || !isRetryable(existing, now)) return null;
    await tx
      .update(jobRuns)
      .set({
        startedAt,
        finishedAt: null,
        status: 'running',
        detail: JSON.stringify({
          retryOf: {
            startedAt: existing.startedAt,
            status: existing.status,
            detail: existing.detail,
          },
        }),
      })
      .where(eq(jobRuns.id, existing.id));
    return existing.id;
  });
}

export async function finishRun(
  database: Database,
  id: number,
  status: Exclude<RunStatus, 'running'>,
  detail: JobDetail,
  now: Date,
): Promise<void> {
  await database.write((tx) =>
    tx
      .update(jobRuns)
      .set({ status, detail: JSON.stringify(detail), finishedAt: now.toISOString() })
      .where(eq(jobRuns.id, id)),
  );
}

/** Each job's run of its latest period, if any (periods are local dates, so they sort as text). */
async function latestRuns(db: Db): Promise<Map<JobName, JobRun>> {
  const runs = new Map<JobName, JobRun>();
  for (const job of JOB_NAMES) {
    const [row] = await db
      .select()
      .from(jobRuns)
      .where(eq(jobRuns.job, job))
      .orderBy(desc(jobRuns.period))
      .limit(1);
    if (row) runs.set(job, rowOf(row));
  }
  return runs;
}

export interface DueRun {
  job: JobName;
  period: string;
  /** When the period began. */
  at: Date;
}

/**
 * What should run now, in the order of SCHEDULES: for each job, the latest period that has come
 * and has no run (or a run to retry). After downtime only the latest missed period runs, once —
 * a nightly backup of tonight, not one for every night missed; expiry covers every lapsed year.
 */
export async function dueRuns(db: Db, now: Date): Promise<DueRun[]> {
  const runs = await latestRuns(db);
  const due: DueRun[] = [];
  for (const job of JOB_NAMES) {
    const slot = latestSlot(SCHEDULES[job], now);
    const run = runs.get(job);
    const pending =
      !run || run.period < slot.period || (run.period === slot.period && isRetryable(run, now));
    if (pending) due.push({ job, period: slot.period, at: slot.at });
  }
  return due;
}

export interface JobState {
  job: JobName;
  lastRun: JobRun | null;
  /** When it runs next: a time already past while a period waits for its run. */
  nextRunAt: string;
  due: boolean;
}

/** For the console: each job's last run and its next. */
export async function jobStatus(db: Db, now: Date): Promise<JobState[]> {
  const runs = await latestRuns(db);
  return JOB_NAMES.map((job) => {
    const slot = latestSlot(SCHEDULES[job], now);
    const run = runs.get(job) ?? null;
    const following = nextSlot(SCHEDULES[job], now).at;
    const retry = run?.period === slot.period ? retryAt(run) : null;
    let next: Date;
    if (!run || run.period < slot.period) next = slot.at;
    else next = retry && retry < following ? retry : following;
    return {
      job,
      lastRun: run,
      nextRunAt: next.toISOString(),
      due: next.getTime() <= now.getTime(),
    };
  });
}

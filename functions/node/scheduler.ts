import type { Database } from '../../db/client';
import { type JobRunner, type RunReport, runDueJobs } from '../domain/jobs/runners';
import { jobStatus } from '../domain/jobs/runs';
import type { JobName } from '../domain/jobs/schedule';

/** Sets a timer; answers how to cancel it. */
export type SetTimer = (fn: () => void, ms: number) => () => void;

/** Node's timer, unref'd: a waiting scheduler never keeps the process alive on its own. */
export const nodeTimer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return () => clearTimeout(t);
};

/**
 * The longest sleep between two looks at job_runs: a clock set forward, a suspended machine or a
 * period another process left to retry is noticed within this time. (Node's timers also cannot
 * wait the months until the next expiry.)
 */
export const MAX_SLEEP_MS = 60 * 60_000;
/** A little after the slot, so a timer that fires early still finds the period begun. */
const SLACK_MS = 1000;

export interface SchedulerOptions {
  database: Database;
  runners: Record<JobName, JobRunner>;
  now?: () => Date;
  setTimer?: SetTimer;
  onRun?: (report: RunReport) => void;
  onError?: (error: unknown) => void;
}

export interface Scheduler {
  /** Runs what is due now and sets the next wake-up (also what the timer calls). */
  tick(): Promise<RunReport[]>;
  /** Cancels the next wake-up and waits for a run in progress to end. */
  stop(): Promise<void>;
}

/**
 * The Node server's scheduler. It keeps no state of its own: on start and on each wake-up it runs
 * what job_runs says is due (so a restart catches up a missed run, and a period already run is
 * never run again), then sleeps until the earliest next run.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? (() => new Date());
  const setTimer = options.setTimer ?? nodeTimer;
  let cancel: (() => void) | undefined;
  let running: Promise<RunReport[]> | undefined;
  let stopped = false;

  const wakeUp = async () => {
    const states = await jobStatus(options.database.read, now());
    const earliest = Math.min(...states.map((s) => Date.parse(s.nextRunAt)));
    const ms = Math.min(MAX_SLEEP_MS, Math.max(0, earliest - now().getTime()) + SLACK_MS);
    if (!stopped) cancel = setTimer(() => void tick(), ms);
  };

  const tick = (): Promise<RunReport[]> => {
    cancel?.();
    cancel = undefined;
    if (stopped) return Promise.resolve([]);
    running ??= (async () => {
      let reports: RunReport[] = [];
      try {
        reports = await runDueJobs(options.database, options.runners, now);
        for (const r of reports) options.onRun?.(r);
      } catch (error) {
        options.onError?.(error);
      }
      try {
        await wakeUp();
      } catch (error) {
        options.onError?.(error);
        if (!stopped) cancel = setTimer(() => void tick(), MAX_SLEEP_MS);
      }
      return reports;
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  void tick();
  return {
    tick,
    async stop() {
      stopped = true;
      cancel?.();
      cancel = undefined;
      await running;
    },
  };
}

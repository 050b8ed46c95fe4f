import type { Database } from '../../../db/client';
import { expiryYears } from '../community/settings';
import { runExpiry } from '../ledger/expiry';
import { verifyLedger } from '../ledger/verify';
import { claimRun, dueRuns, finishRun, type JobDetail } from './runs';
import type { JobName } from './schedule';

/** What one run did: its result for job_runs, shown to staff as it is. */
export interface Outcome {
  status: 'ok' | 'failed';
  detail: JobDetail;
}

export type JobRunner = (
  database: Database,
  run: { period: string; now: Date },
) => Promise<Outcome>;

/**
 * A database that is not a local file (Turso, and always on the edge) is backed up by the service:
 * its point-in-time restore covers every instant, so there is no file to copy.
 */
export const BACKUP_BY_SERVICE = 'Turso point-in-time restore';
export const backupByService: JobRunner = async () => ({
  status: 'ok',
  detail: { skipped: BACKUP_BY_SERVICE },
});

const expiry: JobRunner = async (database, { now }) => {
  const run = await runExpiry(database, now, await expiryYears(database.read));
  return {
    status: 'ok',
    detail: { entries: run.entries, points: run.points, lotYears: run.periods },
  };
};

/** The ledger's full check on one snapshot; a check that finds a bad entry is a failed run naming it. */
const verify: JobRunner = async (database) => {
  const report = await database.snapshot((db) => verifyLedger(db));
  const detail: JobDetail = { ok: report.ok, entries: report.entries, head: report.head };
  if (report.problem) detail.problem = report.problem;
  return { status: report.ok ? 'ok' : 'failed', detail };
};

/** The jobs of a shell: the runtime-neutral ones, and the backup the shell can (or cannot) take. */
export function jobRunners(backup: JobRunner = backupByService): Record<JobName, JobRunner> {
  return { expiry, backup, verify };
}

export interface RunReport extends Outcome {
  job: JobName;
  period: string;
}

/**
 * Runs every due period this process manages to claim, one after the other; a period another
 * process holds is left to it. A job that throws is recorded as failed (retried later, see
 * runs.ts) and the others still run.
 */
export async function runDueJobs(
  database: Database,
  runners: Record<JobName, JobRunner>,
  clock: () => Date,
): Promise<RunReport[]> {
  const reports: RunReport[] = [];
  for (const due of await dueRuns(database.read, clock())) {
    const now = clock();
    const id = await claimRun(database, due.job, due.period, now);
    if (id === null) continue;
    let outcome: Outcome;
    try {
      outcome = await runners[due.job](database, { period: due.period, now });
    } catch (error) {
      outcome = {
        status: 'failed',
        detail: { error: error instanceof Error ? error.message : String(error) },
      };
    }
    await finishRun(database, id, outcome.status, outcome.detail, clock());
    reports.push({ job: due.job, period: due.period, ...outcome });
  }
  return reports;
}

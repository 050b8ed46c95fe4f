import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * One row per run of a scheduled job (expiry, backup, verify) and the period it covers. The unique
 * (job, period) makes "never runs one period twice" a database fact, across restarts and processes.
 */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey(),
    job: text('job').notNull(),
    /** The period the run covers, e.g. a local date 2027-01-01 for a nightly job. */
    period: text('period').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    status: text('status', { enum: ['running', 'ok', 'failed'] }).notNull(),
    /** What the run found or did, for the console (JSON). */
    detail: text('detail').notNull().default('{}'),
  },
  (t) => [uniqueIndex('job_runs_job_period').on(t.job, t.period)],
);

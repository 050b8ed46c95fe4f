import { createRoute, z } from '@hono/zod-openapi';
import { jobStatus } from '../../domain/jobs/runs';
import { JOB_NAMES } from '../../domain/jobs/schedule';
import { errorResponses } from '../../http/errors';
import { newRouter } from '../../http/router';
import { json, signedIn } from '../../http/schemas';

const JobRunSchema = z
  .object({
    period: z
      .string()
      .openapi({ description: 'The local date of the slot the run covers', example: '2027-01-01' }),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    status: z.enum(['running', 'ok', 'failed']),
    detail: z.record(z.string(), z.unknown()).openapi({
      description:
        'What the run found or did. expiry: {entries, points, lotYears}; verify: {ok, entries, head, problem?: {entryId, message}}; backup: {file, kept, removed} or {skipped}; a run that threw: {error}',
    }),
  })
  .openapi('JobRun');

const JobStateSchema = z
  .object({
    job: z.enum(JOB_NAMES),
    lastRun: JobRunSchema.nullable(),
    nextRunAt: z
      .string()
      .openapi({ description: 'When it runs next; in the past while a period waits for its run' }),
    due: z.boolean(),
  })
  .openapi('JobState');
/** GET /api/staff/jobs's answer (the console imports this type). */
export type JobsJson = { jobs: Array<z.infer<typeof JobStateSchema>> };

/** The jobs that run by themselves (/api/staff/jobs): what each did last and when it runs next. */
export const jobs = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/jobs',
    tags: ['staff'],
    security: signedIn,
    summary:
      'The scheduled jobs (expiry, nightly backup, nightly ledger check): last run and next run of each',
    responses: {
      200: json(z.object({ jobs: z.array(JobStateSchema) }), 'Each job'),
      ...errorResponses('unauthorized', 'forbidden'),
    },
  }),
  async (c) => {
    const { database, now } = c.get('deps');
    return c.json({ jobs: await jobStatus(database.read, now()) }, 200);
  },
);

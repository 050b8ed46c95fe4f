import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { jobRunners, runDueJobs } from '../../functions/domain/jobs/runners';
import { answerOf, bodyOf, client } from '../helpers/client';
import { call, expectError, useWorld } from '../helpers/http';

describe('GET /api/staff/jobs', () => {
  const w = useWorld(['staff', 'r1', 'staff2']);

  it('lists each job: nothing run yet means due now; after the runs, the last run and the next', async () => {
    const jobs = async (token: string) =>
      bodyOf(await client(w.app, { token }).staff.jobs.$get(), 200);
    const first = await jobs(w.tokens.staff);
    expect(first.jobs.map((j) => j.job)).toEqual(['expiry', 'backup', 'verify']);
    // 2026-03-09 10:00 local: this year's expiry and last night's slot wait for their runs.
    expect(first.jobs).toEqual([
      { job: 'expiry', lastRun: null, nextRunAt: '2025-12-31T16:00:00.000Z', due: true },
      { job: 'backup', lastRun: null, nextRunAt: '2026-03-08T18:30:00.000Z', due: true },
      { job: 'verify', lastRun: null, nextRunAt: '2026-03-08T18:30:00.000Z', due: true },
    ]);

    await runDueJobs(w.t.database, jobRunners(), () => w.time.now);
    const [expiry, backup, verify] = (await jobs(w.tokens.staff2)).jobs;
    expect(expiry).toMatchObject({
      due: false,
      nextRunAt: '2026-12-31T16:00:00.000Z',
      lastRun: { period: '2026-01-01', status: 'ok', detail: { entries: 0, points: 0 } },
    });
    expect(backup).toMatchObject({
      due: false,
      lastRun: {
        period: '2026-03-09',
        status: 'ok',
        detail: { skipped: 'Turso point-in-time restore' },
      },
    });
    expect(verify).toMatchObject({
      due: false,
      nextRunAt: '2026-03-09T18:30:00.000Z',
      lastRun: { period: '2026-03-09', status: 'ok', detail: { ok: true } },
    });
    expect(verify!.lastRun!.startedAt).toBe(w.time.now.toISOString());
    expect(verify!.lastRun!.finishedAt).toBe(w.time.now.toISOString());
  });

  it('is for staff only', async () => {
    expectError(await answerOf(await client(w.app).staff.jobs.$get()), 401, 'unauthorized');
    expectError(
      await answerOf(await client(w.app, { token: w.tokens.r1 }).staff.jobs.$get()),
      403,
      'forbidden',
    );
  });

  it('is in the OpenAPI document with its errors', async () => {
    // The document is served outside AppType: read the little of it this test needs.
    const Spec = z.object({
      paths: z.object({
        '/api/staff/jobs': z.object({
          get: z.object({ responses: z.record(z.string(), z.unknown()) }),
        }),
      }),
      components: z.object({ schemas: z.record(z.string(), z.unknown()) }),
    });
    const spec = Spec.parse((await call(w.app, 'GET', '/api/openapi.json')).body);
    const op = spec.paths['/api/staff/jobs'].get;
    expect(Object.keys(op.responses).sort()).toEqual(['200', '401', '403', '503']);
    expect(spec.components.schemas).toHaveProperty('JobState');
  });
});

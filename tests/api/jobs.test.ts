import { describe, expect, it } from 'vitest';
import { jobRunners, runDueJobs } from '../../functions/domain/jobs/runners';
import { call, expectError, useWorld } from '../helpers/http';

describe('GET /api/staff/jobs', () => {
  const w = useWorld(['staff', 'r1', 'staff2']);

  it('lists each job: nothing run yet means due now; after the runs, the last run and the next', async () => {
    const first = await call(w.app, 'GET', '/api/staff/jobs', { token: w.tokens.staff });
    expect(first.status).toBe(200);
    expect(first.body.jobs.map((j: { job: string }) => j.job)).toEqual(['expiry', 'backup', 'verify']);
    // 2026-03-09 10:00 local: this year's expiry and last night's slot wait for their runs.
    expect(first.body.jobs).toEqual([
      { job: 'expiry', lastRun: null, nextRunAt: '2025-12-31T16:00:00.000Z', due: true },
      { job: 'backup', lastRun: null, nextRunAt: '2026-03-08T18:30:00.000Z', due: true },
      { job: 'verify', lastRun: null, nextRunAt: '2026-03-08T18:30:00.000Z', due: true },
    ]);

    await runDueJobs(w.t.database, jobRunners(), () => w.time.now);
    const after = await call(w.app, 'GET', '/api/staff/jobs', { token: w.tokens.staff2 });
    expect(after.status).toBe(200);
    const [expiry, backup, verify] = after.body.jobs;
    expect(expiry).toMatchObject({ due: false, nextRunAt: '2026-12-31T16:00:00.000Z', lastRun: { period: '2026-01-01', status: 'ok', detail: { entries: 0, points: 0 } } });
    expect(backup).toMatchObject({ due: false, lastRun: { period: '2026-03-09', status: 'ok', detail: { skipped: 'Turso point-in-time restore' } } });
    expect(verify).toMatchObject({ due: false, nextRunAt: '2026-03-09T18:30:00.000Z', lastRun: { period: '2026-03-09', status: 'ok', detail: { ok: true } } });
    expect(verify.lastRun.startedAt).toBe(w.time.now.toISOString());
    expect(verify.lastRun.finishedAt).toBe(w.time.now.toISOString());
  });

  it('is for staff only', async () => {
    expectError(await call(w.app, 'GET', '/api/staff/jobs'), 401, 'unauthorized');
    expectError(await call(w.app, 'GET', '/api/staff/jobs', { token: w.tokens.r1 }), 403, 'forbidden');
  });

  it('is in the OpenAPI document with its errors', async () => {
    const spec = (await call(w.app, 'GET', '/api/openapi.json')).body;
    const op = spec.paths['/api/staff/jobs'].get;
    expect(Object.keys(op.responses).sort()).toEqual(['200', '401', '403', '503']);
    expect(spec.components.schemas).toHaveProperty('JobState');
  });
});

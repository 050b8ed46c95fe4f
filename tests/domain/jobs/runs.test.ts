import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../../db/client';
import { type JobRunner, jobRunners, runDueJobs } from '../../../functions/domain/jobs/runners';
import {
  claimRun,
  dueRuns,
  finishRun,
  jobStatus,
  RETRY_FAILED_MS,
  STALE_RUNNING_MS,
} from '../../../functions/domain/jobs/runs';
import type { JobName } from '../../../functions/domain/jobs/schedule';
import { balanceOf, expectLedgerInvariants, grant, rows } from '../../helpers/ledger';
import { useSeededCommunity } from '../../helpers/template';

const at = (iso: string) => new Date(iso);
/** 2026-03-09 10:00 local: past the night's 02:30 slot. */
const MORNING = at('2026-03-09T02:00:00Z');

/** Runners that only count their runs (and may be told to throw). */
function counting() {
  const calls: Array<{ job: JobName; period: string }> = [];
  const failing = new Set<JobName>();
  const one =
    (job: JobName): JobRunner =>
    async (_db, run) => {
      calls.push({ job, period: run.period });
      await new Promise((r) => setTimeout(r, 5));
      if (failing.has(job)) throw new Error(`${job} broke`);
      return { status: 'ok', detail: { ran: run.period } };
    };
  return {
    calls,
    failing,
    runners: { expiry: one('expiry'), backup: one('backup'), verify: one('verify') },
  };
}

const jobRows = (t: { database: { read: Parameters<typeof rows>[0] } }) =>
  rows<{ job: string; period: string; status: string }>(
    t.database.read,
    sql`select job, period, status from job_runs order by id`,
  );

describe('claiming a period', () => {
  const t = useSeededCommunity();

  it('one claim of a period wins; a second is refused', async () => {
    const id = await claimRun(t.database, 'verify', '2026-03-09', MORNING);
    expect(id).toEqual(expect.any(Number));
    expect(await claimRun(t.database, 'verify', '2026-03-09', MORNING)).toBeNull();
    await finishRun(t.database, id!, 'ok', { ok: true }, MORNING);
    expect(
      await claimRun(t.database, 'verify', '2026-03-09', at('2026-03-10T02:00:00Z')),
    ).toBeNull();
  });

  it('a period runs once even when two schedulers (two processes on one database) run at the same moment', async () => {
    const other = createDatabase({ url: t.url });
    try {
      const a = counting();
      const b = counting();
      const [ra, rb] = await Promise.all([
        runDueJobs(t.database, a.runners, () => MORNING),
        runDueJobs(other, b.runners, () => MORNING),
      ]);
      const all = [...a.calls, ...b.calls].map((c) => `${c.job} ${c.period}`).sort();
      expect(all).toEqual(['backup 2026-03-09', 'expiry 2026-01-01', 'verify 2026-03-09']);
      expect(ra.length + rb.length).toBe(3);
      expect(await jobRows(t)).toHaveLength(3);
    } finally {
      other.close();
    }
  });

  it('after a restart nothing re-runs; the next night runs once; after days of downtime only the latest missed night runs', async () => {
    const first = counting();
    await runDueJobs(t.database, first.runners, () => MORNING);
    expect(first.calls).toHaveLength(3);

    // A new process (the restart) on the same file, later the same day: nothing is due.
    const restarted = createDatabase({ url: t.url });
    try {
      const again = counting();
      expect(await dueRuns(restarted.read, at('2026-03-09T09:00:00Z'))).toEqual([]);
      expect(await runDueJobs(restarted, again.runners, () => at('2026-03-09T09:00:00Z'))).toEqual(
        [],
      );
      expect(again.calls).toEqual([]);

      // Down from the 10th to the 14th: the backup and the check of the 14th, once each; no expiry.
      const back = at('2026-03-14T04:00:00Z');
      expect((await dueRuns(restarted.read, back)).map((d) => `${d.job} ${d.period}`)).toEqual([
        'backup 2026-03-14',
        'verify 2026-03-14',
      ]);
      await runDueJobs(restarted, again.runners, () => back);
      await runDueJobs(restarted, again.runners, () => back);
      expect(again.calls).toEqual([
        { job: 'backup', period: '2026-03-14' },
        { job: 'verify', period: '2026-03-14' },
      ]);
    } finally {
      restarted.close();
    }
  });

  it('a run that threw is recorded as failed and retried an hour later; the other jobs still run', async () => {
    const c = counting();
    c.failing.add('backup');
    const reports = await runDueJobs(t.database, c.runners, () => MORNING);
    expect(reports.map((r) => `${r.job} ${r.status}`)).toEqual([
      'expiry ok',
      'backup failed',
      'verify ok',
    ]);
    expect(reports[1]!.detail).toEqual({ error: 'backup broke' });
    const soon = new Date(MORNING.getTime() + RETRY_FAILED_MS - 1000);
    expect(await dueRuns(t.database.read, soon)).toEqual([]);
    const status = await jobStatus(t.database.read, soon);
    expect(status.find((s) => s.job === 'backup')).toMatchObject({
      due: false,
      lastRun: { status: 'failed', period: '2026-03-09' },
    });

    c.failing.clear();
    const later = new Date(MORNING.getTime() + RETRY_FAILED_MS + 1000);
    expect(await runDueJobs(t.database, c.runners, () => later)).toMatchObject([
      { job: 'backup', period: '2026-03-09', status: 'ok' },
    ]);
    expect(await jobRows(t)).toHaveLength(3);
  });

  it('a run left "running" by a process that died is taken over only once it is stale', async () => {
    expect(await claimRun(t.database, 'backup', '2026-03-09', MORNING)).not.toBeNull();
    // The process died here. Another one, an hour later, leaves it alone.
    expect(
      await claimRun(t.database, 'backup', '2026-03-09', at('2026-03-09T03:00:00Z')),
    ).toBeNull();
    const stale = new Date(MORNING.getTime() + STALE_RUNNING_MS);
    expect((await dueRuns(t.database.read, stale)).map((d) => d.job)).toContain('backup');
    const id = await claimRun(t.database, 'backup', '2026-03-09', stale);
    expect(id).not.toBeNull();
    expect(await claimRun(t.database, 'backup', '2026-03-09', stale)).toBeNull();
  });
});

describe('the jobs themselves', () => {
  const t = useSeededCommunity();
  const noBackup = {
    ...jobRunners(),
    backup: (async () => ({ status: 'ok', detail: { skipped: 'test' } })) satisfies JobRunner,
  };

  it('the expiry job expires points by itself when the clock passes the period, once, and the ledger verifies', async () => {
    await grant(t.database, t.staffId, t.r1, 60, at('2024-05-01T02:00:00Z'));
    let now = at('2026-12-31T15:00:00Z'); // 23:00 local on the last day of 2026
    const clock = () => now;
    await runDueJobs(t.database, noBackup, clock);
    expect(await balanceOf(t.database, t.r1)).toBe(60);
    const [before] = (await jobStatus(t.database.read, now)).filter((s) => s.job === 'expiry');
    expect(before!.nextRunAt).toBe('2026-12-31T16:00:00.000Z');

    now = at('2026-12-31T16:00:05Z');
    const reports = await runDueJobs(t.database, noBackup, clock);
    expect(reports.find((r) => r.job === 'expiry')).toEqual({
      job: 'expiry',
      period: '2027-01-01',
      status: 'ok',
      detail: { entries: 1, points: 60, lotYears: [2024] },
    });
    expect(await balanceOf(t.database, t.r1)).toBe(0);
    expect(await runDueJobs(t.database, noBackup, clock)).toEqual([]);
    await expectLedgerInvariants(t.database);
  });

  it('the expiry job follows the community policy (points_expiry_years)', async () => {
    await t.database.write((tx) =>
      tx.run(
        sql`insert into settings (key, value) values ('points_expiry_years', '1') on conflict (key) do update set value = excluded.value`,
      ),
    );
    await grant(t.database, t.staffId, t.r1, 15, at('2025-05-01T02:00:00Z'));
    await runDueJobs(t.database, noBackup, () => at('2026-12-31T16:00:05Z'));
    expect(await balanceOf(t.database, t.r1)).toBe(0);
  });

  it('the ledger check stores its result: ok with the head, or the first problem it found', async () => {
    await grant(t.database, t.staffId, t.r1, 10, MORNING);
    const [good] = (await runDueJobs(t.database, noBackup, () => MORNING)).filter(
      (r) => r.job === 'verify',
    );
    expect(good).toMatchObject({
      status: 'ok',
      detail: { ok: true, entries: 1, head: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const [state] = (await jobStatus(t.database.read, MORNING)).filter((s) => s.job === 'verify');
    expect(state!.lastRun).toMatchObject({
      period: '2026-03-09',
      status: 'ok',
      detail: { ok: true, entries: 1 },
    });
    expect(state!.nextRunAt).toBe('2026-03-09T18:30:00.000Z');

    // Tampered with behind the ledger's back: the next night's check fails and says where.
    await t.database.write((tx) =>
      tx.run(sql`update accounts set balance = balance + 5 where owner_id = ${t.r1}`),
    );
    const night = at('2026-03-09T19:00:00Z');
    const [bad] = (await runDueJobs(t.database, noBackup, () => night)).filter(
      (r) => r.job === 'verify',
    );
    expect(bad).toMatchObject({
      status: 'failed',
      detail: {
        ok: false,
        problem: { entryId: null, message: expect.stringContaining('stored balance') },
      },
    });
    // A check that found a problem is a result, not an error: it is not retried within the night.
    expect(await dueRuns(t.database.read, at('2026-03-09T23:00:00Z'))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { type JobRunner, jobRunners } from '../../../functions/domain/jobs/runners';
import { MAX_SLEEP_MS, type SetTimer, startScheduler } from '../../../functions/node/scheduler';
import { balanceOf, grant } from '../../helpers/ledger';
import { useSeededCommunity } from '../../helpers/template';

const at = (iso: string) => new Date(iso);

/** A clock and a timer the test moves by hand: firing the timer moves the clock to its due time. */
function manualTime(start: Date) {
  let now = start;
  let pending: { fn: () => void; due: number } | undefined;
  const setTimer: SetTimer = (fn, ms) => {
    const timer = { fn, due: now.getTime() + ms };
    pending = timer;
    return () => {
      if (pending === timer) pending = undefined;
    };
  };
  return {
    now: () => now,
    setTimer,
    get sleepMs() {
      return pending ? pending.due - now.getTime() : undefined;
    },
    /** Moves the clock to the timer's time and fires it. */
    fire() {
      const timer = pending!;
      pending = undefined;
      now = new Date(timer.due);
      timer.fn();
    },
  };
}

describe('the Node scheduler', () => {
  const t = useSeededCommunity();
  const skipBackup: JobRunner = async () => ({ status: 'ok', detail: { skipped: 'test' } });

  it('catches up on start, sleeps until the next slot (capped), and expires points by itself when the year ends', async () => {
    await grant(t.database, t.staffId, t.r1, 30, at('2024-04-01T02:00:00Z'));
    const time = manualTime(at('2026-12-31T14:00:00Z')); // 22:00 local, 31 December 2026
    const seen: string[] = [];
    const scheduler = startScheduler({
      database: t.database,
      runners: { ...jobRunners(), backup: skipBackup },
      now: time.now,
      setTimer: time.setTimer,
      onRun: (r) => seen.push(`${r.job} ${r.period}`),
    });
    await scheduler.tick(); // the start's own run, in progress
    expect(seen).toEqual(['expiry 2026-01-01', 'backup 2026-12-31', 'verify 2026-12-31']);
    // Next: local midnight, two hours away; it looks again within the hour.
    expect(time.sleepMs).toBe(MAX_SLEEP_MS);
    expect(await balanceOf(t.database, t.r1)).toBe(30);

    time.fire(); // 23:00: nothing due yet
    await scheduler.tick();
    expect(seen).toHaveLength(3);
    time.fire(); // just past midnight: 2024's points lapse
    await scheduler.tick();
    expect(seen.slice(3)).toEqual(['expiry 2027-01-01']);
    expect(await balanceOf(t.database, t.r1)).toBe(0);
    time.fire(); // 01:00
    await scheduler.tick();
    time.fire(); // 02:00: the night's jobs are half an hour away
    await scheduler.tick();
    expect(time.sleepMs).toBe(30 * 60_000 + 1000);
    time.fire();
    await scheduler.tick();
    expect(seen.slice(4)).toEqual(['backup 2027-01-01', 'verify 2027-01-01']);
    await scheduler.stop();
    expect(time.sleepMs).toBeUndefined();
  });

  it('a restarted scheduler runs nothing already run; stop waits for a run in progress', async () => {
    const time = manualTime(at('2026-03-09T02:00:00Z'));
    const runs: string[] = [];
    const slow: JobRunner = async (_db, run) => {
      await new Promise((r) => setTimeout(r, 20));
      runs.push(run.period);
      return { status: 'ok', detail: {} };
    };
    const first = startScheduler({
      database: t.database,
      runners: { expiry: slow, backup: slow, verify: slow },
      now: time.now,
      setTimer: time.setTimer,
    });
    await first.stop(); // returns only after the start's run has ended
    expect(runs).toHaveLength(3);

    const second = startScheduler({
      database: t.database,
      runners: { expiry: slow, backup: slow, verify: slow },
      now: time.now,
      setTimer: time.setTimer,
    });
    expect(await second.tick()).toEqual([]);
    expect(runs).toHaveLength(3);
    // It sleeps until tonight's 02:30 local (18:30 UTC), at most an hour at a time.
    expect(time.sleepMs).toBe(MAX_SLEEP_MS);
    await second.stop();
  });
});

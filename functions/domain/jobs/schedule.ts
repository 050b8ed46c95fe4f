import { localDate, localYear, startOfLocalDay, startOfLocalYear } from '../shared/time';

/**
 * The jobs that run by themselves and when, in community time. Each run covers one period, named
 * by the local date its slot falls on (2027-01-01 for the expiry of the year 2026 ended, 2026-03-09
 * for one night's backup), so job_runs' unique (job, period) holds one run per slot.
 */
export const JOB_NAMES = ['expiry', 'backup', 'verify'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export type Schedule = { every: 'year' } | { every: 'day'; at: { hour: number; minute: number } };

const DAY_MS = 24 * 60 * 60_000;
/** Before the day's first visitors and after the evening's last counter. */
const NIGHTLY = { hour: 2, minute: 30 };

/** In the order a due set runs: the backup is taken before anything else of the night touches the data. */
export const SCHEDULES: Record<JobName, Schedule> = {
  // Points lapse when a local year ends (ledger/expiry.ts expiryDeadline), whatever the policy's length.
  expiry: { every: 'year' },
  backup: { every: 'day', at: NIGHTLY },
  verify: { every: 'day', at: NIGHTLY },
};

export interface Slot {
  period: string;
  at: Date;
}

const slot = (at: Date): Slot => ({ period: localDate(at), at });

/** The latest slot at or before `now`: the period that has come. */
export function latestSlot(schedule: Schedule, now: Date): Slot {
  if (schedule.every === 'year') return slot(startOfLocalYear(localYear(now)));
  // China keeps no daylight saving, so local days are all 24 hours long.
  const today = new Date(
    startOfLocalDay(localDate(now)).getTime() +
      (schedule.at.hour * 60 + schedule.at.minute) * 60_000,
  );
  return slot(today.getTime() <= now.getTime() ? today : new Date(today.getTime() - DAY_MS));
}

/** The first slot after `now`. */
export function nextSlot(schedule: Schedule, now: Date): Slot {
  if (schedule.every === 'year') return slot(startOfLocalYear(localYear(now) + 1));
  return slot(new Date(latestSlot(schedule, now).at.getTime() + DAY_MS));
}

import { describe, expect, it } from 'vitest';
import { latestSlot, nextSlot, SCHEDULES } from '../../../functions/domain/jobs/schedule';

const at = (iso: string) => new Date(iso);

describe('job slots in community time (UTC+8)', () => {
  it('nightly jobs run at 02:30 local, i.e. 18:30 UTC the day before', () => {
    // 2026-03-09 02:29 local: tonight's slot has not come, last night's has.
    expect(latestSlot(SCHEDULES.verify, at('2026-03-08T18:29:00Z'))).toEqual({
      period: '2026-03-08',
      at: at('2026-03-07T18:30:00Z'),
    });
    expect(nextSlot(SCHEDULES.verify, at('2026-03-08T18:29:00Z'))).toEqual({
      period: '2026-03-09',
      at: at('2026-03-08T18:30:00Z'),
    });
    expect(latestSlot(SCHEDULES.backup, at('2026-03-08T18:30:00Z'))).toEqual({
      period: '2026-03-09',
      at: at('2026-03-08T18:30:00Z'),
    });
    expect(nextSlot(SCHEDULES.backup, at('2026-03-08T18:30:00Z'))).toEqual({
      period: '2026-03-10',
      at: at('2026-03-09T18:30:00Z'),
    });
  });

  it('expiry runs when the local year begins, and its next run is computed right across the year boundary', () => {
    // 2026-12-31 23:59:59 local: the next run is the first instant of 2027, local.
    expect(nextSlot(SCHEDULES.expiry, at('2026-12-31T15:59:59Z'))).toEqual({
      period: '2027-01-01',
      at: at('2026-12-31T16:00:00Z'),
    });
    expect(latestSlot(SCHEDULES.expiry, at('2026-12-31T15:59:59Z'))).toEqual({
      period: '2026-01-01',
      at: at('2025-12-31T16:00:00Z'),
    });
    // At local midnight, and still on 31 December in UTC, the 2027 period has come.
    expect(latestSlot(SCHEDULES.expiry, at('2026-12-31T16:00:00Z'))).toEqual({
      period: '2027-01-01',
      at: at('2026-12-31T16:00:00Z'),
    });
    expect(nextSlot(SCHEDULES.expiry, at('2026-12-31T16:00:00Z'))).toEqual({
      period: '2028-01-01',
      at: at('2027-12-31T16:00:00Z'),
    });
  });

  it('nightly slots cross the year boundary too', () => {
    expect(nextSlot(SCHEDULES.verify, at('2026-12-31T17:00:00Z'))).toEqual({
      period: '2027-01-01',
      at: at('2026-12-31T18:30:00Z'),
    });
    expect(latestSlot(SCHEDULES.verify, at('2026-12-31T17:00:00Z'))).toEqual({
      period: '2026-12-31',
      at: at('2026-12-30T18:30:00Z'),
    });
  });
});

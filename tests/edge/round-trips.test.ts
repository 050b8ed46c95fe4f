import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  measureRequestTrips,
  startTripStack,
  type TripCounts,
  type TripStack,
} from '../helpers/edge-trips';

/**
 * Issue 22's round-trip targets, counted at the libSQL server (the trip proxy in front of sqld)
 * for the Worker in workerd over Hrana-over-HTTP: every trip is latency between the Worker and
 * its database, and a subrequest against the plan's limit.
 */
const TARGETS: Record<keyof TripCounts, number> = {
  login: 2,
  me: 1,
  redeemByCode: 2,
  redeemByCard: 2,
  award50: 3,
  award50Approve: 3,
};

let stack: TripStack;
let counts: TripCounts;
beforeAll(async () => {
  stack = await startTripStack({ scheme: 'http', extraResidents: 50 });
  counts = await measureRequestTrips(stack);
  console.log(`database round trips per request: ${JSON.stringify(counts)}`);
}, 240_000);
afterAll(async () => {
  await stack?.stop();
});

describe('database round trips per request (Worker → sqld over HTTP)', () => {
  it.each(Object.entries(TARGETS) as Array<[keyof TripCounts, number]>)(
    '%s: at most %i',
    (what, target) => {
      expect(counts[what], `${what} measured ${counts[what]} round trips`).toBeLessThanOrEqual(
        target,
      );
    },
  );

  it('/api/me: exactly 1', () => {
    expect(counts.me, `/api/me measured ${counts.me} round trips`).toBe(1);
  });
});

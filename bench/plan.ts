/**
 * What this run of `npm run bench` does: the parts asked for on the command line, and the sizes of
 * each (the quick run keeps every part, small).
 */
import { join } from 'node:path';
import type { EdgeOptions } from './edge';
import type { GenerateOptions } from './generate';
import type { HttpOptions } from './http-load';
import { dataDir } from './lib';

const argv = process.argv.slice(2);
export const quick = argv.includes('--quick');
export const profile = argv.includes('--profile');
export const regenerate = argv.includes('--regenerate');
export const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
export const wants = (part: string) => !only || only.includes(part);
export const now = new Date();

// Sizes.
// The small database holds enough residents for a whole redemption run's one-time codes (at most
// MAX_LIVE_CODES = 5 live codes each: 24,000 residents → 120,000 codes, ~9 s of warm-up + run even
// at 13,000/s), with the same history per resident as before (4 entries each).
export const SMALL: GenerateOptions = quick
  ? { file: join(dataDir, 'quick-small.db'), residents: 1000, entries: 7500 }
  : { file: join(dataDir, 'small.db'), residents: 24_000, entries: 96_000 };
export const BIG: GenerateOptions = quick
  ? {
      file: join(dataDir, 'quick-big.db'),
      residents: 2000,
      entries: 30_000,
      deliberations: 200,
      fundEntries: 2000,
    }
  : {
      file: join(dataDir, 'big.db'),
      residents: 35_000,
      entries: 1_000_000,
      deliberations: 10_000,
      fundEntries: 50_000,
    };
export const DEMO: GenerateOptions = { file: join(dataDir, 'demo.db'), residents: 200, entries: 0 };
export const LEVELS = [1, 16, 64];
export const http = (levels: number[]): HttpOptions => ({
  levels,
  durationMs: quick ? 1000 : 8000,
  warmupMs: quick ? 300 : 1000,
  merchants: 8,
  // Enough one-time codes that a run (warm-up + measured) ends by its duration, not by running out
  // (bounded all the same; freshCodes caps them at residents × MAX_LIVE_CODES). One client does
  // < 1,000/s (one fsync each); 120,000 last 9 s up to ~13,000/s (the eighth round reached 8,606/s
  // and ran out of 75,000 at 7.7 s).
  codesPerLevel: (c) => (quick ? (c === 1 ? 1000 : 5000) : c === 1 ? 10_000 : 120_000),
  readers: 64,
  readDurationMs: quick ? 1000 : 8000,
  seed: 1,
});
// A resident import by the CLI beside 16 redeeming clients (issue 20); the quick run's is small.
export const IMPORT = {
  rows: quick ? 5000 : 100_000,
  concurrency: 16,
  normalMs: quick ? 1000 : 5000,
  warmupMs: quick ? 300 : 1000,
  codesPerRun: quick ? 5000 : 120_000,
  merchants: 8,
  importTimeoutMs: quick ? 180_000 : 900_000,
  seed: 1,
};
/**
 * The edge (bench/edge.ts): workerd + sqld. Each redemption through the Worker is a few dozen
 * milliseconds of round trips on loopback and far more with the delay: counts, not durations,
 * bound these runs. The quick run keeps one of each measurement.
 */
export const EDGE: EdgeOptions = quick
  ? { samples: 1, latencyRedemptions: 5, rttMs: 50, counters: 4, perCounter: 5 }
  : { samples: 3, latencyRedemptions: 40, rttMs: 50, counters: 4, perCounter: 100 };
export const PAGES = ['/', '/deliberations/', '/deliberations/1/', '/charity/', '/me/'];

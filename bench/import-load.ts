/**
 * A resident import beside the counter (issue 20): the operator's CLI (`linli import-residents`)
 * writes N residents into the file the running server writes to, in another process, while
 * merchants redeem at c=16. The redemptions' p99 during the import is read against their p99 just
 * before it on the same server; every redemption must succeed and the import must exit 0.
 *
 * The file has no password and no card column: hashing 100,000 PBKDF2 secrets takes hours of CPU
 * (outside the write lock, by design) and would measure the hashing, not the lock the import
 * shares with the counter.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPOUNDS, GIVEN_NAMES, SURNAMES } from '../db/seed/community';
import { Random } from '../db/seed/random';
import { freshCodes, residentsOf, runLoad, type ServerHandle, signInMany } from './http-load';
import { dataDir, ensureDir, log, round, run, tsNode } from './lib';
import type { LoadResult } from './load';

export interface ImportLoadOptions {
  rows: number;
  concurrency: number;
  /** The normal run: warm-up, then measured. */
  normalMs: number;
  warmupMs: number;
  /** Codes put in place per run during the import (a run that uses them all is followed by another). */
  codesPerRun: number;
  merchants: number;
  /** The import's bound: it failing to finish within it fails the bench. */
  importTimeoutMs: number;
  seed: number;
}

export interface ImportLoadResult {
  rows: number;
  concurrency: number;
  import_exit: number | null;
  /** The CLI's wall time, start-up, reading and checking the file included. */
  import_s: number;
  import_rows_per_s: number;
  import_peak_mb: number;
  normal: LoadResult;
  /** The redemption runs while the import ran: usually one, another each time the codes ran out. */
  during: LoadResult[];
  /** p99 during: that of the one run, or the largest of several (an upper bound: wrk gives percentiles, not latencies). */
  during_p99_ms: number;
  p99_ratio: number;
  /** Redemptions during the import that got any answer but 201 (or none). */
  during_failed: number;
  import_output: string;
}

/** The residents file: logins `imp<n>`, names and addresses drawn as the generator draws them (many households already exist). */
export function residentsCsv(file: string, rows: number, seed: number): string {
  const rng = new Random(seed);
  const lines = ['login,full_name,phone,compound,building,unit,door'];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      `imp${i},${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)},139${String(i).padStart(8, '0')},${rng.pick(COMPOUNDS)},${rng.int(1, 40)}栋,${rng.int(1, 4)}单元,${rng.int(1, 30)}0${rng.int(1, 4)}`,
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const failedOf = (r: LoadResult) => r.requests - r.ok;

export async function measureImportLoad(
  file: string,
  server: ServerHandle,
  o: ImportLoadOptions,
): Promise<ImportLoadResult> {
  const tokens = await signInMany(
    server.origin,
    Array.from({ length: o.merchants }, (_, i) => `merchant${i + 1}`),
  );
  // Codes only for the residents there before the import: the imported ones have no points.
  const residents = await residentsOf(file);
  let n = 0;
  const redeem = async (durationMs: number, warmupMs: number, until?: Promise<unknown>) =>
    runLoad({
      origin: server.origin,
      concurrency: o.concurrency,
      durationMs,
      warmupMs,
      kind: 'redeem',
      tokens,
      codes: await freshCodes(file, o.codesPerRun, o.seed * 1000 + ++n, residents),
      keyPrefix: `import-${Date.now()}-${n}`,
      ...(until ? { until } : {}),
    });

  const normal = await redeem(o.normalMs, o.warmupMs);
  log(
    `import: normal redemptions c=${o.concurrency}: ${normal.per_s}/s p99 ${normal.p99_ms} ms (${normal.ok}/${normal.requests} ok)`,
  );

  const csv = residentsCsv(
    join(ensureDir(join(dataDir, 'tmp')), `import-${o.rows}.csv`),
    o.rows,
    o.seed,
  );
  const [cmd, args] = tsNode('../functions/node/cli.ts');
  let exited = false;
  const importing = run(cmd, [...args, 'import-residents', csv], {
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    allowFail: true,
    timeoutMs: o.importTimeoutMs,
  });
  void importing.then(
    () => (exited = true),
    () => (exited = true),
  );
  const during: LoadResult[] = [];
  // Runs until the import exits (each bounded by the import's own bound); a run that used up its
  // codes is followed by another on fresh ones.
  while (!exited) {
    const r = await redeem(o.importTimeoutMs, 0, importing);
    during.push(r);
    log(
      `import: redemptions during the import c=${o.concurrency}: ${r.per_s}/s p99 ${r.p99_ms} ms over ${r.seconds} s (${r.ok}/${r.requests} ok${Object.keys(r.errors).length ? ` errors ${JSON.stringify(r.errors)}` : ''})`,
    );
  }
  const imported = await importing;
  const seconds = imported.ms / 1000;
  const duringP99 = Math.max(...during.map((r) => r.p99_ms));
  const result: ImportLoadResult = {
    rows: o.rows,
    concurrency: o.concurrency,
    import_exit: imported.code,
    import_s: round(seconds, 2),
    import_rows_per_s: round(o.rows / seconds, 0),
    import_peak_mb: imported.peakMb,
    normal,
    during,
    during_p99_ms: duringP99,
    p99_ratio: round(duringP99 / normal.p99_ms, 2),
    during_failed: during.reduce((s, r) => s + failedOf(r), 0),
    import_output: (imported.stdout + imported.stderr).slice(-1500),
  };
  log(
    `import: ${o.rows} rows in ${result.import_s} s (${result.import_rows_per_s} rows/s, exit ${imported.code}); redemption p99 ${normal.p99_ms} ms before, ${duringP99} ms during → ${result.p99_ratio}×`,
  );
  return result;
}

/** The server runs behind the figures: on a working copy of a generated database, each on a server of its own. */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type CeilingResult, measureCeiling } from './ceiling';
import { problems, sane } from './checks';
import {
  ensureDatabase,
  type GenerateOptions,
  type GenerateSummary,
  generateDatabase,
} from './generate';
import { type HttpResult, measureApi, startServer } from './http-load';
import { copyDatabaseFile, dataDir, ensureDir, log, round } from './lib';
import { http, now, profile, quick, regenerate } from './plan';
import { summarize } from './profile';

export async function prepare(o: GenerateOptions): Promise<GenerateSummary> {
  ensureDir(dataDir);
  return regenerate ? generateDatabase({ ...o, now }) : ensureDatabase({ ...o, now });
}

/** A working copy, so that runs do not grow the generated database. */
export function workingCopy(file: string): string {
  const copy = file.replace(/\.db$/, '-run.db');
  copyDatabaseFile(file, copy);
  return copy;
}

async function ceiling(): Promise<CeilingResult> {
  const c = await measureCeiling({ durationMs: quick ? 1000 : 4000 });
  log(
    `ceiling: ${c.per_s}/s (p50 ${c.p50_ms} ms, p99 ${c.p99_ms} ms; ${c.journal_mode}, synchronous=${c.synchronous})`,
  );
  return c;
}

export async function apiRun(
  db: GenerateSummary,
  label: string,
  levels: number[],
  withCeiling: boolean,
  readers = true,
): Promise<{
  api: HttpResult;
  ceilings: CeilingResult[];
  settings: { journal_mode: string; synchronous: string };
}> {
  const file = workingCopy(db.file);
  const profileDir = profile ? join(dataDir, 'profiles', label) : undefined;
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  const server = await startServer(file, { profileDir });
  const ceilings: CeilingResult[] = [];
  try {
    if (withCeiling) ceilings.push(await ceiling());
    const api = await measureApi(file, server, { ...http(levels), readers: readers ? 64 : 0 });
    if (withCeiling) ceilings.push(await ceiling());
    if (profileDir && existsSync(profileDir)) {
      for (const f of readdirSync(profileDir).sort())
        log(`profile ${label}/${f}:\n${summarize(join(profileDir, f), 25)}`);
    }
    const { createClient } = await import('@libsql/client');
    const c = createClient({ url: `file:${file}` });
    const journal = String((await c.execute('PRAGMA journal_mode')).rows[0]![0]);
    const sync =
      ['OFF', 'NORMAL', 'FULL', 'EXTRA'][
        Number((await c.execute('PRAGMA synchronous')).rows[0]![0])
      ] ?? '?';
    c.close();
    return { api, ceilings, settings: { journal_mode: journal, synchronous: sync } };
  } finally {
    await server.stop();
  }
}

interface GrowthRun {
  database: 'small' | 'big';
  per_s: number;
  p99_ms: number;
  server_cpu_ms_per_req: number;
}

/**
 * Growth in pairs: 64-client redemptions on the small and the big database alternately (small, big,
 * big, small), each on a server of its own started just before, so both see the same machine. The
 * level runs before it are minutes apart, and on a shared machine the load changes within minutes
 * (the ratio of two such runs has ranged from 0.9 to 2.7 with the same code); alternating cancels
 * a drift, and summing each side's two runs halves the weight of any one noisy run.
 */
export async function growthPairs(
  smallDb: GenerateSummary,
  bigDb: GenerateSummary,
): Promise<{ runs: GrowthRun[]; ratio: number; cpu_ratio: number }> {
  const runs: GrowthRun[] = [];
  const order = ['small', 'big', 'big', 'small'] as const;
  for (const [i, database] of order.entries()) {
    const file = workingCopy((database === 'small' ? smallDb : bigDb).file);
    const server = await startServer(file);
    try {
      const {
        redeem: [level],
      } = await measureApi(file, server, { ...http([64]), readers: 0, seed: 100 + i });
      runs.push({
        database,
        per_s: level!.per_s,
        p99_ms: level!.p99_ms,
        server_cpu_ms_per_req: level!.server_cpu_ms_per_req,
      });
      if (level!.ok !== level!.requests)
        problems.push(`growth pair (${database}): failures ${JSON.stringify(level!.errors)}`);
      sane(`growth pair (${database}) per_s`, level!.per_s);
    } finally {
      await server.stop();
    }
  }
  const sum = (db: GrowthRun['database'], key: 'per_s' | 'server_cpu_ms_per_req') =>
    runs.filter((x) => x.database === db).reduce((t, x) => t + x[key], 0);
  const ratio = round(sum('big', 'per_s') / sum('small', 'per_s'), 2);
  const cpu_ratio = round(
    sum('big', 'server_cpu_ms_per_req') / sum('small', 'server_cpu_ms_per_req'),
    2,
  );
  log(
    `growth pairs (small, big, big, small): ${runs.map((x) => `${x.database} ${x.per_s}/s`).join(', ')} → big ÷ small ${ratio} (server CPU per redemption ${cpu_ratio}×)`,
  );
  return { runs, ratio, cpu_ratio };
}

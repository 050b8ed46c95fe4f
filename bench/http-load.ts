/**
 * The API under load, on loopback: the real server (bench/server.ts) in one process, the load
 * generator (wrk, driven by bench/load.ts) in another. Merchants and residents sign in through the API first;
 * one-time redemption codes (what a resident's phone shows at the counter) are put in place
 * between runs, at most five live codes per resident as the app allows, spread over many
 * residents; every request carries a new Idempotency-Key.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { request } from 'undici';
import { DEMO_PASSWORD } from '../db/seed/demo';
import { MAX_LIVE_CODES } from '../functions/domain/counter/codes';
import { benchDir, cpuSeconds, killTree, log, removeDatabaseFile, round, tsNode } from './lib';
import { type LoadResult, runLoad, wrkPath } from './load';

export { runLoad };

export interface ServerHandle {
  origin: string;
  child: ChildProcess;
  /** With profileDir: profiles fn's run alone. */
  profiled<T>(fn: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/** Starts bench/server.ts on the database file; `cpuProfDir` runs it under node --cpu-prof. */
export async function startServer(
  file: string,
  options: {
    siteDir?: string;
    profileDir?: string /** another server script: bench/write-floor-server.ts, or another checkout's bench/server.ts (before/after comparisons) */;
    script?: string;
  } = {},
): Promise<ServerHandle> {
  const [cmd, args] = tsNode('server.ts');
  if (options.script) args[args.length - 1] = options.script;
  const child = spawn(cmd, args, {
    env: {
      ...process.env,
      DATABASE_URL: `file:${file}`,
      PORT: '0',
      ...(options.siteDir ? { BENCH_SITE_DIR: options.siteDir } : {}),
      ...(options.profileDir ? { BENCH_CPU_PROFILE_DIR: options.profileDir } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 60 s\n${stderr}`)),
      60_000,
    );
    child.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/LISTENING (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}\n${stderr}`)));
  });
  let profiles = 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    child,
    profiled: async (fn) => {
      if (!options.profileDir) return fn();
      child.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, 200));
      try {
        return await fn();
      } finally {
        const n = ++profiles;
        const done = new Promise<void>((resolve) => {
          const on = (d: Buffer) => {
            if (String(d).includes(`PROFILED ${n}`)) {
              child.stdout!.off('data', on);
              resolve();
            }
          };
          child.stdout!.on('data', on);
        });
        child.kill('SIGUSR2');
        await done;
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => killTree(child, 'SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export async function signIn(
  origin: string,
  login: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const res = await request(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const body = (await res.body.json()) as { token?: string };
  if (res.statusCode !== 200 || !body.token)
    throw new Error(`sign-in of ${login} failed: ${res.statusCode} ${JSON.stringify(body)}`);
  return body.token;
}

export async function signInMany(origin: string, logins: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < logins.length; i += 8)
    out.push(...(await Promise.all(logins.slice(i, i + 8).map((l) => signIn(origin, l)))));
  return out;
}

const residentIds = async (client: Client) =>
  (await client.execute("SELECT id FROM users WHERE role = 'resident' ORDER BY id")).rows.map((r) =>
    Number(r[0]),
  );

/** Every resident's id, in order. */
export async function residentsOf(file: string): Promise<number[]> {
  const client = createClient({ url: `file:${file}` });
  try {
    return await residentIds(client);
  } finally {
    client.close();
  }
}

/**
 * Replaces every live redemption code with `count` fresh ones for residents picked evenly over the
 * whole directory, or `among` them (at most MAX_LIVE_CODES each), valid for the app's five minutes.
 */
export async function freshCodes(
  file: string,
  count: number,
  seed: number,
  among?: number[],
): Promise<string[]> {
  const client = createClient({ url: `file:${file}`, timeout: 30_000 });
  try {
    const residents = among ?? (await residentIds(client));
    const perResident = Math.min(MAX_LIVE_CODES, Math.ceil(count / residents.length));
    const people = Math.min(residents.length, Math.ceil(count / perResident));
    const stride = residents.length / people;
    const now = new Date();
    const created = now.toISOString();
    const expires = new Date(now.getTime() + 5 * 60_000).toISOString();
    // Distinct 6-digit values from a seeded permutation walk (an LCG over 10^6 is a bijection).
    let x = (seed * 7919) % 1_000_000;
    const codes: string[] = [];
    const rows: Array<[string, number]> = [];
    for (let p = 0; p < people && codes.length < count; p++) {
      const resident = residents[Math.floor(p * stride)]!;
      for (let k = 0; k < perResident && codes.length < count; k++) {
        x = (x * 21 + 7) % 1_000_000; // full period: 21 − 1 divisible by 2 and 5, and by 4 (10^6 is); 7 coprime to 10^6
        const code = String(x).padStart(6, '0');
        codes.push(code);
        rows.push([code, resident]);
      }
    }
    // Interleave so consecutive requests name different residents.
    const order = codes
      .map((_, i) => i)
      .sort((a, b) => (a % perResident) - (b % perResident) || a - b);
    const tx = await client.transaction('write');
    await tx.execute({
      sql: 'UPDATE redeem_codes SET revoked_at = ? WHERE used_at IS NULL AND revoked_at IS NULL',
      args: [created],
    });
    for (let i = 0; i < rows.length; i += 2000) {
      const chunk = rows.slice(i, i + 2000);
      await tx.execute({
        sql: `INSERT INTO redeem_codes (code, resident_id, created_at, expires_at) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(',')}`,
        args: chunk.flatMap(([code, resident]) => [code, resident, created, expires]),
      });
    }
    await tx.commit();
    tx.close();
    return order.map((i) => codes[i]!);
  } finally {
    client.close();
  }
}

export interface RedeemLevel extends LoadResult {
  concurrency: number;
  /** The server process's CPU time per request sent to it (user + system): robust to a noisy machine. */
  server_cpu_ms_per_req: number;
}

const failures = (r: LoadResult) =>
  `${Object.keys(r.errors).length ? ` errors ${JSON.stringify(r.errors)}` : ''}${r.exhausted ? ', requests exhausted' : ''}`;

/** Runs fn and adds the server's CPU milliseconds per request sent to it. */
async function withCpu(
  server: ServerHandle,
  fn: () => Promise<LoadResult>,
): Promise<LoadResult & { server_cpu_ms_per_req: number }> {
  const before = cpuSeconds(server.child.pid!);
  const r = await fn();
  // The requests still in flight when wrk stopped are being finished: let them (they are counted in all_requests).
  await new Promise((resolve) => setTimeout(resolve, 250));
  const used = cpuSeconds(server.child.pid!) - before;
  return { ...r, server_cpu_ms_per_req: round((used * 1000) / Math.max(1, r.all_requests), 3) };
}

export interface HttpOptions {
  levels: number[];
  durationMs: number;
  warmupMs: number;
  merchants: number;
  /** Codes put in place per level (bounds each run's count). */
  codesPerLevel: (concurrency: number) => number;
  readers: number;
  readDurationMs: number;
  seed: number;
  /** Called between levels (e.g. to measure the ceiling next to them). */
  between?: () => Promise<void>;
}

export interface HttpResult {
  /** GET /api/health at the readers' concurrency: what HTTP, the framework and one trivial query cost alone. */
  floor?: LoadResult & { concurrency: number; server_cpu_ms_per_req: number };
  redeem: RedeemLevel[];
  reads?: LoadResult & { concurrency: number; server_cpu_ms_per_req: number };
}

/** Redemptions at each concurrency level, then (if readers > 0) balance reads, on a running server. */
export async function measureApi(
  file: string,
  server: ServerHandle,
  options: HttpOptions,
): Promise<HttpResult> {
  wrkPath(); // fails at once, with how to install it, when the load generator is missing
  const merchantTokens = await signInMany(
    server.origin,
    Array.from({ length: options.merchants }, (_, i) => `merchant${i + 1}`),
  );
  const redeem: RedeemLevel[] = [];
  for (const [n, concurrency] of options.levels.entries()) {
    const codes = await freshCodes(
      file,
      options.codesPerLevel(concurrency),
      options.seed * 100 + n + 1,
    );
    const r = await withCpu(server, () =>
      server.profiled(() =>
        runLoad({
          origin: server.origin,
          concurrency,
          durationMs: options.durationMs,
          warmupMs: options.warmupMs,
          kind: 'redeem',
          tokens: merchantTokens,
          codes,
          keyPrefix: `bench-${Date.now()}-${concurrency}`,
        }),
      ),
    );
    log(
      `redeem c=${concurrency}: ${r.per_s}/s p50 ${r.p50_ms} ms p99 ${r.p99_ms} ms, server CPU ${r.server_cpu_ms_per_req} ms/req, wrk CPU ${r.generator_cpu_ms_per_req} ms/req (${r.ok}/${r.requests} ok${failures(r)})`,
    );
    redeem.push({ concurrency, ...r });
    if (options.between) await options.between();
  }
  let reads: HttpResult['reads'];
  let floor: HttpResult['floor'];
  if (options.readers > 0) {
    const f = await withCpu(server, () =>
      runLoad({
        origin: server.origin,
        concurrency: options.readers,
        durationMs: options.readDurationMs,
        warmupMs: options.warmupMs,
        kind: 'health',
        tokens: [],
      }),
    );
    log(
      `GET /api/health c=${options.readers}: ${f.per_s}/s p50 ${f.p50_ms} ms p99 ${f.p99_ms} ms, server CPU ${f.server_cpu_ms_per_req} ms/req, wrk CPU ${f.generator_cpu_ms_per_req} ms/req (${f.ok}/${f.requests} ok${failures(f)})`,
    );
    floor = { concurrency: options.readers, ...f };
    const residentTokens = await signInMany(
      server.origin,
      Array.from({ length: options.readers }, (_, i) => `resident${i + 1}`),
    );
    const r = await withCpu(server, () =>
      server.profiled(() =>
        runLoad({
          origin: server.origin,
          concurrency: options.readers,
          durationMs: options.readDurationMs,
          warmupMs: options.warmupMs,
          kind: 'me',
          tokens: residentTokens,
        }),
      ),
    );
    log(
      `GET /api/me c=${options.readers}: ${r.per_s}/s p50 ${r.p50_ms} ms p99 ${r.p99_ms} ms, server CPU ${r.server_cpu_ms_per_req} ms/req, wrk CPU ${r.generator_cpu_ms_per_req} ms/req (${r.ok}/${r.requests} ok${failures(r)})`,
    );
    reads = { concurrency: options.readers, ...r };
  }
  return { floor, redeem, reads };
}

/**
 * The write floor (bench/write-floor-server.ts) at `concurrency` clients, on a database file of its
 * own: durable writes over HTTP with nothing of the portal's in the way.
 */
export async function measureWriteFloor(
  file: string,
  options: { concurrency: number; durationMs: number; warmupMs: number },
): Promise<LoadResult & { concurrency: number; server_cpu_ms_per_req: number }> {
  wrkPath();
  removeDatabaseFile(file);
  const server = await startServer(file, { script: join(benchDir, 'write-floor-server.ts') });
  try {
    const r = await withCpu(server, () =>
      runLoad({
        origin: server.origin,
        concurrency: options.concurrency,
        durationMs: options.durationMs,
        warmupMs: options.warmupMs,
        kind: 'write-floor',
        tokens: [],
      }),
    );
    log(
      `write floor c=${options.concurrency}: ${r.per_s}/s p50 ${r.p50_ms} ms p99 ${r.p99_ms} ms, server CPU ${r.server_cpu_ms_per_req} ms/req, wrk CPU ${r.generator_cpu_ms_per_req} ms/req (${r.ok}/${r.requests} ok${failures(r)})`,
    );
    return { concurrency: options.concurrency, ...r };
  } finally {
    await server.stop();
    removeDatabaseFile(file);
  }
}

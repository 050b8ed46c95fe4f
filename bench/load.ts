/**
 * The load generator: wrk (C, epoll; Debian package `wrk` 4.1.0) with bench/wrk/load.lua, in its
 * own process, one thread (the server under test needs the other core), `concurrency` keep-alive
 * connections, each sending its next request as soon as the previous one answered (closed loop).
 * It costs about a tenth of the CPU per request of a Node client, which on a 2-core machine took
 * about as much CPU as the server it was measuring.
 *
 * Every request comes from a list prepared here (raw HTTP, NUL-separated): a redemption's one-time
 * code and Idempotency-Key are never sent twice (the list is used once; when it runs out the run
 * ends early and says so: `exhausted`), reads go round their list. A warm-up run (its own requests,
 * not counted) comes first, then the measured run; both are bounded by time and by count.
 * Latency percentiles come from wrk's own histogram (raw: see the note in load.lua on wrk's
 * coordinated-omission correction), from sending a request to the last byte of its answer.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { benchDir, dataDir, ensureDir, log } from './lib';

export interface LoadPlan {
  origin: string;
  concurrency: number;
  durationMs: number;
  /** A run of this length first, on its own requests, not counted (connections and JIT warm up). */
  warmupMs: number;
  /**
   * redeem: POST /api/counter/redemptions; me: GET /api/me; health: GET /api/health (the HTTP and
   * framework floor: one trivial query); write-floor: a small JSON POST to bench/write-floor-server.ts.
   */
  kind: 'redeem' | 'me' | 'health' | 'write-floor';
  tokens: string[];
  /** redeem: one one-time code per request, never reused. */
  codes?: string[];
  keyPrefix?: string;
  /** The measured run also ends when this settles (e.g. a process it runs beside exits), durationMs staying its bound. */
  until?: Promise<unknown>;
}

export interface LoadResult {
  /** Requests of the measured run that were answered, or failed at the socket. */
  requests: number;
  /**
   * Every request sent to the server, warm-up included (the denominator of the server's CPU per
   * request: up to `concurrency` of them are still in flight when each wrk run stops, and the server
   * does their work all the same).
   */
  all_requests: number;
  ok: number;
  /** Any answer but the one that counts, by status; socket errors by kind (socket_connect, socket_read, socket_write, over_timeout). */
  errors: Record<string, number>;
  /** The measured run's duration as wrk measured it. */
  seconds: number;
  warmup_s: number;
  /** ok ÷ seconds. */
  per_s: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  /** The prepared requests ran out before the duration: the measured run ended early (figures stay honest, over its shorter time). */
  exhausted?: boolean;
  /**
   * The load generator's own CPU time (user + system, from /proc) per request sent while it was
   * sending — warm-up included; wrk's start-up and reading of its request file (done before its
   * clock starts, while the server waits) excluded.
   */
  generator_cpu_ms_per_req?: number;
}

/** wrk's threads (-t): 1, so that the generator takes at most one of the machine's cores (BENCH_WRK_THREADS to try others). */
const threads = () => Math.max(1, Number(process.env.BENCH_WRK_THREADS ?? 1) || 1);
/** wrk's --timeout bounds its latency histogram (a longer answer is counted as `over_timeout`, a failure). */
const TIMEOUT_S = 30;
/** In cycle mode (reads) at most this many requests per wrk run: the count bound. */
const MAX_PER_RUN = 2_000_000;
const SCRIPT = join(benchDir, 'wrk', 'load.lua');

/** The wrk executable (BENCH_WRK, or wrk on PATH); throws a clear error when it is missing. */
export function wrkPath(): string {
  const candidates = process.env.BENCH_WRK
    ? [process.env.BENCH_WRK]
    : (process.env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, 'wrk'));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      /* next */
    }
  }
  throw new Error(
    `wrk, the HTTP load generator of the bench, is not installed${process.env.BENCH_WRK ? ` at BENCH_WRK=${process.env.BENCH_WRK}` : ' (not on PATH)'}: ` +
      'install the Debian package (`apt-get install wrk`, 4.1.0); .ci/run installs it when missing',
  );
}

interface WrkRun {
  sent: number;
  /** Index of the first request no run has used yet. */
  next: number;
  answered: number;
  ok: number;
  statuses: Record<string, number>;
  exhausted: number;
  duration_us: number;
  socket_errors: { connect: number; read: number; write: number; timeout: number };
  p50_us: number;
  p90_us: number;
  p99_us: number;
  max_us: number;
  latency: 'raw' | 'corrected';
  latency_note?: string;
  /** CPU time of the wrk process, all of it / from the start of its clock (after reading its request file). */
  cpu_ticks: number;
  run_cpu_ticks: number;
  clock_ticks_per_s: number;
}

/** The raw HTTP request(s) of a plan, and whether the list is used once (redemptions) or goes round (reads). */
function requestsOf(plan: LoadPlan): { requests: string[]; cycle: boolean; okStatus: number } {
  const host = new URL(plan.origin).host;
  const head = (method: string, path: string, headers: Record<string, string>) =>
    `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`;
  if (plan.kind === 'redeem') {
    const prefix = plan.keyPrefix ?? `bench-${Date.now()}`;
    const requests = (plan.codes ?? []).map((code, i) => {
      const body = JSON.stringify({ code, points: 1 });
      return (
        head('POST', '/api/counter/redemptions', {
          Authorization: `Bearer ${plan.tokens[i % plan.tokens.length]}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': `${prefix}-${i}`,
          'Content-Length': String(Buffer.byteLength(body)),
        }) + body
      );
    });
    return { requests, cycle: false, okStatus: 201 };
  }
  if (plan.kind === 'write-floor') {
    const body = JSON.stringify({ code: '000000', points: 1 });
    return {
      requests: [
        head('POST', '/floor', {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
        }) + body,
      ],
      cycle: true,
      okStatus: 201,
    };
  }
  if (plan.kind === 'me')
    return {
      requests: plan.tokens.map((t) => head('GET', '/api/me', { Authorization: `Bearer ${t}` })),
      cycle: true,
      okStatus: 200,
    };
  return { requests: [head('GET', '/api/health', {})], cycle: true, okStatus: 200 };
}

/**
 * One wrk run of durationMs over the request file from index `skip`. wrk takes whole seconds, so a
 * duration that is not one is ended by SIGINT (which wrk handles as the end of its duration); so is
 * a run whose requests ran out (load.lua says WRK_EXHAUSTED), instead of idling to its end.
 */
function wrkRun(
  wrk: string,
  plan: LoadPlan,
  file: string,
  okStatus: number,
  cycle: boolean,
  skip: number,
  durationMs: number,
  until?: Promise<unknown>,
): Promise<WrkRun> {
  const wholeSeconds = durationMs % 1000 === 0;
  let ready = false;
  let ended = false;
  const THREADS = Math.min(threads(), plan.concurrency);
  const args = [
    '-t',
    String(THREADS),
    '-c',
    String(plan.concurrency),
    '-d',
    `${Math.max(1, Math.ceil(durationMs / 1000))}s`,
    '--timeout',
    `${TIMEOUT_S}s`,
    '-s',
    SCRIPT,
    `${plan.origin}/`,
  ];
  const env = {
    ...process.env,
    LINLI_WRK_PLAN: file,
    LINLI_WRK_OK: String(okStatus),
    LINLI_WRK_THREADS: String(THREADS),
    LINLI_WRK_CONNECTIONS: String(plan.concurrency),
    LINLI_WRK_SKIP: String(skip),
    LINLI_WRK_CYCLE: cycle ? '1' : '0',
    LINLI_WRK_MAX: String(Math.ceil(MAX_PER_RUN / THREADS)),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(wrk, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      child.kill('SIGINT');
    };
    // A hard bound, whatever happens: the duration plus start-up and the stop.
    const guard = setTimeout(() => {
      stderr += '\n[bench] wrk did not end in time';
      child.kill('SIGKILL');
    }, durationMs + 60_000);
    child.stdout.on('data', (d) => (stdout += d));
    // Stopped before its clock started, wrk would print no result: an early end waits for WRK_READY.
    const end = () => {
      ended = true;
      if (ready) stop();
    };
    void until?.then(end, end);
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!ready && stderr.includes('WRK_READY')) {
        ready = true;
        if (ended) stop();
      }
      if (!wholeSeconds && timer === undefined && ready) timer = setTimeout(stop, durationMs);
      if (stderr.includes('WRK_EXHAUSTED')) stop();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('WRK_RESULT '));
      if (code !== 0 || !line)
        return reject(
          new Error(
            `wrk ${args.join(' ')} ended ${signal ?? code} without a result\n${(stderr + stdout).slice(-3000)}`,
          ),
        );
      resolve(JSON.parse(line.slice('WRK_RESULT '.length)) as WrkRun);
    });
  });
}

let planSeq = 0;
/** Runs a plan (warm-up, then the measured run) with wrk; see the file's comment. */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const wrk = wrkPath();
  const { requests, cycle, okStatus } = requestsOf(plan);
  if (requests.length === 0) throw new Error(`load plan ${plan.kind} has no requests`);
  if (requests.some((r) => r.includes('\0'))) throw new Error('a prepared request contains NUL');
  const file = join(ensureDir(join(dataDir, 'tmp')), `wrk-plan-${process.pid}-${planSeq++}.bin`);
  writeFileSync(file, `${requests.join('\0')}\0`);
  try {
    const warm =
      plan.warmupMs > 0
        ? await wrkRun(wrk, plan, file, okStatus, cycle, 0, plan.warmupMs)
        : undefined;
    const skip = cycle ? 0 : (warm?.next ?? 0);
    const measured: WrkRun | undefined =
      skip < requests.length
        ? await wrkRun(wrk, plan, file, okStatus, cycle, skip, plan.durationMs, plan.until)
        : undefined;
    const runs = [warm, measured].filter((r): r is WrkRun => r !== undefined);
    for (const r of runs)
      if (r.latency !== 'raw')
        log(`wrk: latency percentiles are wrk's corrected ones (${r.latency_note ?? '?'})`);
    const m = measured;
    const errors: Record<string, number> = {};
    if (m) {
      for (const [status, n] of Object.entries(m.statuses)) errors[status] = n;
      for (const [kind, n] of Object.entries(m.socket_errors))
        if (n > 0) errors[kind === 'timeout' ? 'over_timeout' : `socket_${kind}`] = n;
    }
    const socketFailures = m
      ? m.socket_errors.connect +
        m.socket_errors.read +
        m.socket_errors.write +
        m.socket_errors.timeout
      : 0;
    const seconds = m ? m.duration_us / 1e6 : 0;
    const exhausted = !m || m.exhausted > 0;
    const ms = (us: number | undefined) =>
      m && m.answered > 0 && us !== undefined ? Math.round(us / 10) / 100 : NaN;
    const sent = runs.reduce((s, r) => s + r.sent, 0);
    const cpuS = runs.reduce(
      (s, r) => s + (r.run_cpu_ticks >= 0 ? r.run_cpu_ticks : r.cpu_ticks) / r.clock_ticks_per_s,
      0,
    );
    if (exhausted) {
      const what = cycle
        ? `reached its bound of ${MAX_PER_RUN} requests`
        : `ran out of its ${requests.length} prepared requests`;
      log(
        `load ${plan.kind} c=${plan.concurrency}: ${what} ${m ? `after ${seconds.toFixed(2)} s of the measured run` : 'in the warm-up'} (exhausted)`,
      );
    }
    return {
      requests: (m?.answered ?? 0) + socketFailures,
      all_requests: sent,
      ok: m?.ok ?? 0,
      errors,
      seconds: Math.round(seconds * 100) / 100,
      warmup_s: Math.round((warm?.duration_us ?? 0) / 1e4) / 100,
      per_s: seconds > 0 ? Math.round((m?.ok ?? 0) / seconds) : 0,
      p50_ms: ms(m?.p50_us),
      p90_ms: ms(m?.p90_us),
      p99_ms: ms(m?.p99_us),
      max_ms: ms(m?.max_us),
      ...(exhausted ? { exhausted: true } : {}),
      generator_cpu_ms_per_req: sent > 0 ? Math.round((cpuS * 1e6) / sent) / 1000 : NaN,
    };
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * The load generator, as its own process so that its CPU is not the server's: `concurrency`
 * clients, each with its own keep-alive connection (undici Pool), each sending its next request as
 * soon as the previous one answered (closed loop), until the duration or the supply of requests
 * runs out. Reads its plan from the JSON file named by argv[2]; prints its result as JSON.
 */
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';

export interface LoadPlan {
  origin: string;
  concurrency: number;
  durationMs: number;
  /** Requests started before this are not counted (connections and JIT warm up). */
  warmupMs: number;
  /** redeem: POST /api/counter/redemptions; me: GET /api/me; health: GET /api/health (the HTTP and framework floor: one trivial query). */
  kind: 'redeem' | 'me' | 'health';
  tokens: string[];
  /** redeem: one one-time code per request, never reused. */
  codes?: string[];
  keyPrefix?: string;
}

export interface LoadResult {
  requests: number;
  /** Every request answered, warm-up included. */
  all_requests: number;
  ok: number;
  errors: Record<string, number>;
  seconds: number;
  warmup_s: number;
  per_s: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
}

const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadPlan;
const pool = new Pool(plan.origin, { connections: plan.concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
const latencies = new Float64Array(2_000_000);
let counted = 0;
let okCount = 0;
const errors: Record<string, number> = {};
let next = 0;
let all = 0;

const t0 = performance.now();
const warmEnd = t0 + plan.warmupMs;
const end = warmEnd + plan.durationMs;
let measuredFrom = Infinity;
let measuredTo = 0;

async function client(): Promise<void> {
  while (performance.now() < end) {
    const i = next++;
    let request: Parameters<Pool['request']>[0];
    if (plan.kind === 'redeem') {
      const code = plan.codes![i];
      if (code === undefined) return;
      request = {
        method: 'POST',
        path: '/api/counter/redemptions',
        headers: { authorization: `Bearer ${plan.tokens[i % plan.tokens.length]}`, 'content-type': 'application/json', 'idempotency-key': `${plan.keyPrefix ?? 'bench'}-${i}` },
        body: JSON.stringify({ code, points: 1 }),
      };
    } else if (plan.kind === 'me') {
      request = { method: 'GET', path: '/api/me', headers: { authorization: `Bearer ${plan.tokens[i % plan.tokens.length]}` } };
    } else {
      request = { method: 'GET', path: '/api/health' };
    }
    const s = performance.now();
    let status = 0;
    try {
      const res = await pool.request(request);
      status = res.statusCode;
      await res.body.text();
    } catch (error) {
      errors[(error as Error).name] = (errors[(error as Error).name] ?? 0) + 1;
    }
    const e = performance.now();
    all++;
    if (s >= warmEnd) {
      latencies[counted++] = e - s;
      measuredFrom = Math.min(measuredFrom, s);
      measuredTo = Math.max(measuredTo, e);
      const good = plan.kind === 'redeem' ? status === 201 : status === 200;
      if (good) okCount++;
      else if (status) errors[String(status)] = (errors[String(status)] ?? 0) + 1;
    }
  }
}

await Promise.all(Array.from({ length: plan.concurrency }, () => client()));
await pool.close();
const sorted = latencies.subarray(0, counted).sort();
const at = (p: number) => (counted === 0 ? NaN : sorted[Math.min(counted - 1, Math.max(0, Math.ceil((p / 100) * counted) - 1))]!);
const seconds = Math.max(1e-9, (measuredTo - measuredFrom) / 1000);
const r2 = (x: number) => Math.round(x * 100) / 100;
const result: LoadResult = {
  requests: counted,
  all_requests: all,
  ok: okCount,
  errors,
  seconds: r2(seconds),
  warmup_s: r2((measuredFrom - t0) / 1000),
  per_s: Math.round(okCount / seconds),
  p50_ms: r2(at(50)),
  p90_ms: r2(at(90)),
  p99_ms: r2(at(99)),
  max_ms: r2(at(100)),
};
process.stdout.write(JSON.stringify(result) + '\n');

/**
 * The edge part of `npm run bench` (issue 22): the Worker in workerd (`wrangler dev`, local mode)
 * on sqld, libSQL's server, with a TCP proxy between them that counts the database round trips of
 * each request and can add a fixed delay to each (tests/helpers/edge-stack.ts, shared with the
 * edge tests). It measures what the write paths cost as they are, not what they are meant to cost:
 * round trips per redemption and per 50-line award batch, a redemption's latency with a fixed delay
 * per round trip, and redemptions per second through the Worker with no added delay.
 */
import { createDatabase, type Database } from '../db/client';
import { DEMO_PASSWORD, DEMO_PIN } from '../db/seed/demo';
import { issueRedeemCode, MAX_LIVE_CODES } from '../functions/domain/counter/codes';
import { award } from '../functions/domain/ledger/commands';
import { createMerchant, createResident, createStaff } from '../functions/domain/people/directory';
import { startMigratedSqld, startTripProxy, startWorker } from '../tests/helpers/edge-stack';
import { BENCH_ITERATIONS } from './generate';
import { log, percentile, round } from './lib';

export interface EdgeOptions {
  /** Requests per round-trip count (the median is the figure; all go to details). */
  samples: number;
  /** Redemptions one after another with `rttMs` added per round trip: the latency figure. */
  latencyRedemptions: number;
  rttMs: number;
  /** Counters redeeming at once with no added delay, each for residents of its own. */
  counters: number;
  perCounter: number;
  /** Lines of the award batch whose round trips are counted. */
  awardLines: number;
}

export interface EdgeRun {
  requests: number;
  ok: number;
  errors: Record<string, number>;
  seconds: number;
  per_s: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
}

export interface EdgeResult {
  /** The larger of a redemption's by one-time code and by card + PIN (medians of `samples`). */
  redeem_round_trips: number;
  /** The largest of the award batch's requests (creation, and its approval when it waits for one). */
  award50_round_trips: number;
  redeem_p50_ms_rtt50: number;
  redeem_per_s: number;
  /** Each counted request's HTTP statuses, by what it was. */
  statuses: Record<string, number[]>;
  runs: { latency: EdgeRun; throughput: EdgeRun };
  /** The redemptions the ledger holds at the end are exactly the ones answered 201. */
  ledger_matches: boolean;
  details: Record<string, unknown>;
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const HOURS = 3600_000;
const QUIET_MS = 100;

interface Community {
  staff: number;
  merchants: number[];
  residents: number[];
}

/** A community on a fresh migrated sqld database, written directly (not through the proxy): staff, merchants, residents with cards and points. */
async function provision(database: Database, merchants: number, residents: number) {
  const now = new Date(Date.now() - HOURS);
  const hashing = { iterations: BENCH_ITERATIONS };
  const c: Community = { staff: 0, merchants: [], residents: [] };
  await database.write(async (tx) => {
    c.staff = await createStaff(
      tx,
      { login: 'staff1', password: DEMO_PASSWORD, displayName: '王主任' },
      now,
      hashing,
    );
    await createStaff(
      tx,
      { login: 'staff2', password: DEMO_PASSWORD, displayName: '李会计', role: 'accountant' },
      now,
      hashing,
    );
    for (let i = 1; i <= merchants; i++)
      c.merchants.push(
        await createMerchant(
          tx,
          {
            login: `merchant${i}`,
            password: DEMO_PASSWORD,
            shopName: `便民店 ${i}`,
            category: '便利店',
            address: `幸福路 ${i} 号`,
            offer: '积分抵扣',
          },
          now,
          hashing,
        ),
      );
  });
  // Short transactions: sqld ends an interactive one that holds the write lock for 5 s.
  for (let i = 1; i <= residents; i += 10)
    await database.write(async (tx) => {
      for (let k = i; k < Math.min(i + 10, residents + 1); k++) {
        const id = await createResident(
          tx,
          {
            login: `resident${k}`,
            password: DEMO_PASSWORD,
            fullName: `居民${k}`,
            card: { cardNo: `C${String(k).padStart(4, '0')}`, pin: DEMO_PIN },
          },
          now,
          hashing,
        );
        await award(
          tx,
          { actorId: c.staff, now },
          { residentId: id, points: 1000, reason: '基准测试初始积分' },
        );
        c.residents.push(id);
      }
    });
  return c;
}

/** Up to MAX_LIVE_CODES one-time codes per resident, interleaved so consecutive ones name different residents. */
async function codesFor(database: Database, residents: number[], count: number) {
  const now = new Date();
  const perResident = Math.min(MAX_LIVE_CODES, Math.ceil(count / residents.length));
  const rounds: string[][] = [];
  await database.write(async (tx) => {
    for (let k = 0; k < perResident; k++) {
      const round: string[] = [];
      for (const r of residents) round.push((await issueRedeemCode(tx, r, now)).code);
      rounds.push(round);
    }
  });
  const codes = rounds.flat().slice(0, count);
  if (codes.length < count) throw new Error(`only ${codes.length} codes for ${count} redemptions`);
  return codes;
}

let keys = 0;
const idempotencyKey = () => `bench-edge-${process.pid}-${++keys}`;

async function api(
  origin: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${origin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined
        ? {}
        : { 'content-type': 'application/json', 'idempotency-key': idempotencyKey() }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const signInAt = (origin: string, login: string) =>
  api(origin, '/api/auth/login', undefined, { login, password: DEMO_PASSWORD });

function tokenOf(login: string, r: Awaited<ReturnType<typeof api>>): string {
  if (r.status !== 200 || typeof r.body.token !== 'string')
    throw new Error(`edge: sign-in of ${login} answered ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** Counters redeeming at once, each its own codes one after another: latencies and rate. */
async function redeemRun(
  origin: string,
  counters: Array<{ token: string; codes: string[] }>,
): Promise<EdgeRun> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const t0 = performance.now();
  await Promise.all(
    counters.map(async ({ token, codes }) => {
      for (const code of codes) {
        const t = performance.now();
        const r = await api(origin, '/api/counter/redemptions', token, { code, points: 1 });
        latencies.push(performance.now() - t);
        if (r.status !== 201) {
          const e = `${r.status} ${String((r.body.error as { code?: string })?.code ?? '')}`;
          errors[e] = (errors[e] ?? 0) + 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const failed = Object.values(errors).reduce((s, n) => s + n, 0);
  return {
    requests: latencies.length,
    ok: latencies.length - failed,
    errors,
    seconds: round(seconds, 2),
    per_s: round((latencies.length - failed) / seconds, 1),
    p50_ms: round(percentile(sorted, 50), 1),
    p99_ms: round(percentile(sorted, 99), 1),
    max_ms: round(sorted[sorted.length - 1] ?? NaN, 1),
  };
}

export async function measureEdge(o: EdgeOptions): Promise<EdgeResult> {
  const t0 = performance.now();
  const pool = (n: number) => Math.ceil(n / MAX_LIVE_CODES);
  const sizes = {
    trips: pool(o.samples),
    latency: pool(o.latencyRedemptions),
    counter: pool(o.perCounter),
  };
  const needed = sizes.trips + sizes.latency + o.counters * sizes.counter;
  const sqld = await startMigratedSqld();
  const stops: Array<() => Promise<void>> = [() => sqld.stop()];
  try {
    const database = createDatabase({ url: sqld.url });
    stops.push(async () => database.close());
    const c = await provision(database, o.counters, Math.max(needed, o.awardLines));
    log(`edge: community on sqld (${round((performance.now() - t0) / 1000)} s)`);
    // Two Workers, one behind each proxy: no delay (counts, rate) and rttMs per round trip.
    const target = { host: sqld.host, port: sqld.port };
    const direct = await startTripProxy({ target });
    stops.push(() => direct.stop());
    const delayed = await startTripProxy({ target, delayMs: o.rttMs });
    stops.push(() => delayed.stop());
    const [worker, slow] = await Promise.all([
      startWorker({ databaseUrl: direct.url('http') }),
      startWorker({ databaseUrl: delayed.url('http') }),
    ]);
    stops.push(
      () => worker.stop(),
      () => slow.stop(),
    );
    log(`edge: two Workers up (${round((performance.now() - t0) / 1000)} s)`);

    // A request's round trips include any it makes after answering (work left to waitUntil, a
    // stream closed late): counted once the proxy has been quiet for QUIET_MS.
    const counted = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
      direct.reset();
      const value = await fn();
      for (let seen = -1; seen !== direct.trips(); ) {
        seen = direct.trips();
        await new Promise((r) => setTimeout(r, QUIET_MS));
      }
      return [direct.trips(), value];
    };
    const trips: Record<string, number[]> = {};
    const statuses: Record<string, number[]> = {};
    const count = async (what: string, fn: () => ReturnType<typeof api>) => {
      const [n, r] = await counted(fn);
      trips[what] = [...(trips[what] ?? []), n];
      statuses[what] = [...(statuses[what] ?? []), r.status];
      return r;
    };

    const login = async (role: string, name: string) =>
      tokenOf(name, await count(`login_${role}`, () => signInAt(worker.url, name)));
    const merchants: string[] = [];
    for (let i = 1; i <= o.counters; i++) merchants.push(await login('merchant', `merchant${i}`));
    const staff = await login('staff', 'staff1');
    const accountant = await login('staff', 'staff2');
    const resident = await login('resident', 'resident1');
    let next = 0;
    const take = (n: number) => {
      next += n;
      return c.residents.slice(next - n, next);
    };

    const tripResidents = take(sizes.trips);
    const tripCodes = await codesFor(database, tripResidents, o.samples);
    for (const code of tripCodes) {
      await count('redeem_code', () =>
        api(worker.url, '/api/counter/redemptions', merchants[0], { code, points: 1 }),
      );
      await count('redeem_card', () =>
        api(worker.url, '/api/counter/redemptions', merchants[0], {
          card: 'C0001',
          pin: DEMO_PIN,
          points: 1,
        }),
      );
      await count('me', () => api(worker.url, '/api/me', resident));
    }
    const lines = c.residents
      .slice(0, o.awardLines)
      .map((residentId) => ({ residentId, points: 10 }));
    const created = await count('award_batch_create', () =>
      api(worker.url, '/api/staff/award-batches', staff, { reason: '基准测试批量奖励', lines }),
    );
    const awardRequests = ['award_batch_create'];
    if (created.status === 202) {
      await count('award_batch_approve', () =>
        api(worker.url, `/api/staff/award-batches/${created.body.id}/approve`, accountant, {}),
      );
      awardRequests.push('award_batch_approve');
    }
    log(`edge: round trips ${JSON.stringify(trips)}`);

    const latencyCodes = await codesFor(database, take(sizes.latency), o.latencyRedemptions);
    const slowMerchant = tokenOf('merchant1', await signInAt(slow.url, 'merchant1'));
    const latency = await redeemRun(slow.url, [{ token: slowMerchant, codes: latencyCodes }]);
    log(
      `edge: ${latency.requests} redemptions, ${o.rttMs} ms per round trip: p50 ${latency.p50_ms} ms, p99 ${latency.p99_ms} ms`,
    );

    const counters: Array<{ token: string; codes: string[] }> = [];
    for (const token of merchants)
      counters.push({ token, codes: await codesFor(database, take(sizes.counter), o.perCounter) });
    const throughput = await redeemRun(worker.url, counters);
    log(
      `edge: ${o.counters} counters, no added delay: ${throughput.per_s}/s, p50 ${throughput.p50_ms} ms, p99 ${throughput.p99_ms} ms (${throughput.ok}/${throughput.requests} ok)`,
    );

    const answered = statuses.redeem_code!.concat(statuses.redeem_card!).filter((s) => s === 201);
    const inLedger = await database.client.execute(
      "SELECT count(*) FROM ledger_entries WHERE kind = 'redemption'",
    );
    const redemptions = Number(inLedger.rows[0]?.[0]);
    const expected = answered.length + latency.ok + throughput.ok;
    return {
      redeem_round_trips: Math.max(median(trips.redeem_code!), median(trips.redeem_card!)),
      award50_round_trips: Math.max(...awardRequests.map((k) => median(trips[k]!))),
      redeem_p50_ms_rtt50: latency.p50_ms,
      redeem_per_s: throughput.per_s,
      statuses,
      runs: { latency, throughput },
      ledger_matches: redemptions === expected,
      details: {
        round_trips: trips,
        award_lines: o.awardLines,
        rtt_ms: o.rttMs,
        latency,
        throughput: { counters: o.counters, ...throughput },
        ledger: { redemptions, answered_201: expected },
        seconds: round((performance.now() - t0) / 1000),
      },
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch((e) => log(`edge: stop failed ${e}`));
  }
}

/**
 * The edge part of `npm run bench` (issue 22): the Worker in workerd (`wrangler dev`, local mode)
 * on sqld, libSQL's server, with a TCP proxy between them that counts the database round trips of
 * each request and can add a fixed delay to each — the edge tests' own stack and round-trip
 * routine (tests/helpers/edge-trips.ts), so the bench and the tests count alike. It measures what
 * the write paths cost as they are, not what they are meant to cost: round trips per redemption and
 * per 50-line award batch, a redemption's latency with a fixed delay per round trip, and
 * redemptions per second through the Worker with no added delay.
 */
import { createDatabase, type Database } from '../db/client';
import { issueRedeemCode, MAX_LIVE_CODES } from '../functions/domain/counter/codes';
import { award } from '../functions/domain/ledger/commands';
import { createMerchant } from '../functions/domain/people/directory';
import { type Answer, request, signIn } from '../tests/helpers/edge-api';
import {
  measureRequestTrips,
  startTripStack,
  type TripCounts,
  type TripStack,
} from '../tests/helpers/edge-trips';
import { FAST_HASHING, PASSWORD } from '../tests/helpers/fixture';
import { log, percentile, round } from './lib';

export interface EdgeOptions {
  /** Times the round trips of each request are counted (the median is the figure; all go to details). */
  samples: number;
  /** Redemptions one after another with `rttMs` added per round trip: the latency figure. */
  latencyRedemptions: number;
  rttMs: number;
  /** Counters redeeming at once with no added delay, each for residents of its own. */
  counters: number;
  perCounter: number;
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
  /** Redemptions the ledger gained during the run: exactly `ok`, or something is wrong. */
  in_ledger: number;
}

export interface EdgeResult {
  /** The larger of a redemption's by one-time code and by card + PIN (medians of `samples`). */
  redeem_round_trips: number;
  /** The larger of a 50-line award batch's requests (creation, and its approval when it waits for one). */
  award50_round_trips: number;
  redeem_p50_ms_rtt50: number;
  redeem_per_s: number;
  runs: { latency: EdgeRun; throughput: EdgeRun };
  details: Record<string, unknown>;
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/**
 * On top of the stack's fixture community, written directly to sqld (not through the proxy):
 * merchants merchant1…N for the counters, and 1,000 points for each of the stack's extra residents.
 */
async function provision(database: Database, stack: TripStack, merchants: number) {
  const now = new Date();
  const actor = { actorId: stack.fixture.staffId, now };
  await database.write(async (tx) => {
    for (let i = 1; i <= merchants; i++)
      await createMerchant(
        tx,
        {
          login: `merchant${i}`,
          password: PASSWORD,
          shopName: `便民店 ${i}`,
          category: '便利店',
          address: `幸福路 ${i} 号`,
          offer: '积分抵扣',
        },
        now,
        FAST_HASHING,
      );
  });
  // Short transactions: sqld ends an interactive one that holds the write lock for 5 s.
  for (let i = 0; i < stack.extra.length; i += 10)
    await database.write(async (tx) => {
      for (const residentId of stack.extra.slice(i, i + 10))
        await award(tx, actor, { residentId, points: 1000, reason: '基准测试初始积分' });
    });
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

const redemptionsIn = async (database: Database) =>
  Number(
    (await database.client.execute("SELECT count(*) FROM ledger_entries WHERE kind = 'redemption'"))
      .rows[0]?.[0],
  );

/** Counters redeeming at once, each its own codes one after another: latencies and rate. */
async function redeemRun(
  stack: TripStack,
  database: Database,
  counters: Array<{ token: string; codes: string[] }>,
): Promise<EdgeRun> {
  const before = await redemptionsIn(database);
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const t0 = performance.now();
  await Promise.all(
    counters.map(async ({ token, codes }) => {
      for (const code of codes) {
        const t = performance.now();
        const r: Answer = await request(stack.worker.url, 'POST', '/api/counter/redemptions', {
          token,
          key: idempotencyKey(),
          body: { code, points: 1 },
        });
        latencies.push(performance.now() - t);
        if (r.status !== 201) {
          const e = `${r.status} ${r.body?.error?.code ?? ''}`;
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
    in_ledger: (await redemptionsIn(database)) - before,
  };
}

export async function measureEdge(o: EdgeOptions): Promise<EdgeResult> {
  const t0 = performance.now();
  const pool = (n: number) => Math.ceil(n / MAX_LIVE_CODES);
  const perCounter = pool(o.perCounter);
  const stops: Array<() => Promise<void>> = [];
  try {
    // Two stacks (each its own sqld, proxy and Worker): no delay (counts, rate), and rttMs per round trip.
    const started = await Promise.allSettled([
      startTripStack({ extraResidents: Math.max(50, o.counters * perCounter) }),
      startTripStack({ delayMs: o.rttMs, extraResidents: pool(o.latencyRedemptions) }),
    ]);
    for (const s of started) if (s.status === 'fulfilled') stops.push(s.value.stop);
    const [fast, slow] = started.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    }) as [TripStack, TripStack];
    const [fastDb, slowDb] = [fast, slow].map((s) => createDatabase({ url: s.sqld.url }));
    stops.push(
      async () => fastDb!.close(),
      async () => slowDb!.close(),
    );
    await provision(fastDb!, fast, o.counters);
    await provision(slowDb!, slow, 1);
    log(`edge: two stacks up (${round((performance.now() - t0) / 1000)} s)`);

    const samples: TripCounts[] = [];
    for (let i = 0; i < o.samples; i++) samples.push(await measureRequestTrips(fast));
    const trips = Object.fromEntries(
      Object.keys(samples[0]!).map((k) => [k, samples.map((s) => s[k as keyof TripCounts])]),
    ) as Record<keyof TripCounts, number[]>;
    log(`edge: round trips ${JSON.stringify(trips)}`);

    const slowMerchant = await signIn(slow.worker.url, 'merchant1', PASSWORD);
    const latency = await redeemRun(slow, slowDb!, [
      { token: slowMerchant, codes: await codesFor(slowDb!, slow.extra, o.latencyRedemptions) },
    ]);
    log(
      `edge: ${latency.requests} redemptions, ${o.rttMs} ms per round trip: p50 ${latency.p50_ms} ms, p99 ${latency.p99_ms} ms`,
    );

    const counters: Array<{ token: string; codes: string[] }> = [];
    for (let i = 0; i < o.counters; i++)
      counters.push({
        token: await signIn(fast.worker.url, `merchant${i + 1}`, PASSWORD),
        codes: await codesFor(
          fastDb!,
          fast.extra.slice(i * perCounter, (i + 1) * perCounter),
          o.perCounter,
        ),
      });
    const throughput = await redeemRun(fast, fastDb!, counters);
    log(
      `edge: ${o.counters} counters, no added delay: ${throughput.per_s}/s, p50 ${throughput.p50_ms} ms, p99 ${throughput.p99_ms} ms (${throughput.ok}/${throughput.requests} ok)`,
    );

    return {
      redeem_round_trips: Math.max(median(trips.redeemByCode), median(trips.redeemByCard)),
      award50_round_trips: Math.max(median(trips.award50), median(trips.award50Approve)),
      redeem_p50_ms_rtt50: latency.p50_ms,
      redeem_per_s: throughput.per_s,
      runs: { latency, throughput },
      details: {
        round_trips: trips,
        rtt_ms: o.rttMs,
        latency,
        throughput: { counters: o.counters, ...throughput },
        seconds: round((performance.now() - t0) / 1000),
      },
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch((e) => log(`edge: stop failed ${e}`));
  }
}

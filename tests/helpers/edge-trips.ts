import { sql } from 'drizzle-orm';
/**
 * Database round trips of the Worker's requests, counted at the libSQL server: sqld with the
 * test fixture's community, the trip proxy in front of it and the Worker pointed at the proxy.
 * Used by tests/edge/round-trips.test.ts (the targets of issue 22) and by the bench's edge part.
 */
import { createDatabase } from '../../db/client';
import { createResident } from '../../functions/domain/people/directory';
import { request, signIn } from './edge-api';
import {
  type EdgeWorker,
  type Sqld,
  startMigratedSqld,
  startTripProxy,
  startWorker,
  type TripProxy,
} from './edge-stack';
import { FAST_HASHING, type Fixture, PASSWORD, PIN, seedFixture } from './fixture';

export interface TripStack {
  sqld: Sqld;
  proxy: TripProxy;
  worker: EdgeWorker;
  /** The test fixture (tests/helpers/fixture.ts: staff, staff2 the accountant, r1…r3 with cards C9001…, m1, m2). */
  fixture: Fixture;
  /** `extraResidents` more residents (logins edge1…), for award batches. */
  extra: number[];
  stop(): Promise<void>;
}

/**
 * sqld seeded with the fixture (and `extraResidents` more residents), a trip proxy adding
 * `delayMs` per round trip, and the Worker on the proxy's `scheme` URL (http or ws).
 */
export async function startTripStack(
  options: { scheme?: 'http' | 'ws'; delayMs?: number; extraResidents?: number } = {},
): Promise<TripStack> {
  const sqld = await startMigratedSqld();
  const stops: Array<() => Promise<void>> = [() => sqld.stop()];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const database = createDatabase({ url: sqld.url });
    let fixture: Fixture;
    const extra: number[] = [];
    try {
      fixture = await seedFixture(database, new Date());
      await database.write(async (tx) => {
        for (let i = 1; i <= (options.extraResidents ?? 50); i++)
          extra.push(
            await createResident(
              tx,
              { login: `edge${i}`, password: PASSWORD, fullName: `居民${i}` },
              new Date(),
              FAST_HASHING,
            ),
          );
      });
    } finally {
      database.close();
    }
    const proxy = await startTripProxy({ target: sqld, delayMs: options.delayMs ?? 0 });
    stops.push(() => proxy.stop());
    const worker = await startWorker({ databaseUrl: proxy.url(options.scheme ?? 'http') });
    stops.push(() => worker.stop());
    return { sqld, proxy, worker, fixture, extra, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs `work` alone and answers the database round trips it made (and how long it took). */
export async function measureTrips<T>(
  proxy: TripProxy,
  work: () => Promise<T>,
): Promise<{ trips: number; ms: number; value: T }> {
  proxy.reset();
  const started = performance.now();
  const value = await work();
  return { trips: proxy.trips(), ms: performance.now() - started, value };
}

export interface TripCounts {
  login: number;
  me: number;
  redeemByCode: number;
  redeemByCard: number;
  /** Creating a 50-line award batch. */
  award50: number;
  /** The approval by the accountant of the same batch made to wait (over the approval threshold). */
  award50Approve: number;
}

let keys = 0;
const key = () => `trips-${process.pid}-${String(++keys).padStart(6, '0')}`;

/**
 * The round trips of each request of issue 22's targets through the stack's Worker. Each kind is
 * made once first (a Worker's first request also warms its isolate), then measured alone.
 */
export async function measureRequestTrips(stack: TripStack): Promise<TripCounts> {
  const { proxy, worker } = stack;
  const base = worker.url;
  const trips = async (work: () => Promise<{ status: number; body: unknown }>, ok: number) => {
    const measured = await measureTrips(proxy, work);
    if (measured.value.status !== ok)
      throw new Error(
        `expected ${ok}, got ${measured.value.status} ${JSON.stringify(measured.value.body)}`,
      );
    return measured.trips;
  };
  const login = (who: string) => () =>
    request(base, 'POST', '/api/auth/login', { body: { login: who, password: PASSWORD } });
  await trips(login('r1'), 200);
  const counts: Partial<TripCounts> = { login: await trips(login('r1'), 200) };
  const r1 = await signIn(base, 'r1', PASSWORD);
  const shop = await signIn(base, 'm1', PASSWORD);
  const staff = await signIn(base, 'staff', PASSWORD);
  const accountant = await signIn(base, 'staff2', PASSWORD);
  const me = () => request(base, 'GET', '/api/me', { token: r1 });
  await trips(me, 200);
  counts.me = await trips(me, 200);

  // Points to spend: a small award, not measured.
  const award = await request(base, 'POST', '/api/staff/awards', {
    token: staff,
    key: key(),
    body: { residentId: stack.fixture.residents[0], points: 50, reason: '志愿服务' },
  });
  if (award.status !== 201) throw new Error(`award: ${award.status} ${JSON.stringify(award.body)}`);
  const byCode = async () => {
    const issued = await request(base, 'POST', '/api/me/redeem-codes', { token: r1 });
    return () =>
      request(base, 'POST', '/api/counter/redemptions', {
        token: shop,
        key: key(),
        body: { code: issued.body.code, points: 1 },
      });
  };
  await trips(await byCode(), 201);
  counts.redeemByCode = await trips(await byCode(), 201);
  const byCard = () =>
    request(base, 'POST', '/api/counter/redemptions', {
      token: shop,
      key: key(),
      body: { card: stack.fixture.cards[0], pin: PIN, points: 1 },
    });
  await trips(byCard, 201);
  counts.redeemByCard = await trips(byCard, 201);

  const lines = stack.extra.slice(0, 50).map((residentId) => ({ residentId, points: 5 }));
  if (lines.length < 50) throw new Error('startTripStack({ extraResidents }) must be at least 50');
  let created: { status: number; body: { id: number } } | undefined;
  counts.award50 = (
    await measureTrips(proxy, async () => {
      created = await request(base, 'POST', '/api/staff/award-batches', {
        token: staff,
        key: key(),
        body: { reason: '社区清扫', lines },
      });
    })
  ).trips;
  if (created?.status !== 201)
    throw new Error(`award batch: ${created?.status} ${JSON.stringify(created?.body)}`);
  // The same batch over the approval threshold waits for the accountant: its approval is measured
  // too. The threshold is put back afterwards, so that the routine can be run again on the stack.
  await setBatchThreshold(stack, '100');
  const pending = await request(base, 'POST', '/api/staff/award-batches', {
    token: staff,
    key: key(),
    body: { reason: '社区清扫（复核）', lines },
  });
  if (pending.status !== 202)
    throw new Error(
      `award batch over the threshold: ${pending.status} ${JSON.stringify(pending.body)}`,
    );
  counts.award50Approve = await trips(
    () =>
      request(
        base,
        'POST',
        `/api/staff/award-batches/${(pending.body as { id: number }).id}/approve`,
        {
          token: accountant,
          key: key(),
          body: {},
        },
      ),
    201,
  );
  await setBatchThreshold(stack, undefined);
  return counts as TripCounts;
}

/** Sets the per-batch approval threshold directly on the database (undefined: back to the default). */
async function setBatchThreshold(stack: TripStack, value: string | undefined): Promise<void> {
  const settings = createDatabase({ url: stack.sqld.url });
  try {
    await settings.write((tx) =>
      tx.run(
        value === undefined
          ? sql`delete from settings where key = 'award_batch_approval_threshold'`
          : sql`insert into settings (key, value) values ('award_batch_approval_threshold', ${value}) on conflict (key) do update set value = excluded.value`,
      ),
    );
  } finally {
    settings.close();
  }
}

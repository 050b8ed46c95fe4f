import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type CommunityKv,
  communityOf,
  forgetCommunities,
  REGISTRY_TTL_MS,
  RecentlyUsed,
} from '../../functions/edge/communities';
import worker from '../../functions/worker';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { PASSWORD, seedFixture } from '../helpers/fixture';

/**
 * Many communities on one Worker: the hostname chooses the community from the COMMUNITIES KV
 * namespace (a stub here, called as workerd would call the Worker; the bundle itself is checked in
 * worker.test.ts). Both databases hold the same fixture — the same logins — so a leak would pass.
 */

/** Workers KV as far as the Worker uses it, counting reads; list answers two keys per page. */
function fakeKv(entries: Record<string, unknown>) {
  const reads: string[] = [];
  const kv: CommunityKv = {
    get: async (key) => {
      reads.push(key);
      const value = entries[key];
      return value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);
    },
    list: async (options) => {
      const keys = Object.keys(entries).sort();
      const from = Number(options?.cursor ?? 0);
      const page = keys.slice(from, from + 2).map((name) => ({ name }));
      const done = from + 2 >= keys.length;
      return { keys: page, list_complete: done, ...(done ? {} : { cursor: String(from + 2) }) };
    },
  };
  return { kv, reads };
}

const a: TestDatabase[] = [];
let env: ReturnType<typeof makeEnv>;
let reads: string[];

function makeEnv(kv: CommunityKv) {
  return {
    DATABASE_URL: '',
    COMMUNITIES: kv,
    B_TOKEN: 'not-needed-by-a-file',
    ASSETS: {
      fetch: async () => new Response('site', { headers: { 'content-type': 'text/html' } }),
    },
  };
}

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const t = await createTestDatabase();
    await seedFixture(t.database);
    a.push(t);
  }
});
afterAll(() => {
  for (const t of a) t.cleanup();
});
beforeEach(() => {
  forgetCommunities();
  const fake = fakeKv({
    'a.example.org': { name: '甲社区', databaseUrl: a[0]!.url },
    'b.example.org': { name: '乙社区', databaseUrl: a[1]!.url, authTokenVar: 'B_TOKEN' },
    'broken.example.org': { name: '坏', databaseUrl: 'ftp://nowhere' },
  });
  env = makeEnv(fake.kv);
  reads = fake.reads;
});

const call = (host: string, path: string, init: { token?: string; body?: unknown } = {}) =>
  worker.fetch(
    new Request(`https://${host}${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: {
        origin: new URL(`https://${host}`).origin,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    env,
    { waitUntil: () => undefined },
  );

const login = async (host: string, who: string) => {
  const res = await call(host, '/api/auth/login', { body: { login: who, password: PASSWORD } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
};

describe('the Worker with a COMMUNITIES registry', () => {
  it('answers each host from its own database: a session of one is worthless at the other', async () => {
    const tokenA = await login('a.example.org', 'r1');
    expect((await call('a.example.org', '/api/auth/me', { token: tokenA })).status).toBe(200);
    const atB = await call('b.example.org', '/api/auth/me', { token: tokenA });
    expect(atB.status).toBe(401);
    expect(await atB.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const tokenB = await login('B.Example.org', 'r1');
    expect((await call('b.example.org', '/api/auth/me', { token: tokenB })).status).toBe(200);
    // One KV read per host however many requests: the entry is kept in the isolate.
    expect(reads.sort()).toEqual(['a.example.org', 'b.example.org']);
  });

  it('an unknown host gets 421 JSON, a bad entry 503; neither reaches a database', async () => {
    const unknown = await call('c.example.org', '/api/health');
    expect(unknown.status).toBe(421);
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_host' } });
    expect(unknown.headers.get('content-security-policy')).toBeTruthy();
    // Cached too: asked again, answered again, without another read.
    expect((await call('c.example.org', '/api/health')).status).toBe(421);
    expect(reads.filter((r) => r === 'c.example.org')).toHaveLength(1);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = await call('broken.example.org', '/api/auth/me');
    expect(broken.status).toBe(503);
    expect(await broken.json()).toMatchObject({ error: { code: 'community_unavailable' } });
    vi.restoreAllMocks();
  });

  it('reads the token from the variable the entry names, and the registry again after its TTL', async () => {
    const request = new Request('https://b.example.org/api/me');
    const first = await communityOf(request, env, 1000);
    expect(first).toMatchObject({ host: 'b.example.org', authToken: 'not-needed-by-a-file' });
    await communityOf(request, env, 1000 + REGISTRY_TTL_MS - 1);
    expect(reads).toEqual(['b.example.org']);
    await communityOf(request, env, 1000 + REGISTRY_TTL_MS);
    expect(reads).toEqual(['b.example.org', 'b.example.org']);
  });

  it('without a registry, the single DATABASE_URL as before', async () => {
    const single = { DATABASE_URL: a[0]!.url, ASSETS: env.ASSETS };
    const res = await worker.fetch(
      new Request('https://anything.example/api/auth/login', {
        method: 'POST',
        headers: { origin: 'https://anything.example', 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'r1', password: PASSWORD }),
      }),
      single,
      {},
    );
    expect(res.status).toBe(200);
  });

  it('scheduled() runs the due jobs of every registered community, page by page', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const waiting: Array<Promise<unknown>> = [];
    worker.scheduled({}, env, { waitUntil: (p) => void waiting.push(p) });
    expect(waiting).toHaveLength(1);
    await Promise.all(waiting);
    for (const t of a) {
      const runs = await t.database.read.all<{ job: string }>(
        sql`select job from job_runs order by id`,
      );
      expect(runs.map((r) => r.job)).toEqual(['expiry', 'backup', 'verify']);
    }
    vi.restoreAllMocks();
  });

  it('keeps the apps of the most recently used communities only', () => {
    const kept = new RecentlyUsed<string, number>(2);
    kept.set('a', 1);
    kept.set('b', 2);
    expect(kept.get('a')).toBe(1);
    kept.set('c', 3);
    expect([kept.get('a'), kept.get('b'), kept.get('c'), kept.size]).toEqual([1, undefined, 3, 2]);
  });
});

import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Community } from '../../functions/communities/registry';
import { openCommunities, type ServedCommunities } from '../../functions/node/community/serve';
import { HostRouter } from '../../functions/node/hosts';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { PASSWORD, seedFixture } from '../helpers/fixture';

/**
 * Two communities side by side on one real Node server (LINLI_COMMUNITIES), chosen by the Host
 * header. Both are seeded with the same fixture — the same logins, the same card numbers — so
 * anything that leaked from one to the other would be accepted there.
 */

interface Answer {
  status: number;
  body: unknown;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

let port: number;
let router: HostRouter;
let served: ServedCommunities;
const databases: TestDatabase[] = [];

/** One HTTP request with the given Host (fetch may not set Host: node:http may). */
function send(
  host: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; cookie?: string; key?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    host: `${host}:${port}`,
    origin: `http://${host}:${port}`,
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.key) headers['idempotency-key'] = options.key;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, body, text, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
  });
}

const login = async (host: string, who: string) => {
  const res = await send(host, 'POST', '/api/auth/login', {
    body: { login: who, password: PASSWORD },
  });
  expect(res.status).toBe(200);
  return {
    token: (res.body as { token: string }).token,
    cookie: String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!,
  };
};

beforeAll(async () => {
  const list: Community[] = [];
  for (const host of ['a.localhost', 'b.localhost']) {
    const t = await createTestDatabase();
    await seedFixture(t.database);
    t.database.close();
    databases.push(t);
    list.push({ host, name: host, databaseUrl: t.url });
  }
  // A registered community whose database does not exist: reported, 503 at its host, others served.
  list.push({ host: 'c.localhost', name: '丙', databaseUrl: `${databases[0]!.url}-missing` });
  const logged: string[] = [];
  served = await openCommunities(list, {}, { trustProxy: false, log: (l) => logged.push(l) });
  expect(logged).toEqual([expect.stringContaining('[c.localhost]')]);
  router = new HostRouter(served.hosts);
  port = await router.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await router?.close();
  await Promise.all([...(served?.portals.values() ?? [])].map((p) => p.stop()));
  for (const t of databases) t.cleanup();
});

describe('many communities on one Node server, by Host', () => {
  it('each host answers from its own database; a session of one is worthless in the other', async () => {
    const a = await login('a.localhost', 'r1');
    const b = await login('b.localhost', 'r1');
    expect(a.cookie).toMatch(/^linli_session=/);
    const me = await send('a.localhost', 'GET', '/api/auth/me', { token: a.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ login: 'r1' });
    expect((await send('b.localhost', 'GET', '/api/auth/me', { token: b.token })).status).toBe(200);
    // The same login exists in both; A's token and A's cookie still mean nothing to B.
    for (const credentials of [{ token: a.token }, { cookie: a.cookie }]) {
      const other = await send('b.localhost', 'GET', '/api/auth/me', credentials);
      expect(other.status).toBe(401);
      expect(other.body).toMatchObject({ error: { code: 'unauthorized' } });
    }
    expect((await send('a.localhost', 'GET', '/api/auth/me', { cookie: a.cookie })).status).toBe(
      200,
    );
  });

  it("a one-time code from one community is code_invalid at the other's counter", async () => {
    const r1 = await login('a.localhost', 'r1');
    const issued = await send('a.localhost', 'POST', '/api/me/redeem-codes', { token: r1.token });
    expect(issued.status).toBe(201);
    const { code } = issued.body as { code: string };
    const merchantB = await login('b.localhost', 'm1');
    const atB = await send('b.localhost', 'POST', '/api/counter/redemptions', {
      token: merchantB.token,
      key: 'cross-community-1',
      body: { code, points: 1 },
    });
    expect(atB.status).toBe(422);
    expect(atB.body).toMatchObject({ error: { code: 'code_invalid' } });
    // At A the same code is known (r1 has no points there, so it is refused for that reason).
    const merchantA = await login('a.localhost', 'm1');
    const atA = await send('a.localhost', 'POST', '/api/counter/redemptions', {
      token: merchantA.token,
      key: 'cross-community-2',
      body: { code, points: 1 },
    });
    expect(atA.body).toMatchObject({ error: { code: 'insufficient_points' } });
  });

  it('an unknown host gets 421, in JSON for the API and as a page elsewhere; never a community', async () => {
    for (const host of ['x.localhost', 'localhost', '127.0.0.1']) {
      const api = await send(host, 'GET', '/api/health');
      expect(api.status).toBe(421);
      expect(api.body).toMatchObject({ error: { code: 'unknown_host' } });
      const page = await send(host, 'GET', '/');
      expect(page.status).toBe(421);
      expect(page.text).toContain('没有这个社区');
      expect(page.headers['content-security-policy']).toBeTruthy();
    }
    const token = (await login('a.localhost', 'r1')).token;
    expect((await send('x.localhost', 'GET', '/api/auth/me', { token })).status).toBe(421);
  });

  it('a registered community that cannot be served answers 503 at its host; the site of a served one is its own', async () => {
    const c = await send('c.localhost', 'GET', '/api/health');
    expect(c.status).toBe(503);
    expect(c.body).toMatchObject({ error: { code: 'community_unavailable' } });
    // No build has run in this test: a served community's own "being built" notice.
    const site = await send('a.localhost', 'GET', '/');
    expect(site.status).toBe(503);
    expect(site.text).toContain('网站正在生成');
  });
});

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app';
import { projectRoot } from '../../functions/node/config';
import { SiteRebuilder } from '../../functions/node/rebuild';
import { PortalServer } from '../../functions/node/server';
import { buildSite } from '../../functions/node/site';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { PASSWORD, seedFixture } from '../helpers/fixture';

/**
 * "A record entered and published through the staff API appears on the site without any manual
 * step": the real Node shell (PortalServer + SiteRebuilder + astro build) on a fresh database.
 */
let t: TestDatabase;
let server: PortalServer;
let rebuilder: SiteRebuilder;
let base: string;
// Builds must live inside the project: the prerendered chunks resolve packages from node_modules.
const sitesDir = join(projectRoot, 'node_modules', '.cache', `linli-publish-test-${process.pid}`);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedFixture(t.database);
  rebuilder = new SiteRebuilder(
    async () =>
      server.useSite(await buildSite({ projectRoot, sitesDir, env: { DATABASE_URL: t.url } })),
    { delayMs: 100, onError: (e) => console.error(e) },
  );
  server = new PortalServer(
    createApp({ database: t.database, onPublish: () => rebuilder.request() }),
  );
  const port = await server.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
  rebuilder.request(0);
  await rebuilder.idle();
}, 300_000);

afterAll(async () => {
  rebuilder?.stop();
  await server?.close();
  t?.cleanup();
  rmSync(sitesDir, { recursive: true, force: true });
});

async function api(path: string, token: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('publishing', () => {
  it('puts a newly published service on the site, and only once it is published', async () => {
    expect((await fetch(`${base}/`)).status).toBe(200);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'staff', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };

    const org = await api('/api/staff/records/organizations', token, {
      kind: 'social_organization',
      name: '幸福里法律援助中心',
      description: '为居民提供免费法律咨询',
      provides: '法律咨询、调解',
    });
    expect(org.status).toBe(201);
    expect(
      (await api(`/api/staff/records/organizations/${org.body.id}/publish`, token, {})).status,
    ).toBe(200);
    const service = await api('/api/staff/records/services', token, {
      category: 'legal',
      title: '每月 9 日免费法律咨询',
      description: '律师现场解答婚姻家庭、劳动争议等问题',
      providerId: org.body.id,
      audiences: ['everyone'],
      schedule: '每月 9 日上午',
      monthlyDay: 9,
      place: '社区党群服务中心',
      cost: 'free',
      howToAsk: '到社区党群服务中心登记',
    });
    expect(service.status).toBe(201);
    await rebuilder.idle();
    expect((await fetch(`${base}/services/${service.body.id}/`)).status).toBe(404);

    expect(
      (await api(`/api/staff/records/services/${service.body.id}/publish`, token, {})).status,
    ).toBe(200);
    await rebuilder.idle();
    const page = await fetch(`${base}/services/${service.body.id}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('每月 9 日免费法律咨询');
    const open = (await (await fetch(`${base}/data/services.json`)).json()) as Array<{
      id: number;
    }>;
    expect(open.map((s) => s.id)).toContain(service.body.id);
  }, 300_000);
});

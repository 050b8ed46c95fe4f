import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from '@hono/zod-openapi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../functions/app';
import { PortalServer } from '../../functions/node/server';
import { SiteState, shortError } from '../../functions/node/site-state';
import { answerOf, bodyOf, client } from '../helpers/client';
import { call, expectError, loginAs, type World, world } from '../helpers/http';

let w: World;
let state: SiteState;
let app: App;
beforeEach(async () => {
  w = await world();
  state = new SiteState();
  app = createApp({
    database: w.t.database,
    now: () => w.time.now,
    siteStatus: () => state.status(),
  });
});
afterEach(() => w.cleanup());

describe('GET /api/staff/site', () => {
  it('tells staff whether the public site is building, built (when) or failed (when, why)', async () => {
    const site = async (token: string) =>
      bodyOf(await client(app, { token }).staff.site.$get(), 200);
    const staff = await loginAs(app, 'staff');
    expect(await site(staff)).toEqual({
      state: 'building',
      builtAt: null,
      failedAt: null,
      error: null,
    });

    state.built(new Date('2026-03-09T02:00:00Z'));
    expect(await site(staff)).toEqual({
      state: 'ok',
      builtAt: '2026-03-09T02:00:00.000Z',
      failedAt: null,
      error: null,
    });

    state.building();
    state.failed(
      new Date('2026-03-09T03:00:00Z'),
      new Error('site build failed: astro build failed (exit 1)'),
    );
    const failed = await site(await loginAs(app, 'staff2'));
    // The public still sees the site built at 02:00.
    expect(failed).toEqual({
      state: 'failed',
      builtAt: '2026-03-09T02:00:00.000Z',
      failedAt: '2026-03-09T03:00:00.000Z',
      error: 'site build failed: astro build failed (exit 1)',
    });
  });

  it('is for staff only, and unknown where the site is built elsewhere (the edge)', async () => {
    expectError(await answerOf(await client(app).staff.site.$get()), 401, 'unauthorized');
    expectError(
      await answerOf(await client(app, { token: await loginAs(app, 'r1') }).staff.site.$get()),
      403,
      'forbidden',
    );
    const edge = await bodyOf(
      await client(w.app, { token: await loginAs(w.app, 'staff') }).staff.site.$get(),
      200,
    );
    expect(edge).toEqual({ state: 'unknown', builtAt: null, failedAt: null, error: null });
    // The document is served outside AppType: read the little of it this test needs.
    const Doc = z.object({
      paths: z.object({
        '/api/staff/site': z.object({
          get: z.object({ responses: z.record(z.string(), z.unknown()) }),
        }),
      }),
    });
    const doc = Doc.parse((await call(app, 'GET', '/api/openapi.json')).body);
    expect(Object.keys(doc.paths['/api/staff/site'].get.responses).sort()).toEqual([
      '200',
      '401',
      '403',
      '503',
    ]);
  });

  it('shortens a long build log to its start and its end', () => {
    const log = `astro build failed\n${'x'.repeat(5000)}\nthe real cause`;
    const short = shortError(log);
    expect(short.length).toBeLessThan(700);
    expect(short.startsWith('astro build failed')).toBe(true);
    expect(short.endsWith('the real cause')).toBe(true);
  });
});

describe('what the public sees without a site', () => {
  const get = (server: PortalServer, path = '/') =>
    server.fetch(new Request(`http://localhost${path}`));

  it('while the first build runs: a page that refreshes itself; once it failed: the site is unavailable, not "being built" for ever', async () => {
    const server = new PortalServer(app, () => state.status());
    const building = await get(server);
    expect(building.status).toBe(503);
    expect(building.headers.get('retry-after')).toBe('5');
    expect(await building.text()).toContain('网站正在生成');

    state.failed(new Date(), new Error('boom'));
    const failed = await get(server, '/deliberations/');
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('300');
    expect(failed.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await failed.text();
    expect(page).toContain('网站暂时无法访问');
    expect(page).toContain('temporarily unavailable');
    expect(page).not.toContain('网站正在生成');
    expect(page).not.toContain('boom');
    // The API still answers.
    expect((await get(server, '/api/health')).status).toBe(200);
  });

  it('after a failed rebuild, the public keeps the site built before', async () => {
    const site = join(w.t.dir, 'site');
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>邻里</title>');
    const server = new PortalServer(app, () => state.status());
    server.useSite(site);
    state.built(new Date());
    state.failed(new Date(), new Error('boom'));
    const page = await get(server);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('邻里');
  });
});

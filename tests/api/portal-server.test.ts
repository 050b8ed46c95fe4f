import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app';
import { PortalServer } from '../../functions/node/server';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

/** The Node shell's routing: the API answers the same whichever way a request reaches it. */
describe('PortalServer', () => {
  let t: TestDatabase;
  let server: PortalServer;
  beforeAll(async () => {
    t = await createTestDatabase();
    server = new PortalServer(createApp({ database: t.database }));
  });
  afterAll(() => t.cleanup());
  const get = (path: string, headers: Record<string, string> = {}) =>
    server.fetch(new Request(`http://localhost${path}`, { headers }));

  it('answers API paths from the API, its errors in the API shape, the hot paths uncompressed', async () => {
    const health = await get('/api/health', { 'accept-encoding': 'gzip' });
    expect(health.status).toBe(200);
    expect(health.headers.get('content-encoding')).toBeNull();
    expect(await (await get('/api/me')).json()).toEqual({
      error: { code: 'unauthorized', message: expect.any(String) },
    });
    const unknown = await get('/api/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: 'not_found', message: expect.any(String) },
    });
  });

  it('reaches the API the same through an encoded path, and compresses the large public answers', async () => {
    const encoded = await get('/%61pi/me');
    expect(encoded.status).toBe(401);
    expect(await encoded.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const spec = await get('/api/openapi.json', { 'accept-encoding': 'gzip' });
    expect(spec.status).toBe(200);
    expect(spec.headers.get('content-encoding')).toBe('gzip');
    expect(
      JSON.parse(
        await new Response(spec.body!.pipeThrough(new DecompressionStream('gzip'))).text(),
      ),
    ).toMatchObject({ openapi: '3.1.0' });
  });

  it('serves the site elsewhere: while it is being built, a readable 503', async () => {
    const page = await get('/');
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(await page.text()).toContain('网站正在生成');
  });

  it("answers an unknown site address with the site's 404 page in its language, API paths with JSON", async () => {
    const site = mkdtempSync(join(tmpdir(), 'linli-404-'));
    try {
      mkdirSync(join(site, 'en'));
      writeFileSync(join(site, 'index.html'), '<!doctype html><title>home</title>');
      writeFileSync(
        join(site, '404.html'),
        '<!doctype html><html lang="zh-CN"><title>找不到这个页面</title></html>',
      );
      writeFileSync(
        join(site, 'en', '404.html'),
        '<!doctype html><html lang="en"><title>Page not found</title></html>',
      );
      server.useSite(site);
      const zh = await get('/no-such-page/');
      expect(zh.status).toBe(404);
      expect(zh.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await zh.text()).toContain('找不到这个页面');
      const en = await get('/en/services/999999/');
      expect(en.status).toBe(404);
      expect(await en.text()).toContain('Page not found');
      const api = await get('/api/public/no-such-thing');
      expect(api.status).toBe(404);
      expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});

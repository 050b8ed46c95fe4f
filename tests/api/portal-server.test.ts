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
  const get = (path: string, headers: Record<string, string> = {}) => server.fetch(new Request(`http://localhost${path}`, { headers }));

  it('answers API paths from the API, its errors in the API shape, the hot paths uncompressed', async () => {
    const health = await get('/api/health', { 'accept-encoding': 'gzip' });
    expect(health.status).toBe(200);
    expect(health.headers.get('content-encoding')).toBeNull();
    expect(await (await get('/api/me')).json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    const unknown = await get('/api/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('reaches the API the same through an encoded path, and compresses the large public answers', async () => {
    const encoded = await get('/%61pi/me');
    expect(encoded.status).toBe(401);
    expect(await encoded.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const spec = await get('/api/openapi.json', { 'accept-encoding': 'gzip' });
    expect(spec.status).toBe(200);
    expect(spec.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(await new Response(spec.body!.pipeThrough(new DecompressionStream('gzip'))).text())).toMatchObject({ openapi: '3.1.0' });
  });

  it('serves the site elsewhere: while it is being built, a readable 503', async () => {
    const page = await get('/');
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(await page.text()).toContain('网站正在生成');
  });
});

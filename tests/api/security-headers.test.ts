import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app';
import { CONTENT_SECURITY_POLICY, headersFile } from '../../functions/http/security-headers';
import { PortalServer } from '../../functions/node/server';
import worker from '../../functions/worker';
import { writeEdgeFiles } from '../../src/integrations/build';
import { type SeededDatabase, seededDatabase } from '../helpers/template';

/**
 * The headers every answer carries (functions/http/security-headers.ts), through the Node shell:
 * site pages, the 404 page, the notice while the site builds, and the API; the build's own files
 * are never served; the session cookie is Secure over HTTPS.
 */
let t: SeededDatabase;
let site: string;
let server: PortalServer;

beforeAll(async () => {
  t = await seededDatabase();
  site = mkdtempSync(join(tmpdir(), 'linli-headers-'));
  const files: Record<string, string> = {
    'index.html': '<!doctype html><title>首页</title>',
    'counter/index.html': '<!doctype html><title>柜台</title>',
    'en/counter/index.html': '<!doctype html><title>Counter</title>',
    'staff/index.html': '<!doctype html><title>工作台</title>',
    '404.html': '<!doctype html><title>404</title>',
    '_astro/app.js': 'export {}',
    // What the Cloudflare adapter leaves in the output folder beside the site.
    'wrangler.json': '{"configPath":"/srv/linli/wrangler.jsonc"}',
    '.assetsignore': 'wrangler.json\n.dev.vars\n',
    '.dev.vars': 'SECRET=1',
    _headers: '/_astro/*\n  Cache-Control: public, max-age=31536000, immutable\n',
    _redirects: '/old /new 301',
    '_routes.json': '{}',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(site, path, '..'), { recursive: true });
    writeFileSync(join(site, path), text);
  }
  server = new PortalServer(createApp({ database: t.database }));
  server.useSite(site);
});
afterAll(() => {
  rmSync(site, { recursive: true, force: true });
  t.cleanup();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  server.fetch(new Request(`http://localhost${path}`, { headers }));

function expectSecurityHeaders(res: Response, camera: 'none' | 'self' = 'none'): void {
  expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'[^;]*(;|$)/);
  expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(res.headers.get('permissions-policy')).toContain(
    camera === 'self' ? 'camera=(self)' : 'camera=()',
  );
}

describe('security headers on every answer of the Node server', () => {
  it('a site page, an asset, the staff console', async () => {
    for (const path of ['/', '/_astro/app.js', '/staff/']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expectSecurityHeaders(res);
      expect(res.headers.get('cache-control') ?? '').not.toBe('no-store');
    }
  });

  it('the camera only on the counter, in both languages', async () => {
    for (const path of ['/counter/', '/en/counter/', '/counter'])
      expectSecurityHeaders(await get(path), 'self');
    expectSecurityHeaders(await get('/counterfeit/'));
  });

  it('the 404 page, an unknown API path and the notice while no site is built', async () => {
    const missing = await get('/no-such-page/');
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);
    const api = await get('/api/no-such-thing');
    expect(api.status).toBe(404);
    expectSecurityHeaders(api);
    const building = await new PortalServer(createApp({ database: t.database })).fetch(
      new Request('http://localhost/'),
    );
    expect(building.status).toBe(503);
    expectSecurityHeaders(building);
  });

  it('API answers: personal ones are never stored by a cache, public ones may be', async () => {
    for (const path of [
      '/api/me',
      '/api/auth/me',
      '/api/counter/redemptions',
      '/api/staff/residents',
      '/api/admin/accounts',
      '/%61pi/me',
    ]) {
      const res = await get(path);
      expect(res.status).toBe(401);
      expectSecurityHeaders(res);
      expect({ path, cacheControl: res.headers.get('cache-control') }).toEqual({
        path,
        cacheControl: 'no-store',
      });
    }
    const health = await get('/api/health');
    expectSecurityHeaders(health);
    expect(health.headers.get('cache-control')).not.toBe('no-store');
    const signedIn = await server.fetch(
      new Request('http://localhost/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'r1', password: 'test-password' }),
      }),
    );
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    const me = await get('/api/me', {
      authorization: `Bearer ${((await signedIn.json()) as { token: string }).token}`,
    });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });
});

describe('build files are never served', () => {
  it.each([
    '/wrangler.json',
    '/.assetsignore',
    '/.dev.vars',
    '/_headers',
    '/_redirects',
    '/_routes.json',
    '/wrangler%2Ejson',
    '/%2Eassetsignore',
  ])('%s → the 404 page', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<title>404</title>');
  });
});

describe('the session cookie is Secure over HTTPS', () => {
  const signIn = (
    app: ReturnType<typeof createApp>,
    url: string,
    headers: Record<string, string> = {},
  ) =>
    new PortalServer(app).fetch(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ login: 'r1', password: 'test-password' }),
      }),
    );
  const cookieOf = async (res: Response | Promise<Response>) =>
    (await res).headers.get('set-cookie') ?? '';

  it('on an https request, never on plain http', async () => {
    const app = createApp({ database: t.database });
    expect(
      await cookieOf(
        signIn(app, 'https://linli.example/api/auth/login', { origin: 'https://linli.example' }),
      ),
    ).toMatch(/;\s*Secure/i);
    expect(await cookieOf(signIn(app, 'http://localhost/api/auth/login'))).not.toMatch(/Secure/i);
  });

  it('X-Forwarded-Proto counts only behind a proxy configured as trusted', async () => {
    const forwarded = { 'x-forwarded-proto': 'https' };
    expect(
      await cookieOf(
        signIn(createApp({ database: t.database }), 'http://localhost/api/auth/login', forwarded),
      ),
    ).not.toMatch(/Secure/i);
    expect(
      await cookieOf(
        signIn(
          createApp({ database: t.database, trustProxy: true }),
          'http://localhost/api/auth/login',
          forwarded,
        ),
      ),
    ).toMatch(/;\s*Secure/i);
  });
});

describe('the edge', () => {
  it('the Worker sets the headers on its API answers and on assets it passes through', async () => {
    const env = {
      DATABASE_URL: t.url,
      ASSETS: {
        fetch: async () =>
          new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }),
      },
    };
    const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined };
    const api = await worker.fetch(new Request('https://linli.example/api/me'), env, ctx);
    expectSecurityHeaders(api);
    expect(api.headers.get('cache-control')).toBe('no-store');
    expectSecurityHeaders(
      await worker.fetch(new Request('https://linli.example/counter/'), env, ctx),
      'self',
    );
  });

  it('the build writes the same table into Cloudflare’s _headers, and keeps every build file out of the upload', () => {
    const out = mkdtempSync(join(tmpdir(), 'linli-edge-'));
    try {
      writeFileSync(
        join(out, '_headers'),
        '/_astro/*\n  Cache-Control: public, max-age=31536000, immutable\n',
      );
      writeFileSync(join(out, '.assetsignore'), 'wrangler.json\n.dev.vars\n');
      writeEdgeFiles(out);
      const headers = readFileSync(join(out, '_headers'), 'utf8');
      expect(
        headers.startsWith('/_astro/*\n  Cache-Control: public, max-age=31536000, immutable\n'),
      ).toBe(true);
      expect(headers).toContain(headersFile());
      expect(headers).toContain(
        `/*\n  Content-Security-Policy: ${CONTENT_SECURITY_POLICY}\n  X-Frame-Options: DENY\n`,
      );
      expect(headers).toMatch(
        /\/counter\/\*\n {2}! Permissions-Policy\n {2}Permissions-Policy: camera=\(self\)/,
      );
      expect(headers).toMatch(/\/en\/counter\/\*\n/);
      const ignored = readFileSync(join(out, '.assetsignore'), 'utf8').split('\n');
      expect(ignored).toEqual(
        expect.arrayContaining(['wrangler.json', '.dev.vars', '_routes.json', '_worker.js']),
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EdgeWorker,
  runWrangler,
  startWorker,
  writeWorkerConfig,
} from '../helpers/edge-stack';

/**
 * The edge shell in the real Cloudflare runtime (workerd, from wrangler's npm package): the Worker
 * must bundle without Node built-ins or the nodejs_compat flag, serve the site's assets and answer
 * /api/* from the Hono app. Here its database is a port where nothing listens, so the
 * database-backed routes are expected to answer 503 storage_unavailable (a fault of storage, not a
 * bug), while the database-free ones answer. tests/edge/sqld-flows.test.ts runs it on a real one.
 */
const nowhere = { databaseUrl: 'libsql://127.0.0.1:9', authToken: 'none' };
let dir: string;
let dev: EdgeWorker | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-edge-'));
  writeWorkerConfig(dir, nowhere);
});

afterAll(async () => {
  await dev?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Cloudflare Worker', () => {
  it('bundles with Web-standard APIs only', async () => {
    const { code, output } = await runWrangler(
      dir,
      ['deploy', '-c', 'wrangler.json', '--dry-run', '--outdir', 'out'],
      120_000,
    );
    expect(code, output).toBe(0);
    const bundle = readFileSync(join(dir, 'out', 'worker.js'), 'utf8');
    expect(bundle).not.toMatch(/from\s+["']node:/);
    expect(bundle).not.toMatch(/require\(["'](node:)?(fs|path|child_process|net)["']\)/);
  }, 150_000);

  it('serves the site and the API inside workerd', async () => {
    dev = await startWorker(nowhere);
    const base = dev.url;
    expect(await (await fetch(`${base}/`)).text()).toContain('邻里');
    const spec = await fetch(`${base}/api/openapi.json`);
    expect(spec.status).toBe(200);
    expect((await spec.json()).paths).toHaveProperty('/api/counter/redemptions');
    const missing = await fetch(`${base}/api/no-such-route`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const invalid = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"login":',
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: 'invalid_request' } });
    const unreachable = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"login":"r1","password":"x"}',
    });
    expect({ status: unreachable.status, body: await unreachable.json() }).toMatchObject({
      status: 503,
      body: { error: { code: 'storage_unavailable' } },
    });
    expect(unreachable.headers.get('retry-after')).toBeTruthy();
    const ready = await fetch(`${base}/api/health/ready`);
    expect({ status: ready.status, body: await ready.json() }).toMatchObject({
      status: 503,
      body: { ok: false, failing: ['database_readable', 'database_writable'] },
    });
  }, 150_000);
});

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The edge shell in the real Cloudflare runtime (workerd, from wrangler's npm package): the Worker
 * must bundle without Node built-ins or the nodejs_compat flag, serve the site's assets and answer
 * /api/* from the Hono app. No Turso is reachable here, so the database-backed routes are expected
 * to answer 503 storage_unavailable (a fault of storage, not a bug), while the database-free ones answer.
 */
const root = resolve(__dirname, '../..');
const wrangler = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const port = 18787 + Math.floor(Math.random() * 1000);
let dir: string;
let dev: ChildProcess | undefined;
// Keep wrangler on loopback: no Request.cf download, no telemetry.
const quiet = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: 'true',
};

function config(extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    name: 'linli-edge-test',
    main: join(root, 'functions', 'worker.ts'),
    compatibility_date: '2026-11-01',
    assets: { directory: join(dir, 'assets'), binding: 'ASSETS', run_worker_first: ['/api/*'] },
    vars: { DATABASE_URL: 'libsql://127.0.0.1:9', DATABASE_AUTH_TOKEN: 'none' },
    ...extra,
  });
}

function run(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [wrangler, ...args], { cwd: dir, env: quiet });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, output });
    });
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-edge-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'assets', 'index.html'),
    '<!doctype html><title>邻里</title><h1>邻里</h1>',
  );
  writeFileSync(join(dir, 'wrangler.json'), config());
});

afterAll(() => {
  dev?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('Cloudflare Worker', () => {
  it('bundles with Web-standard APIs only', async () => {
    const { code, output } = await run(
      ['deploy', '-c', 'wrangler.json', '--dry-run', '--outdir', 'out'],
      120_000,
    );
    expect(code, output).toBe(0);
    const bundle = readFileSync(join(dir, 'out', 'worker.js'), 'utf8');
    expect(bundle).not.toMatch(/from\s+["']node:/);
    expect(bundle).not.toMatch(/require\(["'](node:)?(fs|path|child_process|net)["']\)/);
  }, 150_000);

  it('serves the site and the API inside workerd', async () => {
    dev = spawn(
      process.execPath,
      [
        wrangler,
        'dev',
        '-c',
        'wrangler.json',
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--show-interactive-dev-session=false',
      ],
      {
        cwd: dir,
        env: quiet,
      },
    );
    let log = '';
    dev.stdout?.on('data', (d) => (log += d));
    dev.stderr?.on('data', (d) => (log += d));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        const res = await fetch(`${base}/`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`wrangler dev did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 500));
    }
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

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The COMMUNITIES registry in the real runtime: workerd through `wrangler dev`, with a local KV
 * namespace written by `wrangler kv key put --local`, as an operator writes the real one. No
 * database listens here (tests/edge/communities.test.ts drives two real ones through the same
 * code): what is checked is that the bound KV chooses the community by the Host header.
 */
const root = resolve(__dirname, '../..');
const wrangler = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const port = 19787 + Math.floor(Math.random() * 1000);
const quiet = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: 'true',
};
let dir: string;
let dev: ChildProcess | undefined;

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [wrangler, ...args], { cwd: dir, env: quiet });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/** A request with its own Host header (fetch may not set one). */
function get(host: string, path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((done, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {}
        done({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linli-edge-kv-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'index.html'), '<!doctype html><title>邻里</title>');
  writeFileSync(
    join(dir, 'wrangler.json'),
    JSON.stringify({
      name: 'linli-edge-communities-test',
      main: join(root, 'functions', 'worker.ts'),
      compatibility_date: '2026-11-01',
      assets: { directory: join(dir, 'assets'), binding: 'ASSETS', run_worker_first: ['/api/*'] },
      vars: { DATABASE_URL: '', A_TOKEN: 'a-token' },
      kv_namespaces: [{ binding: 'COMMUNITIES', id: 'local-communities' }],
    }),
  );
  const entries = {
    'a.example.org': { name: '甲社区', databaseUrl: 'http://127.0.0.1:9', authTokenVar: 'A_TOKEN' },
    'broken.example.org': { name: '坏' },
  };
  for (const [host, value] of Object.entries(entries)) {
    const put = await run([
      'kv',
      'key',
      'put',
      '--binding',
      'COMMUNITIES',
      host,
      JSON.stringify(value),
      '--local',
      '-c',
      'wrangler.json',
    ]);
    expect(put.code, put.output).toBe(0);
  }
}, 150_000);

afterAll(() => {
  dev?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('the Worker in workerd with a COMMUNITIES KV namespace', () => {
  it('routes /api/* by hostname: a registered host reaches its database, others are refused', async () => {
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
      { cwd: dir, env: quiet },
    );
    let log = '';
    dev.stdout?.on('data', (d) => (log += d));
    dev.stderr?.on('data', (d) => (log += d));
    const deadline = Date.now() + 90_000;
    for (;;) {
      const up = await get('a.example.org', '/').catch(() => undefined);
      if (up?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`wrangler dev did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    // a.example.org is registered: its (unreachable) database is the one asked.
    const ready = await get('a.example.org', '/api/health/ready');
    expect(ready).toMatchObject({
      status: 503,
      body: { failing: ['database_readable', 'database_writable'] },
    });
    // Twice: the second answer comes from the isolate's cache of the registry.
    for (let i = 0; i < 2; i++)
      expect(await get('c.example.org', '/api/health/ready')).toMatchObject({
        status: 421,
        body: { error: { code: 'unknown_host' } },
      });
    expect(await get('broken.example.org', '/api/auth/me')).toMatchObject({
      status: 503,
      body: { error: { code: 'community_unavailable' } },
    });
  }, 150_000);
});

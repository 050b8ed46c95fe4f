import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { communityDataDir } from '../../functions/node/community/registry-file';
import { seedFixture } from '../helpers/fixture';
import { root } from './support';

/**
 * `LINLI_COMMUNITIES=… npm start` for real: the start script, two communities' site builds, one
 * port, and requests told apart only by their Host header.
 */
const start = fileURLToPath(new URL('../../functions/node/start.ts', import.meta.url));
// Hosts of this run only: their sites are built under the project's data/communities/.
const hosts = [`a-${process.pid}.localhost`, `b-${process.pid}.localhost`];
let dir: string;
let child: ChildProcess | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-start-communities-'));
});
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
  rmSync(dir, { recursive: true, force: true });
  for (const host of hosts) rmSync(communityDataDir(host), { recursive: true, force: true });
});

function startServer(registry: string) {
  child = spawn(process.execPath, ['--import', 'tsx', start], {
    cwd: root,
    env: { ...process.env, LINLI_COMMUNITIES: registry, PORT: '0', DATABASE_URL: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child!.on('exit', resolve));
  return { output: () => ({ stdout, stderr }), exited };
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

function get(port: number, host: string, path: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, headers: { host: `${host}:${port}` } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('LINLI_COMMUNITIES=… npm start', () => {
  it('serves each registered community at its own host, from its own site and database', {
    timeout: 240_000,
  }, async () => {
    const registry = join(dir, 'communities.json');
    const list = [];
    for (const [i, host] of hosts.entries()) {
      const url = pathToFileURL(join(dir, `${i}.db`)).href;
      const db = createDatabase({ url });
      await migrateDatabase(db);
      await seedFixture(db);
      db.close();
      list.push({ host, name: `社区${i}`, databaseUrl: url });
    }
    writeFileSync(registry, JSON.stringify(list));
    const server = startServer(registry);
    await until(() => (server.output().stdout.match(/网站已生成/g) ?? []).length === 2, 200_000);
    const port = Number(/http:\/\/a-\d+\.localhost:(\d+)/.exec(server.output().stdout)?.[1]);
    for (const host of hosts) {
      const home = await get(port, host, '/');
      expect(home.status).toBe(200);
      expect(home.text).toContain(`<link rel="canonical" href="http://${host}:${port}/">`);
      expect((await get(port, host, '/api/health')).status).toBe(200);
    }
    const unknown = await get(port, 'localhost', '/');
    expect(unknown.status).toBe(421);
    child!.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('refuses a bad registry in one line, and serves nothing', { timeout: 60_000 }, async () => {
    const registry = join(dir, 'communities.json');
    writeFileSync(registry, JSON.stringify([{ host: 'a.localhost', name: 'x' }]));
    const server = startServer(registry);
    expect(await server.exited).toBe(1);
    expect(server.output().stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/注册表有误.*\[0\]\.databaseUrl/),
    ]);
  });
});

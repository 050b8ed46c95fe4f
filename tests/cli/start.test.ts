import { execFile, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { initCommunity } from '../../functions/domain/community/setup';
import { readyToBuild } from '../../functions/node/build-ready';
import { FAST_HASHING } from '../helpers/fixture';
import { type CliRun, root } from './support';

const start = fileURLToPath(new URL('../../functions/node/start.ts', import.meta.url));
const build = fileURLToPath(new URL('../../src/integrations/build.ts', import.meta.url));

/** Runs a Node entry point; killed after 60 s, so a server that wrongly starts fails the test instead of hanging it. */
function runNode(script: string, env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script],
      {
        cwd: root,
        timeout: 60_000,
        env: { ...process.env, DATABASE_AUTH_TOKEN: '', LINLI_DEMO: '', PORT: '0', ...env },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-start-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const oneLine = (text: string) => text.trim().split('\n');

describe('a database that holds no community', () => {
  it('npm start says in one line to run init, and creates no file for a database that does not exist', async () => {
    const missing = join(dir, 'ours.db');
    const r = await runNode(start, { DATABASE_URL: `file:${missing}` });
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('npm run linli -- init --name');
    expect(existsSync(missing)).toBe(false);

    const empty = join(dir, 'empty.db');
    const database = createDatabase({ url: `file:${empty}` });
    await migrateDatabase(database);
    database.close();
    const again = await runNode(start, { DATABASE_URL: `file:${empty}` });
    expect(again.code).toBe(1);
    expect(oneLine(again.stderr)).toEqual([expect.stringContaining('还没有社区')]);
    expect(again.stdout).not.toContain('邻里 Linli: http');
  });

  it('npm run build says what to run instead of a driver’s stack', async () => {
    const missing = join(dir, 'fresh-clone.db');
    const r = await runNode(build, {
      DATABASE_URL: `file:${missing}`,
      LINLI_OUT_DIR: join(dir, 'dist'),
    });
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('npm start');
    expect(r.stderr).toContain('npm run linli -- init');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });
});

describe('what npm run build checks first', () => {
  it('the database must hold a community; the origin is LINLI_SITE_URL, else the stored one, else localhost and PORT', async () => {
    const url = `file:${join(dir, 'ours.db')}`;
    expect(await readyToBuild({ DATABASE_URL: url })).toEqual({
      refusal: expect.stringContaining('npm start'),
    });
    const database = createDatabase({ url });
    try {
      await migrateDatabase(database);
      expect(await readyToBuild({ DATABASE_URL: url })).toEqual({
        refusal: expect.stringContaining('还没有社区'),
      });
      await initCommunity(
        database,
        {
          name: '幸福里社区',
          adminLogin: 'wang.admin',
          adminPassword: 'a-good-password',
          siteUrl: 'https://xingfuli.example.org',
        },
        new Date(),
        FAST_HASHING,
      );
    } finally {
      database.close();
    }
    expect(await readyToBuild({ DATABASE_URL: url })).toEqual({
      siteUrl: 'https://xingfuli.example.org',
    });
    expect(
      await readyToBuild({ DATABASE_URL: url, LINLI_SITE_URL: 'https://override.example.org/' }),
    ).toEqual({ siteUrl: 'https://override.example.org' });

    const other = `file:${join(dir, 'other.db')}`;
    const plain = createDatabase({ url: other });
    try {
      await migrateDatabase(plain);
      await initCommunity(
        plain,
        { name: '乙社区', adminLogin: 'yi.admin', adminPassword: 'a-good-password' },
        new Date(),
        FAST_HASHING,
      );
    } finally {
      plain.close();
    }
    expect(await readyToBuild({ DATABASE_URL: other, PORT: '8080' })).toEqual({
      siteUrl: 'http://localhost:8080',
    });
  });
});

/**
 * Makes a path read-only for this process, or answers false when it cannot: chmod does not bind
 * root, so root sets the immutable attribute (chattr +i) instead, which binds everyone.
 */
function makeReadOnly(path: string, mode: number): boolean {
  if (process.getuid?.() === 0) {
    if (spawnSync('chattr', ['+i', path]).status !== 0) return false;
  } else chmodSync(path, mode);
  return !canWrite(path);
}
function canWrite(path: string): boolean {
  try {
    if (statSync(path).isDirectory())
      rmSync(mkdtempSync(join(path, 'probe-')), { recursive: true });
    else appendFileSync(path, '');
    return true;
  } catch {
    return false;
  }
}
function makeWritable(path: string, mode: number): void {
  if (process.getuid?.() === 0) spawnSync('chattr', ['-i', path]);
  else chmodSync(path, mode);
}

describe('a read-only database', () => {
  async function community(): Promise<string> {
    const file = join(dir, 'ours.db');
    const database = createDatabase({ url: `file:${file}` });
    try {
      await migrateDatabase(database);
      await initCommunity(
        database,
        { name: '幸福里社区', adminLogin: 'wang.admin', adminPassword: 'a-good-password' },
        new Date(),
        FAST_HASHING,
      );
    } finally {
      database.close();
    }
    return file;
  }

  it('npm start refuses a read-only file: one clear line, exit 1, no server', async (ctx) => {
    const file = await community();
    if (!makeReadOnly(file, 0o444)) ctx.skip();
    try {
      const r = await runNode(start, { DATABASE_URL: `file:${file}` });
      expect(r.code).toBe(1);
      expect(oneLine(r.stderr)).toEqual([expect.stringContaining('数据库文件只读')]);
      expect(r.stderr).toContain('read-only');
      expect(r.stdout).not.toContain('邻里 Linli: http');
    } finally {
      makeWritable(file, 0o644);
    }
  });

  it('npm start refuses a folder it cannot create the -wal file in', async (ctx) => {
    const file = await community();
    if (!makeReadOnly(dir, 0o555)) ctx.skip();
    try {
      const r = await runNode(start, { DATABASE_URL: `file:${file}` });
      expect(r.code).toBe(1);
      expect(oneLine(r.stderr)).toEqual([expect.stringContaining('文件夹不可写')]);
      expect(r.stdout).not.toContain('邻里 Linli: http');
    } finally {
      makeWritable(dir, 0o755);
    }
  });
});

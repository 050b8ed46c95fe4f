/**
 * The real portal for browser tests: a fresh demo database in a temporary folder (seeded with
 * cheap password hashing), the site built from it once, and the Node shell (API + static site)
 * on a free port. Run directly for manual checks:
 *   PORT=4400 node --import tsx tests/browser/harness.ts      (LINLI_BROWSER_SITE=<dir> reuses a build)
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDatabase, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedDemo } from '../../db/seed/demo';
import { createApp } from '../../functions/app';
import { initCommunity } from '../../functions/domain/community/setup';
import { jobRunners } from '../../functions/domain/jobs/runners';
import { nightlyBackup } from '../../functions/node/nightly-backup';
import { type Scheduler, startScheduler } from '../../functions/node/scheduler';
import { PortalServer } from '../../functions/node/server';
import { buildSite } from '../../functions/node/site';

export interface Portal {
  origin: string;
  database: Database;
  dir: string;
  close(): Promise<void>;
}

export const projectRoot = resolve(import.meta.dirname, '..', '..');

/** A temporary folder inside the project: the prerender step resolves packages from the nearest node_modules. */
function runDir(): string {
  const cache = join(projectRoot, 'node_modules', '.cache', 'linli-browser-tests');
  mkdirSync(cache, { recursive: true });
  return mkdtempSync(join(cache, 'run-'));
}

/** The test's clock: it runs from a pinned instant at the real pace, and the test moves it on. */
export interface TestClock {
  now(): Date;
  advanceTo(at: Date): void;
}

function testClock(start: Date): TestClock {
  let offset = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    advanceTo(at) {
      offset = at.getTime() - Date.now();
    },
  };
}

export interface InitPortal extends Portal {
  clock: TestClock;
  admin: { login: string; password: string };
  scheduler: Scheduler;
  /** How many wake-ups the scheduler has asked for and not yet had (the injected timer's queue). */
  pendingWakeUps(): number;
  /** Fires the scheduler's timer as if its time had come, and waits for the run it starts. */
  fireTimer(): Promise<void>;
}

/**
 * A real community's portal, never the demo: an empty database migrated and set up as
 * `npm run linli -- init` does (initCommunity), the site built from it, the API on the test's clock,
 * and the server's scheduler (backups into the run's folder) whose timer the test fires.
 */
export async function startInitPortal(opts: {
  now: Date;
  name: string;
  admin: { login: string; password: string };
}): Promise<InitPortal> {
  const dir = runDir();
  const file = join(dir, 'ours.db');
  const url = `file:${file}`;
  const clock = testClock(opts.now);
  const database = createDatabase({ url }, { readSnapshotPerTurn: true });
  await migrateDatabase(database);
  await initCommunity(
    database,
    { name: opts.name, adminLogin: opts.admin.login, adminPassword: opts.admin.password },
    clock.now(),
  );
  const siteDir = await buildSite({
    projectRoot,
    sitesDir: join(dir, 'sites'),
    env: { DATABASE_URL: url },
  });
  const server = new PortalServer(createApp({ database, now: () => clock.now() }));
  server.useSite(siteDir);
  const port = await server.listen(0, '127.0.0.1');
  const timers: Array<() => void> = [];
  let lastRun: Promise<unknown> = Promise.resolve();
  const scheduler = startScheduler({
    database,
    runners: jobRunners(nightlyBackup(file, join(dir, 'backups'))),
    now: () => clock.now(),
    setTimer: (fn) => {
      timers.push(fn);
      return () => {
        const i = timers.indexOf(fn);
        if (i >= 0) timers.splice(i, 1);
      };
    },
  });
  // The first look at job_runs, at start.
  lastRun = scheduler.tick();
  await lastRun;
  return {
    origin: `http://127.0.0.1:${port}`,
    database,
    dir,
    clock,
    admin: opts.admin,
    scheduler,
    pendingWakeUps: () => timers.length,
    async fireTimer() {
      const fn = timers.shift();
      if (!fn) throw new Error('the scheduler set no timer');
      fn();
      // The timer starts a tick; tick() joins the run in progress and answers when it ends.
      await scheduler.tick();
    },
    async close() {
      await scheduler.stop();
      await server.close();
      database.close();
      if (process.env.LINLI_BROWSER_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startPortal(
  opts: { port?: number; siteDir?: string; log?: (s: string) => void } = {},
): Promise<Portal> {
  const log = opts.log ?? (() => undefined);
  const dir = runDir();
  const url = `file:${join(dir, 'linli.db')}`;
  const database = createDatabase({ url }, { readSnapshotPerTurn: true }); // as functions/node/start.ts
  const t0 = performance.now();
  await migrateDatabase(database);
  await seedDemo(database, { now: new Date(), iterations: 1000 });
  const t1 = performance.now();
  let siteDir = opts.siteDir;
  if (!siteDir || !existsSync(join(siteDir, 'index.html')))
    siteDir = await buildSite({
      projectRoot,
      sitesDir: join(dir, 'sites'),
      env: { DATABASE_URL: url },
    });
  const t2 = performance.now();
  log(
    `[browser] seed ${((t1 - t0) / 1000).toFixed(1)} s, build ${((t2 - t1) / 1000).toFixed(1)} s → ${siteDir}`,
  );
  const server = new PortalServer(createApp({ database }));
  server.useSite(siteDir);
  const port = await server.listen(opts.port ?? 0, '127.0.0.1');
  return {
    origin: `http://127.0.0.1:${port}`,
    database,
    dir,
    async close() {
      await server.close();
      database.close();
      if (process.env.LINLI_BROWSER_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const portal = await startPortal({
    port: Number(process.env.PORT ?? 4400),
    siteDir: process.env.LINLI_BROWSER_SITE,
    log: console.log,
  });
  console.log(`portal at ${portal.origin} (data in ${portal.dir})`);
  const stop = async () => {
    await portal.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

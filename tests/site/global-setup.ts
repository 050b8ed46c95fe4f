import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedDemo } from '../../db/seed/demo';
import { buildSite } from '../../functions/node/site';
import { insertChainRecords } from './chain-records';
import type { HostileRecords } from './hostile';
import { insertHostileRecords } from './hostile-records';
import { insertMoneyVersions } from './money-versions-records';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built static site (Astro's client folder): what a visitor can fetch. */
    siteDir: string;
    /** The database the site was built from (the demo community plus hostile records). */
    databaseUrl: string;
    hostile: HostileRecords;
    buildSeconds: number;
  }
}

/** The demo community's clock: fixed, so every run builds the same site. */
export const SITE_NOW = new Date('2026-03-20T04:00:00.000Z');

/**
 * Seeds the demo community into a fresh database, adds hostile records and builds the site ONCE
 * for every test in the `site` project. LINLI_SITE_TEST_KEEP=1 keeps the folder for inspection;
 * LINLI_SITE_TEST_REUSE=<that folder> runs the tests again on it without seeding or building.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const projectRoot = resolve(import.meta.dirname, '..', '..');
  const reuse = process.env.LINLI_SITE_TEST_REUSE;
  if (reuse) return reuseRun(project, reuse);
  // Inside the project: the prerender step imports the built server chunks, which resolve their
  // packages from the nearest node_modules (a build under /tmp cannot find them).
  const cache = join(projectRoot, 'node_modules', '.cache', 'linli-site-tests');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'run-'));
  const url = `file:${join(dir, 'linli.db')}`;
  const t0 = performance.now();
  const database = createDatabase({ url });
  let hostile: HostileRecords;
  try {
    await migrateDatabase(database);
    await seedDemo(database, { now: SITE_NOW, iterations: 1000 });
    hostile = await insertHostileRecords(database, SITE_NOW);
    await insertChainRecords(database, SITE_NOW);
    await insertMoneyVersions(database, SITE_NOW);
  } finally {
    database.close();
  }
  const t1 = performance.now();
  const siteDir = await buildSite({
    projectRoot,
    sitesDir: join(dir, 'sites'),
    env: { DATABASE_URL: url, LINLI_SITE_URL: 'https://linli.example.org' },
  });
  const t2 = performance.now();
  if (!existsSync(join(siteDir, 'index.html')))
    throw new Error(`the site build produced no index.html in ${siteDir}`);
  const buildSeconds = (t2 - t1) / 1000;
  const timing = `seed ${((t1 - t0) / 1000).toFixed(1)} s, build ${buildSeconds.toFixed(1)} s`;
  console.log(`[site] ${timing} → ${siteDir}`);
  mkdirSync(join(dir, 'meta'), { recursive: true });
  writeFileSync(
    join(dir, 'meta', 'run.json'),
    JSON.stringify({ siteDir, databaseUrl: url, hostile, buildSeconds, timing }),
  );

  project.provide('siteDir', siteDir);
  project.provide('databaseUrl', url);
  project.provide('hostile', hostile);
  project.provide('buildSeconds', buildSeconds);
  return () => {
    if (process.env.LINLI_SITE_TEST_KEEP === '1')
      console.log(`[site] kept ${dir} (LINLI_SITE_TEST_REUSE=${dir} runs the tests on it again)`);
    else rmSync(dir, { recursive: true, force: true });
  };
}

function reuseRun(project: TestProject, dir: string): () => void {
  const run = JSON.parse(readFileSync(join(dir, 'meta', 'run.json'), 'utf8')) as {
    siteDir: string;
    databaseUrl: string;
    hostile: HostileRecords;
    buildSeconds: number;
  };
  console.log(`[site] reusing ${run.siteDir}`);
  project.provide('siteDir', run.siteDir);
  project.provide('databaseUrl', run.databaseUrl);
  project.provide('hostile', run.hostile);
  project.provide('buildSeconds', run.buildSeconds);
  return () => undefined;
}

/**
 * `npm start`: the whole portal on one port with the embedded database.
 *   --fresh   start over: delete the embedded database file and seed the demo community again
 * First start creates the database file, migrates it, seeds the demo community and builds the
 * site; later starts keep the data. PORT overrides 4321; DATABASE_URL / DATABASE_AUTH_TOKEN pick
 * another database, which is never seeded with demo data unless LINLI_DEMO=1: it must have been
 * set up with `npm run linli -- init` (otherwise one line says so, instead of a portal nobody can
 * sign in to). The site's absolute URLs take LINLI_SITE_URL, else the stored site URL, else the
 * address served.
 */
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { createDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { createApp } from '../app';
import { storedSiteUrl } from '../domain/community/settings';
import { isSetUp } from '../domain/community/setup';
import { parseSiteOrigin, resolveSiteOrigin } from '../domain/community/site-origin';
import { jobRunners } from '../domain/jobs/runners';
import { INIT_HINT } from './build-ready';
import { startCheckpointer } from './checkpointer';
import { nodeClientAddress } from './client-address';
import { databaseConfig, databaseFilePath, projectRoot, trustProxy } from './config';
import { nightlyBackup } from './nightly-backup';
import { readOnlyFileRefusal, unwritableRefusal } from './open-database';
import { SiteRebuilder } from './rebuild';
import { startScheduler } from './scheduler';
import { PortalServer } from './server';
import { buildSite, latestSite, pruneSites, siteBuiltAt } from './site';
import { SiteState } from './site-state';

const args = new Set(process.argv.slice(2));
const isDefaultFile = !process.env.DATABASE_URL?.trim();
const wantsDemo = isDefaultFile || process.env.LINLI_DEMO === '1';
const file = databaseFilePath(process.env.DATABASE_URL?.trim() || 'file:data/linli.db');
const config = databaseConfig();
const port = Number(process.env.PORT ?? 4321);
// Builds are kept per database: a site built from another one (the demo's) is never served for this one.
const sitesDir = join(
  projectRoot,
  'data',
  isDefaultFile
    ? 'site'
    : `site-${createHash('sha256').update(config.url).digest('hex').slice(0, 12)}`,
);

/** A database that is not the demo's and holds no community: say what to run, in one line. */
function refuseUnset(): never {
  console.error(
    `数据库 ${file ?? config.url} 里还没有社区：请先运行 DATABASE_URL=${process.env.DATABASE_URL} ${INIT_HINT}（演示社区：不设 DATABASE_URL，或加 LINLI_DEMO=1）(no community in this database: run init first, or LINLI_DEMO=1 for the demo)`,
  );
  process.exit(1);
}

if (args.has('--fresh')) {
  if (!file) throw new Error('--fresh only applies to an embedded file database');
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  rmSync(sitesDir, { recursive: true, force: true });
  console.log('已清空本地数据库 (embedded database removed)');
}
if (!wantsDemo && file && !existsSync(file)) refuseUnset();

/** Storage the server cannot write: one line saying so, and no server. */
function refuseReadOnly(refusal: string): never {
  console.error(refusal);
  process.exit(1);
}
const readOnlyFile = readOnlyFileRefusal(file);
if (readOnlyFile) refuseReadOnly(readOnlyFile);
const database = createDatabase(config, { readSnapshotPerTurn: true });
const unwritable = await unwritableRefusal(database, file ?? config.url);
if (unwritable) {
  database.close();
  refuseReadOnly(unwritable);
}
await migrateDatabase(database);
const [{ n } = { n: 0 }] = await database.read.select({ n: count() }).from(users);
if (n === 0 && wantsDemo) {
  const t = performance.now();
  const summary = await seedDemo(database, { now: new Date() });
  console.log(
    `已生成演示社区 (demo community seeded): ${summary.residents} residents, ${summary.merchants} merchants, ${summary.entries} ledger entries in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
} else if (!(await isSetUp(database.read))) {
  database.close();
  refuseUnset();
}
const envSiteUrl = process.env.LINLI_SITE_URL?.trim();
if (envSiteUrl && !parseSiteOrigin(envSiteUrl))
  console.error(
    `LINLI_SITE_URL 不是 http(s) 源地址，已忽略：${envSiteUrl} (ignored: not an http(s) origin)`,
  );

const checkpointer = startCheckpointer(database, config.url);

// Rebuild the public site from the current database, then switch to it: once now, and again
// (debounced, one build at a time) after every publish. Each build reads the stored site URL
// afresh, so a change made in the console applies from the next build.
let listening = port;
const rebuilder = new SiteRebuilder(
  async () => {
    const t = performance.now();
    siteState.building();
    const siteUrl = resolveSiteOrigin({
      env: envSiteUrl,
      stored: await storedSiteUrl(database.read),
      port: listening,
    });
    const site = await buildSite({
      projectRoot,
      sitesDir,
      env: {
        DATABASE_URL: config.url,
        DATABASE_AUTH_TOKEN: config.authToken,
        LINLI_SITE_URL: siteUrl,
      },
    });
    server.useSite(site);
    siteState.built(new Date());
    pruneSites(sitesDir, site);
    console.log(
      `网站已生成 (site built, ${siteUrl}) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  },
  {
    delayMs: 2000,
    onError: (error) => {
      siteState.failed(new Date(), error);
      console.error(error instanceof Error ? error.message : error);
    },
  },
);

const previous = args.has('--fresh') ? undefined : latestSite(sitesDir);
const siteState = new SiteState(previous ? (siteBuiltAt(previous)?.toISOString() ?? null) : null);
const server = new PortalServer(
  createApp({
    database,
    trustProxy: trustProxy(),
    onPublish: () => rebuilder.request(),
    siteStatus: () => siteState.status(),
    clientAddress: nodeClientAddress(trustProxy()),
  }),
  () => siteState.status(),
);
if (previous) server.useSite(previous);
listening = await server.listen(port);
console.log(`邻里 Linli: http://localhost:${listening}  (API: /api, OpenAPI: /api/openapi.json)`);

rebuilder.request(0);
await rebuilder.idle();
if (!server.currentSite) process.exitCode = 1;

// Expiry, the nightly backup and the ledger check (functions/domain/jobs), catching up what is due.
const scheduler = startScheduler({
  database,
  runners: jobRunners(nightlyBackup(databaseFilePath(config.url))),
  onRun: (r) =>
    console.log(`定时任务 (job) ${r.job} ${r.period}: ${r.status} ${JSON.stringify(r.detail)}`),
  onError: (error) =>
    console.error(
      '定时任务出错 (scheduler error):',
      error instanceof Error ? error.message : error,
    ),
});

const stop = async () => {
  await scheduler.stop();
  rebuilder.stop();
  await server.close();
  await checkpointer.stop();
  database.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

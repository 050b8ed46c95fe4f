/**
 * `npm start`: the whole portal on one port with the embedded database.
 *   --fresh   start over: delete the embedded database file and seed the demo community again
 * First start creates the database file, migrates it, seeds the demo community and builds the
 * site; later starts keep the data. PORT overrides 4321; DATABASE_URL / DATABASE_AUTH_TOKEN pick
 * another database (a remote one is never seeded with demo data unless LINLI_DEMO=1).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { createDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { createApp } from '../app';
import { databaseConfig, databaseFilePath, projectRoot } from './config';
import { startCheckpointer } from './checkpointer';
import { SiteRebuilder } from './rebuild';
import { PortalServer } from './server';
import { buildSite, latestSite, pruneSites } from './site';
import { jobRunners } from '../domain/jobs/runners';
import { nightlyBackup } from './nightly-backup';
import { startScheduler } from './scheduler';

const args = new Set(process.argv.slice(2));
const config = databaseConfig();
const port = Number(process.env.PORT ?? 4321);
const sitesDir = join(projectRoot, 'data', 'site');
const isDefaultFile = !process.env.DATABASE_URL;

if (args.has('--fresh')) {
  const file = databaseFilePath(config.url);
  if (!file) throw new Error('--fresh only applies to an embedded file database');
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  rmSync(sitesDir, { recursive: true, force: true });
  console.log('已清空本地数据库 (embedded database removed)');
}

const database = createDatabase(config, { readSnapshotPerTurn: true });
await migrateDatabase(database);
const [{ n } = { n: 0 }] = await database.read.select({ n: count() }).from(users);
if (n === 0 && (isDefaultFile || process.env.LINLI_DEMO === '1')) {
  const t = performance.now();
  const summary = await seedDemo(database, { now: new Date() });
  console.log(`已生成演示社区 (demo community seeded): ${summary.residents} residents, ${summary.merchants} merchants, ${summary.entries} ledger entries in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const checkpointer = startCheckpointer(database, config.url);

// Rebuild the public site from the current database, then switch to it: once now, and again
// (debounced, one build at a time) after every publish.
const rebuilder = new SiteRebuilder(
  async () => {
    const t = performance.now();
    const site = await buildSite({ projectRoot, sitesDir, env: { DATABASE_URL: config.url, DATABASE_AUTH_TOKEN: config.authToken } });
    server.useSite(site);
    pruneSites(sitesDir, site);
    console.log(`网站已生成 (site built) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  },
  { delayMs: 2000, onError: (error) => console.error(error instanceof Error ? error.message : error) },
);

const server = new PortalServer(createApp({ database, onPublish: () => rebuilder.request() }));
const previous = latestSite(sitesDir);
if (previous && !args.has('--fresh')) server.useSite(previous);
const listening = await server.listen(port);
console.log(`邻里 Linli: http://localhost:${listening}  (API: /api, OpenAPI: /api/openapi.json)`);

rebuilder.request(0);
await rebuilder.idle();
if (!server.currentSite) process.exitCode = 1;

// Expiry, the nightly backup and the ledger check (functions/domain/jobs), catching up what is due.
const scheduler = startScheduler({
  database,
  runners: jobRunners(nightlyBackup(databaseFilePath(config.url))),
  onRun: (r) => console.log(`定时任务 (job) ${r.job} ${r.period}: ${r.status} ${JSON.stringify(r.detail)}`),
  onError: (error) => console.error('定时任务出错 (scheduler error):', error instanceof Error ? error.message : error),
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


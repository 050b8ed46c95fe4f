/**
 * `npm start`: the whole portal on one port with the embedded database.
 *   --fresh   start over: delete the embedded database file and seed the demo community again
 * First start creates the database file, migrates it, seeds the demo community and builds the
 * site; later starts keep the data. PORT overrides 4321; DATABASE_URL / DATABASE_AUTH_TOKEN pick
 * another database, which is never seeded with demo data unless LINLI_DEMO=1: it must have been
 * set up with `npm run linli -- init` (otherwise one line says so, instead of a portal nobody can
 * sign in to). The site's absolute URLs take LINLI_SITE_URL, else the stored site URL, else the
 * address served.
 *
 * LINLI_COMMUNITIES=communities.json: serves every community of the registry side by side on the
 * one port, chosen by the Host header (functions/node/start-communities.ts); none of the above
 * single-database variables apply then.
 */
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { createDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { isSetUp } from '../domain/community/setup';
import { parseSiteOrigin, resolveSiteOrigin } from '../domain/community/site-origin';
import { INIT_HINT } from './build-ready';
import { databaseConfig, databaseFilePath, projectRoot, trustProxy } from './config';
import { readOnlyFileRefusal, unwritableRefusal } from './open-database';
import { Portal } from './portal';

if (process.env.LINLI_COMMUNITIES?.trim()) {
  await import('./start-communities');
  // The registry's communities are served by that module; nothing below applies.
  await new Promise(() => undefined);
}

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

const portal = new Portal({
  database,
  config,
  sitesDir,
  siteOrigin: (stored, port) => resolveSiteOrigin({ env: envSiteUrl, stored, port }),
  trustProxy: trustProxy(),
  fresh: args.has('--fresh'),
});
const listening = await portal.server.listen(port);
console.log(`邻里 Linli: http://localhost:${listening}  (API: /api, OpenAPI: /api/openapi.json)`);
await portal.begin(listening);
if (!portal.server.currentSite) process.exitCode = 1;

const stop = async () => {
  await portal.server.close();
  await portal.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

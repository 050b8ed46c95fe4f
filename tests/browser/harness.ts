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
import { PortalServer } from '../../functions/node/server';
import { buildSite } from '../../functions/node/site';

export interface Portal {
  origin: string;
  database: Database;
  dir: string;
  close(): Promise<void>;
}

export const projectRoot = resolve(import.meta.dirname, '..', '..');

export async function startPortal(opts: { port?: number; siteDir?: string; log?: (s: string) => void } = {}): Promise<Portal> {
  const log = opts.log ?? (() => undefined);
  // Inside the project: the prerender step resolves packages from the nearest node_modules.
  const cache = join(projectRoot, 'node_modules', '.cache', 'linli-browser-tests');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'run-'));
  const url = `file:${join(dir, 'linli.db')}`;
  const database = createDatabase({ url }, { readSnapshotPerTurn: true }); // as functions/node/start.ts
  const t0 = performance.now();
  await migrateDatabase(database);
  await seedDemo(database, { now: new Date(), iterations: 1000 });
  const t1 = performance.now();
  let siteDir = opts.siteDir;
  if (!siteDir || !existsSync(join(siteDir, 'index.html'))) siteDir = await buildSite({ projectRoot, sitesDir: join(dir, 'sites'), env: { DATABASE_URL: url } });
  const t2 = performance.now();
  log(`[browser] seed ${((t1 - t0) / 1000).toFixed(1)} s, build ${((t2 - t1) / 1000).toFixed(1)} s → ${siteDir}`);
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
  const portal = await startPortal({ port: Number(process.env.PORT ?? 4400), siteDir: process.env.LINLI_BROWSER_SITE, log: console.log });
  console.log(`portal at ${portal.origin} (data in ${portal.dir})`);
  const stop = async () => {
    await portal.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase } from '../../../db/client';
import { migrateDatabase } from '../../../db/migrate';
import { type Community, connectionOf } from '../../communities/registry';
import { isSetUp } from '../../domain/community/setup';
import { parseSiteOrigin } from '../../domain/community/site-origin';
import { INIT_HINT } from '../build-ready';
import type { Env } from '../cli-support';
import { databaseConfig, databaseFilePath } from '../config';
import { type HostHandler, notice } from '../hosts';
import { readOnlyFileRefusal, unwritableRefusal } from '../open-database';
import { Portal } from '../portal';
import { noticePage } from '../server';
import { defaultSiteOrigin } from './build-all';
import { communityDataDir } from './registry-file';

/** Runs builds one after another: an Astro build takes every core, two at once only slow each other. */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

const notReady = (why: string) =>
  notice(
    503,
    'community_unavailable',
    noticePage('社区网站尚未开通', [
      '这个社区的网站尚未开通，请稍后再来。',
      "This community's site is not open yet; please come back later.",
    ]),
    `这个社区尚未开通 (this community is not available yet): ${why}`,
  );

export interface ServedCommunities {
  hosts: Map<string, HostHandler>;
  portals: Map<string, Portal>;
}

/**
 * Opens every registered community for serving: its own database (migrated on the way, as
 * `npm start` does), app, site folder (data/communities/<host>/site), scheduler and rebuild. A
 * community that cannot be served — no database file, not writable, not set up yet — is reported
 * and answers 503 at its host; the others are served regardless. Demo data is never seeded here
 * (`community add --demo` does that).
 */
export async function openCommunities(
  list: readonly Community[],
  env: Env,
  options: { trustProxy: boolean; log?: (line: string) => void },
): Promise<ServedCommunities> {
  const log = options.log ?? ((line) => console.error(line));
  const hosts = new Map<string, HostHandler>();
  const portals = new Map<string, Portal>();
  const runBuild = serialQueue();
  for (const c of list) {
    const opened = await openForServing(c, env);
    if (typeof opened === 'string') {
      log(`[${c.host}] 未开通 (not served): ${opened}`);
      hosts.set(c.host, notReady(opened));
      continue;
    }
    const portal = new Portal({
      database: opened.database,
      config: opened.config,
      sitesDir: join(communityDataDir(c.host), 'site'),
      siteOrigin: (stored, port) =>
        (stored && parseSiteOrigin(stored)) || defaultSiteOrigin(c.host, { PORT: String(port) }),
      trustProxy: options.trustProxy,
      runBuild,
      label: c.host,
    });
    portals.set(c.host, portal);
    hosts.set(c.host, portal.server);
  }
  return { hosts, portals };
}

/** A community's database, open and migrated, or why it cannot be served. */
async function openForServing(c: Community, env: Env) {
  const { url, authToken } = connectionOf(c, env);
  const file = databaseFilePath(url);
  const readOnly = readOnlyFileRefusal(file);
  if (readOnly) return readOnly;
  const config = databaseConfig({ DATABASE_URL: url, DATABASE_AUTH_TOKEN: authToken });
  if (file && !existsSync(file))
    return `数据库文件不存在 ${file}：请先运行 npm run linli -- community add (no database file)`;
  const database = createDatabase(config, { readSnapshotPerTurn: true });
  try {
    const unwritable = await unwritableRefusal(database, file ?? url);
    if (unwritable) throw new Error(unwritable);
    await migrateDatabase(database);
    if (!(await isSetUp(database.read)))
      throw new Error(`数据库里还没有社区：DATABASE_URL=${c.databaseUrl} ${INIT_HINT}`);
    return { database, config };
  } catch (error) {
    database.close();
    return error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
}

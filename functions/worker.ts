/**
 * The Cloudflare edge shell: one Worker with static assets. wrangler.jsonc routes /api/* here
 * first; everything else is the prerendered site in the ASSETS binding. The database is Turso
 * (remote libSQL) through DATABASE_URL + DATABASE_AUTH_TOKEN; @libsql/client resolves to its
 * web build under workerd. With a COMMUNITIES KV namespace bound, one Worker serves the API of
 * many communities, each request's hostname choosing its database (functions/edge/communities.ts;
 * the design and its limits: DEPLOY.md).
 */
import { createDatabase, type Database } from '../db/client';
import { type App, createApp } from './app';
import { jobRunners, runDueJobs } from './domain/jobs/runners';
import { deployHookAt, requestSiteRebuild } from './domain/jobs/site-hook';
import { getOrPut } from './domain/shared/maps';
import {
  allCommunities,
  COMMUNITIES_PER_ISOLATE,
  type CommunitiesEnv,
  communityOf,
  type EdgeCommunity,
  RecentlyUsed,
} from './edge/communities';
import {
  type ExecutionContextLike,
  type Lease,
  leaseDatabase,
  type WaitUntil,
  withRelease,
} from './edge/database';
import { FaultLog } from './http/faults';
import { withSecurityHeaders } from './http/security-headers';

interface Env extends CommunitiesEnv {
  DATABASE_URL: string;
  DATABASE_AUTH_TOKEN?: string;
  /** A Cloudflare Workers Builds deploy hook: POSTed by the cron when publishes await a rebuild. */
  DEPLOY_HOOK_URL?: string;
  ASSETS: { fetch(request: Request): Promise<Response> };
}

// One HTTP client and one app per community per isolate (the most recently used ones): bindings
// are fixed for an isolate's lifetime. One fault log, so an incident is logged once.
const apps = new RecentlyUsed<string, App>(COMMUNITIES_PER_ISOLATE);
const databases = new RecentlyUsed<string, Database>(COMMUNITIES_PER_ISOLATE);
const faultLog = new FaultLog();

function lease(community: EdgeCommunity): Lease {
  return leaseDatabase(community, () =>
    getOrPut(databases, community.key, () =>
      createDatabase({ url: community.url, authToken: community.authToken }),
    ),
  );
}

function appFor(database: Database): App {
  return createApp({
    database,
    faultLog,
    secureCookies: true,
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
  });
}

/**
 * The due jobs of one community, and the deploy hook when its publishes await a rebuild (at most
 * one call per few minutes: functions/domain/jobs/site-hook.ts). The hook's body names the host,
 * so a builder serving many communities knows which site to build.
 */
async function scheduledWork(community: EdgeCommunity, env: Env): Promise<void> {
  const label = community.host ? `${community.host} ` : '';
  const { database, release } = lease(community);
  const hookUrl = env.DEPLOY_HOOK_URL;
  const hook = hookUrl && deployHookAt(hookUrl);
  await withRelease(undefined, release, () =>
    Promise.all([
      runDueJobs(database, jobRunners(), () => new Date()).then((reports) => {
        for (const r of reports)
          console.log(`${label}job ${r.job} ${r.period}: ${r.status} ${JSON.stringify(r.detail)}`);
      }),
      hook &&
        requestSiteRebuild(
          database,
          (body) => hook(community.host ? { ...body, host: community.host } : body),
          () => new Date(),
        ).then((report) => console.log(`${label}site rebuild: ${JSON.stringify(report)}`)),
    ]),
  );
}

/** Every community in the registry (or the single one), one after another: one that fails is logged, the others still run. */
async function runEveryCommunity(env: Env): Promise<void> {
  const failed: string[] = [];
  for (const community of await allCommunities(env)) {
    try {
      await scheduledWork(community, env);
    } catch (error) {
      console.error(`${community.host ?? 'DATABASE_URL'}: scheduled work failed`, error);
      failed.push(community.host ?? 'DATABASE_URL');
    }
  }
  if (failed.length) throw new Error(`scheduled work failed for ${failed.join(', ')}`);
}

export default {
  /**
   * Security headers (functions/http/security-headers.ts): the static assets are served by
   * Cloudflare without running this Worker (run_worker_first is /api/* only), so they take theirs
   * from the `_headers` file the build writes from the same table; what passes through here gets
   * them set on the answer.
   */
  async fetch(request: Request, env: Env, ctx: unknown): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (!path.startsWith('/api/'))
      return withSecurityHeaders(await env.ASSETS.fetch(request), path);
    const community = await communityOf(request, env);
    if ('refused' in community) return withSecurityHeaders(community.refused, path);
    const { database, release } = lease(community);
    // A leased (per-request) database needs its own app; a shared one keeps its app per isolate.
    const app = release ? appFor(database) : getOrPut(apps, community.key, () => appFor(database));
    return withRelease(ctx as ExecutionContextLike | undefined, release, async (tracked) =>
      // Sound: the Workers runtime passes its ExecutionContext (kept, with waitUntil tracked);
      // `unknown` here lets tests pass a stub without `props`.
      withSecurityHeaders(await app.fetch(request, env, tracked as never), path),
    );
  },

  /**
   * The Cron Triggers of wrangler.jsonc: the same due/claim/finish code as the Node scheduler
   * (functions/domain/jobs), for every community. The backup job is recorded as skipped: Turso's
   * point-in-time restore is the edge's backup. Publishes only append publish_events; the cron
   * calls the deploy hook for them.
   */
  scheduled(_controller: unknown, env: Env, ctx: WaitUntil): void {
    ctx.waitUntil(runEveryCommunity(env));
  },
};

/**
 * The Cloudflare edge shell: one Worker with static assets. wrangler.jsonc routes /api/* here
 * first; everything else is the prerendered site in the ASSETS binding. The database is Turso
 * (remote libSQL) through DATABASE_URL + DATABASE_AUTH_TOKEN; @libsql/client resolves to its
 * web build under workerd. With a COMMUNITIES KV namespace bound, one Worker serves the API of
 * many communities, each request's hostname choosing its database (functions/edge/communities.ts;
 * the design and its limits: docs/deploy-communities.md).
 */
import { createDatabase, type Database } from '../db/client';
import { type App, createApp } from './app';
import { jobRunners, runDueJobs } from './domain/jobs/runners';
import { getOrPut } from './domain/shared/maps';
import {
  allCommunities,
  COMMUNITIES_PER_ISOLATE,
  type CommunitiesEnv,
  communityOf,
  type EdgeCommunity,
  RecentlyUsed,
} from './edge/communities';
import { withSecurityHeaders } from './http/security-headers';

interface Env extends CommunitiesEnv {
  DATABASE_URL: string;
  DATABASE_AUTH_TOKEN?: string;
  /** A Cloudflare Pages/Workers Builds deploy hook: POSTed after each publish to rebuild the site. */
  DEPLOY_HOOK_URL?: string;
  ASSETS: { fetch(request: Request): Promise<Response> };
}

// One client and one app per community per isolate (the most recently used ones): bindings are fixed
// for an isolate's lifetime.
const apps = new RecentlyUsed<string, App>(COMMUNITIES_PER_ISOLATE);
const databases = new RecentlyUsed<string, Database>(COMMUNITIES_PER_ISOLATE);
const databaseOf = (community: EdgeCommunity) =>
  getOrPut(databases, community.key, () =>
    createDatabase({ url: community.url, authToken: community.authToken }),
  );

/**
 * The due jobs of every community in the registry (or the single one), one community after
 * another: one that fails is logged and the others still run; the run fails at the end if any did.
 */
async function runEveryCommunity(env: Env): Promise<void> {
  const failed: string[] = [];
  for (const community of await allCommunities(env)) {
    const label = community.host ? `${community.host} ` : '';
    try {
      const reports = await runDueJobs(databaseOf(community), jobRunners(), () => new Date());
      for (const r of reports)
        console.log(`${label}job ${r.job} ${r.period}: ${r.status} ${JSON.stringify(r.detail)}`);
    } catch (error) {
      console.error(`${label}jobs failed`, error);
      failed.push(community.host ?? 'DATABASE_URL');
    }
  }
  if (failed.length) throw new Error(`scheduled jobs failed for ${failed.join(', ')}`);
}

interface ScheduledContext {
  waitUntil(promise: Promise<unknown>): void;
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
    // Many communities: the hostname picks one from the COMMUNITIES registry (functions/edge/communities.ts).
    const community = await communityOf(request, env);
    if ('refused' in community) return withSecurityHeaders(community.refused, path);
    const app = getOrPut(apps, community.key, () =>
      createApp({
        database: databaseOf(community),
        secureCookies: true,
        clientAddress: (c) => c.req.header('cf-connecting-ip'),
        onPublish: (event, context) => {
          if (!env.DEPLOY_HOOK_URL) return;
          const hook = fetch(env.DEPLOY_HOOK_URL, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            // The host tells a builder serving many communities which site to rebuild.
            body: JSON.stringify(community.host ? { ...event, host: community.host } : event),
          }).then(
            (res) => void (res.ok || console.error(`deploy hook answered ${res.status}`)),
            (error) => console.error('deploy hook failed', error),
          );
          context?.waitUntil?.(hook);
        },
      }),
    );
    // Sound: the Workers runtime passes its ExecutionContext; `unknown` here lets tests pass a stub without `props`.
    return withSecurityHeaders(await app.fetch(request, env, ctx as never), path);
  },

  /**
   * The Cron Triggers of wrangler.jsonc: the same due/claim/finish code as the Node scheduler
   * (functions/domain/jobs). The backup job is recorded as skipped: Turso's point-in-time restore
   * is the edge's backup.
   */
  scheduled(_controller: unknown, env: Env, ctx: ScheduledContext): void {
    ctx.waitUntil(runEveryCommunity(env));
  },
};

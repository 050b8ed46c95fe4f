/**
 * The Cloudflare edge shell: one Worker with static assets. wrangler.jsonc routes /api/* here
 * first; everything else is the prerendered site in the ASSETS binding. The database is Turso
 * (remote libSQL) through DATABASE_URL + DATABASE_AUTH_TOKEN; @libsql/client resolves to its
 * web build under workerd.
 */
import { createDatabase, type Database } from '../db/client';
import { type App, createApp } from './app';
import { jobRunners, runDueJobs } from './domain/jobs/runners';
import { deployHookAt, requestSiteRebuild } from './domain/jobs/site-hook';
import { withSecurityHeaders } from './http/security-headers';

interface Env {
  DATABASE_URL: string;
  DATABASE_AUTH_TOKEN?: string;
  /** A Cloudflare Workers Builds deploy hook: POSTed by the cron when publishes await a rebuild. */
  DEPLOY_HOOK_URL?: string;
  ASSETS: { fetch(request: Request): Promise<Response> };
}

let app: App | undefined;
let database: Database | undefined;
// One client per isolate: bindings are fixed for an isolate's lifetime.
const databaseOf = (env: Env) =>
  (database ??= createDatabase({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN }));

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
    app ??= createApp({
      database: databaseOf(env),
      secureCookies: true,
      clientAddress: (c) => c.req.header('cf-connecting-ip'),
    });
    // Sound: the Workers runtime passes its ExecutionContext; `unknown` here lets tests pass a stub without `props`.
    return withSecurityHeaders(await app.fetch(request, env, ctx as never), path);
  },

  /**
   * The Cron Triggers of wrangler.jsonc: the same due/claim/finish code as the Node scheduler
   * (functions/domain/jobs). The backup job is recorded as skipped: Turso's point-in-time restore
   * is the edge's backup. Publishes only append publish_events; the cron calls the deploy hook for
   * them, at most once per few minutes (functions/domain/jobs/site-hook.ts).
   */
  scheduled(_controller: unknown, env: Env, ctx: ScheduledContext): void {
    ctx.waitUntil(
      runDueJobs(databaseOf(env), jobRunners(), () => new Date()).then((reports) => {
        for (const r of reports)
          console.log(`job ${r.job} ${r.period}: ${r.status} ${JSON.stringify(r.detail)}`);
      }),
    );
    const hookUrl = env.DEPLOY_HOOK_URL;
    if (hookUrl)
      ctx.waitUntil(
        requestSiteRebuild(databaseOf(env), deployHookAt(hookUrl), () => new Date()).then(
          (report) => console.log(`site rebuild: ${JSON.stringify(report)}`),
        ),
      );
  },
};

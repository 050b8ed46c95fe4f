/**
 * The Cloudflare edge shell: one Worker with static assets. wrangler.jsonc routes /api/* here
 * first; everything else is the prerendered site in the ASSETS binding. The database is Turso
 * (remote libSQL) through DATABASE_URL + DATABASE_AUTH_TOKEN; @libsql/client resolves to its
 * web build under workerd.
 */
import { createDatabase, type Database } from '../db/client';
import { type App, createApp } from './app';
import { jobRunners, runDueJobs } from './domain/jobs/runners';
import { FaultLog } from './http/faults';
import { withSecurityHeaders } from './http/security-headers';

interface Env {
  DATABASE_URL: string;
  DATABASE_AUTH_TOKEN?: string;
  /** A Cloudflare Pages/Workers Builds deploy hook: POSTed after each publish to rebuild the site. */
  DEPLOY_HOOK_URL?: string;
  ASSETS: { fetch(request: Request): Promise<Response> };
}

let app: App | undefined;
let shared: Database | undefined;
// One per isolate, so that an incident is logged once however many per-request apps meet it.
const faultLog = new FaultLog();

interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * The database for one request or one scheduled run, with `release` to call when that work is
 * done. Over HTTP a client holds no connection of its own (each query is a fetch), so one client
 * per isolate serves every request. A WebSocket (`ws:`, `wss:`, `libsql:` URLs) is I/O that workerd
 * ties to the request that opened it — any other request using it fails with "Cannot perform I/O
 * on behalf of a different request" — so those URLs get a client per request, closed by `release`.
 */
function databaseOf(env: Env): { database: Database; release?: () => void } {
  const config = { url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN };
  if (/^(wss?|libsql):/i.test(config.url)) {
    const database = createDatabase(config);
    return { database, release: () => database.close() };
  }
  shared ??= createDatabase(config);
  return { database: shared };
}

interface ExecutionContextLike extends Partial<WaitUntil> {
  passThroughOnException?(): void;
  props?: unknown;
}

/**
 * Runs `work` with the request's execution context; with a per-request database, one whose
 * waitUntil promises are tracked, and the database is released once the work and all of them
 * have settled (in the background when the runtime gives a waitUntil of its own).
 */
async function withRelease<T>(
  ctx: ExecutionContextLike | undefined,
  release: (() => void) | undefined,
  work: (ctx: ExecutionContextLike | undefined) => Promise<T>,
): Promise<T> {
  if (!release) return work(ctx);
  const pending: Array<Promise<unknown>> = [];
  // Not a spread: workerd's ExecutionContext keeps its methods on the prototype.
  const tracked: ExecutionContextLike = {
    waitUntil: (promise) => {
      pending.push(promise);
      ctx?.waitUntil?.(promise);
    },
    passThroughOnException: () => ctx?.passThroughOnException?.(),
    props: ctx?.props,
  };
  try {
    return await work(tracked);
  } finally {
    const done = Promise.allSettled(pending).then(release);
    if (ctx?.waitUntil) ctx.waitUntil(done);
    else await done;
  }
}

function appFor(env: Env, database: Database): App {
  return createApp({
    database,
    faultLog,
    secureCookies: true,
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
    onPublish: (event, context) => {
      if (!env.DEPLOY_HOOK_URL) return;
      const hook = fetch(env.DEPLOY_HOOK_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
      }).then(
        (res) => void (res.ok || console.error(`deploy hook answered ${res.status}`)),
        (error) => console.error('deploy hook failed', error),
      );
      context?.waitUntil?.(hook);
    },
  });
}

type ScheduledContext = WaitUntil;

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
    const { database, release } = databaseOf(env);
    // A per-request database needs its own app (its deps); the shared one keeps one per isolate.
    if (!release) app ??= appFor(env, database);
    const handler = release ? appFor(env, database) : app!;
    return withRelease(ctx as ExecutionContextLike | undefined, release, async (tracked) =>
      // Sound: the Workers runtime passes its ExecutionContext (kept, with waitUntil tracked);
      // `unknown` here lets tests pass a stub without `props`.
      withSecurityHeaders(await handler.fetch(request, env, tracked as never), path),
    );
  },

  /**
   * The Cron Triggers of wrangler.jsonc: the same due/claim/finish code as the Node scheduler
   * (functions/domain/jobs). The backup job is recorded as skipped: Turso's point-in-time restore
   * is the edge's backup.
   */
  scheduled(_controller: unknown, env: Env, ctx: ScheduledContext): void {
    const { database, release } = databaseOf(env);
    ctx.waitUntil(
      withRelease(undefined, release, () =>
        runDueJobs(database, jobRunners(), () => new Date()).then((reports) => {
          for (const r of reports)
            console.log(`job ${r.job} ${r.period}: ${r.status} ${JSON.stringify(r.detail)}`);
        }),
      ),
    );
  },
};

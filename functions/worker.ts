/**
 * The Cloudflare edge shell: one Worker with static assets. wrangler.jsonc routes /api/* here
 * first; everything else is the prerendered site in the ASSETS binding. The database is Turso
 * (remote libSQL) through DATABASE_URL + DATABASE_AUTH_TOKEN; @libsql/client resolves to its
 * web build under workerd.
 */
import { createDatabase } from '../db/client';
import { createApp, type App } from './app';

interface Env {
  DATABASE_URL: string;
  DATABASE_AUTH_TOKEN?: string;
  /** A Cloudflare Pages/Workers Builds deploy hook: POSTed after each publish to rebuild the site. */
  DEPLOY_HOOK_URL?: string;
  ASSETS: { fetch(request: Request): Promise<Response> };
}

let app: App | undefined;

export default {
  fetch(request: Request, env: Env, ctx: unknown): Response | Promise<Response> {
    if (!new URL(request.url).pathname.startsWith('/api/')) return env.ASSETS.fetch(request);
    // One client per isolate: bindings are fixed for an isolate's lifetime.
    app ??= createApp({
      database: createDatabase({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN }),
      secureCookies: true,
      onPublish: (event, context) => {
        if (!env.DEPLOY_HOOK_URL) return;
        const hook = fetch(env.DEPLOY_HOOK_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) }).then(
          (res) => void (res.ok || console.error(`deploy hook answered ${res.status}`)),
          (error) => console.error('deploy hook failed', error),
        );
        context?.waitUntil?.(hook);
      },
    });
    return app.fetch(request, env, ctx as never);
  },
};

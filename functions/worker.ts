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
  ASSETS: { fetch(request: Request): Promise<Response> };
}

let app: App | undefined;

export default {
  fetch(request: Request, env: Env, ctx: unknown): Response | Promise<Response> {
    if (!new URL(request.url).pathname.startsWith('/api/')) return env.ASSETS.fetch(request);
    // One client per isolate: bindings are fixed for an isolate's lifetime.
    app ??= createApp({ database: createDatabase({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN }), secureCookies: true });
    return app.fetch(request, env, ctx as never);
  },
};

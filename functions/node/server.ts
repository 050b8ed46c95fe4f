import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { getPath } from 'hono/utils/url';
import type { App } from '../app';
import type { SiteStatus } from '../http/context';
import { isBuildFile, withSecurityHeaders } from '../http/security-headers';

/** What the public sees when there is no site to serve: a build under way, or one that failed. */
export function noticePage(title: string, lines: string[], refreshSeconds?: number): string {
  const refresh = refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : '';
  const body = lines.map((l, i) => `<p${i % 2 ? ' lang="en"' : ''}>${l}</p>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}<title>${title}</title><style>body{font:1.25rem/1.6 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}</style></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

const BUILDING_PAGE = noticePage(
  '网站正在生成，请稍候刷新',
  ['网站正在生成，请稍候刷新。', 'The site is being built; please refresh shortly.'],
  5,
);
const UNAVAILABLE_PAGE = noticePage('网站暂时无法访问', [
  '社区网站暂时无法访问，工作人员已在管理后台看到这个问题，正在处理。请稍后再来。',
  'The community site is temporarily unavailable. Staff have been told and are fixing it; please come back later.',
]);

/** A fetch handler served on a port by @hono/node-server. */
export abstract class NodeListener {
  private server: ServerType | undefined;

  abstract fetch(request: Request, env?: unknown): Response | Promise<Response>;

  listen(port: number, hostname = '0.0.0.0'): Promise<number> {
    return new Promise((resolve) => {
      this.server = serve(
        { fetch: (request, env) => this.fetch(request, env), port, hostname },
        (info) => resolve(info.port),
      );
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * The Node shell: the API under /api and the built site for everything else, on one port.
 * The site folder can be switched while serving (after a rebuild) — requests in flight finish on
 * the old folder, new ones see the new one.
 */
export class PortalServer extends NodeListener {
  private siteDir: string | undefined;
  private statics: MiddlewareHandler | undefined;
  private readonly web: Hono;

  /** `siteStatus`: the build state, which tells a failed build (no site coming) from one under way. */
  constructor(
    private readonly api: App,
    private readonly siteStatus?: () => SiteStatus,
  ) {
    super();
    this.web = this.webApp();
  }

  useSite(dir: string): void {
    this.statics = serveStatic({ root: dir });
    this.siteDir = dir;
  }

  get currentSite(): string | undefined {
    return this.siteDir;
  }

  /**
   * Every request. API paths go straight to the API app: mounted in the web app, each of its
   * routes would be matched again against the site's wildcard handlers and wrapped per request for
   * the API's own error handler — measured as a tenth of the API's allocation per request. The
   * web app serves the site, the API answers worth compressing, and any path it decodes to /api/.
   */
  fetch(request: Request, env?: unknown): Response | Promise<Response> {
    const path = getPath(request);
    const direct =
      path.startsWith('/api/') && !path.startsWith('/api/public/') && path !== '/api/openapi.json';
    const res = direct ? this.api.fetch(request, env) : this.web.fetch(request, env);
    // Every answer, the site's pages and the API's alike (functions/http/security-headers.ts).
    return res instanceof Promise
      ? res.then((r) => withSecurityHeaders(r, path))
      : withSecurityHeaders(res, path);
  }

  private webApp(): Hono {
    const web = new Hono();
    // Compressed (gzip, for clients that accept it): the site, and the large public API answers.
    // Not the small private JSON of the counter and the resident's phone, on the hot path.
    web.use('/api/public/*', compress());
    web.use('/api/openapi.json', compress());
    web.route('/', this.api);
    // Unknown API paths answer in the API's own JSON error shape, never with a site page.
    web.all('/api/*', (c) =>
      c.json({ error: { code: 'not_found', message: '没有这个接口' } }, 404),
    );
    web.use('*', compress());
    // Astro's bundles under /_astro/ are named by content hash: cacheable for good.
    web.use('/_astro/*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    web.use('*', async (c, next) => {
      // The build's own files (the deploy configuration and the like) are not part of the site.
      if (isBuildFile(c.req.path)) return c.notFound();
      if (!this.statics) {
        const failed = this.siteStatus?.().state === 'failed';
        return c.html(failed ? UNAVAILABLE_PAGE : BUILDING_PAGE, 503, {
          'retry-after': failed ? '300' : '5',
          'cache-control': 'no-store',
        });
      }
      return this.statics(c, next);
    });
    // An unknown site address answers with the site's own 404 page, in the address's language.
    web.notFound(async (c) => {
      const file = /^\/en(\/|$)/.test(c.req.path) ? join('en', '404.html') : '404.html';
      const page = this.siteDir
        ? await readFile(join(this.siteDir, file), 'utf8').catch(() => undefined)
        : undefined;
      return page ? c.html(page, 404) : c.text('404 页面不存在 (not found)', 404);
    });
    return web;
  }
}

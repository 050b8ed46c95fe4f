import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { SESSION_COOKIE } from './auth';
import type { AppEnv } from './context';
import { ApiError } from './errors';

/**
 * Where the request was addressed, as the browser saw it: scheme and host of its URL. Behind a
 * proxy that ends TLS the URL says http; only when the operator says the proxy is trusted
 * (LINLI_TRUST_PROXY=1) do its X-Forwarded-Proto and X-Forwarded-Host count — otherwise anyone
 * could claim https or another host by sending them.
 */
export function requestOrigin(request: Request, trustProxy = false): string {
  const url = new URL(request.url);
  if (!trustProxy) return url.origin;
  const first = (name: string) =>
    request.headers.get(name)?.split(',')[0]?.trim().toLowerCase() || undefined;
  const proto = first('x-forwarded-proto');
  const scheme = proto === 'https' || proto === 'http' ? proto : url.protocol.slice(0, -1);
  return `${scheme}://${first('x-forwarded-host') ?? url.host}`;
}

/** Whether the browser reached the site over HTTPS (the session cookie is then marked Secure). */
export const servedOverHttps = (request: Request, trustProxy = false) =>
  requestOrigin(request, trustProxy).startsWith('https:');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEARER = /^Bearer\s+\S+$/i;

/**
 * Refuses a state-changing request that a page of another origin made the browser send: a form
 * auto-submitted from a sibling subdomain carries the session cookie (SameSite=Lax counts the
 * whole registrable domain as one site), so the cookie alone proves nothing. Browsers name the
 * sender in `Origin` on every cross-origin POST/PUT/PATCH/DELETE; `Sec-Fetch-Site` is the fallback.
 *
 * - a bearer token cannot be sent by another page: such requests pass untouched;
 * - an `Origin` must equal the request's own origin (requestOrigin);
 * - without one, `Sec-Fetch-Site` must say same-origin;
 * - with neither (not a browser: a script or the command line), only a request without the
 *   session cookie passes — it acts as nobody, or signs in for a token of its own.
 * Login and logout are not exempt: a forged sign-in would put the victim in the attacker's account.
 */
export const sameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method) || BEARER.test(c.req.header('authorization') ?? ''))
    return next();
  const origin = c.req.header('origin');
  const fetchSite = c.req.header('sec-fetch-site');
  const allowed =
    origin !== undefined
      ? origin === requestOrigin(c.req.raw, c.get('deps').trustProxy)
      : fetchSite !== undefined
        ? fetchSite === 'same-origin'
        : getCookie(c, SESSION_COOKIE) === undefined;
  if (!allowed) throw new ApiError('cross_site_request', '请求须来自本网站页面（跨站请求已拒绝）');
  await next();
});

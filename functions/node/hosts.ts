import { getPath } from 'hono/utils/url';
import { hostOf } from '../communities/registry';
import { withSecurityHeaders } from '../http/security-headers';
import { NodeListener, noticePage } from './server';

/** What answers for one host: a community's PortalServer, or a fixed notice. */
export interface HostHandler {
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
}

const UNKNOWN_HOST_PAGE = noticePage('没有这个社区', [
  '这个网址不属于本站服务的任何社区，请检查地址。',
  'This address belongs to none of the communities served here; please check it.',
]);

/** A fixed answer for every path: JSON under /api/, a page elsewhere. */
export function notice(status: number, code: string, page: string, message: string): HostHandler {
  return {
    fetch: (request) => {
      const path = getPath(request);
      const response = path.startsWith('/api/')
        ? Response.json({ error: { code, message } }, { status })
        : new Response(page, {
            status,
            headers: { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-store' },
          });
      return withSecurityHeaders(response, path);
    },
  };
}

const unknownHost = notice(
  421,
  'unknown_host',
  UNKNOWN_HOST_PAGE,
  '这个主机名不属于本站服务的任何社区 (no community is served at this host)',
);

/**
 * Many communities on one port: each request goes to the community registered for its Host
 * header, and only to it — a host no community is registered for gets 421 Misdirected Request,
 * never another community's pages or data. X-Forwarded-Host counts only behind a trusted proxy
 * (LINLI_TRUST_PROXY), as everywhere else.
 */
export class HostRouter extends NodeListener {
  constructor(
    private readonly hosts: ReadonlyMap<string, HostHandler>,
    private readonly trustProxy = false,
  ) {
    super();
  }

  handlerFor(request: Request): HostHandler {
    const forwarded = this.trustProxy
      ? request.headers.get('x-forwarded-host')?.split(',')[0]
      : undefined;
    const host = hostOf(forwarded ?? request.headers.get('host') ?? new URL(request.url).host);
    return (host && this.hosts.get(host)) || unknownHost;
  }

  fetch(request: Request, env?: unknown): Response | Promise<Response> {
    return this.handlerFor(request).fetch(request, env);
  }
}

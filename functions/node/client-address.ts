import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The client's address as the Node server sees it: the socket's peer, or — only when the operator
 * says a proxy stands in front (LINLI_TRUST_PROXY) — the last hop of X-Forwarded-For, the one that
 * proxy appended (earlier hops are whatever the client wrote).
 */
export function nodeClientAddress(trustProxy: boolean): (c: Context) => string | undefined {
  return (c) => {
    if (trustProxy) {
      const last = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (last) return last;
    }
    // A request that did not come through the Node server (an in-process call) has no socket.
    return c.env && typeof c.env === 'object' && ('incoming' in c.env || 'server' in c.env)
      ? getConnInfo(c).remote.address
      : undefined;
  };
}

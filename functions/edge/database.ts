import { createDatabase, type Database } from '../../db/client';
import type { EdgeCommunity } from './communities';

export interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

export interface ExecutionContextLike extends Partial<WaitUntil> {
  passThroughOnException?(): void;
  props?: unknown;
}

/** A community's database for one request or one scheduled run, and `release` to call when that work is done. */
export interface Lease {
  database: Database;
  release?: () => void;
}

/**
 * The database of a community for one piece of work. Over HTTP a client holds no connection of
 * its own (each round trip is a fetch), so one client per community per isolate serves every
 * request (`shared`). A WebSocket (`ws:`, `wss:`, `libsql:` URLs) is I/O that workerd ties to the
 * request that opened it — any other request using it fails with "Cannot perform I/O on behalf of
 * a different request" — so those URLs get a client per request, closed by `release`. HTTP URLs
 * are the edge's choice: a WebSocket per request also pays its handshake every time.
 */
export function leaseDatabase(community: EdgeCommunity, shared: () => Database): Lease {
  if (/^(wss?|libsql):/i.test(community.url)) {
    const database = createDatabase({ url: community.url, authToken: community.authToken });
    return { database, release: () => database.close() };
  }
  return { database: shared() };
}

/**
 * Runs `work` with the request's execution context; with a leased database, one whose waitUntil
 * promises are tracked, and the database is released once the work and all of them have settled
 * (in the background when the runtime gives a waitUntil of its own).
 */
export async function withRelease<T>(
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

/**
 * Storage faults: the database is full, read-only, unreadable or (on the edge) unreachable. These
 * are the operator's problem, not a bug of the request: the API answers 503 storage_unavailable
 * with Retry-After, and the log gets one line per incident instead of a stack per request (a full
 * disk under load otherwise writes hundreds of thousands of stack lines, filling it further).
 */

/** SQLite result codes (and their extended forms, e.g. SQLITE_IOERR_WRITE) that mean the storage, not the query, failed. */
const STORAGE_CODES = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|CORRUPT|NOTADB)/;
/**
 * @libsql/client's codes for a remote database it cannot reach, lost the connection to, or that
 * answered with an HTTP error (an outage or a revoked token: either way not the request's fault).
 */
const REMOTE_CODES = /^(HRANA_WEBSOCKET_ERROR|HRANA_CLOSED_ERROR|SERVER_ERROR)$/;
/** The operating system's codes for a network peer that is not there. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/**
 * fetch's own failures, which is how @libsql/client's HTTP transport reports an unreachable server:
 * Node throws a TypeError "fetch failed" (the OS code in `cause`); workerd an Error "Network
 * connection lost." (marked `remote`, `retryable`).
 */
const FETCH_FAILURE =
  /^(fetch failed|Network connection lost|Network request failed|Failed to fetch)/i;

/** What kind of storage fault an error is, looking through the causes drizzle and libsql wrap it in; undefined when it is none. */
export function storageFault(error: unknown): string | undefined {
  let current = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      (STORAGE_CODES.test(code) || REMOTE_CODES.test(code) || NETWORK_CODES.has(code))
    )
      return code;
    if (current instanceof Error && FETCH_FAILURE.test(current.message)) {
      const cause = (current as { cause?: { code?: unknown } }).cause?.code;
      return typeof cause === 'string' ? cause : 'FETCH_FAILED';
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Seconds a client waits before trying again: long enough for an operator to notice, short for a blip. */
export const STORAGE_RETRY_AFTER_SECONDS = 30;

const REMIND_AFTER_MS = 60_000;

/**
 * The log of storage faults: one line when an incident starts, then at most one a minute while it
 * lasts (with how many requests it refused meanwhile), and one when storage works again.
 */
export class FaultLog {
  private incident:
    | { code: string; since: number; loggedAt: number; unlogged: number; refused: number }
    | undefined;

  constructor(
    private readonly log: (line: string) => void = (line) => console.error(line),
    private readonly clock: () => number = () => Date.now(),
  ) {}

  get open(): boolean {
    return this.incident !== undefined;
  }

  fault(code: string, error: unknown): void {
    const now = this.clock();
    const message = error instanceof Error ? firstLine(error) : String(error);
    if (!this.incident) {
      this.incident = { code, since: now, loggedAt: now, unlogged: 0, refused: 1 };
      this.log(
        `存储故障 (storage unavailable: ${code}): ${message} — answering 503 storage_unavailable until it recovers`,
      );
      return;
    }
    this.incident.refused++;
    this.incident.unlogged++;
    if (now - this.incident.loggedAt < REMIND_AFTER_MS) return;
    this.log(
      `存储故障持续 (storage still unavailable: ${code}): ${this.incident.unlogged} more requests refused since the last line`,
    );
    this.incident.loggedAt = now;
    this.incident.unlogged = 0;
  }

  /** A request that reached storage succeeded: the incident, if any, is over. */
  recovered(): void {
    if (!this.incident) return;
    const seconds = Math.round((this.clock() - this.incident.since) / 1000);
    this.log(
      `存储已恢复 (storage recovered) after ${seconds} s; ${this.incident.refused} requests refused`,
    );
    this.incident = undefined;
  }
}

function firstLine(error: Error): string {
  let deepest: unknown = error;
  while ((deepest as { cause?: unknown }).cause instanceof Error)
    deepest = (deepest as { cause: Error }).cause;
  return ((deepest as Error).message || error.message).split('\n')[0]!.slice(0, 200);
}

import type { Client, InArgs, InStatement, ResultSet } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { RoundTrips } from './round-trips';
import * as schema from './schema';
import type { Database, Db } from './types';

/**
 * A remote libSQL database (Turso, or sqld in the tests), where every round trip to the server
 * costs 20–150 ms. Three ways to reach it, each as few round trips as it can be:
 *
 * - reads (`read`): statements issued in the same turn of the event loop go out as one batch
 *   (RoundTrips), so `Promise.all` of reads costs one trip;
 * - `write`: an interactive transaction (serializable, a trip per statement): for the rare writes
 *   (setup, records, administration) that read their own writes or need each statement's result;
 * - `writeLedger`: a write that moves points, run optimistically in two trips — its reads in one
 *   batch outside any transaction, then all its writes in one write batch that begins with a guard
 *   (write_guard, migration 0022): the ledger's head is still the one its reads saw. Every
 *   change to a balance, a code's use or an account's lots appends a ledger entry, so a write that
 *   finds the head moved was decided on stale facts; it is run again from its reads. A function
 *   that reads after writing, or uses a write's own result, cannot be run this way: it is noticed
 *   and run again as an interactive transaction.
 *
 * Busy and TRANSACTION_TIMEOUT answers roll back everything of the attempt, so both kinds retry
 * them with backoff; a write keeps its Idempotency-Key across attempts, so a retry never moves
 * points twice.
 */
export function remoteDatabase(client: Client, trips = new RoundTrips(client)): Database {
  const read = drizzle(trips.asClient(), { schema }) as unknown as Db;
  const write = <T>(fn: (tx: Db) => Promise<T>) =>
    retrying(async () => {
      await trips.preflight();
      return interactive(client, fn);
    });
  // A ledger write decides again from its reads when a guard fails; a write-only one leaves that
  // to its caller. Writers that keep meeting each other (several counters at once) stop guessing:
  // after OPTIMISTIC_ATTEMPTS the write takes the server's write lock in an interactive
  // transaction, which cannot be overtaken.
  const recorded = <T>(fn: (tx: Db) => Promise<T>, headGuard: boolean) =>
    retrying(
      async (attempt) => {
        const recording =
          attempt > OPTIMISTIC_ATTEMPTS ? undefined : await recordWrites(trips, fn, headGuard);
        if (!recording || recording.kind === 'interactive') {
          await trips.preflight();
          return interactive(client, fn);
        }
        const guardFirst =
          recording.headId === undefined ? [] : [{ sql: HEAD_GUARD, args: [recording.headId] }];
        if (recording.writes.length > 0)
          await trips.writeBatch([...guardFirst, ...recording.writes]);
        return recording.value;
      },
      headGuard ? retryable : busy,
    );
  const writeLedger = <T>(fn: (tx: Db) => Promise<T>) => recorded(fn, true);
  return {
    read,
    write,
    writeLedger,
    writeOnly: (fn) => recorded(fn, false),
    writeBatch: (batch, item) =>
      writeLedger(async (tx) => {
        const [settled] = await batch.apply(tx, [item]);
        if (!settled) throw new Error('a write batch answered no result for its item');
        if (!settled.ok) throw settled.error;
        return settled.value;
      }),
    snapshot: async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
      await trips.preflight();
      const tx = await client.transaction('read');
      try {
        return await fn(drizzle(tx as unknown as Client, { schema }) as unknown as Db);
      } finally {
        tx.close();
      }
    },
    withPreflight: (statement, check) => {
      const view = trips.withPreflight(statement, check);
      return { database: remoteDatabase(client, view), checked: () => view.preflight() };
    },
    client,
    isFile: false,
    walAutocheckpoint: 0,
    close: () => client.close(),
  };
}

/** The first statement of every ledger write batch: fails the batch if the ledger moved since its reads. */
const HEAD_GUARD =
  'insert into write_guard (ok) select coalesce(max(id), 0) = ? from ledger_entries';
const HEAD_READ = 'select coalesce(max(id), 0) as id from ledger_entries';

async function interactive<T>(client: Client, fn: (tx: Db) => Promise<T>): Promise<T> {
  const tx = await client.transaction('write');
  try {
    const value = await fn(drizzle(tx as unknown as Client, { schema }) as unknown as Db);
    await tx.commit();
    return value;
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  } finally {
    tx.close();
  }
}

type Recorded<T> =
  | { kind: 'batch'; value: T; headId: number | undefined; writes: InStatement[] }
  | { kind: 'interactive' };

/** Thrown into a function whose shape does not fit one batch; it is then run interactively. */
class NeedsInteractive extends Error {}

/**
 * Runs fn with its reads sent (batched per turn, the ledger's head read in the first batch) and its
 * writes kept, answered with an empty result. Reading after a write, or looking at a write's result,
 * marks the attempt as needing an interactive transaction (even if fn catches what is thrown).
 */
async function recordWrites<T>(
  trips: RoundTrips,
  fn: (tx: Db) => Promise<T>,
  headGuard: boolean,
): Promise<Recorded<T>> {
  const writes: InStatement[] = [];
  let unfit = false;
  const head = headGuard ? trips.read(HEAD_READ) : undefined;
  // Awaited below unless fn fails first (with the same error, when the session check refused the trip).
  head?.catch(() => undefined);
  const recorder = {
    execute: (statement: InStatement | string, args?: InArgs): Promise<ResultSet> => {
      const stmt: InStatement =
        typeof statement === 'string' ? { sql: statement, args: args ?? [] } : statement;
      const text = typeof stmt === 'string' ? stmt : stmt.sql;
      if (isRead(text)) {
        if (writes.length > 0) unfit = true;
        if (unfit) return Promise.reject(new NeedsInteractive('a read after a write'));
        return trips.read(stmt);
      }
      writes.push(stmt);
      return Promise.resolve(unseenResult(() => (unfit = true)));
    },
    batch: () => {
      unfit = true;
      return Promise.reject(new NeedsInteractive('a nested batch'));
    },
    transaction: () => {
      unfit = true;
      return Promise.reject(new NeedsInteractive('a nested transaction'));
    },
  } as unknown as Client;
  let value: T;
  try {
    value = await fn(drizzle(recorder, { schema }) as unknown as Db);
  } catch (error) {
    if (unfit) return { kind: 'interactive' };
    throw error;
  }
  if (unfit) return { kind: 'interactive' };
  const headRow = head && (await head).rows[0];
  return { kind: 'batch', value, headId: head && Number(headRow?.id ?? 0), writes };
}

/** A write's result that nobody may look at: any look marks the attempt unfit. */
function unseenResult(looked: () => void): ResultSet {
  const refuse = (): never => {
    looked();
    throw new NeedsInteractive("a write's result was used");
  };
  return {
    get columns() {
      return refuse();
    },
    get columnTypes() {
      return refuse();
    },
    get rows() {
      return refuse();
    },
    get rowsAffected() {
      return refuse();
    },
    get lastInsertRowid() {
      return refuse();
    },
    toJSON: refuse,
  } as ResultSet;
}

function isRead(sqlText: string): boolean {
  return /^\s*(select|with)\b/i.test(sqlText) && !/\b(insert|update|delete)\b/i.test(sqlText);
}

/** Optimistic runs of a ledger write before it takes the write lock instead. */
const OPTIMISTIC_ATTEMPTS = 2;
const MAX_ATTEMPTS = 8;

/** Runs an attempt again after a conflict (busy, a transaction timed out, a guard that failed), with jittered backoff. */
async function retrying<T>(
  attempt: (n: number) => Promise<T>,
  again: (error: unknown) => boolean = retryable,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= MAX_ATTEMPTS || !again(error)) throw error;
      await new Promise((r) => setTimeout(r, 10 * 2 ** n * (0.5 + Math.random())));
    }
  }
}

/** Answers that rolled back everything of the attempt and may pass if it runs again. */
export function retryable(error: unknown): boolean {
  return busy(error) || guardFailed(error);
}

/** Another writer held the lock, or the server gave up on the transaction (and rolled it back): nothing was written. */
function busy(error: unknown): boolean {
  return causes(error).some((e) =>
    /SQLITE_BUSY|SQLITE_LOCKED|TRANSACTION_TIMEOUT/.test(`${e.code ?? ''} ${e.extendedCode ?? ''}`),
  );
}

/** A guard of the write refused it (functions/domain/shared/guard.ts, the ledger's chain): it was decided on stale facts. */
export function guardFailed(error: unknown): boolean {
  return causes(error).some((e) => /write_guard|must extend the chain/.test(e.message ?? ''));
}

type Failure = { code?: string; extendedCode?: string; message?: string; cause?: unknown };

/** An error and its causes (drizzle wraps the driver's error in its own). */
function causes(error: unknown): Failure[] {
  const chain: Failure[] = [];
  for (let e = error as Failure | null; e && chain.length < 8; e = e.cause as Failure | null)
    chain.push(e);
  return chain;
}

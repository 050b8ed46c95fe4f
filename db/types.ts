import type { Client, InStatement, ResultSet } from '@libsql/client';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema';

/**
 * A drizzle handle on the community's database — the only kind domain code is given, for reads,
 * snapshots and write transactions alike. Both drivers under it (db/native.ts on the embedded
 * file, drizzle's libsql driver on a remote one) answer every query the same
 * (tests/db/driver-contract.test.ts); the first row of a query is `const [row] = await db.all(…)`.
 */
export type Db = BaseSQLiteDatabase<'async', ResultSet, typeof schema>;

/**
 * The one way the application reaches its database. Reads see only committed data; writes go
 * through `write`, which runs the callback in a write transaction.
 *
 * On an embedded file, libSQL allows one writer at a time and its busy wait blocks the event loop,
 * so writes queue in-process and queued writes share one commit (group commit: each in its own
 * SAVEPOINT, so one failing write rolls back alone). Correctness never depends on the queue: the
 * ledger's guards are SQL constraints, because on the edge many isolates write with no shared queue.
 */
export interface Database {
  readonly read: Db;
  write<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * A write of a kind that can be applied together with others of its kind: queued like `write`,
   * and those that share a group commit on the embedded file are applied by one call of
   * `batch.apply` (set-based statements instead of each item's own). Answers the item's result.
   */
  writeBatch<I, O>(batch: WriteBatch<I, O>, item: I): Promise<O>;
  /**
   * A write that moves points (every points-moving operation, behind its Idempotency-Key): on the
   * embedded file the same as `write`; on a remote database its reads go first and its writes in
   * one batch guarded by the ledger's head, run again if the ledger moved (db/remote.ts). fn must
   * not depend on facts outside the ledger that another writer could change in between, beyond
   * what its own SQL constraints guard.
   */
  writeLedger<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * A write that reads nothing, decided on facts read before it: on a remote database its
   * statements go as one batch, one round trip; on the embedded file the same as `write`. The
   * facts it depends on are re-checked by its own guard statements (functions/domain/shared/
   * guard.ts); a failed guard throws an error for which `retryable` (db/remote.ts) is true, and
   * the caller decides again from fresh reads.
   */
  writeOnly<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Remote databases only: a view of the same database whose first round trip also carries
   * `statement` (the request's session check) and answers nothing until `check` passed on its
   * result. `checked` runs the statement by itself if no round trip has carried it yet, and
   * answers once `check` passed. Embedded files have no round trips to save and leave it undefined.
   */
  withPreflight?(
    statement: InStatement,
    check: (result: ResultSet) => void,
  ): { database: Database; checked(): Promise<void> };
  /** Runs fn on one consistent snapshot (a read transaction): for whole-ledger checks while writes go on. */
  snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** @libsql/client on the same database: migrations, backups, and every query of a remote one. */
  readonly client: Client;
  readonly isFile: boolean;
  /**
   * Embedded file only: the WAL size (pages) at which a committing write also checkpoints —
   * SQLite's default 1000, or 0 while a background checkpointer (functions/node/checkpointer.ts)
   * does it off the request path.
   */
  walAutocheckpoint: number;
  close(): void;
}

/** Each queued write's result: its value, or the error its promise rejects with (not the ledger's Settled: any error, not only a refusal). */
export type Attempt<O> = { ok: true; value: O } | { ok: false; error: unknown };

/**
 * Writes of one kind applied together (see Database.writeBatch). `apply` runs in the caller's write
 * transaction and settles every item, in order, as if each had run alone one after the other; an
 * item it settles as failed must have left nothing written. If it throws, nothing of the batch is
 * kept and each item is applied again on its own (`apply` with one item), so one bad item fails alone.
 */
export interface WriteBatch<I, O> {
  apply(tx: Db, items: I[]): Promise<Array<Attempt<O>>>;
}

import { type Client, createClient, type ResultSet } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { nativeDrizzle } from './native';
import { openNativeConnection, Statements, TurnReader } from './native-connection';
import { savepoint } from './savepoint';
import * as schema from './schema';

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

/** One item applied on its own: its value, or its error thrown. */
async function applyOne<I, O>(batch: WriteBatch<I, O>, tx: Db, item: I): Promise<O> {
  const [settled] = await batch.apply(tx, [item]);
  if (!settled) throw new Error('a write batch answered no result for its item');
  if (!settled.ok) throw settled.error;
  return settled.value;
}

export interface DatabaseConfig {
  url: string;
  authToken?: string | undefined;
}

const MAX_GROUP = 64;
/** Gathering (groupCommitWriter): after a commit of at least this many writes… */
const GATHER_AFTER = 4;
/** …keep taking arriving writes until none arrived in a turn and this long has passed since its answers… */
const GATHER_QUIET_MS = 0.5;
/** …and no longer than this. */
const GATHER_MAX_MS = 3;

interface Job {
  fn: (tx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** A write of a batch (Database.writeBatch): `fn` applies it alone. */
  batched?: { batch: WriteBatch<unknown, unknown>; item: unknown };
}

export interface DatabaseOptions {
  /**
   * Embedded file only: reads share one snapshot per turn of the event loop (TurnReader in
   * db/native.ts), which saves a lock per statement. For a server, whose writes all go through
   * `write`: a write made through `client` or another connection of the same process is seen
   * only from the next turn.
   */
  readSnapshotPerTurn?: boolean;
}

export function createDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): Database {
  const path = embeddedPath(config.url);
  const client = createClient({
    url: config.url,
    authToken: config.authToken,
    ...(path !== undefined ? { timeout: BUSY_TIMEOUT_MS } : {}),
  });
  return path !== undefined ? embeddedDatabase(path, client, options) : remoteDatabase(client);
}

/**
 * The path @libsql/client opens for a `file:` URL (a relative one is relative to the working
 * directory), or undefined for a remote database. The one reading of a database URL.
 */
export function embeddedPath(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const bare = url.replace(/\?.*$/, '');
  // Web-standard URL parsing, not node:url: this module is also bundled into the Worker.
  return decodeURIComponent(
    bare.startsWith('file://') ? new URL(bare).pathname : bare.slice('file:'.length),
  );
}

const BUSY_TIMEOUT_MS = 5000;

/** Remote libSQL (Turso): everything through @libsql/client; each write its own transaction. */
function remoteDatabase(client: Client): Database {
  const write = transactionPerWrite(client);
  return {
    read: drizzle(client, { schema }),
    write,
    writeBatch: (batch, item) => write((tx) => applyOne(batch, tx, item)),
    snapshot: async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
      const tx = await client.transaction('read');
      try {
        return await fn(drizzle(tx as unknown as Client, { schema }));
      } finally {
        tx.close();
      }
    },
    client,
    isFile: false,
    walAutocheckpoint: 0,
    close: () => client.close(),
  };
}

/**
 * The embedded file: queries run on libsql's own connections (db/native.ts) — one for reads, one
 * for the group-commit writer, one per snapshot — and @libsql/client stays for migrations and
 * backups. WAL lets the reader and the writer work side by side.
 */
function embeddedDatabase(path: string, client: Client, options: DatabaseOptions): Database {
  const connect = () => new Statements(openNativeConnection(path, BUSY_TIMEOUT_MS));
  const turnReader = options.readSnapshotPerTurn
    ? new TurnReader(openNativeConnection(path, BUSY_TIMEOUT_MS))
    : undefined;
  const reader = turnReader ?? connect();
  const settings = { walAutocheckpoint: 1000 };
  const writer = groupCommitWriter(connect, settings, () => turnReader?.refresh());
  return {
    read: nativeDrizzle(reader),
    write: writer.write,
    writeBatch: writer.writeBatch,
    snapshot: async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
      const statements = connect();
      try {
        statements.run('BEGIN');
        return await fn(nativeDrizzle(statements));
      } finally {
        statements.connection.close(); // ends the read transaction
      }
    },
    client,
    isFile: true,
    get walAutocheckpoint() {
      return settings.walAutocheckpoint;
    },
    set walAutocheckpoint(pages: number) {
      settings.walAutocheckpoint = pages;
    },
    close: () => {
      writer.close();
      reader.connection.close();
      client.close();
    },
  };
}

function groupCommitWriter(
  connect: () => Statements,
  settings: { walAutocheckpoint: number },
  committed: () => void,
): { write: Database['write']; writeBatch: Database['writeBatch']; close(): void } {
  const queue: Job[] = [];
  let draining = false;
  /** When the answers of the last commit of GATHER_AFTER writes or more had gone out. */
  let busyAnsweredAt = Number.NEGATIVE_INFINITY;
  let current: { statements: Statements; db: Db; walAutocheckpoint: number } | undefined;

  function connection() {
    if (!current) {
      const statements = connect();
      current = { statements, db: nativeDrizzle(statements), walAutocheckpoint: 1000 };
    }
    // A connection setting: applied when it changes (functions/node/checkpointer.ts turns it off).
    if (current.walAutocheckpoint !== settings.walAutocheckpoint) {
      current.statements.run(`PRAGMA wal_autocheckpoint = ${settings.walAutocheckpoint}`);
      current.walAutocheckpoint = settings.walAutocheckpoint;
    }
    return current;
  }

  /**
   * A statement that fails with SQLITE_BUSY (another process held the write lock past the busy
   * timeout) is left active on its connection by libsql, and that connection then refuses every
   * SAVEPOINT ("cannot open savepoint - SQL statements in progress"): every later write would
   * fail. A new connection drops it; the database itself is untouched.
   */
  function discardIfPoisoned(error: unknown): void {
    if (!current || !(isBusy(error) || isBusy((error as { cause?: unknown } | null)?.cause)))
      return;
    current.statements.connection.close();
    current = undefined;
  }

  async function runGroup(group: Job[]): Promise<void> {
    let statements: Statements;
    let db: Db;
    try {
      ({ statements, db } = connection());
      statements.run('BEGIN IMMEDIATE');
    } catch (error) {
      discardIfPoisoned(error);
      for (const job of group) job.reject(error);
      return;
    }
    const outcomes: Array<Attempt<unknown>> = [];
    try {
      if (group.length === 1) {
        outcomes.push({ ok: true, value: await group[0]!.fn(db) });
      } else {
        for (let i = 0; i < group.length; ) {
          const batch = group[i]!.batched?.batch;
          let end = i + 1;
          while (batch && end < group.length && group[end]!.batched?.batch === batch) end++;
          const run = group.slice(i, end);
          const together =
            batch && run.length > 1
              ? await inSavepoint(db, () => applyTogether(db, batch, run))
              : undefined;
          if (together?.ok) outcomes.push(...together.value);
          else for (const job of run) outcomes.push(await inSavepoint(db, () => job.fn(db)));
          i = end;
        }
      }
      statements.run('COMMIT');
      committed();
    } catch (error) {
      // A single write that threw, or a commit that failed: nothing of the group was acknowledged.
      try {
        if (statements.connection.inTransaction) statements.run('ROLLBACK');
      } catch {
        // the connection is discarded below if it is unusable
      }
      discardIfPoisoned(error);
      for (const job of group) job.reject(error);
      return;
    }
    group.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }

  /** fn in its own savepoint, so that if it fails it rolls back alone. */
  async function inSavepoint<T>(db: Db, fn: () => Promise<T>): Promise<Attempt<T>> {
    try {
      return { ok: true, value: await savepoint(db, fn) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /** Consecutive writes of one batch by one `apply`; if it throws, runGroup rolls it back and applies each job alone. */
  async function applyTogether(
    db: Db,
    batch: WriteBatch<unknown, unknown>,
    run: Job[],
  ): Promise<Array<Attempt<unknown>>> {
    const settled = await batch.apply(
      db,
      run.map((job) => job.batched!.item),
    );
    if (settled.length !== run.length)
      throw new Error(`a write batch answered ${settled.length} results for ${run.length} items`);
    return settled;
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      // The embedded driver commits synchronously: while a commit's fsync runs, the event loop is
      // blocked and arriving requests wait in the socket buffers. Yield to I/O once before each
      // group, so those requests reach the queue and share the next commit instead of each
      // paying for its own (the first write of an idle server waits one turn of the loop).
      let answering = 0; // the size of the group just run
      for (;;) {
        await yieldToIo();
        // A group's answers are sent in the microtasks that follow it, so they are out by now.
        if (answering > 0)
          busyAnsweredAt = answering >= GATHER_AFTER ? performance.now() : Number.NEGATIVE_INFINITY;
        if (queue.length === 0) break;
        if (performance.now() - busyAnsweredAt < GATHER_MAX_MS) await gather();
        const group = queue.splice(0, MAX_GROUP);
        await runGroup(group);
        answering = group.length;
      }
    } finally {
      draining = false;
    }
  }

  /**
   * Under load, most writers are closed loops: a counter's till sends its next redemption when the
   * last one is answered. The writes one commit answered come back over the next millisecond or
   * so; a group started at the first turn takes those that arrived in time and the rest wait a
   * whole group and commit more. So after a busy commit, keep turning the event loop while writes
   * keep arriving (until GATHER_QUIET_MS after its answers went out at least, GATHER_MAX_MS at
   * most): they share the next commit. After a quiet one (a lone clerk), the next write starts at once.
   */
  async function gather(): Promise<void> {
    let seen = -1;
    while (queue.length < MAX_GROUP) {
      const elapsed = performance.now() - busyAnsweredAt;
      if (elapsed >= GATHER_MAX_MS || (queue.length === seen && elapsed >= GATHER_QUIET_MS)) return;
      seen = queue.length;
      await yieldToIo();
    }
  }

  function enqueue<T>(job: Omit<Job, 'resolve' | 'reject'>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ ...job, resolve: resolve as (v: unknown) => void, reject });
      if (!draining) void drain();
    });
  }

  return {
    write: <T>(fn: (tx: Db) => Promise<T>) => enqueue<T>({ fn }),
    writeBatch: <I, O>(batch: WriteBatch<I, O>, item: I) =>
      enqueue<O>({
        fn: (tx) => applyOne(batch, tx, item),
        batched: { batch: batch as WriteBatch<unknown, unknown>, item },
      }),
    close: () => {
      current?.statements.connection.close();
      current = undefined;
    },
  };
}

const yieldToIo = (): Promise<void> =>
  new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );

/** Remote libSQL (Turso): each write is its own interactive transaction, retried on contention. */
function transactionPerWrite(client: Client): Database['write'] {
  return async <T>(fn: (tx: Db) => Promise<T>) => {
    for (let attempt = 0; ; attempt++) {
      const tx = await client.transaction('write');
      try {
        const value = await fn(drizzle(tx as unknown as Client, { schema }));
        await tx.commit();
        return value;
      } catch (error) {
        await tx.rollback().catch(() => undefined);
        if (attempt < 5 && (isBusy(error) || lockTakenBack(error))) {
          await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * (0.5 + Math.random())));
          continue;
        }
        throw error;
      } finally {
        tx.close();
      }
    }
  };
}

/** sqld took the lock (held past 5 s while a writer waited) and rolled it all back: run it again. */
const lockTakenBack = (e: unknown): boolean =>
  (e as { code?: string } | null)?.code === 'TRANSACTION_TIMEOUT' ||
  (e instanceof Error && e.cause !== undefined && lockTakenBack(e.cause));

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED';
}

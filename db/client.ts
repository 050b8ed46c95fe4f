import { createClient, type Client, type Transaction } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema';

export type Db = LibSQLDatabase<typeof schema>;

/**
 * The one way the application reaches its database. Reads go straight to the client (they see only
 * committed data); writes go through `write`, which runs the callback in a write transaction.
 *
 * On an embedded file, libSQL allows one writer at a time and its busy wait blocks the event loop,
 * so writes queue in-process and queued writes share one commit (group commit: each in its own
 * SAVEPOINT, so one failing write rolls back alone). Correctness never depends on the queue: the
 * ledger's guards are SQL constraints, because on the edge many isolates write with no shared queue.
 */
export interface Database {
  readonly read: Db;
  write<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Runs fn on one consistent snapshot (a read transaction): for whole-ledger checks while writes go on. */
  snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T>;
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

/**
 * The libSQL client (or open transaction) under a drizzle handle, for the few hot loops where
 * drizzle's row mapping costs more than the query (verify's million-entry replay).
 */
export function clientOf(db: Db): Pick<Client, 'execute'> {
  return (db as unknown as { $client: Client }).$client;
}

export interface DatabaseConfig {
  url: string;
  authToken?: string | undefined;
}

const MAX_GROUP = 64;

interface Job {
  fn: (tx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

function bind(client: Client | Transaction): Db {
  return drizzle(client as Client, { schema });
}

export function createDatabase(config: DatabaseConfig): Database {
  const isFile = config.url.startsWith('file:');
  if (isFile) keepStatementsPrepared();
  const client = createClient({ url: config.url, authToken: config.authToken, ...(isFile ? { timeout: 5000 } : {}) });
  const read = bind(client);
  const settings = { walAutocheckpoint: 1000, changed: false };
  const write = isFile ? groupCommitWriter(client, settings) : transactionPerWrite(client);
  const snapshot = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const tx = await client.transaction('read');
    try {
      return await fn(bind(tx));
    } finally {
      tx.close();
    }
  };
  return {
    read,
    write,
    snapshot,
    client,
    isFile,
    get walAutocheckpoint() {
      return settings.walAutocheckpoint;
    },
    set walAutocheckpoint(pages: number) {
      settings.walAutocheckpoint = pages;
      settings.changed = true;
    },
    close: () => client.close(),
  };
}

function groupCommitWriter(client: Client, settings: { walAutocheckpoint: number; changed: boolean }): Database['write'] {
  const queue: Job[] = [];
  let draining = false;

  async function runGroup(group: Job[]): Promise<void> {
    let tx: Transaction;
    try {
      tx = await client.transaction('write');
    } catch (error) {
      await discardIfPoisoned(client, error);
      for (const job of group) job.reject(error);
      return;
    }
    const db = bind(tx);
    // A connection setting, and the pool may hand this transaction any connection: set on each
    // group (one cheap statement per commit, not per write).
    if (settings.changed) await tx.execute(`PRAGMA wal_autocheckpoint = ${settings.walAutocheckpoint}`);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      if (group.length === 1) {
        outcomes.push({ ok: true, value: await group[0]!.fn(db) });
      } else {
        for (const job of group) {
          await tx.execute('SAVEPOINT grouped_write');
          try {
            outcomes.push({ ok: true, value: await job.fn(db) });
            await tx.execute('RELEASE grouped_write');
          } catch (error) {
            await tx.execute('ROLLBACK TO grouped_write');
            await tx.execute('RELEASE grouped_write');
            outcomes.push({ ok: false, error });
          }
        }
      }
      await tx.commit();
    } catch (error) {
      // A single write that threw, or a commit that failed: nothing of the group was acknowledged.
      await tx.rollback().catch(() => undefined);
      tx.close();
      await discardIfPoisoned(client, error);
      for (const job of group) job.reject(error);
      return;
    }
    tx.close();
    group.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      // The embedded driver commits synchronously: while a commit's fsync runs, the event loop is
      // blocked and arriving requests wait in the socket buffers. Yield to I/O once before each
      // group, so those requests reach the queue and share the next commit instead of each
      // paying for its own (the first write of an idle server waits one turn of the loop).
      for (;;) {
        await yieldToIo();
        if (queue.length === 0) break;
        const group = queue.splice(0, MAX_GROUP);
        await runGroup(group);
      }
    } finally {
      draining = false;
    }
  }

  return <T>(fn: (tx: Db) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!draining) void drain();
    });
}

const yieldToIo = (): Promise<void> => new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** Remote libSQL (Turso): each write is its own interactive transaction, retried on contention. */
function transactionPerWrite(client: Client): Database['write'] {
  return async <T>(fn: (tx: Db) => Promise<T>) => {
    for (let attempt = 0; ; attempt++) {
      const tx = await client.transaction('write');
      try {
        const value = await fn(bind(tx));
        await tx.commit();
        return value;
      } catch (error) {
        await tx.rollback().catch(() => undefined);
        if (attempt < 5 && isBusy(error)) {
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

/**
 * A statement that fails with SQLITE_BUSY (another process or client held the write lock past the
 * busy timeout) is left active on its connection by libsql, and that connection then refuses every
 * SAVEPOINT ("cannot open savepoint - SQL statements in progress") — every later write would fail.
 * Reopening the client's connections drops it; the database itself is untouched.
 */
async function discardIfPoisoned(client: Client, error: unknown): Promise<void> {
  if (isBusy(error) || isBusy((error as { cause?: unknown } | null)?.cause)) await Promise.resolve(client.reconnect()).catch(() => undefined);
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED';
}

/**
 * The embedded driver (libsql, under @libsql/client) prepares every statement anew, and for our
 * small indexed queries parsing and planning cost as much as running them. Each connection keeps
 * its most recently used statements prepared (LRU), keyed by SQL text. Safe because the driver is
 * synchronous: a statement runs to completion (all/run) before the next use, and each use resets
 * it; a reconnect (discardIfPoisoned) drops the connection and its statements with it.
 * Node only, and only for file databases: the edge's client is the remote one.
 */
const STATEMENTS_PER_CONNECTION = 200;
let statementsKept = false;
function keepStatementsPrepared(): void {
  if (statementsKept) return;
  statementsKept = true;
  const nodeModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:module') as
    | { createRequire(from: string): NodeJS.Require }
    | undefined;
  if (!nodeModule) return;
  try {
    const fromClient = nodeModule.createRequire(nodeModule.createRequire(import.meta.url).resolve('@libsql/client'));
    const Driver = fromClient('libsql') as { prototype: { prepare(sql: string): unknown } };
    const prepare = Driver.prototype.prepare;
    const kept = new WeakMap<object, Map<string, unknown>>();
    Driver.prototype.prepare = function (this: object, sql: string) {
      let statements = kept.get(this);
      if (!statements) kept.set(this, (statements = new Map()));
      let statement = statements.get(sql);
      if (statement !== undefined) {
        statements.delete(sql); // most recently used last
      } else {
        statement = rememberModes(prepare.call(this, sql) as Statement);
        if (statements.size >= STATEMENTS_PER_CONNECTION) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    };
  } catch {
    // Another driver layout: statements are simply prepared each time, as before.
  }
}

interface Statement {
  raw(on?: boolean): Statement;
  safeIntegers(on?: boolean): Statement;
  columns(): unknown[];
}

/**
 * @libsql/client sets raw and safe-integer mode before every execution, and learns that a
 * statement returns no rows (INSERT, UPDATE without RETURNING, SAVEPOINT…) from raw() throwing —
 * a native error with a stack trace, every time. A kept statement remembers its modes, and a
 * statement known to return no rows throws one shared error instead. It also remembers its result
 * columns (asked twice per execution): our statements name their columns (no `select *`), and the
 * schema changes only by migrations, before anything is served.
 */
const NOT_A_READER = new Error('The raw() method is only for statements that return data');
function rememberModes(statement: Statement): Statement {
  const raw = statement.raw;
  const safeIntegers = statement.safeIntegers;
  let rawMode: boolean | undefined;
  let reader = true;
  let safe: boolean | undefined;
  statement.raw = function (on = true) {
    if (!reader && on) throw NOT_A_READER;
    if (rawMode === on) return this;
    try {
      raw.call(this, on);
    } catch (error) {
      if (on && /only for statements that return data/.test((error as Error).message)) reader = false;
      throw error;
    }
    rawMode = on;
    return this;
  };
  const columns = statement.columns;
  let columnList: unknown[] | undefined;
  statement.columns = function () {
    return (columnList ??= columns.call(this));
  };
  statement.safeIntegers = function (on = true) {
    if (safe !== on) {
      safeIntegers.call(this, on);
      safe = on;
    }
    return this;
  };
  return statement;
}

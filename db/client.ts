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
  close(): void;
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
  const client = createClient({ url: config.url, authToken: config.authToken, ...(isFile ? { timeout: 5000 } : {}) });
  const read = bind(client);
  const write = isFile ? groupCommitWriter(client) : transactionPerWrite(client);
  const snapshot = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const tx = await client.transaction('read');
    try {
      return await fn(bind(tx));
    } finally {
      tx.close();
    }
  };
  return { read, write, snapshot, client, isFile, close: () => client.close() };
}

function groupCommitWriter(client: Client): Database['write'] {
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
      while (queue.length > 0) await runGroup(queue.splice(0, MAX_GROUP));
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

import type { Client, InArgs, InStatement, InValue, ResultSet } from '@libsql/client';
import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';

const dialect = new SQLiteAsyncDialect();

/** A drizzle SQL template as the statement @libsql/client sends. */
export function statementOf(query: SQL): InStatement {
  const { sql, params } = dialect.sqlToQuery(query);
  return { sql, args: params as InValue[] };
}

/** A statement whose answer must pass `check` before any other answer of its round trip is used. */
export interface Preflight {
  statement: InStatement;
  check(result: ResultSet): void;
}

interface Queued {
  statement: InStatement;
  resolve(result: ResultSet): void;
  reject(error: unknown): void;
}

/** Most statements one read batch carries: a bound on the request sent, far above what a request issues. */
const MAX_BATCH_STATEMENTS = 200;

/**
 * The round trips of one remote libSQL client. Reads issued in the same turn of the event loop go
 * out together as one read batch (one transaction, one trip, one consistent snapshot). A preflight
 * (the caller's session check, say) rides in the first trip that goes out and its check runs before
 * any answer of that trip is given; later trips wait for it. `withPreflight` makes a view sharing
 * the client with a preflight of its own: one per request.
 */
export class RoundTrips {
  private queue: Queued[] = [];
  private scheduled = false;
  private pending: Preflight | undefined;
  private checked: Promise<void> | undefined;

  constructor(
    readonly client: Client,
    preflight?: Preflight,
  ) {
    this.pending = preflight;
  }

  withPreflight(statement: InStatement, check: (result: ResultSet) => void): RoundTrips {
    return new RoundTrips(this.client, { statement, check });
  }

  /** A read, sent with the others of this turn. */
  read(statement: InStatement): Promise<ResultSet> {
    return new Promise((resolve, reject) => {
      this.queue.push({ statement, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        nextTurn(() => void this.flush());
      }
    });
  }

  /** Runs the preflight now if no trip has carried it yet: before an interactive transaction. */
  async preflight(): Promise<void> {
    if (this.pending) {
      const { statement, check } = this.pending;
      this.pending = undefined;
      this.checked = this.client.execute(statement).then(check);
    }
    await this.checked;
  }

  /** Statements in one write transaction, one trip; the preflight, if still pending, goes first. */
  async writeBatch(statements: InStatement[]): Promise<ResultSet[]> {
    await this.preflight();
    return this.client.batch(statements, 'write');
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const taken = this.queue.splice(0, MAX_BATCH_STATEMENTS);
    if (this.queue.length > 0) {
      this.scheduled = true;
      nextTurn(() => void this.flush());
    }
    const carried = this.pending;
    this.pending = undefined;
    let settleCheck: ((error?: unknown) => void) | undefined;
    if (carried)
      this.checked = new Promise<void>((resolve, reject) => {
        settleCheck = (error) => (error === undefined ? resolve() : reject(error));
      });
    else await this.checked?.catch(() => undefined);
    const statements = [...(carried ? [carried.statement] : []), ...taken.map((q) => q.statement)];
    try {
      const results =
        statements.length === 1
          ? [await this.client.execute(statements[0]!)]
          : await this.client.batch(statements, 'read');
      if (carried) {
        carried.check(results[0]!);
        settleCheck?.();
      } else await this.checked;
      const answers = carried ? results.slice(1) : results;
      for (const [i, q] of taken.entries()) q.resolve(answers[i]!);
    } catch (error) {
      settleCheck?.(error);
      for (const q of taken) q.reject(error);
    }
  }

  /** An @libsql/client-shaped view for drizzle: `execute` is a read of this turn's trip. */
  asClient(): Client {
    const client = this.client;
    return {
      execute: (statement: InStatement | string, args?: InArgs) =>
        this.read(typeof statement === 'string' ? { sql: statement, args: args ?? [] } : statement),
      batch: async (statements: InStatement[], mode?: 'write' | 'read' | 'deferred') => {
        await this.preflight();
        return this.client.batch(statements, mode);
      },
      transaction: async (mode?: 'write' | 'read' | 'deferred') => {
        await this.preflight();
        return this.client.transaction(mode);
      },
      migrate: (statements: InStatement[]) => this.client.migrate(statements),
      executeMultiple: (sql: string) => this.client.executeMultiple(sql),
      sync: () => this.client.sync(),
      close: () => this.client.close(),
      reconnect: () => this.client.reconnect(),
      get closed() {
        return client.closed;
      },
      protocol: this.client.protocol,
    } as Client;
  }
}

const nextTurn = (fn: () => void): void => {
  if (typeof setImmediate === 'function') setImmediate(fn);
  else setTimeout(fn, 0);
};

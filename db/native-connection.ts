/**
 * libsql's own connection for the embedded database, and the statements it keeps prepared: the
 * layer db/native.ts runs drizzle's queries on.
 */

export interface NativeStatement {
  readonly reader: boolean;
  raw(on?: boolean): NativeStatement;
  columns(): Array<{ name: string }>;
  get(params: unknown[]): unknown;
  all(params: unknown[]): unknown[];
  run(params: unknown[]): RunInfo;
}

export interface NativeConnection {
  prepare(sql: string): NativeStatement;
  close(): void;
  readonly open: boolean;
  readonly inTransaction: boolean;
}

const STATEMENTS_PER_CONNECTION = 200;

interface Kept {
  statement: NativeStatement;
  reader: boolean;
  raw: boolean;
  /** Result column names, for single rows read in raw mode. */
  names?: string[];
}

export type RunInfo = { changes: number; lastInsertRowid: number | bigint };

/**
 * A connection's statements, each prepared once (LRU of its most recently used, keyed by SQL
 * text: for our small indexed queries parsing and planning cost as much as running them), and the
 * one place that executes them. Safe because the engine is synchronous: a statement runs to
 * completion before its next use.
 *
 * Two of the engine's habits are handled here. A statement that answers rows but is `run` stops
 * after the first row and stays in progress (seen with `PRAGMA journal_mode`), which keeps its
 * transaction from committing: such statements are read to the end instead. And a single row read
 * as an object carries an extra `_metadata` property: single rows are read as arrays and named here.
 */
export class Statements {
  private readonly kept = new Map<string, Kept>();
  constructor(readonly connection: NativeConnection) {}

  protected prepared(sql: string, raw: boolean): Kept {
    let kept = this.kept.get(sql);
    if (kept) {
      this.kept.delete(sql); // most recently used last
    } else {
      const statement = this.connection.prepare(sql);
      kept = { statement, reader: statement.reader, raw: false };
      if (this.kept.size >= STATEMENTS_PER_CONNECTION)
        this.kept.delete(this.kept.keys().next().value!);
    }
    this.kept.set(sql, kept);
    if (kept.reader && kept.raw !== raw) {
      kept.statement.raw(raw);
      kept.raw = raw;
    }
    return kept;
  }

  /** Runs a statement for its effect; the rows of one that answers any are read and dropped. */
  run(sql: string, params: unknown[] = []): RunInfo {
    const kept = this.prepared(sql, true);
    if (!kept.reader) return kept.statement.run(params);
    kept.statement.all(params);
    return { changes: 0, lastInsertRowid: 0 };
  }

  /** The first row as an array, or undefined (also for a statement that answers no rows). */
  firstValues(sql: string, params: unknown[]): unknown[] | undefined {
    return firstOf(this.prepared(sql, true), params);
  }

  /** The first row as an object named by its columns, or undefined. */
  first(sql: string, params: unknown[]): Record<string, unknown> | undefined {
    const kept = this.prepared(sql, true);
    const values = firstOf(kept, params);
    if (values === undefined) return undefined;
    kept.names ??= kept.statement.columns().map((c) => c.name);
    const names = kept.names;
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
    return row;
  }

  /** Every row, as arrays (`raw`) or as objects. */
  all(sql: string, params: unknown[], raw: boolean): unknown[] {
    const kept = this.prepared(sql, raw);
    if (!kept.reader) {
      kept.statement.run(params);
      return [];
    }
    return kept.statement.all(params);
  }
}

/** The first row of a kept statement in raw mode; a statement that answers no rows is run. */
function firstOf(kept: Kept, params: unknown[]): unknown[] | undefined {
  if (!kept.reader) {
    kept.statement.run(params);
    return undefined;
  }
  return kept.statement.get(params) as unknown[] | undefined;
}

/**
 * The reader's statements, one read transaction per turn of the event loop. In WAL mode a
 * statement outside a transaction takes and drops a read lock on the shared-memory index each
 * time, which costs several times a primary-key lookup; here the first read of a turn begins a
 * transaction and the end of the turn (setImmediate) closes it, so the requests served in one turn
 * share one snapshot and one lock. Reads stay fresh: the writer calls `refresh()` after each commit,
 * so a read sees every write this process committed before it, and a turn's snapshot begins no
 * earlier than the turn, so it sees every other process's write committed before the request it
 * serves was received. Closing the transaction at the end of the turn also keeps it from holding
 * back checkpoints.
 */
export class TurnReader extends Statements {
  private open = false;

  protected override prepared(sql: string, raw: boolean): Kept {
    if (!this.open) this.begin();
    return super.prepared(sql, raw);
  }

  private begin(): void {
    this.open = true;
    if (!this.connection.inTransaction) super.prepared('BEGIN', true).statement.run([]);
    setImmediate(() => this.refresh());
  }

  /**
   * Ends this turn's snapshot: the next read begins a new one. Never throws — it runs from
   * setImmediate, where an exception would stop the server; a transaction it could not end is
   * tried again at the end of the next turn that reads.
   */
  refresh(): void {
    if (!this.open) return;
    this.open = false;
    if (!this.connection.open || !this.connection.inTransaction) return;
    for (const end of ['COMMIT', 'ROLLBACK']) {
      try {
        super.prepared(end, true).statement.run([]); // a read transaction: nothing to lose either way
        return;
      } catch (error) {
        if (end === 'ROLLBACK')
          console.error('could not end the read snapshot; retrying next turn', error);
      }
    }
  }
}

/**
 * Opens a connection with libsql, the engine @libsql/client runs for `file:` URLs (a dependency of
 * its own in package.json, at the version @libsql/client requires: tests/db/driver-contract.test.ts
 * fails if the two part). Loaded at run time: the edge bundle, which reaches a remote database
 * through @libsql/client, never holds it.
 */
export function openNativeConnection(path: string, busyTimeoutMs: number): NativeConnection {
  const nodeModule = (
    globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
  ).process?.getBuiltinModule?.('node:module') as
    | { createRequire(from: string): NodeJS.Require }
    | undefined;
  if (!nodeModule) throw new Error('an embedded (file:) database needs Node');
  const Engine = nodeModule.createRequire(import.meta.url)('libsql') as new (
    path: string,
    options: { timeout: number },
  ) => NativeConnection;
  return new Engine(path, { timeout: busyTimeoutMs });
}

import type { ResultSet } from '@libsql/client';
import {
  createTableRelationsHelpers,
  DrizzleQueryError,
  type ExtractTablesWithRelations,
  entityKind,
  extractTablesRelationalConfig,
  fillPlaceholders,
  NoopLogger,
  type Query,
  SQL,
  StringChunk,
} from 'drizzle-orm';
import { NoopCache } from 'drizzle-orm/cache/core';
import {
  BaseSQLiteDatabase,
  type PreparedQueryConfig,
  SQLiteAsyncDialect,
} from 'drizzle-orm/sqlite-core';
import {
  type PreparedQueryConfig as ProxyQueryConfig,
  RemotePreparedQuery,
  SQLiteRemoteSession,
  type SqliteRemoteResult,
} from 'drizzle-orm/sqlite-proxy';
import * as schema from './schema';

/**
 * drizzle straight over libsql's own connection — the engine @libsql/client itself runs for a
 * `file:` URL — for the embedded database. Measured per statement, @libsql/client's path (argument
 * conversion, a row object per row with a property defined per column, drizzle copying it again,
 * and the native row iterator even for one row) cost several times SQLite's own work; here a
 * statement is prepared once per connection, a single row is read with the engine's single-row
 * call, and rows are the engine's own. Remote libSQL (Turso) keeps @libsql/client.
 *
 * Built on public entry points only: drizzle's sqlite-proxy session and prepared query (which build
 * the SQL and map the rows) and libsql's connection. tests/db/driver-contract.test.ts runs the same
 * queries through this and through drizzle over @libsql/client and fails on any difference.
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

type Schema = typeof schema;
type Tables = ExtractTablesWithRelations<Schema>;
export type NativeDb = BaseSQLiteDatabase<'async', ResultSet, Schema, Tables>;

const relations = extractTablesRelationalConfig(schema, createTableRelationsHelpers);

/**
 * A drizzle handle whose every query runs on the connection of `statements`: drizzle's own
 * sqlite-proxy session and prepared queries (they build the SQL and map the rows) over an executor
 * that runs each statement on its kept prepared statement.
 */
export function nativeDrizzle(statements: Statements): NativeDb {
  const dialect = new NativeDialect();
  const session = new NativeSession(statements, dialect);
  return new BaseSQLiteDatabase('async', dialect, session as never, {
    fullSchema: schema,
    schema: relations.tables,
    tableNamesMap: relations.tableNamesMap,
  }) as NativeDb;
}

const STATEMENTS_PER_CONNECTION = 200;

interface Kept {
  statement: NativeStatement;
  reader: boolean;
  raw: boolean;
  /** Result column names, for single rows read in raw mode. */
  names?: string[];
}

type RunInfo = { changes: number; lastInsertRowid: number | bigint };

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

/** The argument conversions @libsql/client makes, so both drivers store the same values. */
function toSql(params: unknown[]): unknown[] {
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    if (typeof value === 'string' || value === null) continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value))
        throw new RangeError(
          'Only finite numbers (not Infinity or NaN) can be passed as arguments',
        );
    } else if (typeof value === 'boolean') params[i] = value ? 1 : 0;
    else if (value instanceof Date) params[i] = value.valueOf();
    else if (value instanceof ArrayBuffer) params[i] = Buffer.from(value);
    else if (value === undefined)
      throw new TypeError('undefined cannot be passed as argument to the database');
  }
  return params;
}

function runResult(info: RunInfo): ResultSet {
  return {
    columns: [],
    columnTypes: [],
    rows: [],
    rowsAffected: info.changes,
    lastInsertRowid: BigInt(info.lastInsertRowid),
    toJSON: () => ({}),
  };
}

/**
 * drizzle's SQLite dialect, with a short way to build the statements written as `sql` templates
 * (the ledger's hot path is written so: see functions/domain/ledger/post.ts). drizzle walks every
 * chunk of a query testing it against each kind of entity it knows, which costs more than running
 * a primary-key lookup; a template made only of text, plain values and nested templates is
 * joined here in one pass, to the same text and parameters. Anything else (tables, columns,
 * arrays, placeholders: every query builder) is left to drizzle. A template marked
 * `inlineParams()` has its values bound here rather than written into the text: SQLite answers
 * the same either way (tests/db/driver-contract.test.ts checks it).
 */
class NativeDialect extends SQLiteAsyncDialect {
  static override readonly [entityKind]: string = 'LinliNativeDialect';

  override sqlToQuery(sql: SQL, invokeSource?: 'indexes'): Query {
    return (
      (invokeSource === undefined ? plainQuery(sql) : undefined) ??
      super.sqlToQuery(sql, invokeSource)
    );
  }
}

/** The text and parameters of a template of text, plain values and templates; undefined for anything else. */
export function plainQuery(sql: SQL): Query | undefined {
  const out: Query = { sql: '', params: [] };
  return appendPlain(sql, out) ? out : undefined;
}

function appendPlain(sql: SQL, out: Query): boolean {
  for (const chunk of sql.queryChunks) {
    if (chunk instanceof StringChunk) out.sql += chunk.value.join('');
    else if (chunk instanceof SQL) {
      if (!appendPlain(chunk, out)) return false;
    } else if (
      chunk === null ||
      typeof chunk === 'string' ||
      typeof chunk === 'number' ||
      typeof chunk === 'boolean' ||
      typeof chunk === 'bigint'
    ) {
      out.sql += '?';
      out.params.push(chunk);
    } else return false;
  }
  return true;
}

type Method = 'run' | 'all' | 'values' | 'get';

/** A query whose text ends so answers at most one row: read with the engine's single-row call. */
const ONE_ROW = /\blimit 1\s*$/i;

/**
 * Runs one statement and answers what drizzle's sqlite-proxy protocol expects of `method`: rows as
 * arrays for the queries whose fields drizzle maps (query builders), rows as objects named by
 * their columns for `sql` templates read with `db.all`/`db.get` (`objects`), the write result for
 * `run`. `get` answers undefined when there is no row; `all` of a template ending `limit 1` reads
 * its row with the single-row call (the engine's row iterator costs several times a primary-key
 * lookup), so destructuring `const [row] = await db.all(…)` is as cheap as a `get`.
 */
function execute(
  statements: Statements,
  objects: boolean,
  sql: string,
  params: unknown[],
  method: Method,
): unknown {
  const args = toSql(params);
  if (method === 'run') return runResult(statements.run(sql, args));
  if (method === 'values') return statements.all(sql, args, true);
  if (!objects)
    return method === 'get' ? statements.firstValues(sql, args) : statements.all(sql, args, true);
  if (method === 'get') return statements.first(sql, args);
  if (ONE_ROW.test(sql.slice(-16))) {
    // the tail only: the pattern would scan the whole text
    const row = statements.first(sql, args);
    return row === undefined ? [] : [row];
  }
  return statements.all(sql, args, false);
}

/** drizzle's sqlite-proxy session, its queries run on the kept statements of one connection. */
class NativeSession extends SQLiteRemoteSession<Schema, Tables> {
  static override readonly [entityKind]: string = 'LinliNativeSession';
  private readonly noLogger = new NoopLogger();
  private readonly noCache = new NoopCache();

  constructor(
    private readonly statements: Statements,
    dialect: SQLiteAsyncDialect,
  ) {
    super(
      async (sql, params, method) => ({
        rows: execute(statements, false, sql, params, method) as never[],
      }),
      dialect,
      undefined,
    );
  }

  override prepareQuery<T extends Omit<PreparedQueryConfig, 'run'>>(
    ...[
      query,
      fields,
      executeMethod,
      isResponseInArrayMode,
      customResultMapper,
      queryMetadata,
      cacheConfig,
    ]: Parameters<SQLiteRemoteSession<Schema, Tables>['prepareQuery']>
  ): RemotePreparedQuery<T> {
    const objects = !fields && !customResultMapper;
    return new NativeQuery<T>(
      this.statements,
      objects,
      query,
      this.noLogger,
      this.noCache,
      queryMetadata,
      cacheConfig,
      fields,
      executeMethod,
      isResponseInArrayMode,
      customResultMapper,
    );
  }

  override transaction(): never {
    throw new Error(
      'transactions are opened by Database.write and Database.snapshot (db/client.ts)',
    );
  }
}

/**
 * drizzle's sqlite-proxy prepared query, run in one step. Its own path goes through an async
 * executor and a cache check (`queryWithCache`), three promises per statement, which cost more than
 * a primary-key lookup; here the statement runs synchronously and the rows go to drizzle's own
 * public mapping (`mapAllResult`/`mapGetResult`), errors wrapped as drizzle wraps them. No cache
 * is configured, so nothing of the cache path is skipped.
 */
type QueryParameters =
  ConstructorParameters<typeof RemotePreparedQuery> extends [unknown, ...infer Rest] ? Rest : never;

class NativeQuery<T extends ProxyQueryConfig> extends RemotePreparedQuery<T> {
  static override readonly [entityKind]: string = 'LinliNativeQuery';
  private readonly statements: Statements;
  private readonly objects: boolean;

  constructor(statements: Statements, objects: boolean, ...rest: QueryParameters) {
    // drizzle's own path (its `execute`, a batch) reaches the statements through this callback.
    super(
      async (sql, params, method) => ({
        rows: execute(statements, objects, sql, params, method) as never[],
      }),
      ...rest,
    );
    this.statements = statements;
    this.objects = objects;
  }

  private runNow(method: Method, placeholders: Record<string, unknown> | undefined): unknown {
    const params = fillPlaceholders(this.query.params, placeholders ?? {});
    try {
      return execute(this.statements, this.objects, this.query.sql, params, method);
    } catch (error) {
      throw new DrizzleQueryError(this.query.sql, params, error as Error);
    }
  }

  override async run(placeholders?: Record<string, unknown>): Promise<SqliteRemoteResult> {
    return this.runNow('run', placeholders) as SqliteRemoteResult;
  }

  override async all(placeholders?: Record<string, unknown>): Promise<T['all']> {
    return this.mapAllResult(this.runNow('all', placeholders)) as T['all'];
  }

  override async get(placeholders?: Record<string, unknown>): Promise<T['get']> {
    return this.mapGetResult(this.runNow('get', placeholders)) as T['get'];
  }

  override async values<V extends unknown[] = unknown[]>(
    placeholders?: Record<string, unknown>,
  ): Promise<V[]> {
    return this.runNow('values', placeholders) as V[];
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

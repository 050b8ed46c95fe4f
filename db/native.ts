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
import type { RunInfo, Statements } from './native-connection';
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

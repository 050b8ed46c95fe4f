import { createClient } from '@libsql/client';
import { eq, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../db/client';
import { plainQuery } from '../../db/native';
import { openNativeConnection, Statements, TurnReader } from '../../db/native-connection';
import * as schema from '../../db/schema';
import { users } from '../../db/schema';
import { inList, rowList } from '../../functions/domain/shared/sql';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

/** The first row, the way domain code reads one. */
const firstRow = async <T>(db: Db, query: SQL): Promise<T | undefined> =>
  (await db.all<T>(query))[0];
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const staff = (login: string) => ({
  login,
  displayName: login,
  role: 'staff' as const,
  passwordHash: 'x',
  createdAt: '2026-01-01T00:00:00.000Z',
});
/** A user added through @libsql/client: another connection than the reader's. */
const addThroughClient = (t: TestDatabase, login: string) =>
  t.database.client.execute({
    sql: "insert into users (login, display_name, role, password_hash, created_at) values (?, ?, 'staff', 'x', '2026-01-01T00:00:00.000Z')",
    args: [login, login],
  });

/** The embedded driver (db/native.ts): drizzle straight over libsql's own connections. */
describe('embedded driver', () => {
  let t: TestDatabase | undefined;
  afterEach(() => t?.cleanup());

  it('reads a single row as exactly its columns, the same as @libsql/client, and undefined when there is none', async () => {
    t = await createTestDatabase();
    const query = sql`select id, login, role from users where login = ${'nobody'}`;
    expect(await firstRow(t.database.read, query)).toBeUndefined();
    await t.database.write((tx) => tx.insert(users).values(staff('a1')));
    const named = sql`select id, login, role from users where login = ${'a1'} limit 1`; // read with the single-row call
    const native = await firstRow<Record<string, unknown>>(t.database.read, named);
    expect(Object.keys(native!)).toEqual(['id', 'login', 'role']); // the engine's own single-row objects carry `_metadata`
    const remote = drizzle(t.database.client, { schema });
    expect(await firstRow(remote, named)).toEqual(native);
    expect(await firstRow(remote, query)).toBeUndefined();
    // The query builder's rows (arrays mapped onto fields) agree too.
    expect(await t.database.read.select({ login: users.login }).from(users)).toEqual(
      await remote.select({ login: users.login }).from(users),
    );
  });

  it('runs a statement that answers a row to its end, so the transaction around it can commit', async () => {
    t = await createTestDatabase();
    const statements = new Statements(openNativeConnection(`${t.dir}/linli.db`, 5000));
    try {
      statements.run('BEGIN IMMEDIATE');
      statements.run('PRAGMA journal_mode=WAL'); // `run` alone would leave it in progress
      expect(() => statements.run('COMMIT')).not.toThrow();
      expect(statements.connection.inTransaction).toBe(false);
    } finally {
      statements.connection.close();
    }
  });

  it('by default reads each statement on its own, seeing every commit at once', async () => {
    t = await createTestDatabase();
    const count = async () =>
      (await firstRow<{ n: number }>(t!.database.read, sql`select count(*) as n from users`))!.n;
    const seen = await count();
    await addThroughClient(t, 'c1');
    expect(await count()).toBe(seen + 1);
  });

  it('a server shares one read snapshot per turn, yet sees its own writes at once and other connections’ from the next turn', async () => {
    t = await createTestDatabase();
    const server = createDatabase({ url: t.url }, { readSnapshotPerTurn: true });
    try {
      const count = async () =>
        (await firstRow<{ n: number }>(server.read, sql`select count(*) as n from users`))!.n;
      const before = await count();
      await server.write((tx) => tx.insert(users).values(staff('b1')));
      expect(await count()).toBe(before + 1); // its own commit ends the snapshot

      const seen = await count(); // opens this turn's snapshot
      await addThroughClient(t, 'b2');
      expect(await count()).toBe(seen); // same turn: the snapshot it began with
      await nextTurn();
      expect(await count()).toBe(seen + 1);
    } finally {
      server.close();
    }
  });

  it('holds no read transaction once its turn is over, so checkpoints are never held back', async () => {
    t = await createTestDatabase();
    const dir = t.dir;
    const reader = new TurnReader(openNativeConnection(`${dir}/linli.db`, 5000));
    try {
      reader.first('select count(*) as n from users', []);
      expect(reader.connection.inTransaction).toBe(true);
      await nextTurn();
      expect(reader.connection.inTransaction).toBe(false);
    } finally {
      reader.connection.close();
    }
    const client = createClient({ url: t.url });
    expect((await client.execute('PRAGMA wal_checkpoint(TRUNCATE)')).rows[0]![0]).toBe(0); // not busy
    client.close();
  });

  it('builds plain `sql` templates itself, to the text and parameters drizzle builds, and leaves the rest to drizzle', () => {
    const drizzleBuilds = new SQLiteAsyncDialect();
    const accountOf = (id: number) => sql`(select id from accounts where owner_id = ${id})`;
    const plain = [
      sql`select id, hash from ledger_entries order by id desc limit 1`,
      sql`update accounts set balance = balance + ${-3} where id = ${7} and (kind = 'issuance' or balance >= ${3}) returning balance`,
      sql`select ${accountOf(1)} as a, ${accountOf(2)} as b, ${null} as n, ${true} as t, ${'它'} as s`,
      sql`insert into postings (entry_id, amount) values ${sql.join([sql`(${1}, ${-2})`, sql`(${1}, ${2})`], sql`, `)}`,
      sql`insert into postings (entry_id, amount, memo) values ${rowList([
        [1, -2, '甲'],
        [1, 2, null],
      ])}`,
      sql`select id from accounts where id in ${inList([3, 1, 3])}`,
      sql.raw('select 1'),
    ];
    for (const query of plain) {
      const { sql: text, params } = drizzleBuilds.sqlToQuery(query); // (and parameter typings, which only pg drivers read)
      expect(plainQuery(query)).toEqual({ sql: text, params });
    }
    const notPlain = [
      sql`select ${users.login} from ${users}`,
      sql`select * from users where id in ${[1, 2]}`,
      sql`select ${new Date(0)} as d`,
      sql`select * from users where ${eq(users.id, 1)}`,
    ];
    for (const query of notPlain) expect(plainQuery(query)).toBeUndefined();
    // Bound rather than inlined: SQLite answers the same (the driver contract test runs one).
    expect(plainQuery(sql`select ${'x'} as s`.inlineParams())).toEqual({
      sql: 'select ? as s',
      params: ['x'],
    });
  });

  it('runs both kinds of query on the embedded file', async () => {
    t = await createTestDatabase();
    await t.database.write((tx) => tx.insert(users).values(staff('p1')));
    const byBuilder = await t.database.read
      .select({ login: users.login })
      .from(users)
      .where(eq(users.login, 'p1'));
    const byTemplate = await firstRow<{ login: string }>(
      t.database.read,
      sql`select login from ${sql.raw('users')} where login = ${'p1'} and ${1} = ${1}`,
    );
    expect(byBuilder).toEqual([{ login: 'p1' }]);
    expect(byTemplate).toEqual({ login: 'p1' });
  });
});

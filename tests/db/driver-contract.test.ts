import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { and, count, DrizzleQueryError, desc, eq, inArray, sql, sum } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { blob, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { nativeDrizzle } from '../../db/native';
import { openNativeConnection, Statements } from '../../db/native-connection';

/**
 * The driver contract: db/native.ts (drizzle's sqlite-proxy session over libsql's own connection)
 * must answer every kind of query the application makes exactly as drizzle's own libsql driver over
 * @libsql/client does — rows, types, nulls, joins, write results, transactions and errors. Each
 * driver runs the same script on its own fresh file and the two transcripts must be equal; a few
 * answers are also pinned, so that an upgrade of drizzle or libsql that changes both alike still
 * fails here, loudly, before it reaches the ledger.
 */

const parents = sqliteTable('parents', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  meta: text('meta', { mode: 'json' }).$type<{ tags: string[]; n: number }>(),
  active: integer('active', { mode: 'boolean' }).notNull(),
  points: integer('points').notNull(),
  note: text('note'),
});
const children = sqliteTable('children', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  parentId: integer('parent_id').notNull(),
  label: text('label').notNull(),
});

const files = sqliteTable('files', {
  key: text('key').primaryKey(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  hours: real('hours'),
});

const DDL = [
  `create table files (key text primary key, bytes blob not null, hours real)`,
  `create table parents (id integer primary key autoincrement, name text not null unique, meta text, active integer not null, points integer not null, note text)`,
  `create table children (id integer primary key autoincrement, parent_id integer not null, label text not null)`,
  `create trigger parents_append_only before delete on parents begin select raise(abort, 'parents are append-only'); end`,
];

type Driver = 'native' | 'libsql';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh file with the contract's tables, and a drizzle handle on it through `driver`. */
async function open(
  driver: Driver,
): Promise<{ db: Db; inTransaction(fn: (tx: Db) => Promise<void>): Promise<void>; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-contract-'));
  dirs.push(dir);
  const path = join(dir, 'contract.db');
  const client = createClient({ url: `file:${path}` });
  for (const statement of DDL) await client.execute(statement);
  if (driver === 'libsql') {
    // As db/client.ts writes to a remote database: an interactive transaction of @libsql/client.
    const inTransaction = async (fn: (tx: Db) => Promise<void>) => {
      const tx = await client.transaction('write');
      try {
        await fn(drizzle(tx as unknown as Client) as unknown as Db);
        await tx.commit();
      } finally {
        tx.close();
      }
    };
    return { db: drizzle(client) as unknown as Db, inTransaction, close: () => client.close() };
  }
  client.close();
  const statements = new Statements(openNativeConnection(path, 5000));
  const db = nativeDrizzle(statements);
  // As db/client.ts writes to the embedded file: BEGIN IMMEDIATE on the writer's connection.
  const inTransaction = async (fn: (tx: Db) => Promise<void>) => {
    statements.run('BEGIN IMMEDIATE');
    try {
      await fn(db);
      statements.run('COMMIT');
    } catch (error) {
      statements.run('ROLLBACK');
      throw error;
    }
  };
  return { db, inTransaction, close: () => statements.connection.close() };
}

/**
 * What an error says, as the application reads it: drizzle's wrapper, and the engine's extended
 * code and message under it. The engine names the extended code `code`; @libsql/client names it
 * `extendedCode` and puts the primary code in `code` (pinned below), so code that tells errors
 * apart reads the extended code from whichever carries it.
 */
function failure(error: unknown): unknown {
  const e = error as Error & { cause?: Error & { code?: string; extendedCode?: string } };
  return {
    drizzle: e instanceof DrizzleQueryError,
    cause: {
      code: e.cause?.extendedCode ?? e.cause?.code,
      message: e.cause?.message.replace(/^SQLITE_[A-Z_]+: /, ''),
    },
  };
}

async function attempt(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await fn() };
  } catch (error) {
    return { error: failure(error) };
  }
}

/** The script: every kind of statement the domain runs. Answers a transcript of what each step answered. */
async function script(driver: Driver): Promise<Record<string, unknown>> {
  const { db, inTransaction, close } = await open(driver);
  const out: Record<string, unknown> = {};
  try {
    out.insertReturning = await db
      .insert(parents)
      .values([
        { name: '甲', meta: { tags: ['a', '乙'], n: 1.5 }, active: true, points: 10, note: null },
        { name: 'b', meta: null, active: false, points: -3, note: 'x' },
        { name: 'c', active: true, points: 0 },
      ])
      .returning();
    out.insertRun = await db
      .insert(children)
      .values([
        { parentId: 1, label: 'one' },
        { parentId: 1, label: 'two' },
        { parentId: 2, label: 'three' },
      ])
      .run()
      .then((r) => ({ rowsAffected: r.rowsAffected, lastInsertRowid: r.lastInsertRowid }));
    out.updateRun = await db
      .update(parents)
      .set({ points: sql`${parents.points} + 5` })
      .where(eq(parents.active, true))
      .run()
      .then((r) => r.rowsAffected);
    out.updateReturning = await db
      .update(parents)
      .set({ note: 'changed' })
      .where(eq(parents.name, 'b'))
      .returning({ id: parents.id, note: parents.note });
    out.selectAll = await db.select().from(parents).orderBy(parents.id);
    out.innerJoin = await db
      .select({ name: parents.name, label: children.label })
      .from(parents)
      .innerJoin(children, eq(children.parentId, parents.id))
      .orderBy(children.id);
    out.leftJoinNullable = await db
      .select()
      .from(parents)
      .leftJoin(children, eq(children.parentId, parents.id))
      .orderBy(parents.id, children.id);
    out.aggregate = await db
      .select({ parentId: children.parentId, n: count(), total: sum(children.id) })
      .from(children)
      .groupBy(children.parentId)
      .orderBy(desc(children.parentId));
    out.builderGet = await db
      .select({ name: parents.name })
      .from(parents)
      .where(eq(parents.id, 2))
      .get();
    out.builderGetNone = await db
      .select({ name: parents.name })
      .from(parents)
      .where(eq(parents.id, 99))
      .get();
    out.builderLimit = await db.select().from(parents).where(eq(parents.id, 1)).limit(1);
    // `sql` templates, read as objects named by their columns.
    out.templateAll = await db.all(
      sql`select id, name, meta, active, points, note, points * 1.5 as half, null as absent from parents order by id`,
    );
    out.templateFirst = (
      await db.all(sql`select id, name, note from parents where name = ${'b'} limit 1`)
    )[0];
    out.templateFirstNone = (
      await db.all(sql`select id from parents where name = ${'nobody'} limit 1`)
    )[0];
    // Arrays from the engine; @libsql/client's rows are array-like objects that also carry each
    // column by name: the application reads them only by index (functions/domain/ledger/pages.ts).
    out.templateValues = (await db.values(sql`select id, name from parents order by id`)).map(
      (row) => Array.from(row as unknown[]),
    );
    out.templateGet = await db.get(sql`select id, name from parents where id = ${1}`);
    out.templateParams = await db.all(
      sql`select ${true} as t, ${false} as f, ${null} as n, ${-7} as i, ${2.25} as r, ${'它'} as s, ${10n} as big`,
    );
    out.inlined = await db.all(sql`select ${"it's"} as s, ${3} as n`.inlineParams());
    out.templateRun = await db
      .run(sql`update parents set points = points where id > ${0}`)
      .then((r) => r.rowsAffected);
    out.blob = await db.all(
      sql`select hex(${new Uint8Array([1, 2, 255])}) as h, typeof(${new Uint8Array([0])}) as t`,
    );
    // Upserts (settings, card guards, check-ins, job runs), arrays, exists and mapWith, blob and real columns.
    out.conflictNothingReturning = await db
      .insert(parents)
      .values({ name: 'b', active: true, points: 1 })
      .onConflictDoNothing()
      .returning({ id: parents.id });
    out.conflictNothingNew = await db
      .insert(parents)
      .values({ name: 'f', active: true, points: 1 })
      .onConflictDoNothing()
      .returning({ id: parents.id });
    out.conflictUpdate = await db
      .insert(parents)
      .values({ name: 'f', active: false, points: 2 })
      .onConflictDoUpdate({ target: parents.name, set: { points: 7 } })
      .run()
      .then((r) => r.rowsAffected);
    out.inArray = await db
      .select({ id: parents.id })
      .from(parents)
      .where(and(inArray(parents.name, ['b', 'c', 'nobody']), eq(parents.active, true)))
      .orderBy(parents.id);
    out.existsMapWith = await db
      .select({
        id: parents.id,
        hasChildren: sql<number>`exists(select 1 from ${children} where ${children.parentId} = ${parents.id})`,
        n: sql<number>`(select count(*) from ${children} where ${children.parentId} = ${parents.id})`.mapWith(
          Number,
        ),
        half: sql<string>`${parents.points} / 2.0`.mapWith(String),
      })
      .from(parents)
      .orderBy(parents.id);
    out.blobReal = await db
      .insert(files)
      .values([
        { key: 'a', bytes: Buffer.from([0, 1, 254]), hours: 1.25 },
        { key: 'b', bytes: Buffer.alloc(0), hours: null },
      ])
      .returning();
    out.blobRealRead = await db.select().from(files).orderBy(files.key);
    out.blobRealGet = await db
      .select({ bytes: files.bytes, hours: files.hours })
      .from(files)
      .where(eq(files.key, 'a'))
      .get();
    // Transactions with savepoints: a rolled-back savepoint leaves nothing; a released one stays.
    await inTransaction(async (tx) => {
      await tx.run(sql`savepoint kept`);
      await tx.insert(children).values({ parentId: 3, label: 'kept' });
      await tx.run(sql`release kept`);
      await tx.run(sql`savepoint dropped`);
      await tx.insert(children).values({ parentId: 3, label: 'dropped' });
      out.insideSavepoint = await tx
        .select({ label: children.label })
        .from(children)
        .where(eq(children.parentId, 3));
      await tx.run(sql`rollback to dropped`);
      await tx.run(sql`release dropped`);
    });
    out.afterSavepoints = await db
      .select({ label: children.label })
      .from(children)
      .where(eq(children.parentId, 3));
    // Errors, and a failing statement inside a transaction leaves it usable.
    out.uniqueError = await attempt(() =>
      db.insert(parents).values({ name: '甲', active: true, points: 1 }),
    );
    out.triggerError = await attempt(() => db.delete(parents).where(eq(parents.id, 1)));
    out.templateError = await attempt(() =>
      db.all(sql`insert into parents (name, active, points) values (${'b'}, 1, 1) returning id`),
    );
    out.notNullError = await attempt(() =>
      db.run(sql`insert into parents (name, active, points) values (${'z'}, 1, ${null})`),
    );
    out.syntaxError = await attempt(() => db.all(sql`select from where`));
    out.undefinedParam = await attempt(() =>
      db.all(sql`select ${undefined as unknown as null} as u`),
    );
    out.infiniteParam = await attempt(() => db.all(sql`select ${Number.POSITIVE_INFINITY} as u`));
    await inTransaction(async (tx) => {
      out.errorInTransaction = await attempt(() =>
        tx.insert(parents).values({ name: 'c', active: true, points: 1 }),
      );
      await tx.insert(parents).values({ name: 'd', active: false, points: 4 });
    });
    // A transaction whose work throws is rolled back whole.
    out.rolledBack = await attempt(() =>
      inTransaction(async (tx) => {
        await tx.insert(parents).values({ name: 'e', active: false, points: 4 });
        await tx.run(sql`select raise(abort, 'stop')`);
      }),
    );
    out.end = await db
      .select({ name: parents.name, points: parents.points })
      .from(parents)
      .orderBy(parents.id);
    return out;
  } finally {
    close();
  }
}

describe('driver contract: db/native.ts answers as drizzle over @libsql/client', async () => {
  const native = await script('native');
  const reference = await script('libsql');
  const causeOf = async (driver: Driver) => {
    const { db, close } = await open(driver);
    try {
      await db.insert(parents).values([
        { name: 'x', active: true, points: 1 },
        { name: 'x', active: true, points: 1 },
      ]);
    } catch (error) {
      const cause = (error as { cause: { code: string; extendedCode?: string } }).cause;
      return cause.extendedCode === undefined
        ? cause.code
        : { code: cause.code, extendedCode: cause.extendedCode };
    } finally {
      close();
    }
  };
  const nativeCauseCode = await causeOf('native');
  const referenceCauseCode = await causeOf('libsql');

  it.each(Object.keys(reference))('%s', (step) => {
    expect(native[step]).toEqual(reference[step]);
    expect(Object.keys(native)).toEqual(Object.keys(reference));
  });

  it('pins what both answer, so an upgrade that changes both alike fails too', () => {
    expect(reference.templateFirst).toEqual({ id: 2, name: 'b', note: 'changed' });
    expect(reference.templateFirstNone).toBeUndefined();
    expect(reference.builderGetNone).toBeUndefined();
    expect(reference.leftJoinNullable).toContainEqual({
      parents: { id: 3, name: 'c', meta: null, active: true, points: 5, note: null },
      children: null,
    });
    expect(reference.selectAll).toContainEqual({
      id: 1,
      name: '甲',
      meta: { tags: ['a', '乙'], n: 1.5 },
      active: true,
      points: 15,
      note: null,
    });
    expect(reference.templateParams).toEqual([
      { t: 1, f: 0, n: null, i: -7, r: 2.25, s: '它', big: 10 },
    ]);
    expect(reference.conflictNothingReturning).toEqual([]);
    expect(reference.inArray).toEqual([{ id: 3 }]);
    expect(reference.blobRealGet).toEqual({ bytes: Buffer.from([0, 1, 254]), hours: 1.25 });
    expect(reference.afterSavepoints).toEqual([{ label: 'kept' }]);
    expect(reference.uniqueError).toEqual({
      error: {
        drizzle: true,
        cause: {
          code: 'SQLITE_CONSTRAINT_UNIQUE',
          message: 'UNIQUE constraint failed: parents.name',
        },
      },
    });
    // Where the two name codes differently (see failure()): a change here changes how errors are told apart.
    expect(nativeCauseCode).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(referenceCauseCode).toEqual({
      code: 'SQLITE_CONSTRAINT',
      extendedCode: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    expect(reference.triggerError).toEqual({
      error: {
        drizzle: true,
        cause: { code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'parents are append-only' },
      },
    });
    expect(reference.end).toEqual([
      { name: '甲', points: 15 },
      { name: 'b', points: -3 },
      { name: 'c', points: 5 },
      { name: 'f', points: 7 },
      { name: 'd', points: 4 },
    ]);
  });

  it('runs the libsql engine @libsql/client itself requires', () => {
    const require = createRequire(import.meta.url);
    expect(require.resolve('libsql')).toBe(
      createRequire(require.resolve('@libsql/client')).resolve('libsql'),
    );
  });
});

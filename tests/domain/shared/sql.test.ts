import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, it } from 'vitest';
import * as schema from '../../../db/schema';
import { inList, rowList } from '../../../functions/domain/shared/sql';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

const built = (query: ReturnType<typeof sql>) => new SQLiteAsyncDialect().sqlToQuery(query);

describe('set-based statement lists', () => {
  let t: TestDatabase | undefined;
  afterEach(() => t?.cleanup());

  it('builds rows of parameters as a sql`` per row joined would, one placeholder per value', () => {
    const rows = [
      [1, 'a', null],
      [2, '乙', 3],
    ];
    const joined = sql.join(
      rows.map(([a, b, c]) => sql`(${a}, ${b}, ${c})`),
      sql`, `,
    );
    expect(built(sql`values ${rowList(rows)}`)).toEqual(built(sql`values ${joined}`));
    expect(built(sql`values ${rowList(rows)}`)).toMatchObject({
      sql: 'values (?, ?, ?), (?, ?, ?)',
      params: [1, 'a', null, 2, '乙', 3],
    });
    expect(built(sql`values ${rowList([[7]])}`).sql).toBe('values (?)');
  });

  it('lists each value of an `in` once, in first-seen order', () => {
    expect(built(sql`id in ${inList([3, 1, 3, 2, 1])}`)).toMatchObject({
      sql: 'id in (?, ?, ?)',
      params: [3, 1, 2],
    });
  });

  it('runs on the embedded driver and through @libsql/client (remote) alike', async () => {
    t = await createTestDatabase();
    const insert = (n: number) =>
      sql`insert into settings (key, value) values ${rowList([
        [`a${n}`, 'x'],
        [`b${n}`, 'y'],
      ])}`;
    await t.database.write((tx) => tx.run(insert(1)));
    const remote = drizzle(t.database.client, { schema });
    await remote.run(insert(2));
    const keys = sql`select key from settings where key in ${inList(['a1', 'b1', 'a2', 'b2', 'a1'])} order by key`;
    expect((await t.database.read.all<{ key: string }>(keys)).map((r) => r.key)).toEqual([
      'a1',
      'a2',
      'b1',
      'b2',
    ]);
    expect((await remote.all<{ key: string }>(keys)).map((r) => r.key)).toEqual([
      'a1',
      'a2',
      'b1',
      'b2',
    ]);
  });
});

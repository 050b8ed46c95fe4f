import { sql, type SQL } from 'drizzle-orm';

/** `(a, b, c)` for `in`, one parameter per distinct value: the set-based statements' lists (a group's codes, accounts…). */
export function inList(values: Iterable<number | string>): SQL {
  return sql`(${sql.join([...new Set(values)].map((v) => sql`${v}`), sql`, `)})`;
}

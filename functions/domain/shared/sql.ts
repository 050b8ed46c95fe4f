import { sql, type SQL } from 'drizzle-orm';

/** `(a, b, c)` for `in`, one parameter each: the set-based statements' lists (a group's codes, accounts…). */
export function inList(values: Array<number | string>): SQL {
  return sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;
}

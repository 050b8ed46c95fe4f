import { SQL, type SQLChunk, StringChunk } from 'drizzle-orm';

// Shared, never mutated: a row list is one SQL object over these and its values.
const OPEN = new StringChunk('(');
const COMMA = new StringChunk(', ');
const NEXT_ROW = new StringChunk('), (');
const CLOSE = new StringChunk(')');

/**
 * `(a, b), (c, d)`: rows of parameters for a multi-row insert or a `values` list — the set-based
 * statements' rows (entries, postings, stored outcomes…). Built as one SQL object whose chunks are
 * the values themselves, exactly as a sql`` template keeps them: a sql`` per row and sql.join cost
 * several objects per value, on the counter's path (BENCHMARKS.md, eighth round).
 */
export function rowList(rows: ReadonlyArray<readonly unknown[]>): SQL {
  const chunks: unknown[] = [];
  for (let r = 0; r < rows.length; r++) {
    chunks.push(r === 0 ? OPEN : NEXT_ROW);
    const row = rows[r]!;
    for (let i = 0; i < row.length; i++) {
      if (i > 0) chunks.push(COMMA);
      chunks.push(row[i]);
    }
  }
  chunks.push(CLOSE);
  return new SQL(chunks as SQLChunk[]);
}

/** `(a, b, c)` for `in`, one parameter per distinct value: the set-based statements' lists (a group's codes, accounts…). */
export function inList(values: Iterable<number | string>): SQL {
  return rowList([[...new Set(values)]]);
}

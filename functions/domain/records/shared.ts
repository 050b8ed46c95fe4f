import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import type { RecordStatus } from '../../../db/schema';
import { DomainError } from '../shared/errors';
import { cursorBefore } from '../shared/paging';

/** A PATCH body's 修订说明 / 更正说明: required once the record is published. */
export interface Revision {
  reason?: string | undefined;
}

/** A staff console list: optionally one status, newest first, keyset-paged by id. */
export interface ListQuery {
  status?: RecordStatus | undefined;
  limit: number;
  cursor?: string | undefined;
}

export function listWhere(
  table: { id: SQLiteColumn; status: SQLiteColumn },
  q: ListQuery,
  ...more: Array<SQL | undefined>
): SQL | undefined {
  return and(
    q.status ? eq(table.status, q.status) : undefined,
    cursorBefore(table.id, q.cursor),
    ...more,
  );
}

export function notFound(message: string): DomainError {
  return new DomainError('not_found', message);
}

/** A record named in a request body must exist: 422 with a message saying which one. */
export async function requireRef(
  tx: Db,
  table: SQLiteTable,
  id: number | null | undefined,
  message: string,
): Promise<void> {
  if (id === null || id === undefined) return;
  const rows = await tx.all(sql`select 1 as found from ${table} where id = ${id}`);
  if (rows.length === 0) throw new DomainError('invalid_reference', message);
}

/** Cross-field rules the request schema cannot express answer like schema errors: 400 invalid_request. */
export function invalid(message: string): DomainError {
  return new DomainError('invalid_request', `请求无效：${message}`);
}

/**
 * A record's optional English title and summary (shown on the /en/ pages; absent, those pages say
 * the record is in Chinese only). Every public record type with a title or summary accepts them.
 */
export interface EnglishFields {
  titleEn?: string | null;
  summaryEn?: string | null;
}

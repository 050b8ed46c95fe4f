import { gt, lt, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { DomainError } from './errors';

/**
 * One page of any list: the items, and the cursor of the next page (null on the last one). The
 * cursor is opaque to callers: each list makes and reads its own.
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The cursor of a list keyset-paged by id: the last id of the page, in decimal (ids are below 2^31). */
export const ID_CURSOR = /^[1-9]\d{0,9}$/;
const MAX_ID = 2 ** 31;

/** Whether a string is an id cursor. */
export const idCursorOk = (cursor: string): boolean =>
  ID_CURSOR.test(cursor) && Number(cursor) <= MAX_ID;

/** An id cursor as the list reads it; a malformed one is the caller's mistake (400 invalid_request). */
export function idCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!idCursorOk(cursor)) throw new DomainError('invalid_request', 'cursor 无效');
  return Number(cursor);
}

/** Rows were fetched with limit + 1: the extra one only says that there is a next page. */
export function pageOf<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
}

/** Rows before an id cursor (such lists are newest first); no cursor: from the newest. */
export function cursorBefore(id: SQLiteColumn, cursor: string | undefined): SQL | undefined {
  const before = idCursor(cursor);
  return before === undefined ? undefined : lt(id, before);
}

/** Rows after an id cursor, for the lists that are oldest first. */
export function cursorAfter(id: SQLiteColumn, cursor: string | undefined): SQL | undefined {
  const after = idCursor(cursor);
  return after === undefined ? undefined : gt(id, after);
}

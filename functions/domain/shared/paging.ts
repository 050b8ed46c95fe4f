/** One page of a list that is newest first and keyset-paged by id. */
export interface Page<T> {
  items: T[];
  nextCursor: number | null;
}

/** Rows were fetched with limit + 1: the extra one only says that there is a next page. */
export function pageOf<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

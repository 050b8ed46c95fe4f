import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { ExportEntry } from './export';

export interface LedgerPagesOptions {
  /**
   * The last entry to read; the export passes the head when it began (entries are append-only, so
   * entries 1…upTo never change while it runs). Absent: up to the newest entry, however many that is by then.
   */
  upTo?: number;
  pageSize?: number;
}

/**
 * The ledger in id order, a page of entries at a time, each entry with its postings in posting
 * order: the export and verify read it this way so neither ever holds the whole ledger.
 */
export async function* ledgerPages(
  db: Db,
  { upTo, pageSize = 2000 }: LedgerPagesOptions = {},
): AsyncGenerator<ExportEntry[]> {
  // A million entries pass through here in one `npm run verify`: one query per page, each entry
  // built as one JSON array by SQLite, postings included (in posting order), read as plain arrays
  // (`values`): drizzle's row mapping and a second result set per page cost more than hashing the chain.
  // Posting order comes from an ordered subquery, not `json_group_array(… order by …)`: sqld's SQL
  // parser rejects an ORDER BY inside an aggregate's arguments.
  let after = 0;
  while (upTo === undefined || after < upTo) {
    const rows = await db.values<[string]>(
      sql`select json_array(e.id, e.at, e.kind, e.memo, e.actor_id, e.activity_id, e.reverses_id, e.prev_hash, e.hash,
              (select json_group_array(json_array(p.account_id, p.amount, p.balance_after))
                from (select account_id, amount, balance_after from postings where entry_id = e.id order by id) p))
            from ledger_entries e where e.id > ${after} and e.id <= ${upTo ?? Number.MAX_SAFE_INTEGER} order by e.id limit ${pageSize}`,
    );
    if (rows.length === 0) return;
    const page: ExportEntry[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [id, at, kind, memo, actorId, activityId, reversesId, prevHash, hash, lines] =
        JSON.parse(rows[i]![0]) as [
          number,
          string,
          ExportEntry['kind'],
          string,
          number | null,
          number | null,
          number | null,
          string,
          string,
          Array<[number, number, number]>,
        ];
      const postings = lines.map(([accountId, amount, balanceAfter]) => ({
        accountId,
        amount,
        balanceAfter,
      }));
      page[i] = { id, at, kind, memo, actorId, activityId, reversesId, prevHash, hash, postings };
    }
    yield page;
    after = page[page.length - 1]!.id;
  }
}

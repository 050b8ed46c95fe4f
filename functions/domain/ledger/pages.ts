import { and, asc, gt, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { ledgerEntries, postings } from '../../../db/schema';
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
export async function* ledgerPages(db: Db, { upTo, pageSize = 2000 }: LedgerPagesOptions = {}): AsyncGenerator<ExportEntry[]> {
  let after = 0;
  while (upTo === undefined || after < upTo) {
    const entries = await db
      .select()
      .from(ledgerEntries)
      .where(and(gt(ledgerEntries.id, after), upTo === undefined ? undefined : lte(ledgerEntries.id, upTo)))
      .orderBy(asc(ledgerEntries.id))
      .limit(pageSize);
    if (entries.length === 0) return;
    const last = entries[entries.length - 1]!.id;
    const lines = await db
      .select({ entryId: postings.entryId, accountId: postings.accountId, amount: postings.amount, balanceAfter: postings.balanceAfter })
      .from(postings)
      .where(and(gt(postings.entryId, after), lte(postings.entryId, last)))
      .orderBy(asc(postings.entryId), asc(postings.id));
    const byEntry = new Map<number, ExportEntry['postings']>();
    for (const l of lines) {
      let list = byEntry.get(l.entryId);
      if (!list) byEntry.set(l.entryId, (list = []));
      list.push({ accountId: l.accountId, amount: l.amount, balanceAfter: l.balanceAfter });
    }
    yield entries.map((e) => ({ ...e, postings: byEntry.get(e.id) ?? [] }));
    after = last;
  }
}

import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';

/**
 * Makes the caller's write depend on a fact it read: the write is refused unless `condition`
 * (a SQL boolean) still holds when the write is applied (the write_guard view, migration 0022).
 * On a remote database a points-moving write reads in one round trip and writes in the next
 * (db/remote.ts), so what it read may have changed in between; the refused write runs again from
 * its reads. Under the embedded file's write lock the condition always holds.
 */
export async function guard(tx: Db, condition: SQL): Promise<void> {
  await tx.run(sql`insert into write_guard (ok) select coalesce((${condition}), 0)`);
}

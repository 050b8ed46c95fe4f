import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';

/** Whether the database answers a read of a table every community has. */
export async function probeRead(database: Database): Promise<void> {
  await database.read.run(sql`select count(*) from users`);
}

/**
 * Whether a write could commit: a table created and dropped in one committed write. Creating it
 * takes a fresh page (so a database at its size limit fails), and the commit writes to the
 * journal (so a full disk or a read-only file fails); nothing remains but a free page.
 */
export async function probeWrite(database: Database): Promise<void> {
  await database.write(async (tx) => {
    await tx.run(sql`create table linli_ready_probe (x)`);
    await tx.run(sql`drop table linli_ready_probe`);
  });
}

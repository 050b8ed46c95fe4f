import { sql } from 'drizzle-orm';
import type { Db } from './client';

/** Runs fn so that if it throws, everything it wrote is undone and the enclosing transaction goes on. */
export async function savepoint<T>(tx: Db, fn: () => Promise<T>): Promise<T> {
  await tx.run(sql`SAVEPOINT step`);
  try {
    const value = await fn();
    await tx.run(sql`RELEASE step`);
    return value;
  } catch (error) {
    await tx.run(sql`ROLLBACK TO step`);
    await tx.run(sql`RELEASE step`);
    throw error;
  }
}

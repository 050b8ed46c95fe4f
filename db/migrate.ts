import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Database } from './client';

/** Node-only: applies the drizzle-kit migrations in db/migrations (idempotent). */
export async function migrateDatabase(database: Database): Promise<void> {
  // WAL (persistent in the file): readers never block the writer, and with libSQL's default
  // synchronous=FULL a commit is durable once acknowledged. Checked by tests/db/durability.test.ts.
  if (database.isFile) await database.client.execute('PRAGMA journal_mode=WAL');
  const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
  await migrate(drizzle(database.client), { migrationsFolder });
}

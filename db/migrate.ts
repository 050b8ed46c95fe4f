import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Database } from './client';

/** Node-only: applies the drizzle-kit migrations in db/migrations (idempotent). */
export async function migrateDatabase(database: Database): Promise<void> {
  const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
  await migrate(database.read, { migrationsFolder });
}

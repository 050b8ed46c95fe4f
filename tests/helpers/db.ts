import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';

export interface TestDatabase {
  database: Database;
  dir: string;
  url: string;
  cleanup: () => void;
}

/** A fresh, migrated libSQL file in its own temporary folder: tests never share state. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-test-'));
  const url = `file:${join(dir, 'linli.db')}`;
  const database = createDatabase({ url });
  await migrateDatabase(database);
  return {
    database,
    dir,
    url,
    cleanup: () => {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

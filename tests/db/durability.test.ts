import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

/** An acknowledged write survives a crash and a power cut: WAL, and FULL sync on every write connection. */
describe('embedded database durability', () => {
  let t: TestDatabase | undefined;
  afterEach(() => t?.cleanup());

  it('runs in WAL mode with synchronous=FULL inside write transactions', async () => {
    t = await createTestDatabase();
    const [mode] = await t.database.read.all<{ journal_mode: string }>(sql`PRAGMA journal_mode`);
    expect(mode?.journal_mode).toBe('wal');
    // Write transactions may run on any pooled connection: check the one a write actually uses.
    const level = await t.database.write(
      async (tx) =>
        (await tx.all<{ synchronous: number }>(sql`PRAGMA synchronous`))[0]?.synchronous,
    );
    expect(level).toBe(2);
  });
});

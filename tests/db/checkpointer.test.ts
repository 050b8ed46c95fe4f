import { statSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type Checkpointer, startCheckpointer } from '../../functions/node/checkpointer';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

/** WAL checkpoints run in a worker thread, not in the commits the server's requests wait for. */
describe('background checkpointer', () => {
  let t: TestDatabase | undefined;
  let checkpointer: Checkpointer | undefined;
  afterEach(async () => {
    await checkpointer?.stop();
    t?.cleanup();
  });

  const autocheckpoint = () =>
    t!.database.write(async (tx) =>
      Number(
        (await tx.all<{ wal_autocheckpoint: number }>(sql`PRAGMA wal_autocheckpoint`))[0]
          ?.wal_autocheckpoint,
      ),
    );
  const fill = (n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        t!.database.write((tx) =>
          tx.run(
            sql`insert into settings (key, value) values (${`bench-${i}-${Math.random()}`}, ${'x'.repeat(3000)})`,
          ),
        ),
      ),
    );

  it('turns off checkpointing in commits while it runs, copies the WAL into the database, and hands back on stop', async () => {
    t = await createTestDatabase();
    expect(await autocheckpoint()).toBe(1000);
    checkpointer = startCheckpointer(t.database, t.url);
    expect(await autocheckpoint()).toBe(0);
    const file = t.url.slice('file:'.length);
    const before = statSync(file).size;
    await fill(400);
    // Pages reach the database file only by a checkpoint, and commits no longer make any: the
    // worker copies the ~1.2 MB just written (without our asking: we only look at the file).
    let size = before;
    for (let i = 0; i < 100 && size < before + 1_000_000; i++) {
      await new Promise((r) => setTimeout(r, 50));
      size = statSync(file).size;
    }
    expect(size).toBeGreaterThanOrEqual(before + 1_000_000);
    await checkpointer.stop();
    checkpointer = undefined;
    expect(await autocheckpoint()).toBe(1000);
    // Everything written is there, whoever copied it.
    const [count] = await t.database.read.all<{ n: number }>(
      sql`select count(*) as n from settings where key like 'bench-%'`,
    );
    expect(Number(count!.n)).toBe(400);
  });

  it('is nothing on a remote database', async () => {
    t = await createTestDatabase();
    const remoteLike = { ...t.database, isFile: false, walAutocheckpoint: 1000 };
    checkpointer = startCheckpointer(remoteLike, 'libsql://example.invalid');
    expect(remoteLike.walAutocheckpoint).toBe(1000);
  });
});

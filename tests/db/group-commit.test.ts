import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
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

  const turns = (n: number) => new Promise<void>((resolve) => (n <= 0 ? resolve() : setImmediate(() => void turns(n - 1).then(resolve))));

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
    const rows = await t!.database.read.all<{ name: string }>(sql`select name from scratch order by name`);
    expect(rows.map((r) => r.name)).toEqual(['a', 'c']);
  });

  /** Eight clients in a closed loop, each coming back `i + 1` turns after its answer. */
  async function closedLoop(firstRound: string[]): Promise<{ events: string[]; secondRound: string[] }> {
    const events: string[] = [];
    const secondRound = Array.from({ length: 8 }, (_, i) => `again${i}`);
    const comebacks: Array<Promise<void>> = [];
    await Promise.all(
      firstRound.map((name, i) =>
        tracked(events, name).then(() => {
          if (i === 0) for (let k = 0; k < 8; k++) comebacks.push(turns(k + 1).then(() => tracked(events, secondRound[k]!)));
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
});

/**
 * `tsx bench/driver-micro.ts [root] [file]`: CPU per operation of the embedded driver in-process —
 * the balance read of GET /api/me (a `sql` template ending `limit 1`), a query-builder select by id,
 * a query-builder select with a join, and a write transaction (ledger head + 3 balance reads).
 * `root` is the checkout whose db/ and domain run (default: this one), so two checkouts can be
 * measured alternately on one database file (an A/B of a driver change); `file` defaults to the
 * quick bench's small database (`npm run bench -- --quick` makes it).
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
const file = resolve(process.argv[3] ?? join(import.meta.dirname, 'data', 'quick-small.db'));
const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const { createDatabase } = await load('db/client.ts');
const { residentBalance } = await load('functions/domain/ledger/expiry.ts');
const { users, residents, accounts } = await load('db/schema/index.ts');
const { eq, sql } = await import('drizzle-orm');

const database = createDatabase({ url: `file:${file}` });
const ids = (
  (await database.read.all(sql`select user_id as id from residents limit 1000`)) as Array<{
    id: number;
  }>
).map((r) => r.id);
const now = new Date('2026-03-01T00:00:00Z');

/** ONLY=<part of a name> measures just those operations (e.g. under node --cpu-prof). */
const only = process.env.ONLY;

async function time(name: string, n: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  if (only && !name.includes(only)) return;
  for (let i = 0; i < Math.min(n, 2000); i++) await fn(i);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `${name}\t${((cpu.user + cpu.system) / n).toFixed(1)} µs CPU/op\t${((n / ms) * 1000).toFixed(0)}/s`,
  );
}

const n = Number(process.env.OPS ?? 30_000);
const id = (i: number) => ids[i % ids.length]!;
await time('balance read', n, (i) => residentBalance(database.read, id(i), now));
await time('builder select by id', n, (i) =>
  database.read
    .select({ login: users.login })
    .from(users)
    .where(eq(users.id, id(i))),
);
await time('builder select join', n, (i) =>
  database.read
    .select({ login: users.login, balance: accounts.balance })
    .from(users)
    .innerJoin(residents, eq(residents.userId, users.id))
    .innerJoin(accounts, eq(accounts.ownerId, users.id))
    .where(eq(users.id, id(i))),
);
await time('write transaction', Math.max(1, n / 10), () =>
  database.write(async (tx: typeof database.read) => {
    await tx.all(sql`select id, hash from ledger_entries order by id desc limit 1`);
    for (let k = 0; k < 3; k++) await residentBalance(tx, ids[k]!, now);
  }),
);
database.close();

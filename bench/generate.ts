/**
 * The generator of benchmark databases: the demo community (db/seed/demo.ts, unchanged: people,
 * a year of ledger, the public records, daily use), grown in bulk to a given size —
 *   - residents: more households, residents and accounts, names drawn from the seed's community data
 *     with the seed's Random;
 *   - ledger entries: awards, redemptions, gifts and donations continuing the demo ledger's hash
 *     chain, each hashed over the ledger's own canonical form (functions/domain/ledger/chain.ts),
 *     written straight into ledger_entries/postings in large transactions. Running balances and
 *     balance_after are kept in memory, so `npm run verify` passes over the result;
 *   - deliberations (with agenda, votes, follow-ups and their timelines) and fund entries
 *     (donations, incomes, expenses): copies of the seeded records, shifted back in time
 *     (bench/grow-records.ts).
 * Deterministic for a given seed and `now`. Files go to bench/data/ (gitignored).
 */
import { createHash } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import type { Client, InValue, Transaction } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { createDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import * as schema from '../db/schema';
import { ACTIVITY_TYPES, COMPOUNDS, GIVEN_NAMES, HONORIFICS, SURNAMES } from '../db/seed/community';
import { DEMO_PASSWORD, seedDemo } from '../db/seed/demo';
import { Random } from '../db/seed/random';
import { SYSTEM_ACCOUNTS } from '../functions/domain/ledger/accounts';
import { type ChainedEntry, canonicalEntry } from '../functions/domain/ledger/chain';
import { rebuildCreditLots } from '../functions/domain/ledger/expiry';
import { hashSecret } from '../functions/domain/shared/crypto';
import { growPublicRecords } from './grow-records';
import { log, removeDatabaseFile, round, scalar } from './lib';

/** Sign-in is not what is measured: bench databases hash their passwords with fewer PBKDF2 rounds. */
export const BENCH_ITERATIONS = 1000;
/** Residents never spend below this in the generated history, so the benchmark always has points to redeem. */
export const RESERVE = 200;

export interface GenerateOptions {
  file: string;
  residents: number;
  /** Total ledger entries (the demo's included). */
  entries: number;
  /** Total deliberations (default: the demo's). */
  deliberations?: number;
  /** Total fund entries: donations + incomes + expenses (default: the demo's). */
  fundEntries?: number;
  seed?: number;
  now?: Date;
}

export interface GenerateSummary {
  file: string;
  residents: number;
  merchants: number;
  entries: number;
  deliberations: number;
  fund_entries: number;
  seconds: number;
  /** The options the file was made with: a later run reuses the file only when they match. */
  signature: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const signatureOf = (o: GenerateOptions) =>
  JSON.stringify({
    v: 2,
    residents: o.residents,
    entries: o.entries,
    deliberations: o.deliberations ?? 0,
    fundEntries: o.fundEntries ?? 0,
    seed: o.seed ?? 1,
    now: o.now?.toISOString().slice(0, 10),
  });

/** Multi-row INSERTs of at most `perStatement` rows. */
async function insertRows(
  client: Client | Transaction,
  table: string,
  columns: string[],
  rows: InValue[][],
  perStatement = Math.floor(30000 / columns.length),
): Promise<void> {
  const one = `(${columns.map(() => '?').join(',')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await client.execute({
      sql: `INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => one).join(',')}`,
      args: chunk.flat(),
    });
  }
}

/** Generates a database file, or reuses the one already there if it was made with the same options. */
export async function ensureDatabase(options: GenerateOptions): Promise<GenerateSummary> {
  const signature = signatureOf(options);
  if (existsSync(options.file)) {
    const db = createDatabase({ url: `file:${options.file}` });
    try {
      const r = await db.client.execute({
        sql: "SELECT value FROM settings WHERE key = 'bench_generator'",
        args: [],
      });
      const stored = r.rows[0]?.[0];
      if (typeof stored === 'string') {
        const summary = JSON.parse(stored) as GenerateSummary;
        if (summary.signature === signature) {
          // Migrations added since it was generated apply once here, not to every working copy.
          await migrateDatabase(db);
          log(
            `reusing ${options.file} (${summary.entries} entries, ${summary.residents} residents)`,
          );
          // Where it is now, not where it was generated (a checkout may reuse another's bench/data).
          return { ...summary, file: options.file };
        }
      }
    } catch {
      /* not ours or unreadable: regenerate */
    } finally {
      db.close();
    }
  }
  return generateDatabase(options);
}

export async function generateDatabase(options: GenerateOptions): Promise<GenerateSummary> {
  const t0 = performance.now();
  const now = options.now ?? new Date();
  const seed = options.seed ?? 1;
  const partial = `${options.file}.partial`;
  removeDatabaseFile(partial);
  const database = createDatabase({ url: `file:${partial}` });
  const { client } = database;
  try {
    // A large page cache while generating only (this connection's setting, not the file's): the
    // chain's unique hash indexes take random inserts. The server runs with its own defaults.
    await client.execute('PRAGMA cache_size = -262144');
    await migrateDatabase(database);
    // 1. The demo community, through the seed code as it is.
    await seedDemo(database, { now, seed: 20260309, iterations: BENCH_ITERATIONS });
    log(`generate: demo seeded (${round((performance.now() - t0) / 1000)} s)`);
    const rng = new Random(seed);

    // 2. More residents, in households, with accounts.
    const passwordHash = await hashSecret(DEMO_PASSWORD, BENCH_ITERATIONS);
    const existingResidents = await scalar(
      client,
      "SELECT count(*) FROM users WHERE role = 'resident'",
    );
    const toAdd = Math.max(0, options.residents - existingResidents);
    if (toAdd > 0) {
      let userId = await scalar(client, 'SELECT max(id) FROM users');
      let householdId = await scalar(client, 'SELECT coalesce(max(id), 0) FROM households');
      let accountId = await scalar(client, 'SELECT max(id) FROM accounts');
      const created = new Date(now.getTime() - 400 * 86_400_000).toISOString();
      const users: InValue[][] = [];
      const households: InValue[][] = [];
      const residents: InValue[][] = [];
      const accounts: InValue[][] = [];
      for (let i = 0; i < toAdd; i++) {
        if (i === 0 || rng.chance(0.55)) {
          householdId++;
          households.push([
            householdId,
            rng.pick(COMPOUNDS),
            `${rng.int(1, 40)}栋`,
            `${rng.int(1, 4)}单元`,
            `${rng.int(1, 30)}0${rng.int(1, 4)}`,
          ]);
        }
        const surname = rng.pick(SURNAMES);
        userId++;
        accountId++;
        users.push([
          userId,
          `resident${existingResidents + i + 1}`,
          passwordHash,
          'resident',
          `${surname}${rng.pick(HONORIFICS)}`,
          created,
        ]);
        residents.push([
          userId,
          surname + rng.pick(GIVEN_NAMES),
          `1${rng.pick(['38', '39', '58', '77', '86', '35'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
          householdId,
        ]);
        accounts.push([accountId, 'resident', userId, 0]);
      }
      const tx = await client.transaction('write');
      await insertRows(
        tx,
        'households',
        ['id', 'compound', 'building', 'unit', 'door'],
        households,
      );
      await insertRows(
        tx,
        'users',
        ['id', 'login', 'password_hash', 'role', 'display_name', 'created_at'],
        users,
      );
      await insertRows(
        tx,
        'residents',
        ['user_id', 'full_name', 'phone', 'household_id'],
        residents,
      );
      await insertRows(tx, 'accounts', ['id', 'kind', 'owner_id', 'balance'], accounts);
      await tx.commit();
      tx.close();
      log(`generate: ${toAdd} residents added (${round((performance.now() - t0) / 1000)} s)`);
    }

    // 3. The ledger, continuing the chain.
    const entries = await generateLedger(client, options.entries, now, rng);
    log(`generate: ledger at ${entries} entries (${round((performance.now() - t0) / 1000)} s)`);

    // 4. The public records, grown by shifted copies.
    const { deliberations, fundEntries } = await growPublicRecords(client, {
      deliberations: options.deliberations ?? 0,
      fundEntries: options.fundEntries ?? 0,
    });
    log(
      `generate: ${deliberations} deliberations, ${fundEntries} fund entries (${round((performance.now() - t0) / 1000)} s)`,
    );

    const summary: GenerateSummary = {
      file: options.file,
      residents: await scalar(client, "SELECT count(*) FROM users WHERE role = 'resident'"),
      merchants: await scalar(client, "SELECT count(*) FROM users WHERE role = 'merchant'"),
      entries,
      deliberations,
      fund_entries: fundEntries,
      seconds: round((performance.now() - t0) / 1000),
      signature: signatureOf(options),
    };
    await client.execute({
      sql: "INSERT INTO settings (key, value) VALUES ('bench_generator', ?)",
      args: [JSON.stringify(summary)],
    });
    await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    database.close();
    removeDatabaseFile(options.file);
    renameSync(partial, options.file);
    log(`generate: ${options.file} done in ${summary.seconds} s`);
    return summary;
  } catch (error) {
    database.close();
    removeDatabaseFile(partial);
    throw error;
  }
}

const AWARD_REASONS = ACTIVITY_TYPES.flatMap((t) =>
  t.titles.map((title) => `${title}（${t.places[0]}）`),
);
const GIFT_MEMOS = ['送给楼下的独居老人', '谢谢帮忙照看孩子', '给邻居换米面油'];

async function generateLedger(
  client: Client,
  target: number,
  now: Date,
  rng: Random,
): Promise<number> {
  const head = (
    await client.execute('SELECT id, hash FROM ledger_entries ORDER BY id DESC LIMIT 1')
  ).rows[0];
  let id = Number(head?.[0] ?? 0);
  let prevHash = String(head?.[1] ?? '0'.repeat(64));
  if (id >= target) return id;

  const staffId = await scalar(client, "SELECT id FROM users WHERE login = 'staff1'");
  const accountRows = (
    await client.execute('SELECT a.id, a.kind, a.owner_id, a.balance FROM accounts a ORDER BY a.id')
  ).rows;
  const maxAccount = Math.max(...accountRows.map((r) => Number(r[0])));
  const balance = new Float64Array(maxAccount + 1);
  const owner = new Int32Array(maxAccount + 1);
  const residentAccounts: number[] = [];
  const merchantAccounts: number[] = [];
  for (const r of accountRows) {
    const a = Number(r[0]);
    balance[a] = Number(r[3]);
    owner[a] = Number(r[2] ?? 0);
    if (r[1] === 'resident') residentAccounts.push(a);
    if (r[1] === 'merchant') merchantAccounts.push(a);
  }
  const touched = new Set<number>();

  // Spread the new entries over the year before `now`, in id order.
  const count = target - id;
  const from = now.getTime() - 365 * 86_400_000;
  const step = (364 * 86_400_000) / count;

  let entryRows: InValue[][] = [];
  let postingRows: InValue[][] = [];
  const FLUSH = 50_000;
  const flush = async () => {
    const tx = await client.transaction('write');
    await insertRows(
      tx,
      'ledger_entries',
      ['id', 'at', 'kind', 'memo', 'actor_id', 'activity_id', 'reverses_id', 'prev_hash', 'hash'],
      entryRows,
      2000,
    );
    await insertRows(
      tx,
      'postings',
      ['entry_id', 'account_id', 'amount', 'balance_after'],
      postingRows,
      4000,
    );
    await tx.commit();
    tx.close();
    entryRows = [];
    postingRows = [];
  };

  // Every resident first gets a welcome award well above the reserve (kept by every later spend).
  const welcome = residentAccounts.filter((a) => balance[a]! < RESERVE * 2);
  let n = 0;
  const post = (
    kind: string,
    memo: string,
    actorId: number | null,
    lines: Array<{ accountId: number; amount: number }>,
  ) => {
    id++;
    const at = new Date(from + n * step).toISOString();
    n++;
    const entry: ChainedEntry = {
      id,
      at,
      kind,
      memo,
      actorId,
      activityId: null,
      reversesId: null,
      postings: lines,
    };
    const hash = sha256(`${prevHash}\n${canonicalEntry(entry)}`);
    entryRows.push([id, at, kind, memo, actorId, null, null, prevHash, hash]);
    for (const p of [...lines].sort((a, b) => a.amount - b.amount)) {
      balance[p.accountId]! += p.amount;
      touched.add(p.accountId);
      postingRows.push([id, p.accountId, p.amount, balance[p.accountId]!]);
    }
    prevHash = hash;
  };

  const t0 = performance.now();
  while (id < target) {
    if (welcome.length > 0) {
      const a = welcome.pop()!;
      post('award', '新居民入户志愿服务积分', staffId, [
        { accountId: SYSTEM_ACCOUNTS.issuance, amount: -(RESERVE * 3) },
        { accountId: a, amount: RESERVE * 3 },
      ]);
    } else {
      const r = rng.next();
      const a = residentAccounts[Math.floor(rng.next() * residentAccounts.length)]!;
      const points = rng.pick([5, 10, 10, 15, 20, 30, 50]);
      const canSpend = balance[a]! - points >= RESERVE;
      if (r < 0.45 || !canSpend) {
        post('award', rng.pick(AWARD_REASONS), staffId, [
          { accountId: SYSTEM_ACCOUNTS.issuance, amount: -points },
          { accountId: a, amount: points },
        ]);
      } else if (r < 0.88) {
        const m = merchantAccounts[Math.floor(rng.next() * merchantAccounts.length)]!;
        post('redemption', '到店兑换', owner[m]!, [
          { accountId: a, amount: -points },
          { accountId: m, amount: points },
        ]);
      } else if (r < 0.96) {
        let to = residentAccounts[Math.floor(rng.next() * residentAccounts.length)]!;
        if (to === a)
          to = residentAccounts[(residentAccounts.indexOf(a) + 1) % residentAccounts.length]!;
        post('transfer', rng.pick(GIFT_MEMOS), owner[a]!, [
          { accountId: a, amount: -points },
          { accountId: to, amount: points },
        ]);
      } else {
        post('donation', '捐给社区积分池，帮助困难家庭', owner[a]!, [
          { accountId: a, amount: -points },
          { accountId: SYSTEM_ACCOUNTS.pool, amount: points },
        ]);
      }
    }
    if (entryRows.length >= FLUSH) {
      await flush();
      log(
        `generate: ledger ${id}/${target} (${round((id * 1000) / (performance.now() - t0) / 1000, 0)}k/s)`,
      );
    }
  }
  if (entryRows.length > 0) await flush();

  // The balances are a cache of the postings, kept in the same transaction as they are in postEntry.
  const tx = await client.transaction('write');
  const ids = [...touched];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await tx.execute({
      sql: `UPDATE accounts SET balance = CASE id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (${chunk.map(() => '?').join(',')})`,
      args: [...chunk.flatMap((a) => [a, balance[a]!]), ...chunk],
    });
  }
  // So are the expiry lots (what postEntry keeps per resident and year).
  await rebuildCreditLots(drizzle(tx as unknown as Client, { schema }));
  await tx.commit();
  tx.close();
  return id;
}

// `tsx bench/generate.ts <file> <residents> <entries> [deliberations] [fundEntries]`: a database by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, residents, entries, deliberations, fundEntries] = process.argv.slice(2);
  if (!file || !residents || !entries) {
    console.error(
      'usage: tsx bench/generate.ts <file> <residents> <entries> [deliberations] [fundEntries]',
    );
    process.exit(2);
  }
  const summary = await generateDatabase({
    file,
    residents: Number(residents),
    entries: Number(entries),
    deliberations: Number(deliberations ?? 0),
    fundEntries: Number(fundEntries ?? 0),
  });
  console.log(JSON.stringify(summary, null, 2));
}

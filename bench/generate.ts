import { existsSync, renameSync } from 'node:fs';
import type { InValue } from '@libsql/client';
import { createDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { COMPOUNDS, GIVEN_NAMES, HONORIFICS, SURNAMES } from '../db/seed/community';
import { DEMO_PASSWORD, seedDemo } from '../db/seed/demo';
import { Random } from '../db/seed/random';
import { hashSecret } from '../functions/domain/shared/crypto';
import { generateLedger } from './generate-ledger';
import { growPublicRecords } from './grow-records';
import { insertRows, log, removeDatabaseFile, round, scalar } from './lib';

/** Sign-in is not what is measured: bench databases hash their passwords with fewer PBKDF2 rounds. */
export const BENCH_ITERATIONS = 1000;

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

/**
 * The ceiling: bare libSQL write transactions per second through @libsql/client, on the same kind
 * of file and with the same settings as the server's database (an embedded file, WAL,
 * synchronous=FULL): begin; update one balance; insert one entry; commit — one after another, each
 * commit its own fsync. No HTTP, no ORM, no hashing: the physical limit of this machine for our
 * write path, measured in the same run as the API so the two are compared on the same noise.
 */
import { createClient } from '@libsql/client';
import { join } from 'node:path';
import { dataDir, ensureDir, percentile, removeDatabaseFile, round } from './lib';

export interface CeilingResult {
  per_s: number;
  p50_ms: number;
  p99_ms: number;
  transactions: number;
  journal_mode: string;
  synchronous: string;
}

const SYNC_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

export async function measureCeiling(options: { durationMs: number; maxTransactions?: number; accounts?: number }): Promise<CeilingResult> {
  const file = join(ensureDir(dataDir), 'ceiling.db');
  removeDatabaseFile(file);
  // The same client options as db/client.ts createDatabase for a file.
  const client = createClient({ url: `file:${file}`, timeout: 5000 });
  try {
    await client.execute('PRAGMA journal_mode=WAL');
    const journal = String((await client.execute('PRAGMA journal_mode')).rows[0]![0]);
    const sync = SYNC_NAMES[Number((await client.execute('PRAGMA synchronous')).rows[0]![0])] ?? '?';
    await client.execute('CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0))');
    await client.execute('CREATE TABLE entries (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, amount INTEGER NOT NULL, at TEXT NOT NULL)');
    const n = options.accounts ?? 1000;
    await client.execute(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${n}) INSERT INTO accounts SELECT i, 1000000 FROM k`);

    const latencies: number[] = [];
    const max = options.maxTransactions ?? Infinity;
    const t0 = performance.now();
    const end = t0 + options.durationMs;
    let i = 0;
    while (performance.now() < end && i < max) {
      const s = performance.now();
      const tx = await client.transaction('write');
      try {
        const account = 1 + (i % n);
        await tx.execute({ sql: 'UPDATE accounts SET balance = balance - 1 WHERE id = ? AND balance >= 1', args: [account] });
        await tx.execute({ sql: 'INSERT INTO entries (account_id, amount, at) VALUES (?, ?, ?)', args: [account, -1, new Date().toISOString()] });
        await tx.commit();
      } finally {
        tx.close();
      }
      latencies.push(performance.now() - s);
      i++;
    }
    const elapsed = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    return { per_s: round(i / elapsed, 0), p50_ms: round(percentile(latencies, 50), 2), p99_ms: round(percentile(latencies, 99), 2), transactions: i, journal_mode: journal, synchronous: sync };
  } finally {
    client.close();
    removeDatabaseFile(file);
  }
}

/**
 * The ceiling: bare libSQL write transactions per second, through the same engine connection and
 * kept statements the server writes with (db/native.ts), on the same kind of file and with the
 * same settings as the server's database (an embedded file, WAL, synchronous=FULL): begin; update
 * one balance; insert one entry; commit — one after another, each commit its own fsync. No HTTP,
 * no ORM, no hashing: the physical limit of this machine for our write path, measured in the same
 * run as the API so the two are compared on the same noise.
 */
import { join } from 'node:path';
import { openNativeConnection, Statements } from '../db/native-connection';
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

export async function measureCeiling(options: {
  durationMs: number;
  maxTransactions?: number;
  accounts?: number;
}): Promise<CeilingResult> {
  const file = join(ensureDir(dataDir), 'ceiling.db');
  removeDatabaseFile(file);
  // The same connection as db/client.ts opens for a file's writer.
  const db = new Statements(openNativeConnection(file, 5000));
  const value = (pragma: string) => db.firstValues(pragma, [])?.[0];
  try {
    db.run('PRAGMA journal_mode=WAL');
    const journal = String(value('PRAGMA journal_mode'));
    const sync = SYNC_NAMES[Number(value('PRAGMA synchronous'))] ?? '?';
    db.run(
      'CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0))',
    );
    db.run(
      'CREATE TABLE entries (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, amount INTEGER NOT NULL, at TEXT NOT NULL)',
    );
    const n = options.accounts ?? 1000;
    db.run(
      `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${n}) INSERT INTO accounts SELECT i, 1000000 FROM k`,
    );

    const latencies: number[] = [];
    const max = options.maxTransactions ?? Infinity;
    const t0 = performance.now();
    const end = t0 + options.durationMs;
    let i = 0;
    while (performance.now() < end && i < max) {
      const s = performance.now();
      db.run('BEGIN IMMEDIATE');
      try {
        const account = 1 + (i % n);
        db.run('UPDATE accounts SET balance = balance - 1 WHERE id = ? AND balance >= 1', [
          account,
        ]);
        db.run('INSERT INTO entries (account_id, amount, at) VALUES (?, ?, ?)', [
          account,
          -1,
          new Date().toISOString(),
        ]);
        db.run('COMMIT');
      } finally {
        if (db.connection.inTransaction) db.run('ROLLBACK');
      }
      latencies.push(performance.now() - s);
      i++;
    }
    const elapsed = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      per_s: round(i / elapsed, 0),
      p50_ms: round(percentile(latencies, 50), 2),
      p99_ms: round(percentile(latencies, 99), 2),
      transactions: i,
      journal_mode: journal,
      synchronous: sync,
    };
  } finally {
    db.connection.close();
    removeDatabaseFile(file);
  }
}

import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accounts, ledgerEntries } from '../../../db/schema';
import { localYear, startOfLocalYear } from '../shared/time';
import { type ChainedEntry, chainHash, GENESIS_HASH } from './chain';
import { ledgerPages } from './pages';

/**
 * The local year of an entry's timestamp, for a million entries in order: while timestamps stay
 * within the year found last, two string comparisons (ISO text in UTC orders as time does).
 */
const lotKey = (accountId: number, year: number) => accountId * 10_000 + year;

class LocalYears {
  private year = 0;
  private from = '';
  private to = '';
  of(at: string): number {
    if (at >= this.from && at < this.to) return this.year;
    this.year = localYear(new Date(at));
    this.from = startOfLocalYear(this.year).toISOString();
    this.to = startOfLocalYear(this.year + 1).toISOString();
    return this.year;
  }
}

export interface ExportedEntry extends ChainedEntry {
  prevHash: string;
  hash: string;
  postings: Array<{ accountId: number; amount: number; balanceAfter?: number }>;
}

export interface Problem {
  entryId: number | null;
  message: string;
}

/**
 * Replays the ledger in order, one entry at a time, and reports the first violation: a broken
 * chain, postings that do not sum to zero, a running balance that went negative or disagrees with
 * what was recorded. The same checker serves the database (`npm run verify`) and exported files.
 */
export class LedgerChecker {
  private prevHash = GENESIS_HASH;
  private expectedId = 1;
  readonly balances = new Map<number, number>();
  readonly kinds = new Map<number, string>();
  /** Credits to resident accounts by local year (lotKey(account, year) → points): the expiry lots. */
  readonly creditLots = new Map<number, number>();
  private readonly years = new LocalYears();
  count = 0;

  constructor(accountKinds?: Map<number, string>) {
    if (accountKinds) for (const [id, kind] of accountKinds) this.kinds.set(id, kind);
  }

  get head(): string {
    return this.prevHash;
  }

  async check(entry: ExportedEntry): Promise<Problem | undefined> {
    const fail = (message: string): Problem => ({ entryId: entry.id, message });
    if (entry.id !== this.expectedId)
      return fail(`expected entry ${this.expectedId}, found ${entry.id}`);
    if (entry.prevHash !== this.prevHash)
      return fail('prev_hash does not match the previous entry’s hash');
    const hash = await chainHash(this.prevHash, entry);
    if (hash !== entry.hash)
      return fail(`hash mismatch: recorded ${entry.hash}, recomputed ${hash}`);
    if (entry.postings.length < 2) return fail('fewer than two postings');
    if (entry.postings.reduce((s, p) => s + p.amount, 0) !== 0)
      return fail('postings do not sum to zero');
    for (const p of entry.postings) {
      const balance = (this.balances.get(p.accountId) ?? 0) + p.amount;
      this.balances.set(p.accountId, balance);
      const kind = this.kinds.get(p.accountId);
      if (balance < 0 && kind !== 'issuance')
        return fail(`account ${p.accountId} went negative (${balance})`);
      if (p.balanceAfter !== undefined && p.balanceAfter !== balance)
        return fail(`account ${p.accountId}: balance_after ${p.balanceAfter}, replayed ${balance}`);
      if (p.amount > 0 && kind === 'resident') {
        const lot = lotKey(p.accountId, this.years.of(entry.at));
        this.creditLots.set(lot, (this.creditLots.get(lot) ?? 0) + p.amount);
      }
    }
    this.prevHash = hash;
    this.expectedId++;
    this.count++;
    return undefined;
  }
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  head: string;
  problem?: Problem;
  totals?: { issued: number; redeemed: number; expired: number; outstanding: number };
}

const PAGE = 5000;

/**
 * Recomputes the chain and the conservation identity from the database. Give it one consistent
 * snapshot (Database.snapshot) when writers may be running, or balances and entries disagree.
 */
export async function verifyLedger(
  db: Db,
  onProgress?: (done: number, total: number) => void,
): Promise<VerifyReport> {
  const accountRows = await db
    .select({ id: accounts.id, kind: accounts.kind, balance: accounts.balance })
    .from(accounts);
  const checker = new LedgerChecker(new Map(accountRows.map((a) => [a.id, a.kind])));
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`coalesce(max(${ledgerEntries.id}), 0)` })
    .from(ledgerEntries);
  for await (const page of ledgerPages(db, { pageSize: PAGE })) {
    for (const e of page) {
      const problem = await checker.check(e);
      if (problem) return { ok: false, entries: checker.count, head: checker.head, problem };
    }
    onProgress?.(page[page.length - 1]!.id, Number(total));
  }
  for (const a of accountRows) {
    const replayed = checker.balances.get(a.id) ?? 0;
    if (replayed !== a.balance) {
      return {
        ok: false,
        entries: checker.count,
        head: checker.head,
        problem: {
          entryId: null,
          message: `account ${a.id}: stored balance ${a.balance}, postings sum to ${replayed}`,
        },
      };
    }
  }
  const lots = await db.all<{ accountId: number; year: number; credits: number }>(
    sql`select account_id as accountId, year, credits from account_year_credits`,
  );
  const stored = new Map(
    lots.map((l) => [lotKey(Number(l.accountId), Number(l.year)), Number(l.credits)]),
  );
  for (const key of new Set([...stored.keys(), ...checker.creditLots.keys()])) {
    if (stored.get(key) !== checker.creditLots.get(key)) {
      const [account, year] = [Math.floor(key / 10_000), key % 10_000];
      return {
        ok: false,
        entries: checker.count,
        head: checker.head,
        problem: {
          entryId: null,
          message: `account ${account}: credits of ${year} stored as ${stored.get(key) ?? 'nothing'}, postings sum to ${checker.creditLots.get(key) ?? 0}`,
        },
      };
    }
  }
  const sum = (kind: string) =>
    accountRows.filter((a) => a.kind === kind).reduce((s, a) => s + a.balance, 0);
  const totals = {
    issued: -sum('issuance'),
    redeemed: sum('merchant'),
    expired: sum('expiry'),
    outstanding: sum('resident') + sum('pool'),
  };
  if (totals.issued - totals.redeemed - totals.expired !== totals.outstanding) {
    return {
      ok: false,
      entries: checker.count,
      head: checker.head,
      totals,
      problem: {
        entryId: null,
        message: `conservation: issued ${totals.issued} − redeemed ${totals.redeemed} − expired ${totals.expired} ≠ outstanding ${totals.outstanding}`,
      },
    };
  }
  return { ok: true, entries: checker.count, head: checker.head, totals };
}

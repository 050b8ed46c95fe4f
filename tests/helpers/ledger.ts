import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database, Db } from '../../db/client';
import { award } from '../../functions/domain/ledger/commands';
import { ledgerHead, type PointTotals, pointTotals } from '../../functions/domain/ledger/queries';
import { type VerifyReport, verifyLedger } from '../../functions/domain/ledger/verify';

/** Runs a raw SQL query on the database's read side and returns plain rows. */
export async function rows<T = Record<string, unknown>>(
  db: Db,
  query: ReturnType<typeof sql>,
): Promise<T[]> {
  return (await db.all(query)) as T[];
}

export async function balanceOf(database: Database, userId: number): Promise<number> {
  const [row] = await rows<{ balance: number }>(
    database.read,
    sql`select balance from accounts where owner_id = ${userId}`,
  );
  if (!row) throw new Error(`no account for user ${userId}`);
  return Number(row.balance);
}

export async function accountIdOf(database: Database, userId: number): Promise<number> {
  const [row] = await rows<{ id: number }>(
    database.read,
    sql`select id from accounts where owner_id = ${userId}`,
  );
  if (!row) throw new Error(`no account for user ${userId}`);
  return Number(row.id);
}

/** Gives a resident points straight through the ledger (an award by the given staff member). */
export async function grant(
  database: Database,
  staffId: number,
  residentId: number,
  points: number,
  now: Date,
  reason = '测试发放',
) {
  return database.write((tx) =>
    award(tx, { actorId: staffId, now }, { residentId, points, reason }),
  );
}

const COUNTED = [
  'ledger_entries',
  'postings',
  'idempotency_keys',
  'redeem_codes',
  'sessions',
  'login_attempts',
  'users',
  'accounts',
  'cards',
] as const;

export interface Snapshot {
  head: string;
  entries: number;
  balances: Array<{ id: number; balance: number }>;
  counts: Record<(typeof COUNTED)[number], number>;
  cards: unknown[];
  codes: unknown[];
}

/** Everything a write could change: compare two snapshots to prove a refused request changed nothing. */
export async function snapshot(database: Database): Promise<Snapshot> {
  const db = database.read;
  const head = await ledgerHead(db);
  const balances = (
    await rows<{ id: number; balance: number }>(
      db,
      sql`select id, balance from accounts order by id`,
    )
  ).map((r) => ({ id: Number(r.id), balance: Number(r.balance) }));
  const counts = {} as Snapshot['counts'];
  for (const table of COUNTED) {
    const [r] = await rows<{ n: number }>(db, sql.raw(`select count(*) as n from ${table}`));
    counts[table] = Number(r!.n);
  }
  const cards = await rows(
    db,
    sql`select card_no, failed_pins, locked_until from card_guards order by card_no`,
  );
  const codes = await rows(
    db,
    sql`select id, used_at, revoked_at, entry_id from redeem_codes order by id`,
  );
  return { head: head.head, entries: head.entries, balances, counts, cards, codes };
}

export interface InvariantReport {
  totals: PointTotals;
  report: VerifyReport;
}

/**
 * The contract's invariants, each checked straight from the tables and again through the domain:
 * no non-issuance balance below zero; every entry has ≥ 2 postings summing to zero; the cached
 * balances equal the postings; issued − redeemed − expired = the sum of resident and pool balances;
 * the chain links every entry to the one before it with no fork; verifyLedger agrees.
 */
export async function expectLedgerInvariants(database: Database): Promise<InvariantReport> {
  const db = database.read;
  const negative = await rows(
    db,
    sql`select id, kind, balance from accounts where kind <> 'issuance' and balance < 0`,
  );
  expect(negative, 'negative balances').toEqual([]);

  const unbalanced = await rows(
    db,
    sql`select e.id, coalesce(sum(p.amount), 0) as total, count(p.id) as n from ledger_entries e left join postings p on p.entry_id = e.id group by e.id having total <> 0 or n < 2`,
  );
  expect(unbalanced, 'entries whose postings do not sum to zero').toEqual([]);

  const drift = await rows(
    db,
    sql`select a.id, a.balance, coalesce(sum(p.amount), 0) as posted from accounts a left join postings p on p.account_id = a.id group by a.id having a.balance <> posted`,
  );
  expect(drift, 'balances that disagree with their postings').toEqual([]);

  // The expiry lots cache, recomputed from the postings independently of verifyLedger's replay.
  const lots = await rows(
    db,
    sql`select account_id, year, credits from account_year_credits
        except select p.account_id, cast(strftime('%Y', e.at, '+8 hours') as integer), sum(p.amount) from postings p join ledger_entries e on e.id = p.entry_id join accounts a on a.id = p.account_id where a.kind = 'resident' and p.amount > 0 group by 1, 2`,
  );
  const missingLots = await rows(
    db,
    sql`select p.account_id, cast(strftime('%Y', e.at, '+8 hours') as integer), sum(p.amount) from postings p join ledger_entries e on e.id = p.entry_id join accounts a on a.id = p.account_id where a.kind = 'resident' and p.amount > 0 group by 1, 2
        except select account_id, year, credits from account_year_credits`,
  );
  expect([...lots, ...missingLots], 'expiry lots that disagree with the postings').toEqual([]);

  const [direct] = await rows<{ outstanding: number; all: number }>(
    db,
    sql`select coalesce(sum(case when kind in ('resident','pool') then balance else 0 end), 0) as outstanding, coalesce(sum(balance), 0) as "all" from accounts`,
  );
  expect(Number(direct!.all), 'all accounts sum to zero').toBe(0);
  // (normalised: an empty issuance account reads as −0 after negation)
  const raw = await pointTotals(db);
  const totals: PointTotals = {
    issued: raw.issued + 0,
    redeemed: raw.redeemed + 0,
    expired: raw.expired + 0,
    outstanding: raw.outstanding + 0,
  };
  expect(totals.issued - totals.redeemed - totals.expired, 'issued − redeemed − expired').toBe(
    Number(direct!.outstanding),
  );
  expect(totals.outstanding).toBe(Number(direct!.outstanding));

  const chain = await rows<{ id: number; prev_hash: string; hash: string }>(
    db,
    sql`select id, prev_hash, hash from ledger_entries order by id`,
  );
  let prev = '0'.repeat(64);
  chain.forEach((e, i) => {
    expect(Number(e.id), 'entry ids are consecutive').toBe(i + 1);
    expect(e.prev_hash, `entry ${e.id} links to its predecessor`).toBe(prev);
    prev = e.hash;
  });

  const report = await verifyLedger(db);
  expect(report.problem, 'verifyLedger').toBeUndefined();
  expect(report.ok).toBe(true);
  expect(report.entries).toBe(chain.length);
  expect(report.head).toBe(prev);
  return { totals, report };
}

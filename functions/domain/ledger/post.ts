import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { EntryKind } from '../../../db/schema';
import { DomainError } from '../shared/errors';
import { type Item, one, refused, type Settled, settledValue } from '../shared/settled';
import { inList, rowList } from '../shared/sql';
import { localYear } from '../shared/time';
import { type ChainedEntry, chainHash, GENESIS_HASH } from './chain';

export interface EntryInput {
  kind: EntryKind;
  memo: string;
  at: Date;
  activityId?: number | null;
  reversesId?: number | null;
  postings: Array<{ accountId: number; amount: number }>;
}

export interface PostedEntry {
  id: number;
  at: string;
  hash: string;
  /** Balance of each touched account after this entry. */
  balanceAfter: Map<number, number>;
}

/** The ledger's head and some accounts, read together before entries are posted to them. */
export interface LedgerFacts {
  head: { id: number; hash: string } | undefined;
  accounts: AccountFact[];
}

export interface AccountFact {
  id: number;
  ownerId: number | null;
  kind: string;
  balance: number;
  /** The owner's role, whether a resident moved away, whether a merchant is suspended. */
  role: string | null;
  movedAwayAt: string | null;
  suspended: number;
}

/**
 * The head and the accounts of the owners `owners` (a SQL query of user ids, so that owners found
 * by the same round trip's other reads, such as a code's resident, need no round trip of their
 * own) plus the accounts `ids`: one round trip on a remote database (db/round-trips.ts).
 */
export async function readLedgerFacts(
  tx: Db,
  owners: SQL,
  ids: number[] = [],
): Promise<LedgerFacts> {
  const [[head], accounts] = await Promise.all([
    tx.all<{ id: number; hash: string }>(
      sql`select id, hash from ledger_entries order by id desc limit 1`,
    ),
    tx.all<AccountFact>(
      sql`select a.id as id, a.owner_id as ownerId, a.kind as kind, a.balance as balance, u.role as role, r.moved_away_at as movedAwayAt, coalesce(m.suspended_at is not null, 0) as suspended
          from accounts a left join users u on u.id = a.owner_id left join residents r on r.user_id = a.owner_id left join merchants m on m.user_id = a.owner_id
          where a.owner_id in (${owners}) or a.id in ${inList(ids.length > 0 ? ids : [0])}`,
    ),
  ]);
  return { head, accounts };
}

/**
 * The only code that moves points: postEntries, each entry with who made it (a user id, or null for
 * the system); postEntry is one entry of it. Must run inside a
 * write transaction (Database.write), which holds the database's write lock, so the balances read
 * here are the balances the entries apply to.
 *
 * Double entry: each entry's postings sum to zero. The entries apply in order, each to the
 * balances the ones before it left: an entry that would take a non-issuance account below zero is
 * refused (settled as `insufficient_points`) and writes nothing, and the ones
 * after it go on. The CHECK constraint on accounts backs that up. Each entry is chained to the
 * previous one's hash, which a trigger checks.
 *
 * `known`: the head and accounts already read by the caller with its other reads (readLedgerFacts).
 *
 * Set-based, so that a group of redemptions (WriteBatch in db/client.ts) costs a few statements in
 * all rather than a few each: one read of the head and of the accounts, then one update of the
 * balances and one insert each of entries, postings and year credits. Plain SQL templates rather
 * than drizzle's query builder, which costs more than running these queries.
 */
export async function postEntries(
  tx: Db,
  items: Array<Item<number | null, EntryInput>>,
  known?: LedgerFacts,
): Promise<Array<Settled<PostedEntry>>> {
  for (const { input } of items) checkShape(input.postings);
  if (items.length === 0) return [];

  const ids = [...new Set(items.flatMap(({ input }) => input.postings.map((p) => p.accountId)))];
  const { head, accounts: rows } =
    known && ids.every((id) => known.accounts.some((a) => a.id === id))
      ? known
      : await readHeadAndAccounts(tx, ids);
  const accounts = new Map(rows.map((a) => [a.id, { balance: a.balance, kind: a.kind }]));
  for (const id of ids) if (!accounts.has(id)) throw new Error(`account ${id} does not exist`);

  const results: Array<Settled<PostedEntry>> = [];
  const entries: unknown[][] = [];
  const postings: unknown[][] = [];
  const yearCredits: unknown[][] = [];
  const changed = new Map<number, number>();
  let prevHash = head?.hash ?? GENESIS_HASH;
  let nextId = (head?.id ?? 0) + 1;
  for (const { actor, input } of items) {
    const short = input.postings.find(
      (p) =>
        p.amount < 0 &&
        accounts.get(p.accountId)!.kind !== 'issuance' &&
        accounts.get(p.accountId)!.balance < -p.amount,
    );
    if (short) {
      const balance = accounts.get(short.accountId)!.balance;
      results.push(
        refused(
          new DomainError(
            'insufficient_points',
            `积分不足：余额 ${balance} 分，本次需 ${-short.amount} 分`,
            { accountId: short.accountId, balance },
          ),
        ),
      );
      continue;
    }
    const chained: ChainedEntry = {
      id: nextId++,
      at: input.at.toISOString(),
      kind: input.kind,
      memo: input.memo,
      actorId: actor,
      activityId: input.activityId ?? null,
      reversesId: input.reversesId ?? null,
      postings: input.postings,
    };
    const hash = await chainHash(prevHash, chained);
    const balanceAfter = new Map<number, number>();
    for (const p of input.postings) {
      const account = accounts.get(p.accountId)!;
      account.balance += p.amount;
      changed.set(p.accountId, (changed.get(p.accountId) ?? 0) + p.amount);
      balanceAfter.set(p.accountId, account.balance);
      postings.push([chained.id, p.accountId, p.amount, account.balance]);
      // A credit to a resident is a lot that expires with its year (accountYearCredits in db/schema/ledger.ts).
      if (p.amount > 0 && account.kind === 'resident')
        yearCredits.push([p.accountId, localYear(input.at), p.amount]);
    }
    entries.push([
      chained.id,
      chained.at,
      input.kind,
      chained.memo,
      chained.actorId,
      chained.activityId,
      chained.reversesId,
      prevHash,
      hash,
    ]);
    results.push(settledValue({ id: chained.id, at: chained.at, hash, balanceAfter }));
    prevHash = hash;
  }
  if (entries.length === 0) return results;

  const deltas = [...changed].filter(([, delta]) => delta !== 0);
  if (deltas.length > 0)
    await tx.run(
      sql`update accounts set balance = balance + d.column2 from (values ${rowList(deltas)}) as d where accounts.id = d.column1`,
    );
  for (const chunk of chunks(entries)) {
    await tx.run(
      sql`insert into ledger_entries (id, at, kind, memo, actor_id, activity_id, reverses_id, prev_hash, hash) values ${rowList(chunk)}`,
    );
  }
  for (const chunk of chunks(postings))
    await tx.run(
      sql`insert into postings (entry_id, account_id, amount, balance_after) values ${rowList(chunk)}`,
    );
  for (const chunk of chunks(yearCredits)) {
    await tx.run(
      sql`insert into account_year_credits (account_id, year, credits) values ${rowList(chunk)} on conflict (account_id, year) do update set credits = credits + excluded.credits`,
    );
  }
  return results;
}

/** The head and the accounts `ids`, together: one round trip on a remote database (db/round-trips.ts). */
async function readHeadAndAccounts(
  tx: Db,
  ids: number[],
): Promise<
  Pick<LedgerFacts, 'head'> & { accounts: Array<Pick<AccountFact, 'id' | 'balance' | 'kind'>> }
> {
  const [[head], accounts] = await Promise.all([
    tx.all<{ id: number; hash: string }>(
      sql`select id, hash from ledger_entries order by id desc limit 1`,
    ),
    tx.all<{ id: number; balance: number; kind: string }>(
      sql`select id, balance, kind from accounts where id in ${inList(ids)}`,
    ),
  ]);
  return { head, accounts };
}

/** One entry (see postEntries), `(tx, actorId, entry)`: posted, or its refusal thrown. */
export const postEntry = one(postEntries);

function checkShape(lines: EntryInput['postings']): void {
  if (lines.length < 2) throw new Error('an entry needs at least two postings');
  if (lines.some((p) => !Number.isSafeInteger(p.amount) || p.amount === 0))
    throw new Error('posting amounts must be non-zero integers');
  if (lines.reduce((sum, p) => sum + p.amount, 0) !== 0)
    throw new Error('postings must sum to zero');
  if (new Set(lines.map((p) => p.accountId)).size !== lines.length)
    throw new Error('one posting per account');
}

/** Rows of a multi-row insert, a hundred at a time: well under SQLite's limit on parameters per statement. */
function chunks<T>(rows: T[], size = 100): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

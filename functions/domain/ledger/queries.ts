import { and, desc, eq, gt, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import {
  accounts,
  activities,
  ledgerEntries,
  merchants,
  participations,
  postings,
  redemptionItems,
  residents,
  users,
} from '../../../db/schema';
import { cursorBefore, type Page, pageOf } from '../shared/paging';
import { SYSTEM_ACCOUNTS } from './accounts';
import { GENESIS_HASH } from './chain';
import { type Counterparty, counterparties, type LineItem } from './counterparty';

/** How an entry reads from one account holder's side (the contract's `kind`). */
export type StatementKind =
  | 'earn'
  | 'redeem'
  | 'transfer_in'
  | 'transfer_out'
  | 'reversal'
  | 'expiry';

export function statementKind(entryKind: string, amount: number): StatementKind {
  switch (entryKind) {
    case 'award':
      return 'earn';
    case 'redemption':
      return 'redeem';
    case 'transfer':
    case 'donation':
      return amount > 0 ? 'transfer_in' : 'transfer_out';
    case 'reversal':
      return 'reversal';
    case 'expiry':
      return 'expiry';
    default:
      throw new Error(`unknown entry kind ${entryKind}`);
  }
}

export interface StatementLine {
  id: number;
  at: string;
  kind: StatementKind;
  points: number;
  balanceAfter: number;
  memo: string;
  reversesId: number | null;
  counterparty: Counterparty;
  /** What a redemption bought (for a reversal of one: what it gave back); null otherwise. */
  item: LineItem | null;
}

/** The entries of one statement kind, as a condition on the entry and this account's posting. */
function ofKind(kind: StatementKind): SQL | undefined {
  switch (kind) {
    case 'earn':
      return eq(ledgerEntries.kind, 'award');
    case 'redeem':
      return eq(ledgerEntries.kind, 'redemption');
    case 'transfer_in':
      return and(inArray(ledgerEntries.kind, ['transfer', 'donation']), gt(postings.amount, 0));
    case 'transfer_out':
      return and(inArray(ledgerEntries.kind, ['transfer', 'donation']), lt(postings.amount, 0));
    case 'reversal':
      return eq(ledgerEntries.kind, 'reversal');
    case 'expiry':
      return eq(ledgerEntries.kind, 'expiry');
  }
}

const reversed = alias(ledgerEntries, 'reversed');

/**
 * Statement lines of an account, newest first, each with its counterparty and item: one query for
 * the lines (activity, reversed entry and item joined), one for the other sides of the page.
 */
async function statementLines(
  db: Db,
  accountId: number,
  where: SQL | undefined,
  limit: number,
): Promise<StatementLine[]> {
  const rows = await db
    .select({
      id: ledgerEntries.id,
      at: ledgerEntries.at,
      entryKind: ledgerEntries.kind,
      memo: ledgerEntries.memo,
      reversesId: ledgerEntries.reversesId,
      amount: postings.amount,
      balanceAfter: postings.balanceAfter,
      activityTitle: activities.title,
      reversedKind: reversed.kind,
      itemId: redemptionItems.itemId,
      itemName: redemptionItems.name,
      unitPoints: redemptionItems.unitPoints,
      quantity: redemptionItems.quantity,
    })
    .from(postings)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, postings.entryId))
    .leftJoin(activities, eq(activities.id, ledgerEntries.activityId))
    .leftJoin(reversed, eq(reversed.id, ledgerEntries.reversesId))
    .leftJoin(
      redemptionItems,
      eq(redemptionItems.entryId, sql`coalesce(${ledgerEntries.reversesId}, ${ledgerEntries.id})`),
    )
    .where(and(eq(postings.accountId, accountId), where))
    .orderBy(desc(postings.entryId))
    .limit(limit);
  const parties = await counterparties(db, accountId, rows);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    kind: statementKind(r.entryKind, r.amount),
    points: r.amount,
    balanceAfter: r.balanceAfter,
    memo: r.memo,
    reversesId: r.reversesId,
    counterparty: parties.get(r.id)!,
    item:
      r.itemId === null
        ? null
        : { id: r.itemId, name: r.itemName!, unitPoints: r.unitPoints!, quantity: r.quantity! },
  }));
}

/** An account's statement, newest first, keyset-paged by entry id; `kind` keeps only lines of that kind. */
export async function statement(
  db: Db,
  accountId: number,
  limit: number,
  cursor?: string,
  kind?: StatementKind,
): Promise<Page<StatementLine>> {
  const where = and(
    cursorBefore(postings.entryId, cursor),
    kind === undefined ? undefined : ofKind(kind),
  );
  return pageOf(await statementLines(db, accountId, where, limit + 1), limit);
}

/** One entry as a line of this account's statement; undefined when the entry did not touch the account. */
export async function statementLine(
  db: Db,
  accountId: number,
  entryId: number,
): Promise<StatementLine | undefined> {
  return (await statementLines(db, accountId, eq(postings.entryId, entryId), 1))[0];
}

/** Entry ids are assigned consecutively from 1, so the last id is also the count. */
export async function ledgerHead(
  db: Db,
): Promise<{ entries: number; head: string; at: string | null }> {
  const [last] = await db
    .select({ id: ledgerEntries.id, hash: ledgerEntries.hash, at: ledgerEntries.at })
    .from(ledgerEntries)
    .orderBy(desc(ledgerEntries.id))
    .limit(1);
  return { entries: last?.id ?? 0, head: last?.hash ?? GENESIS_HASH, at: last?.at ?? null };
}

export interface PointTotals {
  issued: number;
  redeemed: number;
  expired: number;
  outstanding: number;
}

/** issued − redeemed − expired = outstanding holds by double entry: all accounts sum to zero. */
export async function pointTotals(db: Db): Promise<PointTotals> {
  const rows = await db
    .select({ kind: accounts.kind, total: sql<number>`sum(${accounts.balance})` })
    .from(accounts)
    .groupBy(accounts.kind);
  const by = (k: string) => Number(rows.find((r) => r.kind === k)?.total ?? 0);
  return {
    issued: -by('issuance'),
    redeemed: by('merchant'),
    expired: by('expiry'),
    outstanding: by('resident') + by('pool'),
  };
}

export async function publicStats(
  db: Db,
): Promise<PointTotals & { volunteers: number; hours: number; pool: number }> {
  const totals = await pointTotals(db);
  const [v] = await db
    .select({
      volunteers: sql<number>`count(distinct ${participations.residentId})`,
      hours: sql<number>`coalesce(sum(${participations.hours}), 0)`,
    })
    .from(participations)
    .where(sql`${participations.awardEntryId} is not null`);
  const [pool] = await db
    .select({ balance: accounts.balance })
    .from(accounts)
    .where(eq(accounts.id, SYSTEM_ACCOUNTS.pool));
  return {
    ...totals,
    volunteers: Number(v?.volunteers ?? 0),
    hours: Number(v?.hours ?? 0),
    pool: pool?.balance ?? 0,
  };
}

/** One ledger entry with its postings and the entry that reverses it, if any (the staff console's entry view). */
export type EntryWithPostings = NonNullable<Awaited<ReturnType<typeof entryWithPostings>>>;

/** Who an account belongs to as staff read it: the resident's full name, the merchant's shop; null for the pool and system accounts. */
export interface AccountOwner {
  id: number;
  login: string;
  name: string;
}

/** The entry with names beside its ids: who recorded it, whose accounts moved, for which activity. */
export async function entryWithPostings(db: Db, id: number) {
  const [row] = await db
    .select({
      entry: ledgerEntries,
      actorLogin: users.login,
      actorName: users.displayName,
      activityTitle: activities.title,
    })
    .from(ledgerEntries)
    .leftJoin(users, eq(users.id, ledgerEntries.actorId))
    .leftJoin(activities, eq(activities.id, ledgerEntries.activityId))
    .where(eq(ledgerEntries.id, id));
  if (!row) return undefined;
  const { entry } = row;
  const lines = await db
    .select({
      accountId: postings.accountId,
      amount: postings.amount,
      balanceAfter: postings.balanceAfter,
      kind: accounts.kind,
      ownerId: accounts.ownerId,
      ownerLogin: users.login,
      ownerName: sql<
        string | null
      >`coalesce(${merchants.shopName}, ${residents.fullName}, ${users.displayName})`,
    })
    .from(postings)
    .innerJoin(accounts, eq(accounts.id, postings.accountId))
    .leftJoin(users, eq(users.id, accounts.ownerId))
    .leftJoin(merchants, eq(merchants.userId, accounts.ownerId))
    .leftJoin(residents, eq(residents.userId, accounts.ownerId))
    .where(inArray(postings.entryId, [id]));
  const [reversedBy] = await db
    .select({ id: ledgerEntries.id })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.reversesId, id));
  return {
    ...entry,
    actor:
      entry.actorId === null
        ? null
        : { id: entry.actorId, login: row.actorLogin ?? '', name: row.actorName ?? '' },
    activity:
      entry.activityId === null || row.activityTitle === null
        ? null
        : { id: entry.activityId, title: row.activityTitle },
    postings: lines.map(({ ownerLogin, ownerName, ...p }) => ({
      ...p,
      owner:
        p.ownerId === null
          ? null
          : ({
              id: p.ownerId,
              login: ownerLogin ?? '',
              name: ownerName ?? '',
            } satisfies AccountOwner),
    })),
    reversedBy: reversedBy?.id ?? null,
  };
}

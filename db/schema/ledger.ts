import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { users } from './people';

export const accountKinds = ['resident', 'merchant', 'pool', 'issuance', 'expiry'] as const;
export type AccountKind = (typeof accountKinds)[number];

/**
 * One account per resident and merchant, plus system accounts. The balance is a cache of the
 * postings kept in the same transaction; the CHECK is the last line of defence against overdraft
 * (only the issuance account, the source of every awarded point, runs negative).
 */
export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey(),
    kind: text('kind', { enum: accountKinds }).notNull(),
    ownerId: integer('owner_id').references(() => users.id),
    balance: integer('balance').notNull().default(0),
  },
  (t) => [
    uniqueIndex('accounts_owner').on(t.ownerId),
    check('accounts_kind', sql`${t.kind} in ('resident','merchant','pool','issuance','expiry')`),
    check('accounts_not_negative', sql`${t.kind} = 'issuance' or ${t.balance} >= 0`),
  ],
);

/**
 * What each resident account was credited in each local calendar year: the "lots" points expire
 * by (FIFO, see functions/domain/ledger/expiry.ts). A cache of the postings, kept by postEntry in
 * the same transaction and checked by verify, so a balance read costs a few rows whatever the
 * length of the resident's history. Debits need no column: they are the credits minus the balance.
 */
export const accountYearCredits = sqliteTable(
  'account_year_credits',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    year: integer('year').notNull(),
    credits: integer('credits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.year] })],
);

export const entryKinds = [
  'award',
  'redemption',
  'transfer',
  'donation',
  'reversal',
  'expiry',
] as const;
export type EntryKind = (typeof entryKinds)[number];

/** The journal: one row per movement, hash-chained, append-only (triggers forbid UPDATE/DELETE). */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey(),
    at: text('at').notNull(),
    kind: text('kind', { enum: entryKinds }).notNull(),
    memo: text('memo').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    activityId: integer('activity_id'),
    /** A reversal names the entry it reverses; UNIQUE makes "reversed at most once" a database fact. */
    reversesId: integer('reverses_id').unique(),
    /**
     * The chain. A BEFORE INSERT trigger (migration 0009) admits an entry only as the next one:
     * id = head + 1 and prev_hash = the head's hash — so the chain cannot fork or skip. (No index on
     * the hashes: random 64-character keys cost two random page writes per entry and nothing reads them.)
     */
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    check(
      'ledger_entries_kind',
      sql`${t.kind} in ('award','redemption','transfer','donation','reversal','expiry')`,
    ),
    index('ledger_entries_at').on(t.at),
    index('ledger_entries_activity').on(t.activityId),
  ],
);

export const postings = sqliteTable(
  'postings',
  {
    id: integer('id').primaryKey(),
    entryId: integer('entry_id')
      .notNull()
      .references(() => ledgerEntries.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    amount: integer('amount').notNull(),
    balanceAfter: integer('balance_after').notNull(),
  },
  (t) => [
    index('postings_account_entry').on(t.accountId, t.entryId),
    index('postings_entry').on(t.entryId),
    check('postings_amount_nonzero', sql`${t.amount} <> 0`),
  ],
);

/**
 * Stored outcomes of idempotent writes. The key is scoped to the caller and the route, so two
 * merchants cannot collide; the fingerprint detects a reused key with a different body.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    /** The domain outcome as JSON: {"ok":true,"value":…} or {"ok":false,"code":…,"message":…}. */
    outcome: text('outcome').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** One-time codes a resident shows at the counter (6 digits, ≤ 5 minutes). */
export const redeemCodes = sqliteTable(
  'redeem_codes',
  {
    id: integer('id').primaryKey(),
    code: text('code').notNull(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    entryId: integer('entry_id'),
    revokedAt: text('revoked_at'),
    /** The long form in the QR (the 6 typed digits then 10 more): out of reach of guessing. */
    scanCode: text('scan_code'),
  },
  (t) => [
    index('redeem_codes_code').on(t.code, t.expiresAt),
    index('redeem_codes_resident').on(t.residentId, t.expiresAt),
  ],
);

import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ledgerEntries } from './ledger';
import { users } from './people';

/** What a partner merchant offers for points at its counter (积分超市), priced in points. */
export const merchantItems = sqliteTable(
  'merchant_items',
  {
    id: integer('id').primaryKey(),
    merchantId: integer('merchant_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    description: text('description'),
    points: integer('points').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('merchant_items_merchant').on(t.merchantId, t.id),
    check('merchant_items_points', sql`${t.points} > 0`),
  ],
);

export const guessKinds = ['code', 'scan', 'pin'] as const;
export type GuessKind = (typeof guessKinds)[number];

/**
 * Failed identifications at a counter (a wrong typed code, a wrong scanned code, a wrong card or
 * PIN): the merchant's guessing budget is counted over these rows (functions/domain/counter/budget.ts).
 * Rows older than the longest window are pruned as new ones arrive.
 */
export const counterGuesses = sqliteTable(
  'counter_guesses',
  {
    id: integer('id').primaryKey(),
    merchantId: integer('merchant_id')
      .notNull()
      .references(() => users.id),
    at: text('at').notNull(),
    kind: text('kind', { enum: guessKinds }).notNull(),
  },
  (t) => [
    index('counter_guesses_merchant_at').on(t.merchantId, t.at),
    check('counter_guesses_kind', sql`${t.kind} in ('code','scan','pin')`),
  ],
);

/** Each time a counter used up a guessing budget and was stopped: what staff are alerted to. */
export const counterBlocks = sqliteTable(
  'counter_blocks',
  {
    id: integer('id').primaryKey(),
    merchantId: integer('merchant_id')
      .notNull()
      .references(() => users.id),
    at: text('at').notNull(),
    until: text('until').notNull(),
    window: text('window', { enum: ['burst', 'daily'] }).notNull(),
    failures: integer('failures').notNull(),
  },
  (t) => [
    index('counter_blocks_at').on(t.at),
    check('counter_blocks_window', sql`${t.window} in ('burst','daily')`),
  ],
);

/**
 * What a redemption was for: the catalogue item as it was at the counter (name and unit price
 * copied, since the merchant may rename, reprice or remove the item later).
 */
export const redemptionItems = sqliteTable(
  'redemption_items',
  {
    entryId: integer('entry_id')
      .primaryKey()
      .references(() => ledgerEntries.id),
    itemId: integer('item_id').notNull(),
    name: text('name').notNull(),
    unitPoints: integer('unit_points').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [check('redemption_items_quantity', sql`${t.quantity} > 0`)],
);

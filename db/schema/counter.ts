import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
  (t) => [index('merchant_items_merchant').on(t.merchantId, t.id), check('merchant_items_points', sql`${t.points} > 0`)],
);

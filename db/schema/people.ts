import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, check } from 'drizzle-orm/sqlite-core';

export const roles = ['resident', 'merchant', 'staff'] as const;
export type Role = (typeof roles)[number];

/** Everyone who signs in. Residents without a phone may have no password and use a card. */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey(),
    login: text('login').notNull().unique(),
    passwordHash: text('password_hash'),
    role: text('role', { enum: roles }).notNull(),
    /** What the person chose to be called in the interface (e.g. 张阿姨); never the full name for residents. */
    displayName: text('display_name').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [check('users_role', sql`${t.role} in ('resident','merchant','staff')`)],
);

/** Private address data: never selected by a public projection. */
export const households = sqliteTable('households', {
  id: integer('id').primaryKey(),
  compound: text('compound').notNull(),
  building: text('building').notNull(),
  unit: text('unit').notNull(),
  door: text('door').notNull(),
});

export const residents = sqliteTable(
  'residents',
  {
    userId: integer('user_id').primaryKey().references(() => users.id),
    fullName: text('full_name').notNull(),
    phone: text('phone'),
    householdId: integer('household_id').references(() => households.id),
  },
  (t) => [index('residents_full_name').on(t.fullName), index('residents_household').on(t.householdId)],
);

export const merchants = sqliteTable('merchants', {
  userId: integer('user_id').primaryKey().references(() => users.id),
  /** The shop's public name (publicised in return for its charity: 公益换宣传). */
  shopName: text('shop_name').notNull(),
  category: text('category').notNull(),
  address: text('address').notNull(),
  offer: text('offer').notNull(),
  joinedAt: text('joined_at').notNull(),
});

/** Paper cards for residents without a smartphone: card number + hashed 4-digit PIN. */
export const cards = sqliteTable('cards', {
  cardNo: text('card_no').primaryKey(),
  residentId: integer('resident_id')
    .notNull()
    .unique()
    .references(() => residents.userId),
  pinHash: text('pin_hash').notNull(),
  failedPins: integer('failed_pins').notNull().default(0),
  lockedUntil: text('locked_until'),
  issuedAt: text('issued_at').notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    /** sha-256 of the token: a leaked database does not leak live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey(),
    login: text('login').notNull(),
    at: text('at').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
  },
  (t) => [index('login_attempts_login_at').on(t.login, t.at)],
);

import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Who someone is to the community. `admin` keeps the accounts and the settings; `staff` do the daily
 * work; an `accountant` does the staff's work and gives the second signature (expenses, awards and
 * pool grants over the threshold); merchants redeem at their counter; residents earn and spend.
 */
export const roles = ['resident', 'merchant', 'staff', 'accountant', 'admin'] as const;
export type Role = (typeof roles)[number];

/**
 * Everyone who signs in. Residents without a phone may have no password and use a card. Nobody is
 * ever deleted (the ledger and the audit trail point at users): an account is disabled instead.
 */
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
    /** Set when an admin disables the account: its sessions end and it cannot sign in. */
    disabledAt: text('disabled_at'),
    /** A temporary password set by an admin or staff: the next sign-in must choose a new one. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' })
      .notNull()
      .default(false),
  },
  (t) => [
    check('users_role', sql`${t.role} in ('resident','merchant','staff','accountant','admin')`),
  ],
);

/** Private address data: never selected by a public projection. */
export const households = sqliteTable(
  'households',
  {
    id: integer('id').primaryKey(),
    compound: text('compound').notNull(),
    building: text('building').notNull(),
    unit: text('unit').notNull(),
    door: text('door').notNull(),
  },
  // Found by exact address for every registered or imported resident (householdFor).
  (t) => [index('households_address').on(t.compound, t.building, t.unit, t.door)],
);

export const residents = sqliteTable(
  'residents',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id),
    fullName: text('full_name').notNull(),
    phone: text('phone'),
    householdId: integer('household_id').references(() => households.id),
    /** Set when the resident moved away: their points went to the pool or a household member. */
    movedAwayAt: text('moved_away_at'),
  },
  (t) => [
    index('residents_full_name').on(t.fullName),
    index('residents_household').on(t.householdId),
  ],
);

export const merchants = sqliteTable('merchants', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  /** The shop's public name (publicised in return for its charity: 公益换宣传). */
  shopName: text('shop_name').notNull(),
  category: text('category').notNull(),
  address: text('address').notNull(),
  offer: text('offer').notNull(),
  /** Opening hours as the shop states them (e.g. 每天 8:00–20:00). */
  openingHours: text('opening_hours').notNull().default(''),
  joinedAt: text('joined_at').notNull(),
  /** Set while staff have suspended the shop: its counter refuses redemptions, its page says so. */
  suspendedAt: text('suspended_at'),
  suspendedReason: text('suspended_reason'),
});

/** Paper cards for residents without a smartphone: card number + hashed 4-digit PIN. */
export const cards = sqliteTable('cards', {
  cardNo: text('card_no').primaryKey(),
  residentId: integer('resident_id')
    .notNull()
    .unique()
    .references(() => residents.userId),
  pinHash: text('pin_hash').notNull(),
  issuedAt: text('issued_at').notNull(),
});

/**
 * Wrong PINs per card number tried at a counter, issued or not: an unknown number locks exactly as
 * a real card does, so the answers never tell which card numbers exist.
 */
export const cardGuards = sqliteTable('card_guards', {
  cardNo: text('card_no').primaryKey(),
  failedPins: integer('failed_pins').notNull().default(0),
  lockedUntil: text('locked_until'),
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
    /** The client's address ('' when the shell does not know it): throttling counts per address too. */
    address: text('address').notNull().default(''),
    at: text('at').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    index('login_attempts_login_at').on(t.login, t.at),
    index('login_attempts_address_at').on(t.address, t.at),
    index('login_attempts_at').on(t.at),
  ],
);

/** A resident's look-ups of other residents by login or card (GET /api/me/recipients): budgeted per hour. */
export const recipientLookups = sqliteTable(
  'recipient_lookups',
  {
    id: integer('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    at: text('at').notNull(),
  },
  (t) => [index('recipient_lookups_user_at').on(t.userId, t.at)],
);

import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  accounts,
  cards,
  households,
  merchants,
  type Role,
  residents,
  users,
} from '../../../db/schema';
import { hashSecret } from '../shared/crypto';
import { DomainError } from '../shared/errors';
import { cursorAfter, type Page, pageOf } from '../shared/paging';
import { maskName } from './masking';

/**
 * A secret is given in clear (hashed here) or already hashed — bulk imports and the demo seed hash
 * many secrets in parallel before their one transaction, instead of one by one inside it.
 */
export type Secret = string | { hash: string };

const hashOf = async (secret: Secret | null | undefined, hashing: Hashing) =>
  secret == null
    ? null
    : typeof secret === 'string'
      ? hashSecret(secret, hashing.iterations)
      : secret.hash;

export interface NewResident {
  login: string;
  password?: Secret | null;
  fullName: string;
  displayName?: string | null;
  phone?: string | null;
  householdId?: number | null;
  card?: { cardNo: string; pin: Secret } | null;
}

export interface Hashing {
  iterations?: number;
}

async function createUser(
  tx: Db,
  login: string,
  role: Role,
  displayName: string,
  password: Secret | null | undefined,
  now: Date,
  hashing: Hashing,
) {
  const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.login, login));
  if (taken) throw new DomainError('login_taken', `登录名 ${login} 已被使用`);
  const passwordHash = await hashOf(password, hashing);
  const [user] = await tx
    .insert(users)
    .values({ login, role, displayName, passwordHash, createdAt: now.toISOString() })
    .returning({ id: users.id });
  if (role === 'resident' || role === 'merchant')
    await tx.insert(accounts).values({ kind: role, ownerId: user!.id, balance: 0 });
  return user!.id;
}

export async function createResident(
  tx: Db,
  r: NewResident,
  now: Date,
  hashing: Hashing = {},
): Promise<number> {
  const id = await createUser(
    tx,
    r.login,
    'resident',
    r.displayName ?? maskName(r.fullName),
    r.password,
    now,
    hashing,
  );
  await tx.insert(residents).values({
    userId: id,
    fullName: r.fullName,
    phone: r.phone ?? null,
    householdId: r.householdId ?? null,
  });
  if (r.card) await issueCard(tx, id, r.card.cardNo, r.card.pin, now, hashing);
  return id;
}

export async function issueCard(
  tx: Db,
  residentId: number,
  cardNo: string,
  pin: Secret,
  now: Date,
  hashing: Hashing = {},
): Promise<void> {
  const [taken] = await tx
    .select({ cardNo: cards.cardNo })
    .from(cards)
    .where(eq(cards.cardNo, cardNo));
  if (taken) throw new DomainError('card_taken', `卡号 ${cardNo} 已被使用`);
  await tx.insert(cards).values({
    cardNo,
    residentId,
    pinHash: (await hashOf(pin, hashing))!,
    issuedAt: now.toISOString(),
  });
}

export interface NewMerchant {
  login: string;
  password: Secret;
  shopName: string;
  category: string;
  address: string;
  offer: string;
  openingHours?: string | undefined;
  /** Who signs in at the counter, as the console names them; defaults to the shop's name. */
  displayName?: string | undefined;
}

export async function createMerchant(
  tx: Db,
  m: NewMerchant,
  now: Date,
  hashing: Hashing = {},
): Promise<number> {
  const id = await createUser(
    tx,
    m.login,
    'merchant',
    m.displayName ?? m.shopName,
    m.password,
    now,
    hashing,
  );
  await tx.insert(merchants).values({
    userId: id,
    shopName: m.shopName,
    category: m.category,
    address: m.address,
    offer: m.offer,
    openingHours: m.openingHours ?? '',
    joinedAt: now.toISOString(),
  });
  return id;
}

export type StaffRole = 'staff' | 'accountant' | 'admin';

/** One of the community's own people: staff (the default), the accountant, or an admin. */
export async function createStaff(
  tx: Db,
  s: {
    login: string;
    password: Secret;
    displayName: string;
    role?: StaffRole;
    mustChangePassword?: boolean;
  },
  now: Date,
  hashing: Hashing = {},
): Promise<number> {
  const id = await createUser(
    tx,
    s.login,
    s.role ?? 'staff',
    s.displayName,
    s.password,
    now,
    hashing,
  );
  if (s.mustChangePassword)
    await tx.update(users).set({ mustChangePassword: true }).where(eq(users.id, id));
  return id;
}

export async function accountOf(
  db: Db,
  userId: number,
): Promise<{ id: number; balance: number } | undefined> {
  const [row] = await db
    .select({ id: accounts.id, balance: accounts.balance })
    .from(accounts)
    .where(eq(accounts.ownerId, userId));
  return row;
}

export async function residentProfile(db: Db, userId: number) {
  // GET /api/me, the most frequent read: a plain SQL template, not the query builder.
  const [row] = await db.all<{
    id: number;
    displayName: string;
    fullName: string;
    login: string;
    balance: number;
    accountId: number;
  }>(
    sql`select u.id as id, u.display_name as displayName, r.full_name as fullName, u.login as login, a.balance as balance, a.id as accountId
        from users u join residents r on r.user_id = u.id join accounts a on a.owner_id = u.id where u.id = ${userId} limit 1`,
  );
  return row;
}

export interface ResidentRow {
  id: number;
  name: string;
  login: string;
  card: string | null;
  building: string | null;
  balance: number;
  movedAwayAt: string | null;
}

/** Staff search by name, login, card or building; ordered by id, keyset-paginated. */
export async function searchResidents(
  db: Db,
  search: { query: string; limit: number; cursor?: string | undefined },
): Promise<Page<ResidentRow>> {
  const q = search.query.trim();
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const match = q
    ? or(
        sql`${residents.fullName} like ${pattern} escape '\\'`,
        sql`${users.login} like ${pattern} escape '\\'`,
        sql`${cards.cardNo} like ${pattern} escape '\\'`,
        sql`(${households.compound} || ${households.building}) like ${pattern} escape '\\'`,
      )
    : undefined;
  const rows = await db
    .select({
      id: users.id,
      name: residents.fullName,
      login: users.login,
      card: cards.cardNo,
      compound: households.compound,
      building: households.building,
      balance: accounts.balance,
      movedAwayAt: residents.movedAwayAt,
    })
    .from(residents)
    .innerJoin(users, eq(users.id, residents.userId))
    .innerJoin(accounts, eq(accounts.ownerId, users.id))
    .leftJoin(cards, eq(cards.residentId, residents.userId))
    .leftJoin(households, eq(households.id, residents.householdId))
    .where(and(cursorAfter(users.id, search.cursor), match))
    .orderBy(asc(users.id))
    .limit(search.limit + 1);
  return pageOf(
    rows.map(({ compound, building, ...r }) => ({
      ...r,
      building: compound && building ? `${compound}${building}` : null,
    })),
    search.limit,
  );
}

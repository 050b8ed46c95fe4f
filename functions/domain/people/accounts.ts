import { and, asc, count, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { merchants, type Role, users } from '../../../db/schema';
import { type Actor, audit } from '../records/audit';
import { hashSecret } from '../shared/crypto';
import { DomainError } from '../shared/errors';
import { cursorAfter, type Page } from '../shared/paging';
import { createMerchant, createStaff, type Secret } from './directory';
import { checkNewPassword, endSessionsOf, setTemporaryPassword } from './sessions';

/**
 * The administrator's accounts: the community's own people (staff, accountants, admins) and the
 * partner merchants. Residents are registered by staff at the desk, not here. Nothing is ever
 * deleted (the ledger and the audit trail point at accounts): an account is disabled, and its
 * sessions end with it.
 */
export const ADMIN_ROLES = [
  'staff',
  'accountant',
  'admin',
  'merchant',
] as const satisfies readonly Role[];
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** A merchant's public profile (一刻钟合伙人): what the public page shows. */
export interface ShopProfile {
  shopName: string;
  category: string;
  address: string;
  openingHours: string;
  offer: string;
}

export interface NewAccount {
  role: AdminRole;
  login: string;
  name: string;
  password: string;
  /** The person must choose their own password at the first sign-in. */
  mustChangePassword?: boolean | undefined;
  shop?: ShopProfile | undefined;
}

export interface AccountRow {
  id: number;
  login: string;
  name: string;
  role: AdminRole;
  status: 'active' | 'disabled';
  disabledAt: string | null;
  mustChangePassword: boolean;
  createdAt: string;
  lastSignInAt: string | null;
  shop: { shopName: string; suspended: boolean } | null;
}

/** Checks and hashes the password before the write transaction (hashing is slow on purpose). */
export async function hashNewAccount(
  a: NewAccount,
  iterations?: number,
): Promise<Omit<NewAccount, 'password'> & { password: Secret }> {
  checkNewPassword(a.password);
  if (a.role === 'merchant' && !a.shop)
    throw new DomainError('invalid_request', '商户账号须填写店铺资料');
  if (a.role !== 'merchant' && a.shop)
    throw new DomainError('invalid_request', '只有商户账号有店铺资料');
  return { ...a, password: { hash: await hashSecret(a.password, iterations) } };
}

export async function createAccount(
  tx: Db,
  actor: Actor,
  a: Omit<NewAccount, 'password'> & { password: Secret },
): Promise<number> {
  const id =
    a.role === 'merchant'
      ? await createMerchant(
          tx,
          { login: a.login, password: a.password, displayName: a.name, ...a.shop! },
          actor.now,
        )
      : await createStaff(
          tx,
          { login: a.login, password: a.password, displayName: a.name, role: a.role },
          actor.now,
        );
  if (a.mustChangePassword)
    await tx.update(users).set({ mustChangePassword: true }).where(eq(users.id, id));
  await audit(tx, actor, 'create', 'account', id, {
    role: a.role,
    login: a.login,
    name: a.name,
    mustChangePassword: Boolean(a.mustChangePassword),
  });
  return id;
}

export interface AccountQuery {
  role?: AdminRole | undefined;
  query?: string | undefined;
  limit: number;
  cursor?: string | undefined;
  id?: number | undefined;
}

/** Accounts by id, keyset-paged; `query` matches the login, the name or the shop's name. */
export async function listAccounts(db: Db, q: AccountQuery): Promise<Page<AccountRow>> {
  const text = q.query?.trim();
  const pattern = text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select({
      id: users.id,
      login: users.login,
      name: users.displayName,
      role: users.role,
      disabledAt: users.disabledAt,
      mustChangePassword: users.mustChangePassword,
      createdAt: users.createdAt,
      // login_attempts is indexed by (login, at): one short index walk per row of the page.
      lastSignInAt: sql<
        string | null
      >`(select max(la.at) from login_attempts la where la.login = ${users.login} and la.ok = 1)`,
      shopName: merchants.shopName,
      suspendedAt: merchants.suspendedAt,
    })
    .from(users)
    .leftJoin(merchants, eq(merchants.userId, users.id))
    .where(
      and(
        q.role ? eq(users.role, q.role) : inArray(users.role, [...ADMIN_ROLES]),
        cursorAfter(users.id, q.cursor),
        q.id ? eq(users.id, q.id) : undefined,
        pattern
          ? or(
              sql`${users.login} like ${pattern} escape '\\'`,
              sql`${users.displayName} like ${pattern} escape '\\'`,
              sql`${merchants.shopName} like ${pattern} escape '\\'`,
            )
          : undefined,
      ),
    )
    .orderBy(asc(users.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit).map((r) => ({
    id: r.id,
    login: r.login,
    name: r.name,
    role: r.role as AdminRole,
    status: r.disabledAt ? ('disabled' as const) : ('active' as const),
    disabledAt: r.disabledAt,
    mustChangePassword: r.mustChangePassword,
    createdAt: r.createdAt,
    lastSignInAt: r.lastSignInAt,
    shop: r.shopName === null ? null : { shopName: r.shopName, suspended: r.suspendedAt !== null },
  }));
  return { items, nextCursor: rows.length > q.limit ? String(items[items.length - 1]!.id) : null };
}

export async function accountById(db: Db, id: number): Promise<AccountRow> {
  const [row] = (await listAccounts(db, { limit: 1, id })).items;
  if (!row) throw new DomainError('not_found', `账号 ${id} 不存在`);
  return row;
}

async function accountUser(tx: Db, id: number) {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, id), inArray(users.role, [...ADMIN_ROLES])));
  if (!user) throw new DomainError('not_found', `账号 ${id} 不存在`);
  return user;
}

export interface AccountPatch {
  name?: string | undefined;
  disabled?: boolean | undefined;
}

/**
 * Renames, disables or enables an account. Disabling ends its sessions in the same transaction:
 * the next request with one of its tokens is refused. An admin may not disable their own account,
 * nor the last enabled admin (the community would have nobody left to manage accounts).
 */
export async function updateAccount(
  tx: Db,
  actor: Actor,
  id: number,
  patch: AccountPatch,
): Promise<void> {
  const user = await accountUser(tx, id);
  const changes: Record<string, unknown> = {};
  if (patch.name !== undefined && patch.name !== user.displayName) {
    await tx.update(users).set({ displayName: patch.name }).where(eq(users.id, id));
    changes.name = { from: user.displayName, to: patch.name };
  }
  if (patch.disabled === true && !user.disabledAt) {
    if (user.role === 'admin') {
      const [others] = await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, id)));
      if (!others?.n)
        throw new DomainError(
          'last_admin',
          '这是唯一一个启用中的管理员账号，不能停用；请先另建一个管理员',
        );
    }
    if (id === actor.actorId)
      throw new DomainError('own_account', '不能停用自己的账号；请让另一位管理员操作');
    await tx.update(users).set({ disabledAt: actor.now.toISOString() }).where(eq(users.id, id));
    await endSessionsOf(tx, id);
    changes.disabled = { from: false, to: true };
  } else if (patch.disabled === false && user.disabledAt) {
    await tx.update(users).set({ disabledAt: null }).where(eq(users.id, id));
    changes.disabled = { from: true, to: false };
  }
  if (Object.keys(changes).length > 0) await audit(tx, actor, 'update', 'account', id, changes);
}

/**
 * Sets a new, already hashed temporary password: the account must change it at its next sign-in,
 * and every session it has ends now. The password itself is never logged.
 */
export async function resetPassword(
  tx: Db,
  actor: Actor,
  id: number,
  passwordHash: string,
): Promise<void> {
  const user = await accountUser(tx, id);
  if (id === actor.actorId)
    throw new DomainError('own_account', '不能重设自己的密码；请在“修改密码”中修改');
  await setTemporaryPassword(tx, user.id, passwordHash);
  await audit(tx, actor, 'update', 'account', id, { op: 'reset_password' });
}

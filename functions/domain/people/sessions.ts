import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { firstRow, type Database, type Db } from '../../../db/client';
import { loginAttempts, sessions, users, type Role } from '../../../db/schema';
import { DEFAULT_ITERATIONS, hashSecret, randomInt, randomToken, sha256Hex, verifySecret } from '../shared/crypto';
import { DomainError, TryLater } from '../shared/errors';

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_MAX_FAILURES = 5;

/** How long a sign-in lasts: residents sign in once on their own phone; staff sessions are short. */
export const SESSION_TTL_MS: Record<Role, number> = {
  resident: 90 * 24 * 3600_000,
  merchant: 30 * 24 * 3600_000,
  staff: 12 * 3600_000,
  accountant: 12 * 3600_000,
  admin: 12 * 3600_000,
};

export interface Session {
  token: string;
  userId: number;
  role: Role;
  expiresAt: string;
  /** A temporary password was used: nothing but changing it is allowed until it is changed. */
  mustChangePassword: boolean;
}

export interface Principal {
  userId: number;
  login: string;
  role: Role;
  displayName: string;
  mustChangePassword: boolean;
}

// Verified against when the login does not exist, so an unknown login costs the same time as a known one.
let decoyHash: Promise<string> | undefined;

// Sign-in attempts for one login run one at a time (per database, in this process): otherwise a burst
// of parallel guesses would all pass the failure count before any of them had been recorded.
const attemptQueues = new WeakMap<Database, Map<string, Promise<unknown>>>();

function oneAtATime<T>(database: Database, loginName: string, fn: () => Promise<T>): Promise<T> {
  let queues = attemptQueues.get(database);
  if (!queues) attemptQueues.set(database, (queues = new Map()));
  const run = (queues.get(loginName) ?? Promise.resolve()).then(fn, fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(loginName, settled);
  void settled.then(() => {
    if (queues.get(loginName) === settled) queues.delete(loginName);
  });
  return run;
}

/** Throws DomainError too_many_attempts (with retryAfterSeconds) or invalid_credentials. */
export function login(database: Database, loginName: string, password: string, now: Date): Promise<Session> {
  return oneAtATime(database, loginName, () => attemptLogin(database, loginName, password, now));
}

async function attemptLogin(database: Database, loginName: string, password: string, now: Date): Promise<Session> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
  const recent = await database.read
    .select({ at: loginAttempts.at, ok: loginAttempts.ok })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.login, loginName), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.id));
  const lastOk = recent.findIndex((a) => a.ok);
  const failures = lastOk === -1 ? recent : recent.slice(0, lastOk);
  if (failures.length >= LOGIN_MAX_FAILURES) {
    const oldestCounted = failures[LOGIN_MAX_FAILURES - 1]!;
    throw new TryLater('too_many_attempts', '登录失败次数过多，请稍后再试', (Date.parse(oldestCounted.at) + LOGIN_WINDOW_MS - now.getTime()) / 1000);
  }

  const [user] = await database.read.select().from(users).where(eq(users.login, loginName));
  const ok = user?.passwordHash
    ? await verifySecret(password, user.passwordHash)
    : (await verifySecret(password, await (decoyHash ??= hashSecret('decoy', DEFAULT_ITERATIONS))), false);

  // A failed attempt must be committed to count towards the limit, so the refusal is thrown only
  // after the write (throwing inside it would roll the attempt back).
  const session = await database.write(async (tx) => {
    await tx.insert(loginAttempts).values({ login: loginName, at: now.toISOString(), ok: Boolean(ok && user) });
    if (!ok || !user || user.disabledAt) return undefined;
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS[user.role]).toISOString();
    await tx.insert(sessions).values({ tokenHash: await sha256Hex(token), userId: user.id, createdAt: now.toISOString(), expiresAt });
    return { token, userId: user.id, role: user.role, expiresAt, mustChangePassword: user.mustChangePassword };
  });
  // Only someone who knows the password learns that the account is disabled.
  if (!session && ok && user?.disabledAt) throw new DomainError('account_disabled', '此账号已停用，请联系社区管理员');
  if (!session) throw new DomainError('invalid_credentials', '登录名或密码错误');
  return session;
}

/**
 * Runs on every signed-in request: a plain SQL template, not the query builder (which costs more
 * than the query). A disabled account has no valid session, whatever its tokens.
 */
export async function authenticate(database: Database, token: string, now: Date): Promise<Principal | undefined> {
  const row = await firstRow<Omit<Principal, 'mustChangePassword'> & { mustChangePassword: number }>(
    database.read,
    sql`select u.id as userId, u.login as login, u.role as role, u.display_name as displayName, u.must_change_password as mustChangePassword from sessions s join users u on u.id = s.user_id where s.token_hash = ${await sha256Hex(token)} and s.expires_at > ${now.toISOString()} and u.disabled_at is null`,
  );
  return row && { ...row, mustChangePassword: Boolean(row.mustChangePassword) };
}

/** Ends every session of one user (disabled, password reset or changed elsewhere). */
export async function endSessionsOf(tx: Db, userId: number, exceptTokenHash?: string): Promise<void> {
  await tx.delete(sessions).where(exceptTokenHash === undefined ? eq(sessions.userId, userId) : and(eq(sessions.userId, userId), ne(sessions.tokenHash, exceptTokenHash)));
}

/**
 * Changes one's own password: the current one must be right (counted like a sign-in attempt), and
 * every other session of the account ends. Clears a temporary password's must-change mark.
 */
export async function changePassword(database: Database, principal: Principal, token: string, current: string, next: string, now: Date): Promise<void> {
  checkNewPassword(next);
  const [user] = await database.read.select().from(users).where(eq(users.id, principal.userId));
  if (!user?.passwordHash || !(await verifySecret(current, user.passwordHash))) {
    await database.write((tx) => tx.insert(loginAttempts).values({ login: principal.login, at: now.toISOString(), ok: false }));
    throw new DomainError('invalid_credentials', '当前密码不对');
  }
  if (current === next) throw new DomainError('invalid_request', '新密码不能与当前密码相同');
  const passwordHash = await hashSecret(next);
  const keep = await sha256Hex(token);
  await database.write(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, principal.userId));
    await endSessionsOf(tx, principal.userId, keep);
  });
}

// Letters and digits nobody misreads on a slip of paper or over the phone (no 0/o, 1/l/i).
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A temporary password to read out or write down: 12 readable characters in groups of four (k7mx-p4qa-2wdn). */
export function temporaryPassword(): string {
  const chars = Array.from({ length: 12 }, () => READABLE[randomInt(READABLE.length)]!);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

/**
 * Gives an account a temporary password (already hashed: hashing is slow and stays out of the
 * write transaction): it must be changed at the next sign-in, and every session ends now.
 */
export async function setTemporaryPassword(tx: Db, userId: number, passwordHash: string): Promise<{ login: string }> {
  const [user] = await tx.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, userId)).returning({ login: users.login });
  if (!user) throw new DomainError('not_found', `账号 ${userId} 不存在`);
  await endSessionsOf(tx, userId);
  return user;
}

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/** A password people can be asked to choose: 8–128 characters, not only digits repeated. */
export function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new DomainError('invalid_request', `密码须为 ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} 位`);
  }
  if (/^(.)\1*$/.test(password)) throw new DomainError('invalid_request', '密码不能是同一个字符重复');
}

export async function logout(database: Database, token: string): Promise<void> {
  const tokenHash = await sha256Hex(token);
  await database.write((tx) => tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash)));
}

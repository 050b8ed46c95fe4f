import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database, Db } from '../../../db/client';
import { guardFailed } from '../../../db/remote';
import { loginAttempts, type Role, sessions, users } from '../../../db/schema';
import {
  DEFAULT_ITERATIONS,
  hashSecret,
  randomInt,
  randomToken,
  sha256Hex,
  verifySecret,
} from '../shared/crypto';
import { DomainError, TryLater } from '../shared/errors';
import { getOrPut } from '../shared/maps';
import { loginRefusal, readLoginThrottle, recordAttempt } from './login-throttle';

export { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from './login-throttle';

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

let decoyHash: Promise<string> | undefined;

/** Checked when the login does not exist, so an unknown login costs the same time as a known one; never succeeds. */
async function spendDecoyCheck(password: string): Promise<false> {
  decoyHash ??= hashSecret('decoy', DEFAULT_ITERATIONS);
  await verifySecret(password, await decoyHash);
  return false;
}

/**
 * Throws DomainError too_many_attempts (with retryAfterSeconds) or invalid_credentials. `address`
 * is the client's ('' when unknown): the failure budgets count per address as well as per login
 * (./login-throttle).
 */
export function login(
  database: Database,
  loginName: string,
  password: string,
  now: Date,
  address = '',
): Promise<Session> {
  return oneAtATime(database, `${address}\n${loginName}`, () =>
    attemptLogin(database, loginName, password, now, address),
  );
}

// Attempts on one login from one address run one at a time (per database, in this process): each
// then finds the one before it settled, so right-password sign-ins in parallel all go through and a
// success clears that address's failures before the next attempt is counted.
const attemptQueues = new WeakMap<Database, Map<string, Promise<unknown>>>();

function oneAtATime<T>(database: Database, key: string, fn: () => Promise<T>): Promise<T> {
  const queues = getOrPut(attemptQueues, database, () => new Map<string, Promise<unknown>>());
  const run = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

/**
 * One round trip reads the budgets and the account; the password is checked with no lock held;
 * one write records the judged attempt and, if it succeeded, the new session. The write is refused
 * if another attempt on this login or from this address was recorded since the read, and the
 * attempt is judged again (./login-throttle recordAttempt): parallel guesses each meet the budget.
 */
async function attemptLogin(
  database: Database,
  loginName: string,
  password: string,
  now: Date,
  address: string,
): Promise<Session> {
  let checked: { hash: string; ok: boolean } | undefined;
  for (let round = 1; ; round++) {
    const [throttle, [user]] = await Promise.all([
      readLoginThrottle(database.read, loginName, address, now),
      database.read.select().from(users).where(eq(users.login, loginName)),
    ]);
    const refusal = loginRefusal(throttle, now);
    if (refusal)
      throw new TryLater('too_many_attempts', refusal.message, refusal.retryAfterSeconds);
    const hash = user?.passwordHash;
    const ok = hash
      ? checked?.hash === hash
        ? checked.ok
        : await verifySecret(password, hash)
      : await spendDecoyCheck(password);
    if (hash) checked = { hash, ok };
    const session =
      ok && user && !user.disabledAt
        ? {
            token: tokenFor(user.id, user.role),
            userId: user.id,
            role: user.role,
            expiresAt: new Date(now.getTime() + SESSION_TTL_MS[user.role]).toISOString(),
            mustChangePassword: user.mustChangePassword,
          }
        : undefined;
    try {
      // The attempt and its session are one write: a session that cannot be stored leaves no
      // failed attempt behind, so retrying through an outage does not lock the user out.
      await database.writeOnly(async (tx) => {
        await recordAttempt(tx, throttle, { login: loginName, address, at: now, ok: !!session });
        if (session)
          await tx.insert(sessions).values({
            tokenHash: await sha256Hex(session.token),
            userId: session.userId,
            createdAt: now.toISOString(),
            expiresAt: session.expiresAt,
          });
      });
    } catch (error) {
      if (round < MAX_JUDGEMENTS && guardFailed(error)) continue;
      throw error;
    }
    // Only someone who knows the password learns that the account is disabled.
    if (!session && ok && user?.disabledAt)
      throw new DomainError('account_disabled', '此账号已停用，请联系社区管理员');
    if (!session) throw new DomainError('invalid_credentials', '登录名或密码错误');
    return session;
  }
}

/** Times an attempt is judged again when others on the same login or address keep coming first. */
const MAX_JUDGEMENTS = 8;

/**
 * A session token: `<user id>.<role>.<secret>`. Only its hash is stored. The id and role it names
 * are a claim that lets a request on a remote database check the session in the same round trip as
 * its first reads (functions/http/auth.ts); the claim counts only if the stored session agrees.
 */
export function tokenFor(userId: number, role: Role): string {
  return `${userId}.${role}.${randomToken()}`;
}

export interface SessionClaim {
  userId: number;
  role: Role;
}

const ROLES: ReadonlySet<string> = new Set<Role>([
  'resident',
  'merchant',
  'staff',
  'accountant',
  'admin',
]);

/** The user a token claims to be signed in as, or undefined for a token of another shape. */
export function claimOf(token: string): SessionClaim | undefined {
  const m = /^([1-9]\d{0,15})\.([a-z]+)\.[A-Za-z0-9_-]{16,}$/.exec(token);
  if (!m || !ROLES.has(m[2]!)) return undefined;
  return { userId: Number(m[1]), role: m[2] as Role };
}

type PrincipalRow = Omit<Principal, 'mustChangePassword'> & { mustChangePassword: number };

/**
 * The signed-in caller behind a token's hash, as one plain SQL statement (run on every signed-in
 * request; the query builder costs more than the query). A disabled account has no valid session,
 * whatever its tokens.
 */
export function sessionLookup(tokenHash: string, now: Date) {
  return sql`select u.id as userId, u.login as login, u.role as role, u.display_name as displayName, u.must_change_password as mustChangePassword from sessions s join users u on u.id = s.user_id where s.token_hash = ${tokenHash} and s.expires_at > ${now.toISOString()} and u.disabled_at is null limit 1`;
}

/** A row of sessionLookup as a Principal. */
export function principalOf(row: PrincipalRow | undefined): Principal | undefined {
  return row && { ...row, mustChangePassword: Boolean(row.mustChangePassword) };
}

export async function authenticate(
  database: Database,
  token: string,
  now: Date,
): Promise<Principal | undefined> {
  const [row] = await database.read.all<PrincipalRow>(sessionLookup(await sha256Hex(token), now));
  return principalOf(row);
}

/** Ends every session of one user (disabled, password reset or changed elsewhere). */
export async function endSessionsOf(
  tx: Db,
  userId: number,
  exceptTokenHash?: string,
): Promise<void> {
  await tx
    .delete(sessions)
    .where(
      exceptTokenHash === undefined
        ? eq(sessions.userId, userId)
        : and(eq(sessions.userId, userId), ne(sessions.tokenHash, exceptTokenHash)),
    );
}

/**
 * Changes one's own password: the current one must be right (counted like a sign-in attempt), and
 * every other session of the account ends. Clears a temporary password's must-change mark.
 */
export async function changePassword(
  database: Database,
  principal: Principal,
  token: string,
  current: string,
  next: string,
  now: Date,
): Promise<void> {
  checkNewPassword(next);
  const [user] = await database.read.select().from(users).where(eq(users.id, principal.userId));
  if (!user?.passwordHash || !(await verifySecret(current, user.passwordHash))) {
    await database.write((tx) =>
      tx.insert(loginAttempts).values({ login: principal.login, at: now.toISOString(), ok: false }),
    );
    throw new DomainError('invalid_credentials', '当前密码不对');
  }
  if (current === next) throw new DomainError('invalid_request', '新密码不能与当前密码相同');
  const passwordHash = await hashSecret(next);
  const keep = await sha256Hex(token);
  await database.write(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false })
      .where(eq(users.id, principal.userId));
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
export async function setTemporaryPassword(
  tx: Db,
  userId: number,
  passwordHash: string,
): Promise<{ login: string }> {
  const [user] = await tx
    .update(users)
    .set({ passwordHash, mustChangePassword: true })
    .where(eq(users.id, userId))
    .returning({ login: users.login });
  if (!user) throw new DomainError('not_found', `账号 ${userId} 不存在`);
  await endSessionsOf(tx, userId);
  return user;
}

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/** A password people can be asked to choose: 8–128 characters, not only digits repeated. */
export function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new DomainError(
      'invalid_request',
      `密码须为 ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} 位`,
    );
  }
  if (/^(.)\1*$/.test(password))
    throw new DomainError('invalid_request', '密码不能是同一个字符重复');
}

export async function logout(database: Database, token: string): Promise<void> {
  const tokenHash = await sha256Hex(token);
  await database.write((tx) => tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash)));
}

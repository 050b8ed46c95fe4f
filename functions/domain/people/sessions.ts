import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database, Db } from '../../../db/client';
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
import { loginRefusal, markSucceeded, recordAttempt } from './login-throttle';

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

async function attemptLogin(
  database: Database,
  loginName: string,
  password: string,
  now: Date,
  address: string,
): Promise<Session> {
  // Counted and recorded in one write before the password is checked, so parallel guesses on
  // different logins meet the address's and the overall budget one guess at a time.
  const admitted = await database.write(
    async (tx) =>
      (await loginRefusal(tx, loginName, address, now)) ?? {
        attemptId: await recordAttempt(tx, loginName, address, now),
      },
  );
  if (!('attemptId' in admitted))
    throw new TryLater('too_many_attempts', admitted.message, admitted.retryAfterSeconds);

  const [user] = await database.read.select().from(users).where(eq(users.login, loginName));
  const ok = user?.passwordHash
    ? await verifySecret(password, user.passwordHash)
    : await spendDecoyCheck(password);

  const session =
    ok && user && !user.disabledAt
      ? await database
          .write(async (tx) => {
            await markSucceeded(tx, admitted.attemptId);
            const token = randomToken();
            const expiresAt = new Date(now.getTime() + SESSION_TTL_MS[user.role]).toISOString();
            await tx.insert(sessions).values({
              tokenHash: await sha256Hex(token),
              userId: user.id,
              createdAt: now.toISOString(),
              expiresAt,
            });
            return {
              token,
              userId: user.id,
              role: user.role,
              expiresAt,
              mustChangePassword: user.mustChangePassword,
            };
          })
          .catch(async (error: unknown) => {
            // The password was right but the session could not be stored (a full disk, say): the
            // attempt must not count as a failed guess, or retrying through an outage locks the user
            // out. Marking it is an update in place, which needs no new space; if even that fails,
            // the original error is what the caller hears.
            await database
              .write((tx) => markSucceeded(tx, admitted.attemptId))
              .catch(() => undefined);
            throw error;
          })
      : undefined;
  // Only someone who knows the password learns that the account is disabled.
  if (!session && ok && user?.disabledAt)
    throw new DomainError('account_disabled', '此账号已停用，请联系社区管理员');
  if (!session) throw new DomainError('invalid_credentials', '登录名或密码错误');
  return session;
}

/**
 * Runs on every signed-in request: a plain SQL template, not the query builder (which costs more
 * than the query). A disabled account has no valid session, whatever its tokens.
 */
export async function authenticate(
  database: Database,
  token: string,
  now: Date,
): Promise<Principal | undefined> {
  const [row] = await database.read.all<
    Omit<Principal, 'mustChangePassword'> & { mustChangePassword: number }
  >(
    sql`select u.id as userId, u.login as login, u.role as role, u.display_name as displayName, u.must_change_password as mustChangePassword from sessions s join users u on u.id = s.user_id where s.token_hash = ${await sha256Hex(token)} and s.expires_at > ${now.toISOString()} and u.disabled_at is null limit 1`,
  );
  return row && { ...row, mustChangePassword: Boolean(row.mustChangePassword) };
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

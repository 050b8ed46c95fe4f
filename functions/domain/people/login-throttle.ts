import { and, desc, eq, gt, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { loginAttempts } from '../../../db/schema';

/**
 * How many failed sign-ins are let through, and to whom. Four budgets over one sliding window:
 *
 * - per (login, address): the lock the contract promises ("5 failures → 429 even with the right
 *   password"), cleared by a success from that address. Kept per address so that a stranger's
 *   failures on someone's login do not lock that person out on their own phone;
 * - per address, across every login: one machine cannot spread guesses over many accounts;
 * - per login, across every address: the ceiling only an attack from many addresses reaches;
 * - overall: every failure in the community, the brake on a distributed attack.
 *
 * An address that has signed in to this login before (KNOWN_FOR) is spared the last two, so a
 * distributed attack slows down everyone else but cannot lock a user out of their usual device.
 */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_MAX_FAILURES = 5;
export const ADDRESS_MAX_FAILURES = 10;
export const LOGIN_CEILING_FAILURES = 100;
export const OVERALL_MAX_FAILURES = 300;
const KNOWN_FOR_MS = 90 * 24 * 3600_000;

export interface Refusal {
  message: string;
  retryAfterSeconds: number;
}

/**
 * The budget a new attempt would overrun, or undefined. Runs in the write transaction that then
 * records the attempt, so parallel attempts are counted one after another, never all at once.
 */
export async function loginRefusal(
  tx: Db,
  login: string,
  address: string,
  now: Date,
): Promise<Refusal | undefined> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
  const pair = and(eq(loginAttempts.login, login), eq(loginAttempts.address, address));
  const [lastOk] = await tx
    .select({ id: loginAttempts.id, at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(pair, eq(loginAttempts.ok, true)))
    .orderBy(desc(loginAttempts.id))
    .limit(1);
  // Failures after the last success, by order of recording: two attempts may share a timestamp.
  const afterSuccess = lastOk ? and(pair, gt(loginAttempts.id, lastOk.id)) : pair;
  const known = lastOk !== undefined && Date.parse(lastOk.at) > now.getTime() - KNOWN_FOR_MS;

  const budgets: Array<{ where: SQL | undefined; since: string; max: number; message: string }> = [
    {
      where: afterSuccess,
      since,
      max: LOGIN_MAX_FAILURES,
      message: '登录失败次数过多，请稍后再试',
    },
    {
      where: eq(loginAttempts.address, address),
      since,
      max: ADDRESS_MAX_FAILURES,
      message: '此设备登录失败次数过多，请稍后再试',
    },
    ...(known
      ? []
      : [
          {
            where: eq(loginAttempts.login, login),
            since,
            max: LOGIN_CEILING_FAILURES,
            message: '此账号近期登录失败次数过多，请稍后再试',
          },
          {
            where: undefined,
            since,
            max: OVERALL_MAX_FAILURES,
            message: '系统登录失败次数过多，请稍后再试',
          },
        ]),
  ];
  for (const b of budgets) {
    // The failure that has to age out of the window before another attempt is let through.
    const [oldest] = await tx
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(and(b.where, eq(loginAttempts.ok, false), gt(loginAttempts.at, b.since)))
      .orderBy(desc(loginAttempts.at))
      .limit(1)
      .offset(b.max - 1);
    if (oldest)
      return {
        message: b.message,
        retryAfterSeconds: (Date.parse(oldest.at) + LOGIN_WINDOW_MS - now.getTime()) / 1000,
      };
  }
  return undefined;
}

/** Records an attempt as failed until it proves right (then markSucceeded): a pending guess counts. */
export async function recordAttempt(
  tx: Db,
  login: string,
  address: string,
  now: Date,
): Promise<number> {
  const [row] = await tx
    .insert(loginAttempts)
    .values({ login, address, at: now.toISOString(), ok: false })
    .returning({ id: loginAttempts.id });
  return row!.id;
}

export async function markSucceeded(tx: Db, attemptId: number): Promise<void> {
  await tx.update(loginAttempts).set({ ok: true }).where(eq(loginAttempts.id, attemptId));
}

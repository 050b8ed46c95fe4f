import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { guard } from '../shared/guard';

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

/** What a sign-in's budgets are judged on, read in one round trip (readLoginThrottle). */
export interface ThrottleFacts {
  lastOk: { id: number; at: string } | undefined;
  /** For each budget, in BUDGETS order, the failure that must age out before another attempt. */
  blocking: Array<string | undefined>;
  /** The newest attempt on this login or from this address: what the recorded attempt guards. */
  newestId: number;
}

type Budget = {
  where: (login: string, address: string) => SQL;
  max: number;
  message: string;
  /** Spared for an address that signed in to this login recently. */
  sparedWhenKnown: boolean;
};

const BUDGETS: Budget[] = [
  {
    // Failures after the last success from this address, by order of recording (two attempts may share a timestamp).
    where: (login, address) =>
      sql`login = ${login} and address = ${address} and id > coalesce((select max(id) from login_attempts where login = ${login} and address = ${address} and ok = 1), 0)`,
    max: LOGIN_MAX_FAILURES,
    message: '登录失败次数过多，请稍后再试',
    sparedWhenKnown: false,
  },
  {
    where: (_login, address) => sql`address = ${address}`,
    max: ADDRESS_MAX_FAILURES,
    message: '此设备登录失败次数过多，请稍后再试',
    sparedWhenKnown: false,
  },
  {
    where: (login) => sql`login = ${login}`,
    max: LOGIN_CEILING_FAILURES,
    message: '此账号近期登录失败次数过多，请稍后再试',
    sparedWhenKnown: true,
  },
  {
    where: () => sql`1`,
    max: OVERALL_MAX_FAILURES,
    message: '系统登录失败次数过多，请稍后再试',
    sparedWhenKnown: true,
  },
];

/** Reads what loginRefusal judges, all at once: one round trip on a remote database. */
export async function readLoginThrottle(
  db: Db,
  login: string,
  address: string,
  now: Date,
): Promise<ThrottleFacts> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
  const [[lastOk], [newest], ...blocking] = await Promise.all([
    db.all<{ id: number; at: string }>(
      sql`select id, at from login_attempts where login = ${login} and address = ${address} and ok = 1 order by id desc limit 1`,
    ),
    db.all<{ id: number }>(
      sql`select coalesce(max(id), 0) as id from login_attempts where login = ${login} or address = ${address}`,
    ),
    ...BUDGETS.map((b) =>
      db.all<{ at: string }>(
        sql`select at from login_attempts where ${b.where(login, address)} and ok = 0 and at > ${since} order by at desc limit 1 offset ${b.max - 1}`,
      ),
    ),
  ]);
  return {
    lastOk,
    blocking: blocking.map(([row]) => row?.at),
    newestId: Number(newest?.id ?? 0),
  };
}

/** The budget a new attempt would overrun, or undefined. */
export function loginRefusal(facts: ThrottleFacts, now: Date): Refusal | undefined {
  const known =
    facts.lastOk !== undefined && Date.parse(facts.lastOk.at) > now.getTime() - KNOWN_FOR_MS;
  for (const [i, b] of BUDGETS.entries()) {
    const oldest = facts.blocking[i];
    if (oldest && !(known && b.sparedWhenKnown))
      return {
        message: b.message,
        retryAfterSeconds: (Date.parse(oldest) + LOGIN_WINDOW_MS - now.getTime()) / 1000,
      };
  }
  return undefined;
}

/**
 * Records an attempt, judged: only if no attempt on this login or from this address was recorded
 * since its facts were read, so guesses sent in parallel are each counted before the next is judged.
 */
export async function recordAttempt(
  tx: Db,
  facts: ThrottleFacts,
  attempt: { login: string; address: string; at: Date; ok: boolean },
): Promise<void> {
  const { login, address } = attempt;
  await guard(
    tx,
    sql`(select coalesce(max(id), 0) from login_attempts where login = ${login} or address = ${address}) = ${facts.newestId}`,
  );
  await tx.run(
    sql`insert into login_attempts (login, address, at, ok) values (${login}, ${address}, ${attempt.at.toISOString()}, ${attempt.ok ? 1 : 0})`,
  );
}

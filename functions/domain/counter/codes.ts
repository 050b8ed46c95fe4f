import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { redeemCodes } from '../../../db/schema';
import { randomInt } from '../shared/crypto';
import { DomainError } from '../shared/errors';
import { refused, type Settled, settledValue, unwrap } from '../shared/settled';
import { inList, rowList } from '../shared/sql';

export const CODE_TTL_MS = 5 * 60_000;
export const MAX_LIVE_CODES = 5;

const live = (now: Date) =>
  and(
    isNull(redeemCodes.usedAt),
    isNull(redeemCodes.revokedAt),
    gt(redeemCodes.expiresAt, now.toISOString()),
  );

/** How a code reached the counter: its 6 digits typed by hand, or its 16-digit long form scanned from the QR. */
export const codeGuessKind = (code: string): 'code' | 'scan' =>
  code.length === SCAN_CODE_DIGITS ? 'scan' : 'code';
export const SCAN_CODE_DIGITS = 16;

export interface IssuedCode {
  id: number;
  code: string;
  /** The QR's form: the 6 digits then 10 more, which no counter can guess within its budget. */
  scanCode: string;
  expiresAt: string;
}

const digits = (n: number) => Array.from({ length: n }, () => String(randomInt(10))).join('');

/** A fresh one-time code; a resident holds at most five, a sixth revokes the oldest. */
export async function issueRedeemCode(tx: Db, residentId: number, now: Date): Promise<IssuedCode> {
  const held = await tx
    .select({ id: redeemCodes.id })
    .from(redeemCodes)
    .where(and(eq(redeemCodes.residentId, residentId), live(now)))
    .orderBy(asc(redeemCodes.id));
  for (const old of held.slice(0, Math.max(0, held.length - MAX_LIVE_CODES + 1))) {
    await tx
      .update(redeemCodes)
      .set({ revokedAt: now.toISOString() })
      .where(eq(redeemCodes.id, old.id));
  }
  // A code is unique among live codes; the space is 10^6 and few are live, so this rarely loops.
  for (;;) {
    const code = digits(6);
    const [clash] = await tx
      .select({ id: redeemCodes.id })
      .from(redeemCodes)
      .where(and(eq(redeemCodes.code, code), live(now)));
    if (clash) continue;
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
    const scanCode = code + digits(SCAN_CODE_DIGITS - 6);
    const [row] = await tx
      .insert(redeemCodes)
      .values({ code, scanCode, residentId, createdAt: now.toISOString(), expiresAt })
      .returning({ id: redeemCodes.id });
    return { id: row!.id, code, scanCode, expiresAt };
  }
}

export interface ResolvedCode {
  id: number;
  residentId: number;
  fullName: string;
}

/** Resolves a code typed (6 digits) or scanned (16) at the counter to its resident (and their name, for the receipt), or refuses. */
export async function resolveRedeemCode(tx: Db, code: string, now: Date): Promise<ResolvedCode> {
  return unwrap((await resolveRedeemCodes(tx, [{ code, now }]))[0]);
}

/**
 * resolveRedeemCode for several codes in one query (a group of counter redemptions), in order,
 * each as of its own request's time: each code's latest issue, or the refusal. On every
 * redemption's path: a plain SQL template, not the query builder (see ledger/post.ts).
 */
export async function resolveRedeemCodes(
  tx: Db,
  requests: Array<{ code: string; now: Date }>,
): Promise<Array<Settled<ResolvedCode>>> {
  const rows = await tx.all<{
    code: string;
    scanCode: string | null;
    id: number;
    residentId: number;
    fullName: string | null;
    expiresAt: string;
    usedAt: string | null;
    revokedAt: string | null;
  }>(
    sql`select c.code as code, c.scan_code as scanCode, c.id as id, c.resident_id as residentId, r.full_name as fullName, c.expires_at as expiresAt, c.used_at as usedAt, c.revoked_at as revokedAt
        from redeem_codes c left join residents r on r.user_id = c.resident_id where c.code in ${inList(requests.map((r) => r.code.slice(0, 6)))}`,
  );
  // A code's digits come round again once it has expired: the latest issue is the one shown.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if ((latest.get(row.code)?.id ?? -1) < row.id) latest.set(row.code, row);
  return requests.map(({ code, now }) => {
    const row = latest.get(code.slice(0, 6));
    // A long form must match in full: its 10 extra digits are what make it unguessable.
    if (!row || row.revokedAt || (code.length === SCAN_CODE_DIGITS && row.scanCode !== code)) {
      return refused(
        new DomainError('code_invalid', '兑换码不对：请核对数字，或扫描居民手机上的二维码'),
      );
    }
    if (row.usedAt)
      return refused(new DomainError('code_used', '此兑换码已用过：请居民在手机上刷新，出示新码'));
    if (Date.parse(row.expiresAt) <= now.getTime())
      return refused(
        new DomainError('code_expired', '兑换码已过期（5 分钟有效）：请居民在手机上刷新，出示新码'),
      );
    return settledValue({ id: row.id, residentId: row.residentId, fullName: row.fullName ?? '' });
  });
}

/**
 * Consumes codes resolveRedeemCodes found unused in the same write transaction, each with the
 * entry that redeemed it, at that entry's time. Finding one used is not a refusal but a broken
 * invariant: a plain error, so the whole write rolls back (the points moved just before it with
 * it) rather than being stored as the request's outcome.
 */
export async function markCodesUsed(
  tx: Db,
  used: Array<{ codeId: number; entryId: number; at: string }>,
): Promise<void> {
  if (used.length === 0) return;
  const rows = rowList(used.map((u) => [u.codeId, u.entryId, u.at]));
  // A code used twice is refused by the database (redeem_codes_used_once, migration 0022), not by
  // reading the update's result back: on a remote database the update runs in a batch whose results
  // the redemption does not wait for.
  await tx.run(
    sql`update redeem_codes set used_at = u.column3, entry_id = u.column2 from (values ${rows}) as u where redeem_codes.id = u.column1`,
  );
}

import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { firstRow, type Db } from '../../../db/client';
import { redeemCodes } from '../../../db/schema';
import { randomInt } from '../shared/crypto';
import { DomainError } from '../shared/errors';

export const CODE_TTL_MS = 5 * 60_000;
export const MAX_LIVE_CODES = 5;

const live = (now: Date) => and(isNull(redeemCodes.usedAt), isNull(redeemCodes.revokedAt), gt(redeemCodes.expiresAt, now.toISOString()));

/** A fresh 6-digit one-time code; a resident holds at most five, a sixth revokes the oldest. */
export async function issueRedeemCode(tx: Db, residentId: number, now: Date): Promise<{ code: string; expiresAt: string }> {
  const held = await tx
    .select({ id: redeemCodes.id })
    .from(redeemCodes)
    .where(and(eq(redeemCodes.residentId, residentId), live(now)))
    .orderBy(asc(redeemCodes.id));
  for (const old of held.slice(0, Math.max(0, held.length - MAX_LIVE_CODES + 1))) {
    await tx.update(redeemCodes).set({ revokedAt: now.toISOString() }).where(eq(redeemCodes.id, old.id));
  }
  // A code is unique among live codes; the space is 10^6 and few are live, so this rarely loops.
  for (;;) {
    const code = String(randomInt(1_000_000)).padStart(6, '0');
    const [clash] = await tx.select({ id: redeemCodes.id }).from(redeemCodes).where(and(eq(redeemCodes.code, code), live(now)));
    if (clash) continue;
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
    await tx.insert(redeemCodes).values({ code, residentId, createdAt: now.toISOString(), expiresAt });
    return { code, expiresAt };
  }
}

/** Resolves a code typed or scanned at the counter to its resident (and their name, for the receipt), or refuses. */
export async function resolveRedeemCode(tx: Db, code: string, now: Date): Promise<{ id: number; residentId: number; fullName: string }> {
  // On every redemption's path: plain SQL templates, not the query builder (see ledger/post.ts).
  const row = await firstRow<{ id: number; residentId: number; fullName: string | null; expiresAt: string; usedAt: string | null; revokedAt: string | null }>(
    tx,
    sql`select c.id as id, c.resident_id as residentId, r.full_name as fullName, c.expires_at as expiresAt, c.used_at as usedAt, c.revoked_at as revokedAt
        from redeem_codes c left join residents r on r.user_id = c.resident_id where c.code = ${code} order by c.id desc limit 1`,
  );
  if (!row || row.revokedAt) throw new DomainError('code_invalid', '兑换码无效，请让居民重新出示');
  if (row.usedAt) throw new DomainError('code_used', '兑换码已使用过');
  if (Date.parse(row.expiresAt) <= now.getTime()) throw new DomainError('code_expired', '兑换码已过期，请让居民刷新');
  return { id: row.id, residentId: row.residentId, fullName: row.fullName ?? '' };
}

/**
 * Consumes a code resolveRedeemCode found unused in the same write transaction. Finding it used
 * is not a refusal but a broken invariant: a plain error, so the whole write rolls back (the
 * points moved just before it with it) rather than being stored as the request's outcome.
 */
export async function markCodeUsed(tx: Db, codeId: number, entryId: number, now: Date): Promise<void> {
  const used = await firstRow(tx, sql`update redeem_codes set used_at = ${now.toISOString()}, entry_id = ${entryId} where id = ${codeId} and used_at is null returning id`);
  if (!used) throw new Error(`redeem code ${codeId} was used within the transaction that found it unused`);
}

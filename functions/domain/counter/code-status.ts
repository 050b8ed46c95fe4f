import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { redeemCodes } from '../../../db/schema';
import { type StatementLine, statementLine } from '../ledger/queries';
import { DomainError } from '../shared/errors';

export type CodeStatus = 'pending' | 'used' | 'expired';

export interface RedeemCodeState {
  id: number;
  status: CodeStatus;
  expiresAt: string;
  /** Revoked by a newer code (or the resident moving away): shown to the phone as expired. */
  revoked: boolean;
  /** The redemption, as a line of the resident's statement, once the code is used. */
  entry: Omit<StatementLine, 'reversesId'> | null;
}

/**
 * What became of one of the resident's own codes: how the phone learns that the counter used it
 * (and for what) without watching the balance. Another resident's code is not_found, as is an
 * unknown id: the answer never tells whose a code is.
 */
export async function redeemCodeState(
  db: Db,
  residentId: number,
  accountId: number,
  id: number,
  now: Date,
): Promise<RedeemCodeState> {
  const [code] = await db
    .select({
      id: redeemCodes.id,
      expiresAt: redeemCodes.expiresAt,
      usedAt: redeemCodes.usedAt,
      entryId: redeemCodes.entryId,
      revokedAt: redeemCodes.revokedAt,
    })
    .from(redeemCodes)
    .where(and(eq(redeemCodes.id, id), eq(redeemCodes.residentId, residentId)));
  if (!code) throw new DomainError('not_found', `兑换码 ${id} 不存在`);
  const revoked = code.revokedAt !== null;
  if (code.usedAt !== null && code.entryId !== null) {
    const line = await statementLine(db, accountId, code.entryId);
    const entry = line ? (({ reversesId: _, ...rest }) => rest)(line) : null;
    return { id: code.id, status: 'used', expiresAt: code.expiresAt, revoked, entry };
  }
  const expired = revoked || Date.parse(code.expiresAt) <= now.getTime();
  return {
    id: code.id,
    status: expired ? 'expired' : 'pending',
    expiresAt: code.expiresAt,
    revoked,
    entry: null,
  };
}

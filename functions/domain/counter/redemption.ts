import { sql } from 'drizzle-orm';
import { firstRow, type Db } from '../../../db/client';
import { redeem } from '../ledger/commands';
import { authenticateCard, type PinCheck } from '../people/cards';
import { maskName } from '../people/masking';
import { markCodeUsed, resolveRedeemCode } from './codes';

export type RedemptionRequest =
  | { code: string; points: number; note?: string | undefined }
  | { card: string; pin: string; points: number; note?: string | undefined };

export interface Redemption {
  id: number;
  points: number;
  at: string;
  resident: { maskedName: string };
  balanceAfter: number;
}

/**
 * A counter redemption: identify the resident by one-time code or by paper card + PIN, then move
 * points. A card's PIN should be checked beforehand (checkCardPin, outside the write transaction).
 */
export async function redeemAtCounter(tx: Db, merchantId: number, req: RedemptionRequest, now: Date, checkedPin?: PinCheck): Promise<Redemption> {
  // The PIN check runs outside the savepoint: a wrong PIN must count towards the lock.
  const byCode = 'code' in req ? await resolveRedeemCode(tx, req.code, now) : undefined;
  const residentId = byCode ? byCode.residentId : await authenticateCard(tx, (req as { card: string }).card, (req as { pin: string }).pin, now, checkedPin);
  // No savepoint: a refusal (insufficient points) comes before postEntry writes anything, and the
  // code cannot have been used since resolveRedeemCode read it in this same write transaction —
  // if markCodeUsed finds otherwise it throws a plain error and the whole write rolls back.
  const done = await redeem(tx, { merchantId, residentId, points: req.points, note: req.note, now });
  if (byCode) await markCodeUsed(tx, byCode.id, done.id, now);
  const fullName = byCode ? byCode.fullName : await residentName(tx, residentId);
  return { id: done.id, points: req.points, at: done.at, resident: { maskedName: maskName(fullName) }, balanceAfter: done.balanceAfter };
}

async function residentName(tx: Db, residentId: number): Promise<string> {
  const person = await firstRow<{ fullName: string }>(tx, sql`select full_name as fullName from residents where user_id = ${residentId}`);
  return person?.fullName ?? '';
}

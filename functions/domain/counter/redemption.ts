import { sql } from 'drizzle-orm';
import { firstRow, type Db, type WriteBatch } from '../../../db/client';
import { idempotentBatch, type IdempotencyRequest, type Replayable } from '../ledger/idempotency';
import { redeem, redeemMany } from '../ledger/commands';
import { DomainError, thrownIfRefused } from '../shared/errors';
import { authenticateCard, type PinCheck } from '../people/cards';
import { maskName } from '../people/masking';
import { markCodesUsed, resolveRedeemCodes } from './codes';

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
  if ('code' in req) return thrownIfRefused((await redeemCodesAtCounter(tx, [{ merchantId, ...req, now }]))[0]);
  // The PIN check runs outside the savepoint: a wrong PIN must count towards the lock.
  const residentId = await authenticateCard(tx, req.card, req.pin, now, checkedPin);
  // No savepoint: a refusal (insufficient points) comes before postEntries writes anything.
  const done = await redeem(tx, { merchantId, residentId, points: req.points, note: req.note, now });
  return { id: done.id, points: req.points, at: done.at, resident: { maskedName: maskName(await residentName(tx, residentId)) }, balanceAfter: done.balanceAfter };
}

export interface CodeRedemption {
  merchantId: number;
  code: string;
  points: number;
  note?: string | undefined;
  now: Date;
}

/**
 * Redemptions by one-time code, several at once (those sharing a group commit), in order, as if
 * one after the other: one read of the codes, redeemMany, one update marking the codes used. A
 * refusal comes before anything of it is written. A code given twice throws (which of them uses it
 * depends on the first's outcome), so that the writer applies them one at a time.
 */
export async function redeemCodesAtCounter(tx: Db, reqs: CodeRedemption[]): Promise<Array<Redemption | DomainError>> {
  if (new Set(reqs.map((r) => r.code)).size !== reqs.length) throw new Error('a redeem code is given twice in one batch');
  const codes = await resolveRedeemCodes(tx, reqs);
  const valid = reqs.flatMap((req, i) => {
    const code = codes[i]!;
    return code instanceof DomainError ? [] : [{ i, code, cmd: { merchantId: req.merchantId, residentId: code.residentId, points: req.points, note: req.note, now: req.now } }];
  });
  const done = await redeemMany(tx, valid.map((v) => v.cmd));
  const results: Array<Redemption | DomainError | undefined> = codes.map((code) => (code instanceof DomainError ? code : undefined));
  const used: Array<{ codeId: number; entryId: number; at: string }> = [];
  valid.forEach(({ i, code }, n) => {
    const d = done[n]!;
    if (d instanceof DomainError) results[i] = d;
    else {
      used.push({ codeId: code.id, entryId: d.id, at: d.at });
      results[i] = { id: d.id, points: reqs[i]!.points, at: d.at, resident: { maskedName: maskName(code.fullName) }, balanceAfter: d.balanceAfter };
    }
  });
  await markCodesUsed(tx, used);
  return results as Array<Redemption | DomainError>;
}

export interface IdempotentCodeRedemption {
  idempotency: IdempotencyRequest;
  redemption: CodeRedemption;
}

/**
 * The counter's redemptions by code, each once per Idempotency-Key, applied together when they
 * share a group commit (Database.writeBatch): the busiest write of the portal, in a few statements
 * per group rather than a dozen per redemption.
 */
export const codeRedemptions: WriteBatch<IdempotentCodeRedemption, Replayable<Redemption>> = {
  apply: (tx, items) => idempotentBatch(tx, items.map((item) => item.idempotency), (fresh) => redeemCodesAtCounter(tx, fresh.map((i) => items[i]!.redemption))),
};

async function residentName(tx: Db, residentId: number): Promise<string> {
  const person = await firstRow<{ fullName: string }>(tx, sql`select full_name as fullName from residents where user_id = ${residentId}`);
  return person?.fullName ?? '';
}

import { sql } from 'drizzle-orm';
import type { Db, WriteBatch } from '../../../db/client';
import { idempotentBatch, type IdempotencyRequest, type Replayable } from '../ledger/idempotency';
import { redeemMany, type RedeemCommand } from '../ledger/commands';
import { standingOf, type Lapse } from '../ledger/expiry';
import { DomainError, thrownIfRefused } from '../shared/errors';
import { authenticateCard, type PinCheck } from '../people/cards';
import { maskName } from '../people/masking';
import { GuessBudget } from './budget';
import { codeGuessKind, markCodesUsed, resolveRedeemCodes } from './codes';
import { itemsForRedemption, recordRedemptionItems, type RedeemedItem } from './redeemed-items';

interface Purchase {
  points: number;
  note?: string | undefined;
  /** An item of the merchant's catalogue; points must then be its price × quantity. */
  itemId?: number | undefined;
  quantity?: number | undefined;
}

export type RedemptionRequest = Purchase & ({ code: string } | { card: string; pin: string });

export interface Redemption {
  id: number;
  points: number;
  at: string;
  resident: { maskedName: string };
  balanceAfter: number;
  item: RedeemedItem | null;
  /** The resident's lapse schedule after this redemption: the receipt's "next expiry". */
  expiring: Lapse[];
}

export interface CodeRedemption extends Purchase {
  merchantId: number;
  code: string;
  now: Date;
}

interface Identified {
  i: number;
  residentId: number;
  fullName: string;
  codeId?: number;
}

/**
 * A counter redemption by paper card + PIN (the PIN checked beforehand by checkCardPin, outside the
 * write transaction). The merchant's guessing budget is checked first and spent by a wrong PIN; the
 * PIN's failure count and the budget are written even though the request is refused, so the caller
 * must commit a refusal (as `once` does) rather than roll it back.
 */
export async function redeemByCard(tx: Db, merchantId: number, req: Purchase & { card: string; pin: string }, now: Date, checkedPin?: PinCheck): Promise<Redemption> {
  const who = await identifyCard(tx, merchantId, req.card, req.pin, now, checkedPin);
  const [done] = await settle(tx, [{ merchantId, ...req, now }], [{ i: 0, ...who }]);
  return thrownIfRefused(done);
}

/** Identifies a card holder at a counter within its guessing budget (redemption and look-up alike): who, and their name for the receipt. */
export async function identifyCard(tx: Db, merchantId: number, card: string, pin: string, now: Date, checkedPin?: PinCheck): Promise<{ residentId: number; fullName: string }> {
  const budget = await GuessBudget.of(tx, [merchantId], now);
  const paused = budget.refusal(merchantId, 'pin', now);
  if (paused) throw paused;
  let residentId: number;
  try {
    residentId = await authenticateCard(tx, card, pin, now, checkedPin, () => budget.spend(merchantId, 'pin', now));
  } finally {
    await budget.save(tx, now);
  }
  const [person] = await tx.all<{ fullName: string }>(sql`select full_name as fullName from residents where user_id = ${residentId} limit 1`);
  return { residentId, fullName: person?.fullName ?? '' };
}

/**
 * Redemptions by one-time code, several at once (those sharing a group commit), in order, as if
 * one after the other: one read of the budgets, the codes and the items, redeemMany, one update
 * marking the codes used. A refusal comes before anything of its own is written, except the failed
 * guess it spends. A code given twice throws (which of them uses it depends on the first's
 * outcome), so that the writer applies them one at a time.
 */
export async function redeemCodesAtCounter(tx: Db, reqs: CodeRedemption[]): Promise<Array<Redemption | DomainError>> {
  if (new Set(reqs.map((r) => r.code.slice(0, 6))).size !== reqs.length) throw new Error('a redeem code is given twice in one batch');
  const budget = await GuessBudget.of(tx, [...new Set(reqs.map((r) => r.merchantId))], reqs[0]!.now);
  const codes = await resolveRedeemCodes(tx, reqs);
  const refused: Array<DomainError | undefined> = [];
  const identified: Identified[] = [];
  reqs.forEach((req, i) => {
    const kind = codeGuessKind(req.code);
    const paused = budget.refusal(req.merchantId, kind, req.now);
    const code = codes[i]!;
    if (paused) refused[i] = paused;
    else if (code instanceof DomainError) {
      budget.spend(req.merchantId, kind, req.now);
      refused[i] = code;
    } else identified.push({ i, residentId: code.residentId, fullName: code.fullName, codeId: code.id });
  });
  const done = await settle(tx, reqs, identified);
  await markCodesUsed(
    tx,
    identified.flatMap(({ i, codeId }) => {
      const d = done[i];
      return d && !(d instanceof DomainError) ? [{ codeId: codeId!, entryId: d.id, at: d.at }] : [];
    }),
  );
  await budget.save(tx, reqs[0]!.now);
  return reqs.map((_, i) => refused[i] ?? done[i]!);
}

/**
 * Moves the points of the identified requests (each checked against its catalogue item first) and
 * answers each with its receipt, indexed like `reqs`: one read of the items, redeemMany, one insert
 * of what was bought, one read of the residents' standing after.
 */
async function settle(tx: Db, reqs: Array<Purchase & { merchantId: number; now: Date }>, identified: Identified[]): Promise<Array<Redemption | DomainError | undefined>> {
  const results: Array<Redemption | DomainError | undefined> = [];
  const items = await itemsForRedemption(tx, identified.map(({ i }) => reqs[i]!));
  const moving: Array<Identified & { item: RedeemedItem | null; cmd: RedeemCommand }> = [];
  identified.forEach((who, n) => {
    const req = reqs[who.i]!;
    const item = items[n]!;
    if (item instanceof DomainError) results[who.i] = item;
    else moving.push({ ...who, item, cmd: { merchantId: req.merchantId, residentId: who.residentId, points: req.points, note: req.note, now: req.now } });
  });
  const done = await redeemMany(
    tx,
    moving.map((m) => m.cmd),
  );
  const standing = await standingOf(tx, done.flatMap((d) => (d instanceof DomainError ? [] : [d.residentAccount])), reqs[0]!.now);
  const bought: Array<{ entryId: number; item: RedeemedItem }> = [];
  moving.forEach(({ i, fullName, item }, n) => {
    const d = done[n]!;
    if (d instanceof DomainError) {
      results[i] = d;
      return;
    }
    if (item) bought.push({ entryId: d.id, item });
    const req = reqs[i]!;
    results[i] = { id: d.id, points: req.points, at: d.at, resident: { maskedName: maskName(fullName) }, balanceAfter: d.balanceAfter, item, expiring: standing.get(d.residentAccount)?.expiring ?? [] };
  });
  await recordRedemptionItems(tx, bought);
  return results;
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

import { sql } from 'drizzle-orm';
import type { Db, WriteBatch } from '../../../db/client';
import { type RedeemInput, redeemMany } from '../ledger/commands';
import { type Lapse, standingOf } from '../ledger/expiry';
import { type IdempotencyRequest, idempotentBatch } from '../ledger/idempotency';
import { authenticateCard, type PinCheck } from '../people/cards';
import { maskName } from '../people/masking';
import type { Actor } from '../records/audit';
import {
  type Item,
  refusalError,
  refused,
  type Settled,
  settledValue,
  unwrap,
} from '../shared/settled';
import { GuessBudget } from './budget';
import { codeGuessKind, markCodesUsed, resolveRedeemCodes } from './codes';
import { itemsForRedemption, type RedeemedItem, recordRedemptionItems } from './redeemed-items';

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

/** A redemption by one-time code; its actor is the merchant. */
export interface CodeRedemption extends Purchase {
  code: string;
}

/** A redemption by paper card + PIN; its actor is the merchant. `checkedPin`: the PIN as checked before the write transaction. */
export interface CardRedemption extends Purchase {
  card: string;
  pin: string;
  checkedPin?: PinCheck | undefined;
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
export async function redeemByCard(
  tx: Db,
  actor: Actor,
  input: CardRedemption,
): Promise<Redemption> {
  const who = await identifyCard(
    tx,
    actor.actorId,
    input.card,
    input.pin,
    actor.now,
    input.checkedPin,
  );
  const [done] = await complete(tx, [{ actor, input }], [{ i: 0, ...who }]);
  return unwrap(done);
}

/** Identifies a card holder at a counter within its guessing budget (redemption and look-up alike): who, and their name for the receipt. */
export async function identifyCard(
  tx: Db,
  merchantId: number,
  card: string,
  pin: string,
  now: Date,
  checkedPin?: PinCheck,
): Promise<{ residentId: number; fullName: string }> {
  const budget = await GuessBudget.of(tx, [merchantId], now);
  const paused = budget.refusal(merchantId, 'pin', now);
  if (paused) throw paused;
  let residentId: number;
  try {
    residentId = await authenticateCard(tx, card, pin, now, checkedPin, () =>
      budget.spend(merchantId, 'pin', now),
    );
  } finally {
    await budget.save(tx, now);
  }
  const [person] = await tx.all<{ fullName: string }>(
    sql`select full_name as fullName from residents where user_id = ${residentId} limit 1`,
  );
  return { residentId, fullName: person?.fullName ?? '' };
}

/**
 * Redemptions by one-time code, several at once (those sharing a group commit), in order, as if
 * one after the other: one read of the budgets, the codes and the items, redeemMany, one update
 * marking the codes used. A refusal comes before anything of its own is written, except the failed
 * guess it spends. A code given twice throws (which of them uses it depends on the first's
 * outcome), so that the writer applies them one at a time.
 */
export async function redeemCodesAtCounter(
  tx: Db,
  items: Array<Item<Actor, CodeRedemption>>,
): Promise<Array<Settled<Redemption>>> {
  if (new Set(items.map(({ input }) => input.code.slice(0, 6))).size !== items.length)
    throw new Error('a redeem code is given twice in one batch');
  const now = items[0]!.actor.now;
  const budget = await GuessBudget.of(
    tx,
    [...new Set(items.map(({ actor }) => actor.actorId))],
    now,
  );
  const codes = await resolveRedeemCodes(
    tx,
    items.map(({ actor, input }) => ({ code: input.code, now: actor.now })),
  );
  const turnedAway: Array<Settled<Redemption> | undefined> = [];
  const identified: Identified[] = [];
  items.forEach(({ actor, input }, i) => {
    const kind = codeGuessKind(input.code);
    const paused = budget.refusal(actor.actorId, kind, actor.now);
    const code = codes[i]!;
    if (paused) turnedAway[i] = refused(paused);
    else if (!code.ok) {
      budget.spend(actor.actorId, kind, actor.now);
      turnedAway[i] = code;
    } else
      identified.push({
        i,
        residentId: code.value.residentId,
        fullName: code.value.fullName,
        codeId: code.value.id,
      });
  });
  const done = await complete(tx, items, identified);
  await markCodesUsed(
    tx,
    identified.flatMap(({ i, codeId }) => {
      const d = done[i];
      return d?.ok ? [{ codeId: codeId!, entryId: d.value.id, at: d.value.at }] : [];
    }),
  );
  await budget.save(tx, now);
  return items.map((_, i) => turnedAway[i] ?? done[i]!);
}

/**
 * Moves the points of the identified requests (each checked against its catalogue item first) and
 * answers each with its receipt, indexed like `items`: one read of the items, redeemMany, one insert
 * of what was bought, one read of the residents' standing after.
 */
async function complete(
  tx: Db,
  items: Array<Item<Actor, Purchase>>,
  identified: Identified[],
): Promise<Array<Settled<Redemption> | undefined>> {
  const results: Array<Settled<Redemption> | undefined> = [];
  const catalogue = await itemsForRedemption(
    tx,
    identified.map(({ i }) => ({ merchantId: items[i]!.actor.actorId, ...items[i]!.input })),
  );
  const moving: Array<Identified & { item: RedeemedItem | null; order: Item<Actor, RedeemInput> }> =
    [];
  identified.forEach((who, n) => {
    const { actor, input } = items[who.i]!;
    const item = catalogue[n]!;
    if (!item.ok) results[who.i] = item;
    else
      moving.push({
        ...who,
        item: item.value,
        order: {
          actor,
          input: { residentId: who.residentId, points: input.points, note: input.note },
        },
      });
  });
  const done = await redeemMany(
    tx,
    moving.map((m) => m.order),
  );
  const standing = await standingOf(
    tx,
    done.flatMap((d) => (d.ok ? [d.value.residentAccount] : [])),
    items[0]!.actor.now,
  );
  const bought: Array<{ entryId: number; item: RedeemedItem }> = [];
  moving.forEach(({ i, fullName, item }, n) => {
    const d = done[n]!;
    if (!d.ok) {
      results[i] = d;
      return;
    }
    if (item) bought.push({ entryId: d.value.id, item });
    const points = items[i]!.input.points;
    const { id, at, balanceAfter, residentAccount } = d.value;
    results[i] = settledValue({
      id,
      points,
      at,
      resident: { maskedName: maskName(fullName) },
      balanceAfter,
      item,
      expiring: standing.get(residentAccount)?.expiring ?? [],
    });
  });
  await recordRedemptionItems(tx, bought);
  return results;
}

export interface IdempotentCodeRedemption {
  idempotency: IdempotencyRequest;
  redemption: Item<Actor, CodeRedemption>;
}

/**
 * The counter's redemptions by code, each once per Idempotency-Key, applied together when they
 * share a group commit (Database.writeBatch): the busiest write of the portal, in a few statements
 * per group rather than a dozen per redemption.
 */
export const codeRedemptions: WriteBatch<IdempotentCodeRedemption, Settled<Redemption>> = {
  apply: async (tx, items) => {
    const settled = await idempotentBatch(
      tx,
      items.map((item) => item.idempotency),
      (fresh) =>
        redeemCodesAtCounter(
          tx,
          fresh.map((i) => items[i]!.redemption),
        ),
    );
    // An outcome stored under its key is the item's answer, a refusal included (its spent guess is
    // committed with it); one that stored nothing (a mismatched body, a TryLater) fails the item.
    return settled.map((s) =>
      s.replayed === undefined && !s.ok
        ? { ok: false as const, error: refusalError(s) }
        : { ok: true as const, value: s },
    );
  },
};

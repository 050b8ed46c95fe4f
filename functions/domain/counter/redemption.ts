import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { type RedeemInput, redeemMany } from '../ledger/commands';
import { type Lapse, lotsOfResidents, standingsFrom } from '../ledger/expiry';
import { type LedgerFacts, readLedgerFacts } from '../ledger/post';
import { authenticateCard, type CardState, type PinCheck, readCard } from '../people/cards';
import { maskName } from '../people/masking';
import type { Actor } from '../records/audit';
import { type Item, refused, type Settled, settledValue, unwrap } from '../shared/settled';
import { inList } from '../shared/sql';
import { GuessBudget } from './budget';
import { codeGuessKind, markCodesUsed, type ResolvedCode, resolveRedeemCodes } from './codes';
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
  read: Promise<CardReads> = readCardRedemption(tx, { actor, input }),
): Promise<Redemption> {
  const { card, name, facts } = await read;
  const who = await identifyCard(tx, actor.actorId, input.card, input.pin, actor.now, {
    checkedPin: input.checkedPin,
    budget: facts.budget,
    card,
    name,
  });
  const [done] = await complete(tx, [{ actor, input }], [{ i: 0, ...who }], facts);
  return unwrap(done);
}

/** What a redemption by card reads: the card, its holder's name and the counter's facts. */
export interface CardReads {
  card: CardState | undefined;
  name: string | undefined;
  facts: CounterFacts;
}

/** The reads of redeemByCard, issued together (and with the caller's, if it issues them first). */
export async function readCardRedemption(
  tx: Db,
  item: Item<Actor, CardRedemption>,
): Promise<CardReads> {
  const holder = sql`select resident_id from cards where card_no = ${item.input.card}`;
  const [card, [person], facts] = await Promise.all([
    readCard(tx, item.input.card),
    tx.all<{ fullName: string }>(
      sql`select full_name as fullName from residents where user_id = (${holder}) limit 1`,
    ),
    readCounterFacts(tx, [item], holder),
  ]);
  return { card, name: person?.fullName, facts };
}

/**
 * Identifies a card holder at a counter within its guessing budget (redemption and look-up alike):
 * who, and their name for the receipt. `known`: what the caller already read (the PIN checked
 * before the write, the budget, the card).
 */
export async function identifyCard(
  tx: Db,
  merchantId: number,
  card: string,
  pin: string,
  now: Date,
  known: {
    checkedPin?: PinCheck | undefined;
    budget?: GuessBudget;
    card?: CardState | undefined;
    name?: string | undefined;
  } = {},
): Promise<{ residentId: number; fullName: string }> {
  const budget = known.budget ?? (await GuessBudget.of(tx, [merchantId], now));
  const paused = budget.refusal(merchantId, 'pin', now);
  if (paused) throw paused;
  let residentId: number;
  try {
    residentId = await authenticateCard(
      tx,
      card,
      pin,
      now,
      known.checkedPin,
      () => budget.spend(merchantId, 'pin', now),
      'card' in known ? Promise.resolve(known.card) : undefined,
    );
  } finally {
    await budget.save(tx, now);
  }
  if ('name' in known) return { residentId, fullName: known.name ?? '' };
  const [person] = await tx.all<{ fullName: string }>(
    sql`select full_name as fullName from residents where user_id = ${residentId} limit 1`,
  );
  return { residentId, fullName: person?.fullName ?? '' };
}

/** What redemptions by code read: each code's resolution and the counter's facts, indexed like the requests. */
export interface CodeReads {
  codes: Array<Settled<ResolvedCode>>;
  facts: CounterFacts;
}

/** The reads of redeemCodesAtCounter, issued together (and with the caller's, if it issues them first). */
export async function readCodeRedemptions(
  tx: Db,
  items: Array<Item<Actor, CodeRedemption>>,
): Promise<CodeReads> {
  const digits = items.map(({ input }) => input.code.slice(0, 6));
  const [codes, facts] = await Promise.all([
    resolveRedeemCodes(
      tx,
      items.map(({ actor, input }) => ({ code: input.code, now: actor.now })),
    ),
    readCounterFacts(
      tx,
      items,
      // Only codes that can still redeem: old issues of the same digits would bring their holders' facts too.
      sql`select resident_id from redeem_codes where code in ${inList(digits)} and used_at is null and revoked_at is null and expires_at > ${earliest(items)}`,
    ),
  ]);
  return { codes, facts };
}

/** The earliest of the requests' times: a code valid at any of them is valid then. */
const earliest = (items: Array<Item<Actor, unknown>>): string =>
  new Date(Math.min(...items.map(({ actor }) => actor.now.getTime()))).toISOString();

/** Reads made for some requests, narrowed to those at `indices`. */
export function codeReadsOf(reads: CodeReads, indices: number[]): CodeReads {
  return {
    codes: indices.map((i) => reads.codes[i]!),
    facts: { ...reads.facts, catalogue: indices.map((i) => reads.facts.catalogue[i]!) },
  };
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
  read: Promise<CodeReads> = readCodeRedemptions(tx, items),
): Promise<Array<Settled<Redemption>>> {
  if (new Set(items.map(({ input }) => input.code.slice(0, 6))).size !== items.length)
    throw new Error('a redeem code is given twice in one batch');
  const now = items[0]!.actor.now;
  const { codes, facts } = await read;
  const { budget } = facts;
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
  const done = await complete(tx, items, identified, facts);
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

/** What counter redemptions read, all before anything is written. */
export interface CounterFacts {
  budget: GuessBudget;
  /** Each request's catalogue item (or none), indexed like the requests. */
  catalogue: Array<Settled<RedeemedItem | null>>;
  /** The residents' lots, for the receipt's lapse schedule after the redemption. */
  lots: Awaited<ReturnType<typeof lotsOfResidents>>;
  ledger: LedgerFacts;
}

/**
 * Reads what redemptions at counters need, given `residents`, a query of the user ids the requests
 * may name (a code's or a card's holder): the merchants' guessing budgets, the catalogue items, the
 * residents' lots, the ledger's head and the residents' and shops' accounts. Issued together, with
 * the caller's own reads: one round trip on a remote database (db/round-trips.ts).
 */
function readCounterFacts(
  tx: Db,
  items: Array<Item<Actor, Purchase>>,
  residents: SQL,
): Promise<CounterFacts> {
  const merchants = [...new Set(items.map(({ actor }) => actor.actorId))];
  return Promise.all([
    GuessBudget.of(tx, merchants, items[0]!.actor.now),
    itemsForRedemption(
      tx,
      items.map(({ actor, input }) => ({ merchantId: actor.actorId, ...input })),
    ),
    lotsOfResidents(tx, residents),
    readLedgerFacts(
      tx,
      sql`${residents} union select id from users where id in ${inList(merchants)}`,
    ),
  ]).then(([budget, catalogue, lots, ledger]) => ({ budget, catalogue, lots, ledger }));
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
  facts: CounterFacts,
): Promise<Array<Settled<Redemption> | undefined>> {
  const results: Array<Settled<Redemption> | undefined> = [];
  const { lots } = facts;
  const catalogue = identified.map(({ i }) => facts.catalogue[i]!);
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
    facts.ledger,
  );
  const standing = standingsFrom(
    lots,
    items[0]!.actor.now,
    new Map(done.flatMap((d) => (d.ok ? [[d.value.residentAccount, d.value.balanceAfter]] : []))),
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

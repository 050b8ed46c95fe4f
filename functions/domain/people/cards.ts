import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { cardGuards, cards } from '../../../db/schema';
import { hashSecret, verifySecret } from '../shared/crypto';
import { DomainError } from '../shared/errors';
import { guard } from '../shared/guard';

export const PIN_MAX_FAILURES = 5;
export const PIN_LOCK_MS = 15 * 60_000;

/** A PIN already checked against the card's stored hash, before the write transaction. */
export interface PinCheck {
  cardNo: string;
  pinHash: string;
  ok: boolean;
}

/** Hashed against when the card does not exist, so that an unknown card takes as long as a wrong PIN. */
let unknownCardHash: Promise<string> | undefined;
const hashOfNoCard = () => (unknownCardHash ??= hashSecret(crypto.randomUUID()));

/**
 * The slow part of a card sign-in (PBKDF2, tens of milliseconds), done on a read before the write
 * transaction: inside it, every write queued behind this one (a whole group commit of other
 * counters' redemptions) would wait for the hash.
 */
export async function checkCardPin(db: Db, cardNo: string, pin: string): Promise<PinCheck> {
  const [card] = await db
    .select({ pinHash: cards.pinHash })
    .from(cards)
    .where(eq(cards.cardNo, cardNo));
  const pinHash = card?.pinHash ?? (await hashOfNoCard());
  const ok = await verifySecret(pin, pinHash);
  return { cardNo, pinHash, ok: ok && card !== undefined };
}

const wrongCard = (remaining: number) =>
  new DomainError(
    'pin_invalid',
    `卡号或密码不对，请核对卡号后请居民重输密码（此卡还可再试 ${remaining} 次）`,
    { remaining },
  );

/** The answer to a locked card: when it opens again, and that staff can open it sooner. */
export function cardLocked(lockedUntil: string, now: Date): DomainError {
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000),
  );
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError(
    'card_locked',
    `此卡密码连续输错 ${PIN_MAX_FAILURES} 次，已锁定，请 ${minutes} 分钟后再试；或请居民带身份证到社区服务站重置密码`,
    {
      lockedUntil,
      retryAfterSeconds,
    },
  );
}

/** A card number's holder, PIN hash and guard, as authenticateCard judges them. */
export interface CardState {
  residentId: number | null;
  pinHash: string | null;
  failedPins: number | null;
  lockedUntil: string | null;
}

/** What authenticateCard reads of a card number (issued early by a caller that reads other things with it). */
export async function readCard(tx: Db, cardNo: string): Promise<CardState | undefined> {
  const [row] = await tx.all<CardState>(
    sql`select c.resident_id as residentId, c.pin_hash as pinHash, g.failed_pins as failedPins, g.locked_until as lockedUntil
        from (select ${cardNo} as no) q left join cards c on c.card_no = q.no left join card_guards g on g.card_no = q.no limit 1`,
  );
  return row;
}

/**
 * Checks a paper card's PIN inside the caller's write transaction and answers the resident's id.
 * Every card number tried has a guard (card_guards), issued or not: five wrong PINs in a row lock
 * it for 15 minutes, and an unknown number is refused with exactly the words of a wrong PIN, so a
 * counter learns nothing about which cards exist. The failure count is written even though the
 * request fails: the caller must keep this write when it answers the refusal. `onWrongPin` hears of
 * each PIN judged wrong (not of an attempt on a locked card, which judges nothing).
 */
export async function authenticateCard(
  tx: Db,
  cardNo: string,
  pin: string,
  now: Date,
  checked?: PinCheck,
  onWrongPin?: () => void,
  read: Promise<CardState | undefined> = readCard(tx, cardNo),
): Promise<number> {
  const row = await read;
  if (row?.lockedUntil && Date.parse(row.lockedUntil) > now.getTime())
    throw cardLocked(row.lockedUntil, now);
  const pinHash = row?.pinHash ?? null;
  const ok =
    pinHash !== null &&
    (checked?.cardNo === cardNo && checked.pinHash === pinHash
      ? checked.ok
      : await verifySecret(pin, pinHash));
  if (ok && row?.residentId != null) {
    if (row.failedPins || row.lockedUntil) await clearCardGuard(tx, cardNo);
    return Number(row.residentId);
  }
  if (pinHash === null && checked?.cardNo !== cardNo) await verifySecret(pin, await hashOfNoCard());
  onWrongPin?.();
  // Wrong PINs tried in parallel each count: the write holds only if nobody counted one since.
  await guard(
    tx,
    sql`coalesce((select failed_pins from card_guards where card_no = ${cardNo}), 0) = ${Number(row?.failedPins ?? 0)}`,
  );
  const failedPins = Number(row?.failedPins ?? 0) + 1;
  if (failedPins >= PIN_MAX_FAILURES) {
    const lockedUntil = new Date(now.getTime() + PIN_LOCK_MS).toISOString();
    await setCardGuard(tx, cardNo, 0, lockedUntil);
    throw cardLocked(lockedUntil, now);
  }
  await setCardGuard(tx, cardNo, failedPins, null);
  throw wrongCard(PIN_MAX_FAILURES - failedPins);
}

async function setCardGuard(
  tx: Db,
  cardNo: string,
  failedPins: number,
  lockedUntil: string | null,
): Promise<void> {
  await tx
    .insert(cardGuards)
    .values({ cardNo, failedPins, lockedUntil })
    .onConflictDoUpdate({ target: cardGuards.cardNo, set: { failedPins, lockedUntil } });
}

/** Lifts a card's lock and forgets its wrong PINs (a right PIN, or staff resetting it at the service station). */
export async function clearCardGuard(tx: Db, cardNo: string): Promise<void> {
  await tx
    .update(cardGuards)
    .set({ failedPins: 0, lockedUntil: null })
    .where(eq(cardGuards.cardNo, cardNo));
}

import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { cards } from '../../../db/schema';
import { verifySecret } from '../shared/crypto';
import { DomainError } from '../shared/errors';

export const PIN_MAX_FAILURES = 5;
export const PIN_LOCK_MS = 15 * 60_000;

/** A PIN already checked against the card's stored hash, before the write transaction. */
export interface PinCheck {
  cardNo: string;
  pinHash: string;
  ok: boolean;
}

/**
 * The slow part of a card sign-in (PBKDF2, tens of milliseconds), done on a read before the write
 * transaction: inside it, every write queued behind this one (a whole group commit of other
 * counters' redemptions) would wait for the hash. Undefined for an unknown card.
 */
export async function checkCardPin(db: Db, cardNo: string, pin: string): Promise<PinCheck | undefined> {
  const [card] = await db.select({ pinHash: cards.pinHash }).from(cards).where(eq(cards.cardNo, cardNo));
  return card ? { cardNo, pinHash: card.pinHash, ok: await verifySecret(pin, card.pinHash) } : undefined;
}

/**
 * Checks a paper card's PIN inside the caller's write transaction. Five wrong PINs in a row lock the
 * card for 15 minutes; the failure count is written even though the caller's request fails, which
 * is why this runs outside any savepoint that a refusal would roll back. A `checked` PIN (see
 * checkCardPin) is used if the card's PIN has not changed since; otherwise the PIN is hashed here.
 */
export async function authenticateCard(tx: Db, cardNo: string, pin: string, now: Date, checked?: PinCheck): Promise<number> {
  const [card] = await tx.select().from(cards).where(eq(cards.cardNo, cardNo));
  if (!card) throw new DomainError('card_invalid', '卡号不存在');
  if (card.lockedUntil && Date.parse(card.lockedUntil) > now.getTime()) {
    throw new DomainError('card_locked', '密码错误次数过多，此卡已锁定 15 分钟', { lockedUntil: card.lockedUntil });
  }
  const ok = checked?.cardNo === cardNo && checked.pinHash === card.pinHash ? checked.ok : await verifySecret(pin, card.pinHash);
  if (ok) {
    if (card.failedPins !== 0 || card.lockedUntil) await tx.update(cards).set({ failedPins: 0, lockedUntil: null }).where(eq(cards.cardNo, cardNo));
    return card.residentId;
  }
  // The fifth wrong PIN is still answered as a wrong PIN; it locks the card for the attempts after it.
  const failedPins = card.failedPins + 1;
  if (failedPins >= PIN_MAX_FAILURES) {
    const lockedUntil = new Date(now.getTime() + PIN_LOCK_MS).toISOString();
    await tx.update(cards).set({ failedPins: 0, lockedUntil }).where(eq(cards.cardNo, cardNo));
    throw new DomainError('pin_invalid', '密码错误，此卡已锁定 15 分钟', { remaining: 0, lockedUntil });
  }
  await tx.update(cards).set({ failedPins, lockedUntil: null }).where(eq(cards.cardNo, cardNo));
  throw new DomainError('pin_invalid', `密码错误，还可再试 ${PIN_MAX_FAILURES - failedPins} 次`, { remaining: PIN_MAX_FAILURES - failedPins });
}

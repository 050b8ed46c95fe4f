import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  authenticateCard,
  checkCardPin,
  PIN_LOCK_MS,
  PIN_MAX_FAILURES,
  type PinCheck,
} from '../../../functions/domain/people/cards';
import type { DomainError } from '../../../functions/domain/shared/errors';
import { PIN } from '../../helpers/fixture';
import { rows } from '../../helpers/ledger';
import { useSeededCommunity } from '../../helpers/template';

const t0 = new Date('2026-03-09T02:00:00Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);

describe('paper card + PIN', () => {
  const t = useSeededCommunity();
  let card: string;
  beforeEach(() => {
    card = t.fixture.cards[0]!;
  });

  // As at the counter: the refusal is caught inside the transaction (by idempotent()), which
  // commits, so the failure count is kept.
  const attempt = (pin: string, at = t0, cardNo = card, checked?: PinCheck) =>
    t.database.write((tx) =>
      authenticateCard(tx, cardNo, pin, at, checked).then(
        (id) => ({ ok: true as const, id }),
        (e: DomainError) => ({ ok: false as const, code: e.code, details: e.details }),
      ),
    );

  it('the right PIN identifies the resident', async () => {
    expect(await attempt(PIN)).toEqual({ ok: true, id: t.r1 });
  });

  it('an unknown card answers exactly as a wrong PIN does, and locks the same way', async () => {
    for (let i = 1; i < PIN_MAX_FAILURES; i++) {
      const known = await attempt('0000', plus(i), card);
      const unknown = await attempt('0000', plus(i), 'C0000');
      expect(unknown).toEqual(known);
      expect(unknown).toEqual({
        ok: false,
        code: 'pin_invalid',
        details: { remaining: PIN_MAX_FAILURES - i },
      });
    }
    const lockedKnown = await attempt('0000', plus(10), card);
    const lockedUnknown = await attempt('0000', plus(10), 'C0000');
    expect(lockedUnknown).toEqual(lockedKnown);
    expect(lockedUnknown).toMatchObject({
      ok: false,
      code: 'card_locked',
      details: { retryAfterSeconds: PIN_LOCK_MS / 1000 },
    });
  });

  it('a wrong PIN → pin_invalid, counting down the remaining tries', async () => {
    for (let i = 1; i < PIN_MAX_FAILURES; i++) {
      expect(await attempt('0000')).toEqual({
        ok: false,
        code: 'pin_invalid',
        details: { remaining: PIN_MAX_FAILURES - i },
      });
    }
    const [row] = await rows<{ failed_pins: number }>(
      t.database.read,
      sql`select failed_pins from card_guards where card_no = ${card}`,
    );
    expect(Number(row!.failed_pins)).toBe(PIN_MAX_FAILURES - 1);
  });

  it('five wrong PINs in a row lock the card for 15 minutes (the fifth is answered as the lock), even against the right PIN', async () => {
    for (let i = 0; i < PIN_MAX_FAILURES - 1; i++)
      expect(await attempt('0000', plus(i * 1000))).toMatchObject({ code: 'pin_invalid' });
    expect(await attempt('0000', plus(4000))).toMatchObject({
      code: 'card_locked',
      details: { retryAfterSeconds: 900 },
    });
    expect(await attempt(PIN, plus(10_000))).toMatchObject({ ok: false, code: 'card_locked' });
    expect(await attempt(PIN, plus(4000 + PIN_LOCK_MS - 1000))).toMatchObject({
      ok: false,
      code: 'card_locked',
      details: { retryAfterSeconds: 1 },
    });
    // The lock runs from the fifth failure (at +4 s) and is over 15 minutes later.
    expect(await attempt(PIN, plus(4000 + PIN_LOCK_MS))).toEqual({ ok: true, id: t.r1 });
    const [row] = await rows<{ failed_pins: number; locked_until: string | null }>(
      t.database.read,
      sql`select failed_pins, locked_until from card_guards where card_no = ${card}`,
    );
    expect(row).toEqual({ failed_pins: 0, locked_until: null });
  });

  it('"in a row": a right PIN resets the count', async () => {
    for (let i = 0; i < PIN_MAX_FAILURES - 1; i++) await attempt('0000');
    expect(await attempt(PIN)).toMatchObject({ ok: true });
    for (let i = 0; i < PIN_MAX_FAILURES - 1; i++)
      expect(await attempt('0000')).toMatchObject({ code: 'pin_invalid' });
    expect(await attempt(PIN)).toMatchObject({ ok: true });
  });

  it('a lock is per card', async () => {
    for (let i = 0; i < PIN_MAX_FAILURES; i++) await attempt('0000');
    expect(await attempt(PIN)).toMatchObject({ code: 'card_locked' });
    expect(await attempt(PIN, t0, t.fixture.cards[1]!)).toEqual({
      ok: true,
      id: t.fixture.residents[1]!,
    });
  });

  it('a PIN checked before the write transaction counts exactly like one checked inside it', async () => {
    expect(await checkCardPin(t.database.read, 'C0000', PIN)).toMatchObject({
      cardNo: 'C0000',
      ok: false,
    });
    const wrong = (await checkCardPin(t.database.read, card, '0000'))!;
    expect(wrong.ok).toBe(false);
    for (let i = 0; i < PIN_MAX_FAILURES - 1; i++)
      expect(await attempt('0000', plus(i), card, wrong)).toMatchObject({ code: 'pin_invalid' });
    expect(await attempt('0000', plus(5), card, wrong)).toMatchObject({ code: 'card_locked' });
    const right = (await checkCardPin(t.database.read, card, PIN))!;
    expect(right.ok).toBe(true);
    // A right PIN does not open a locked card, however it was checked.
    expect(await attempt(PIN, plus(10), card, right)).toMatchObject({
      ok: false,
      code: 'card_locked',
    });
    expect(await attempt(PIN, plus(PIN_LOCK_MS + 10), card, right)).toEqual({ ok: true, id: t.r1 });
  });

  it('a check made before the PIN was changed is not trusted: the PIN is checked again', async () => {
    const stale: PinCheck = {
      cardNo: card,
      pinHash: 'pbkdf2-sha256$1$c3RhbGU=$c3RhbGU=',
      ok: true,
    };
    expect(await attempt('0000', t0, card, stale)).toMatchObject({
      ok: false,
      code: 'pin_invalid',
    });
    // …nor a check of another card.
    const other = (await checkCardPin(t.database.read, t.fixture.cards[1]!, PIN))!;
    expect(await attempt('0000', t0, card, other)).toMatchObject({
      ok: false,
      code: 'pin_invalid',
    });
  });

  it('PINs are stored hashed, never in clear', async () => {
    const stored = await rows<{ pin_hash: string }>(
      t.database.read,
      sql`select pin_hash from cards`,
    );
    for (const r of stored) {
      expect(r.pin_hash).toMatch(/^pbkdf2-sha256\$\d+\$/);
      expect(r.pin_hash).not.toContain(PIN);
    }
  });
});

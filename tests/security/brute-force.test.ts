import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { GUESS_BUDGETS } from '../../functions/domain/counter/budget';
import { PIN_MAX_FAILURES } from '../../functions/domain/people/cards';
import { LOGIN_MAX_FAILURES } from '../../functions/domain/people/sessions';
import { bodyOf, client } from '../helpers/client';
import { PIN } from '../helpers/fixture';
import { call, newKey, type Response, useWorld } from '../helpers/http';
import { grant, snapshot } from '../helpers/ledger';

/**
 * Guessing in parallel: 200 attempts fired at once (Promise.all) must get no more judgements than
 * one attempt after another would — the budget is checked and spent inside the write, not read
 * before it and raced past. Everything past the budget is refused without being judged.
 */
const ATTEMPTS = 200;

const Refusal = z.object({ error: z.object({ code: z.string() }) });
const codeOf = (res: Response) =>
  Refusal.safeParse(res.body).data?.error.code ?? `status ${res.status}`;
const tally = (answers: Response[]) => {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[codeOf(a)] = (counts[codeOf(a)] ?? 0) + 1;
  return counts;
};

describe(`brute force under ${ATTEMPTS} parallel attempts`, () => {
  const w = useWorld(['m1', 'm2', 'r1', 'staff'] as const);

  it(`typed redeem codes: exactly the counter's burst budget (${GUESS_BUDGETS.burst.failuresMax}) is judged, the rest 429; the real code still works elsewhere`, async () => {
    await grant(w.t.database, w.f.staffId, w.f.residents[0]!, 50, w.time.now);
    const issued = await bodyOf(
      await client(w.app, { token: w.tokens.r1 }).me['redeem-codes'].$post(),
      201,
    );
    const real = String(issued.code);
    const wrong = (i: number) => String((Number(real) + 1 + i) % 1_000_000).padStart(6, '0');
    const answers = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        call(w.app, 'POST', '/api/counter/redemptions', {
          token: w.tokens.m1,
          idempotencyKey: newKey('brute-code'),
          body: { code: wrong(i), points: 1 },
        }),
      ),
    );
    const t = tally(answers);
    console.log(`brute force, codes: ${JSON.stringify(t)}`);
    expect(t.code_invalid).toBe(GUESS_BUDGETS.burst.failuresMax);
    expect(t.too_many_attempts).toBe(ATTEMPTS - GUESS_BUDGETS.burst.failuresMax);
    expect(answers.every((a) => a.status === 422 || a.status === 429 || a.status === 404)).toBe(
      true,
    );
    // The budget is the merchant's: another counter still redeems the resident's real code.
    const honest = await call(w.app, 'POST', '/api/counter/redemptions', {
      token: w.tokens.m2,
      idempotencyKey: newKey('brute-code'),
      body: { code: real, points: 5 },
    });
    expect(honest.status).toBe(201);
  });

  it(`card PINs: ${PIN_MAX_FAILURES} wrong PINs judged, then the card locks; nothing else is judged, and the right PIN is refused while locked`, async () => {
    const card = w.f.cards[0]!;
    const before = await snapshot(w.t.database);
    const answers = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        call(w.app, 'POST', '/api/counter/lookup', {
          token: i % 2 ? w.tokens.m1 : w.tokens.m2,
          body: {
            card,
            pin:
              String(i % 10_000).padStart(4, '0') === PIN
                ? '0000'
                : String(i % 10_000).padStart(4, '0'),
          },
        }),
      ),
    );
    const t = tally(answers);
    console.log(`brute force, card PINs: ${JSON.stringify(t)}`);
    // The fifth wrong PIN is judged too: it is the one that locks the card.
    expect(t.pin_invalid).toBe(PIN_MAX_FAILURES - 1);
    expect((t.pin_invalid ?? 0) + (t.card_locked ?? 0) + (t.too_many_attempts ?? 0)).toBe(ATTEMPTS);
    expect(answers.some((a) => a.status < 300)).toBe(false);
    const after = await snapshot(w.t.database);
    expect(after.cards).not.toEqual(before.cards);
    expect(after.balances).toEqual(before.balances);
    const right = await call(w.app, 'POST', '/api/counter/lookup', {
      token: w.tokens.m1,
      body: { card, pin: PIN },
    });
    expect(codeOf(right)).toMatch(/^(card_locked|too_many_attempts)$/);
  });

  it(`logins: at most ${LOGIN_MAX_FAILURES} wrong passwords for one login are judged, the rest refused; none signs in`, async () => {
    const answers = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        call(w.app, 'POST', '/api/auth/login', {
          body: { login: 'staff', password: `guess-${i}` },
        }),
      ),
    );
    const t = tally(answers);
    console.log(`brute force, logins: ${JSON.stringify(t)}`);
    expect(t.invalid_credentials ?? 0).toBeGreaterThan(0);
    expect(t.invalid_credentials ?? 0).toBeLessThanOrEqual(LOGIN_MAX_FAILURES);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(
      ATTEMPTS - (t.invalid_credentials ?? 0),
    );
    expect(answers.some((a) => a.status === 200)).toBe(false);
    // The staff member's own session is untouched by the outsider's guessing.
    expect((await call(w.app, 'GET', '/api/auth/me', { token: w.tokens.staff })).status).toBe(200);
  });
});

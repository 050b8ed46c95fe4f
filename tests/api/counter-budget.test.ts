import { describe, expect, it } from 'vitest';
import { GUESS_BUDGETS } from '../../functions/domain/counter/budget';
import { answerOf, bodyOf, client } from '../helpers/client';
import { PIN } from '../helpers/fixture';
import { awardVia, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { snapshot } from '../helpers/ledger';

type Counter = ReturnType<typeof client>['counter'];
type Lookup = Parameters<Counter['lookup']['$post']>[0]['json'];
type Redemption = Parameters<Counter['redemptions']['$post']>[0]['json'];

const BURST = GUESS_BUDGETS.burst.failuresMax;
const DAILY = GUESS_BUDGETS.daily.failuresMax;

describe("counter: a merchant's guessing budget", () => {
  const w = useWorld(['staff', 'r1', 'm1', 'm2']);

  const newCode = async () =>
    bodyOf(await client(w.app, { token: w.tokens.r1 }).me['redeem-codes'].$post(), 201);
  const redeeming = (json: Redemption, token = w.tokens.m1, key = newKey('redeem')) =>
    client(w.app, { token }).counter.redemptions.$post({
      header: { 'idempotency-key': key },
      json,
    });
  const redeem = async (json: Redemption, token?: string, key?: string) =>
    answerOf(await redeeming(json, token, key));
  const lookup = async (json: Lookup, token = w.tokens.m1) =>
    answerOf(await client(w.app, { token }).counter.lookup.$post({ json }));
  /** A code no resident holds (codes are issued at random, so pick one that differs from the live one). */
  const wrongCode = (i: number, live: string) => {
    const c = String(100_000 + i).padStart(6, '0');
    return c === live ? String(200_000 + i) : c;
  };
  const codes = (rs: Array<Awaited<ReturnType<typeof answerOf>>>) =>
    rs.map((r) => (r.status < 400 ? 'ok' : (r.body.error.code as string)));

  it('wrong codes sent all at once are judged only while budget is left; then 429 too_many_attempts with Retry-After, for a right code too', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const live = await newCode();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? lookup({ code: wrongCode(i, live.code) })
          : redeem({ code: wrongCode(i, live.code), points: 1 }),
      ),
    );
    const seen = codes(answers);
    expect(seen.filter((c) => c === 'code_invalid')).toHaveLength(BURST);
    expect(seen.filter((c) => c === 'too_many_attempts')).toHaveLength(40 - BURST);
    const paused = answers.find((r) => r.status === 429)!;
    expectError(paused, 429, 'too_many_attempts');
    expect(Number(paused.headers.get('retry-after'))).toBe(GUESS_BUDGETS.burst.windowMs / 1000);
    // Paused means paused: the resident's own valid code is not even looked at.
    const before = await snapshot(w.t.database);
    expectError(await redeem({ code: live.code, points: 5 }), 429, 'too_many_attempts');
    expectError(await lookup({ code: live.code }), 429, 'too_many_attempts');
    expect(await snapshot(w.t.database)).toEqual(before);
    // Another counter is not affected.
    expect((await lookup({ code: live.code }, w.tokens.m2)).status).toBe(200);
    // The staff console is told.
    const alerts = await bodyOf(
      await client(w.app, { token: w.tokens.staff }).staff['counter-alerts'].$get(),
      200,
    );
    expect(alerts.alerts).toEqual([
      {
        id: 1,
        merchantId: w.f.merchants[0],
        shopName: '明亮眼镜店',
        at: w.time.now.toISOString(),
        until: new Date(w.time.now.getTime() + GUESS_BUDGETS.burst.windowMs).toISOString(),
        window: 'burst',
        failures: BURST,
      },
    ]);
    expectError(
      await answerOf(await client(w.app, { token: w.tokens.m1 }).staff['counter-alerts'].$get()),
      403,
      'forbidden',
    );
    // The window slides: ten minutes later the counter works again, and the same request's key
    // was not spent on the pause (a "try later" is not the request's outcome).
    w.time.advance(6 * 60_000);
    const late = await newCode();
    const key = newKey('after-pause');
    expectError(
      await redeem({ code: late.code, points: 5 }, w.tokens.m1, key),
      429,
      'too_many_attempts',
    );
    w.time.advance(GUESS_BUDGETS.burst.windowMs - 6 * 60_000);
    const ok = await bodyOf(await redeeming({ code: late.code, points: 5 }, w.tokens.m1, key), 201);
    expect(ok.balanceAfter).toBe(95);
  });

  it('wrong PINs over many cards spend the same budget; the per-card lock still holds within it', async () => {
    const tries = Array.from({ length: 30 }, (_, i) =>
      lookup({ card: `C${String(5000 + i)}`, pin: '0000' }),
    );
    const seen = codes(await Promise.all(tries));
    expect(seen.filter((c) => c === 'pin_invalid')).toHaveLength(BURST);
    expect(seen.filter((c) => c === 'too_many_attempts')).toHaveLength(30 - BURST);
    // The fixture's cards are fine at another counter.
    expect((await lookup({ card: w.f.cards[0]!, pin: PIN }, w.tokens.m2)).status).toBe(200);
  });

  it('a card attacked from two counters at once takes at most five wrong PINs before it locks', async () => {
    const card = w.f.cards[1]!;
    const tries = Array.from({ length: 16 }, (_, i) =>
      lookup({ card, pin: String(1000 + i) }, i % 2 ? w.tokens.m1 : w.tokens.m2),
    );
    const seen = codes(await Promise.all(tries));
    expect(seen.filter((c) => c === 'pin_invalid')).toHaveLength(4);
    expect(seen.filter((c) => c === 'card_locked')).toHaveLength(12);
    expectError(await lookup({ card, pin: PIN }), 423, 'card_locked');
  });

  it('the daily budget pauses typed codes and PINs, not the QR: a year of guessing at it expects under one stolen code', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    for (let round = 0; round * (BURST - 1) < DAILY; round++) {
      for (let i = 0; i < BURST - 1; i++) await lookup({ code: String(300_000 + round * 100 + i) });
      w.time.advance(GUESS_BUDGETS.burst.windowMs);
    }
    const live = await newCode();
    const typed = await lookup({ code: live.code });
    expectError(typed, 429, 'too_many_attempts');
    expect(Number(typed.headers.get('retry-after'))).toBeGreaterThan(
      GUESS_BUDGETS.burst.windowMs / 1000,
    );
    expectError(await lookup({ card: w.f.cards[0]!, pin: PIN }), 429, 'too_many_attempts');
    const scanned = await redeem({ code: live.scanCode, points: 10 });
    expect(scanned.status).toBe(201);
    // The arithmetic of SECURITY.md: the daily budget over a year, against 100 live 6-digit codes.
    expect((DAILY * 365 * 100) / 1_000_000).toBeLessThan(1);
  });

  it('the budget is per merchant, across sessions: signing in again does not refill it', async () => {
    for (let i = 0; i < BURST; i++) await lookup({ code: String(400_000 + i) });
    const again = await loginAs(w.app, 'm1');
    expectError(await lookup({ code: '499999' }, again), 429, 'too_many_attempts');
  });
});

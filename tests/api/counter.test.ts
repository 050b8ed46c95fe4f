import { beforeEach, describe, expect, it } from 'vitest';
import { allPages, answerOf, bodyOf, client } from '../helpers/client';
import { PIN } from '../helpers/fixture';
import { awardVia, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import {
  balanceOf,
  expectLedgerInvariants,
  grant,
  type Snapshot,
  snapshot,
} from '../helpers/ledger';

type Counter = ReturnType<typeof client>['counter'];
type Redemption = Parameters<Counter['redemptions']['$post']>[0]['json'];

const sameExceptStoredOutcomes = (a: Snapshot, b: Snapshot) =>
  expect({ ...b, counts: { ...b.counts, idempotency_keys: 0 } }).toEqual({
    ...a,
    counts: { ...a.counts, idempotency_keys: 0 },
  });

describe('counter: one-time codes', () => {
  const w = useWorld(['staff', 'r1', 'm1']);
  beforeEach(() => awardVia(w, w.tokens.staff, w.f.residents[0]!, 100));

  const newCode = async (token = w.tokens.r1) =>
    (await bodyOf(await client(w.app, { token }).me['redeem-codes'].$post(), 201)).code;
  const send = (json: Redemption, token = w.tokens.m1, key = newKey('redeem')) =>
    client(w.app, { token }).counter.redemptions.$post({
      header: { 'idempotency-key': key },
      json,
    });
  const redeem = async (json: Redemption, token?: string) => answerOf(await send(json, token));

  it('a valid code redeems once: 201 with id, points, at, the masked name and the balance after', async () => {
    const code = await newCode();
    const res = await bodyOf(await send({ code, points: 35, note: '老花镜' }), 201);
    expect(res).toEqual({
      id: 2,
      points: 35,
      at: w.time.now.toISOString(),
      resident: { maskedName: '张*华' },
      balanceAfter: 65,
      item: null,
      expiring: [{ points: 65, on: expect.stringMatching(/^\d{4}-01-01$/) }],
    });
    expect(await balanceOf(w.t.database, w.f.merchants[0]!)).toBe(35);
    const m2 = await loginAs(w.app, 'm2');
    const before = await snapshot(w.t.database);
    expectError(await redeem({ code, points: 1 }), 409, 'code_used');
    // Another merchant cannot use it either.
    expectError(await redeem({ code, points: 1 }, m2), 409, 'code_used');
    sameExceptStoredOutcomes(before, await snapshot(w.t.database));
  });

  it('an unknown code → 422 code_invalid', async () => {
    const code = await newCode();
    const unknown = code === '000000' ? '000001' : '000000';
    const before = await snapshot(w.t.database);
    expectError(await redeem({ code: unknown, points: 5 }), 422, 'code_invalid');
    sameExceptStoredOutcomes(before, await snapshot(w.t.database));
  });

  it('a code expires after 5 minutes → 422 code_expired', async () => {
    const code = await newCode();
    w.time.advance(5 * 60_000 - 1000);
    const stillValid = await newCode();
    expect((await redeem({ code, points: 5 })).status).toBe(201);
    w.time.advance(5 * 60_000);
    const before = await snapshot(w.t.database);
    expectError(await redeem({ code: stillValid, points: 5 }), 422, 'code_expired');
    sameExceptStoredOutcomes(before, await snapshot(w.t.database));
  });

  it('exactly at 5 minutes the code is expired', async () => {
    const code = await newCode();
    w.time.advance(5 * 60_000);
    expectError(await redeem({ code, points: 5 }), 422, 'code_expired');
  });

  it('a resident holds at most five live codes: a sixth revokes the oldest', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push(await newCode());
      w.time.advance(1000);
    }
    expectError(await redeem({ code: codes[0]!, points: 1 }), 422, 'code_invalid');
    for (const code of codes.slice(1)) expect((await redeem({ code, points: 1 })).status).toBe(201);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(95);
  });

  it('expired or used codes do not count towards the five', async () => {
    const first = await newCode();
    expect((await redeem({ code: first, points: 1 })).status).toBe(201);
    for (let i = 0; i < 2; i++) await newCode();
    w.time.advance(6 * 60_000);
    const live: string[] = [];
    for (let i = 0; i < 5; i++) live.push(await newCode());
    for (const code of live) expect((await redeem({ code, points: 1 })).status).toBe(201);
  });

  it('not enough points → 409 insufficient_points, nothing moves, and the code stays usable', async () => {
    const code = await newCode();
    const before = await snapshot(w.t.database);
    expectError(await redeem({ code, points: 101 }), 409, 'insufficient_points');
    sameExceptStoredOutcomes(before, await snapshot(w.t.database));
    const ok = await bodyOf(await send({ code, points: 100 }), 201);
    expect(ok.balanceAfter).toBe(0);
    await expectLedgerInvariants(w.t.database);
  });
});

describe('counter: paper card + PIN', () => {
  const w = useWorld(['m1', 'staff']);
  let card: string;
  beforeEach(async () => {
    card = w.f.cards[1]!;
    await awardVia(w, w.tokens.staff, w.f.residents[1]!, 60);
  });

  const send = (pin: string, points = 10, cardNo = card) =>
    client(w.app, { token: w.tokens.m1 }).counter.redemptions.$post({
      header: { 'idempotency-key': newKey('card') },
      json: { card: cardNo, pin, points },
    });
  const redeem = async (pin: string, points?: number, cardNo?: string) =>
    answerOf(await send(pin, points, cardNo));

  it('card + right PIN redeems', async () => {
    const res = await bodyOf(await send(PIN, 25), 201);
    expect(res).toMatchObject({ points: 25, resident: { maskedName: '李*英' }, balanceAfter: 35 });
  });

  it('a wrong PIN → 422 pin_invalid and moves nothing', async () => {
    const before = await snapshot(w.t.database);
    expectError(await redeem('0000'), 422, 'pin_invalid');
    const after = await snapshot(w.t.database);
    expect(after.head).toBe(before.head);
    expect(after.balances).toEqual(before.balances);
  });

  it('an unknown card → 422 pin_invalid, word for word the answer to a wrong PIN, tries left included', async () => {
    const unknown = await redeem(PIN, 10, 'C0000');
    expectError(unknown, 422, 'pin_invalid');
    expect(unknown.body.error.details).toEqual({ remaining: 4 });
    expect(unknown.body).toEqual((await redeem('0000')).body);
  });

  it('5 wrong PINs in a row lock the card (423 card_locked with Retry-After, the fifth already); even the right PIN waits 15 minutes', async () => {
    for (let i = 0; i < 4; i++) expectError(await redeem('0000'), 422, 'pin_invalid');
    const fifth = await redeem('0000');
    expectError(fifth, 423, 'card_locked');
    expect(fifth.headers.get('retry-after')).toBe('900');
    expect(fifth.body.error.message).toContain('服务站');
    const before = await snapshot(w.t.database);
    expectError(await redeem(PIN), 423, 'card_locked');
    expect((await snapshot(w.t.database)).balances).toEqual(before.balances);
    w.time.advance(15 * 60_000 - 1000);
    expectError(await redeem(PIN), 423, 'card_locked');
    w.time.advance(1000);
    const ok = await bodyOf(await send(PIN, 10), 201);
    expect(ok.balanceAfter).toBe(50);
  });

  it('a right PIN in between resets the count', async () => {
    for (let i = 0; i < 4; i++) expectError(await redeem('0000'), 422, 'pin_invalid');
    expect((await redeem(PIN, 1)).status).toBe(201);
    for (let i = 0; i < 4; i++) expectError(await redeem('0000'), 422, 'pin_invalid');
    expect((await redeem(PIN, 1)).status).toBe(201);
  });

  it('not enough points → 409 insufficient_points stating the balance (also on a replay), nothing moves', async () => {
    const before = await snapshot(w.t.database);
    const key = newKey('short');
    const again = async () =>
      answerOf(
        await client(w.app, { token: w.tokens.m1 }).counter.redemptions.$post({
          header: { 'idempotency-key': key },
          json: { card, pin: PIN, points: 61 },
        }),
      );
    const short = await again();
    expectError(short, 409, 'insufficient_points');
    expect(short.body.error.details).toEqual({ balance: 60 });
    expect((await again()).body).toEqual(short.body);
    sameExceptStoredOutcomes(before, await snapshot(w.t.database));
  });
});

describe('GET /api/counter/redemptions', () => {
  const w = useWorld();

  it("lists only this merchant's own redemptions (and reversals), newest first, paged with a cursor", async () => {
    const staff = client(w.app, { token: await loginAs(w.app, 'staff') });
    const m1 = client(w.app, { token: await loginAs(w.app, 'm1') }).counter;
    const m2 = client(w.app, { token: await loginAs(w.app, 'm2') }).counter;
    await grant(w.t.database, w.f.staffId, w.f.residents[0]!, 1000, w.time.now);
    const header = () => ({ 'idempotency-key': newKey() });
    const mine: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const a = await bodyOf(
        await m1.redemptions.$post({
          header: header(),
          json: { card: w.f.cards[0]!, pin: PIN, points: i },
        }),
        201,
      );
      mine.push(a.id);
      await m2.redemptions.$post({
        header: header(),
        json: { card: w.f.cards[0]!, pin: PIN, points: 100 + i },
      });
    }
    const reversal = await staff.staff.entries[':id'].reverse.$post({
      header: header(),
      param: { id: String(mine[0]) },
      json: { reason: '退货' },
    });
    expect(reversal.status).toBe(201);

    const { items: lines } = await allPages(2, async (query) =>
      bodyOf(await m1.redemptions.$get({ query }), 200),
    );
    expect(lines.map((l) => [l.kind, l.points])).toEqual([
      ['reversal', -1],
      ['redeem', 5],
      ['redeem', 4],
      ['redeem', 3],
      ['redeem', 2],
      ['redeem', 1],
    ]);
    expect(lines.slice(1).map((l) => l.id)).toEqual([...mine].reverse());
    const theirs = await bodyOf(await m2.redemptions.$get({ query: { limit: '100' } }), 200);
    expect(theirs.items.map((l) => l.points)).toEqual([105, 104, 103, 102, 101]);
    expect(theirs.nextCursor).toBeNull();
  });

  it('an empty list for a new merchant; bad paging → 400', async () => {
    const m1 = client(w.app, { token: await loginAs(w.app, 'm1') }).counter.redemptions;
    expect(await bodyOf(await m1.$get({ query: {} }), 200)).toEqual({
      items: [],
      nextCursor: null,
    });
    expectError(await answerOf(await m1.$get({ query: { limit: '0' } })), 400, 'invalid_request');
    expectError(await answerOf(await m1.$get({ query: { limit: '101' } })), 400, 'invalid_request');
    expectError(await answerOf(await m1.$get({ query: { cursor: 'x' } })), 400, 'invalid_request');
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { households } from '../../db/schema';
import { createResident } from '../../functions/domain/people/directory';
import { answerOf, bodyOf, client } from '../helpers/client';
import { setSetting } from '../helpers/daily-use';
import { FAST_HASHING, PIN } from '../helpers/fixture';
import { awardVia, expectError, loginAs, newKey, useWorld, type World } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, type Snapshot, snapshot } from '../helpers/ledger';

/** An award through the typed client, as staff. */
const awarding = (
  w: World,
  token: string,
  residentId: number,
  points: number,
  extra: { activityId?: number } = {},
) =>
  client(w.app, { token }).staff.awards.$post({
    header: { 'idempotency-key': newKey('award') },
    json: { residentId, points, reason: '志愿服务', ...extra },
  });
const award = async (
  w: World,
  token: string,
  residentId: number,
  points: number,
  extra?: { activityId?: number },
) => answerOf(await awarding(w, token, residentId, points, extra));

const sameExceptStoredOutcomes = (a: Snapshot, b: Snapshot) =>
  expect({ ...b, counts: { ...b.counts, idempotency_keys: 0 } }).toEqual({
    ...a,
    counts: { ...a.counts, idempotency_keys: 0 },
  });

describe('POST /api/staff/awards', () => {
  const w = useWorld(['staff']);

  it('awards 1 to 1000 points: 201 with the entry id and the balance after', async () => {
    // Up to the community's per-award threshold the award moves at once (above it: tests/api/two-person.test.ts).
    await setSetting(w.t.database, 'award_approval_threshold', '1000');
    const a = await bodyOf(await awarding(w, w.tokens.staff, w.f.residents[0]!, 1), 201);
    expect(a).toEqual({ id: 1, balanceAfter: 1 });
    const b = await bodyOf(await awarding(w, w.tokens.staff, w.f.residents[0]!, 1000), 201);
    expect(b).toEqual({ id: 2, balanceAfter: 1001 });
    const { totals } = await expectLedgerInvariants(w.t.database);
    expect(totals.issued).toBe(1001);
  });

  it.each([0, 1001, -5, 2.5])('%s points → 400 invalid_request, nothing moves', async (points) => {
    const before = await snapshot(w.t.database);
    expectError(await award(w, w.tokens.staff, w.f.residents[0]!, points), 400, 'invalid_request');
    expect(await snapshot(w.t.database)).toEqual(before);
  });

  it('the daily cap per activity type → 422 daily_cap_exceeded', async () => {
    const { activityId } = w.f;
    expect((await award(w, w.tokens.staff, w.f.residents[0]!, 30, { activityId })).status).toBe(
      201,
    );
    expect((await award(w, w.tokens.staff, w.f.residents[0]!, 20, { activityId })).status).toBe(
      201,
    );
    const before = await snapshot(w.t.database);
    expectError(
      await award(w, w.tokens.staff, w.f.residents[0]!, 1, { activityId }),
      422,
      'daily_cap_exceeded',
    );
    sameExceptStoredOutcomes(before, await snapshot(w.t.database));
    expect((await award(w, w.tokens.staff, w.f.residents[1]!, 50, { activityId })).status).toBe(
      201,
    );
  });

  it('an unknown resident (or a non-resident) → 404 not_found; an unknown activity → 404', async () => {
    const before = await snapshot(w.t.database);
    expectError(await award(w, w.tokens.staff, 9999, 10), 404, 'not_found');
    expectError(await award(w, w.tokens.staff, w.f.merchants[0]!, 10), 404, 'not_found');
    expectError(await award(w, w.tokens.staff, w.f.staffId, 10), 404, 'not_found');
    expectError(
      await award(w, w.tokens.staff, w.f.residents[0]!, 10, { activityId: 999 }),
      404,
      'not_found',
    );
    sameExceptStoredOutcomes(before, await snapshot(w.t.database));
  });
});

describe('POST /api/staff/entries/{id}/reverse', () => {
  const w = useWorld(['staff']);

  const entries = () => client(w.app, { token: w.tokens.staff }).staff.entries[':id'];
  const reversing = (id: number) =>
    entries().reverse.$post({
      header: { 'idempotency-key': newKey('rev') },
      param: { id: String(id) },
      json: { reason: '录入错误' },
    });
  const reverse = async (id: number) => answerOf(await reversing(id));
  const entry = (id: number) => entries().$get({ param: { id: String(id) } });

  it('a compensating entry; the original is unchanged and reversed at most once', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 80);
    const original = await bodyOf(await entry(1), 200);
    expect(original).toMatchObject({ id: 1, kind: 'award', reversesId: null, reversedBy: null });

    const res = await bodyOf(await reversing(1), 201);
    expect(res).toEqual({ id: 2, at: w.time.now.toISOString(), reverses: 1 });
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(0);

    const after = await bodyOf(await entry(1), 200);
    expect({ ...after, reversedBy: null }).toEqual(original);
    expect(after.reversedBy).toBe(2);
    const rev = await bodyOf(await entry(2), 200);
    expect(rev).toMatchObject({ kind: 'reversal', reversesId: 1 });
    expect(rev.postings.map((p) => p.amount).sort()).toEqual(
      original.postings.map((p) => -p.amount).sort(),
    );

    const before = await snapshot(w.t.database);
    expectError(await reverse(1), 409, 'already_reversed');
    expectError(await reverse(2), 409, 'cannot_reverse_reversal');
    sameExceptStoredOutcomes(before, await snapshot(w.t.database));
    await expectLedgerInvariants(w.t.database);
  });

  it('a reversal that would make a balance negative → 409 insufficient_points, nothing moves', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 50);
    const m1 = await loginAs(w.app, 'm1');
    expect(
      (
        await client(w.app, { token: m1 }).counter.redemptions.$post({
          header: { 'idempotency-key': newKey() },
          json: { card: w.f.cards[0]!, pin: PIN, points: 40 },
        })
      ).status,
    ).toBe(201);
    const before = await snapshot(w.t.database);
    expectError(await reverse(1), 409, 'insufficient_points');
    sameExceptStoredOutcomes(before, await snapshot(w.t.database));
    // Reversing the redemption first gives the points back; then the award can be reversed.
    expect((await reverse(2)).status).toBe(201);
    expect((await reverse(1)).status).toBe(201);
    const { totals } = await expectLedgerInvariants(w.t.database);
    expect(totals).toEqual({ issued: 0, redeemed: 0, expired: 0, outstanding: 0 });
  });

  it('an unknown entry → 404 not_found; GET of an unknown entry → 404', async () => {
    expectError(await reverse(77), 404, 'not_found');
    expectError(await answerOf(await entry(77)), 404, 'not_found');
  });
});

describe('GET /api/staff/residents', () => {
  const w = useWorld(['staff']);
  let extra: number[];
  beforeEach(async () => {
    extra = await w.t.database.write(async (tx) => {
      const [h1] = await tx
        .insert(households)
        .values({ compound: '幸福里', building: '3栋', unit: '1单元', door: '101' })
        .returning();
      const [h2] = await tx
        .insert(households)
        .values({ compound: '幸福里', building: '5栋', unit: '2单元', door: '502' })
        .returning();
      const now = new Date('2026-03-09T02:00:00Z');
      return [
        await createResident(
          tx,
          {
            login: 'zhaolaoshi',
            fullName: '赵秀兰',
            householdId: h1!.id,
            card: { cardNo: 'C0042', pin: '2468' },
          },
          now,
          FAST_HASHING,
        ),
        await createResident(
          tx,
          { login: 'qian', password: 'x-password', fullName: '钱100%', householdId: h2!.id },
          now,
          FAST_HASHING,
        ),
      ];
    });
    await awardVia(w, w.tokens.staff, extra[0]!, 12);
  });

  type Query = { query?: string; limit?: string; cursor?: string };
  const searching = (query: string) =>
    client(w.app, { token: w.tokens.staff }).staff.residents.$get({
      query: Object.fromEntries(new URLSearchParams(query)) as Query,
    });
  const search = async (query: string) => bodyOf(await searching(query), 200);

  it('an empty query lists everyone, with full name, login, card, building and balance', async () => {
    const res = await search('');
    expect(res.nextCursor).toBeNull();
    expect(res.residents).toHaveLength(5);
    expect(res.residents.find((r) => r.id === extra[0])).toEqual({
      id: extra[0],
      name: '赵秀兰',
      login: 'zhaolaoshi',
      card: 'C0042',
      building: '幸福里3栋',
      balance: 12,
      movedAwayAt: null,
    });
    expect(res.residents.find((r) => r.id === w.f.residents[0])).toEqual({
      id: w.f.residents[0],
      name: '张三华',
      login: 'r1',
      card: 'C9001',
      building: null,
      balance: 0,
      movedAwayAt: null,
    });
    // Merchants and staff are not residents.
    expect(res.residents.map((r) => r.login)).not.toContain('m1');
    expect(res.residents.map((r) => r.login)).not.toContain('staff');
  });

  it.each([
    ['query=%E7%A7%80', ['李秀英', '赵秀兰']], // 秀: part of a name
    ['query=%E8%B5%B5%E7%A7%80%E5%85%B0', ['赵秀兰']], // the whole name
    ['query=r3', ['王建国']], // login
    ['query=zhaolao', ['赵秀兰']],
    ['query=C9002', ['李秀英']], // card
    ['query=c0042', ['赵秀兰']],
    ['query=3%E6%A0%8B', ['赵秀兰']], // building 3栋
    ['query=%E5%B9%B8%E7%A6%8F%E9%87%8C', ['赵秀兰', '钱100%']], // compound 幸福里
    ['query=100%25', ['钱100%']], // a literal %
    ['query=%25', ['钱100%']],
    ['query=_', []], // a literal _, not a wildcard
    ['query=nobody', []],
  ])('?%s finds %j', async (query, names) => {
    const res = await search(query);
    expect(res.residents.map((r) => r.name).sort()).toEqual([...names].sort());
  });

  it('pages with limit and cursor, each resident exactly once', async () => {
    const items: Awaited<ReturnType<typeof search>>['residents'] = [];
    let pages = 0;
    for (let cursor: string | null = ''; cursor !== null; pages++) {
      const page: Awaited<ReturnType<typeof search>> = await search(
        cursor ? `limit=2&cursor=${encodeURIComponent(cursor)}` : 'limit=2',
      );
      expect(page.residents.length).toBeLessThanOrEqual(2);
      items.push(...page.residents);
      cursor = page.nextCursor;
    }
    expect(pages).toBe(3);
    expect(items.map((r) => r.id)).toEqual([...w.f.residents, ...extra]);
    // Paging a filtered query.
    const first = await search('query=%E7%A7%80&limit=1');
    expect(first.residents).toHaveLength(1);
    const second = await search(`query=%E7%A7%80&limit=1&cursor=${first.nextCursor}`);
    expect(second.residents).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([first.residents[0]!.name, second.residents[0]!.name])).toEqual(
      new Set(['李秀英', '赵秀兰']),
    );
  });

  it.each(['limit=0', 'limit=501', 'limit=x', 'cursor=abc', `query=${'x'.repeat(101)}`])(
    '?%s → 400 invalid_request',
    async (query) => {
      expectError(await answerOf(await searching(query)), 400, 'invalid_request');
    },
  );

  it('limit=500 is allowed', async () => {
    expect((await searching('limit=500')).status).toBe(200);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { households } from '../../db/schema';
import { createResident } from '../../functions/domain/people/directory';
import { setSetting } from '../helpers/daily-use';
import { FAST_HASHING, PIN } from '../helpers/fixture';
import { balanceOf, expectLedgerInvariants, snapshot, type Snapshot } from '../helpers/ledger';
import { allPages, awardVia, call, expectError, loginAs, newKey, useWorld } from '../helpers/http';

const sameExceptStoredOutcomes = (a: Snapshot, b: Snapshot) =>
  expect({ ...b, counts: { ...b.counts, idempotency_keys: 0 } }).toEqual({ ...a, counts: { ...a.counts, idempotency_keys: 0 } });

describe('POST /api/staff/awards', () => {
  const w = useWorld(['staff']);

  it('awards 1 to 1000 points: 201 with the entry id and the balance after', async () => {
    // Up to the community's per-award threshold the award moves at once (above it: tests/api/two-person.test.ts).
    await setSetting(w.t.database, 'award_approval_threshold', '1000');
    const a = await awardVia(w, w.tokens.staff, w.f.residents[0]!, 1);
    expect(a.status).toBe(201);
    expect(a.body).toEqual({ id: 1, balanceAfter: 1 });
    const b = await awardVia(w, w.tokens.staff, w.f.residents[0]!, 1000);
    expect(b.body).toEqual({ id: 2, balanceAfter: 1001 });
    const { totals } = await expectLedgerInvariants(w.t.database);
    expect(totals.issued).toBe(1001);
  });

  it.each([0, 1001, -5, 2.5])('%s points → 400 invalid_request, nothing moves', async (points) => {
    const before = await snapshot(w.t.database);
    expectError(await awardVia(w, w.tokens.staff, w.f.residents[0]!, points), 400, 'invalid_request');
    expect(await snapshot(w.t.database)).toEqual(before);
  });

  it('the daily cap per activity type → 422 daily_cap_exceeded', async () => {
    const { activityId } = w.f;
    expect((await awardVia(w, w.tokens.staff, w.f.residents[0]!, 30, { activityId })).status).toBe(201);
    expect((await awardVia(w, w.tokens.staff, w.f.residents[0]!, 20, { activityId })).status).toBe(201);
    const before = await snapshot(w.t.database);
    expectError(await awardVia(w, w.tokens.staff, w.f.residents[0]!, 1, { activityId }), 422, 'daily_cap_exceeded');
    sameExceptStoredOutcomes(before, await snapshot(w.t.database));
    expect((await awardVia(w, w.tokens.staff, w.f.residents[1]!, 50, { activityId })).status).toBe(201);
  });

  it('an unknown resident (or a non-resident) → 404 not_found; an unknown activity → 404', async () => {
    const before = await snapshot(w.t.database);
    expectError(await awardVia(w, w.tokens.staff, 9999, 10), 404, 'not_found');
    expectError(await awardVia(w, w.tokens.staff, w.f.merchants[0]!, 10), 404, 'not_found');
    expectError(await awardVia(w, w.tokens.staff, w.f.staffId, 10), 404, 'not_found');
    expectError(await awardVia(w, w.tokens.staff, w.f.residents[0]!, 10, { activityId: 999 }), 404, 'not_found');
    sameExceptStoredOutcomes(before, await snapshot(w.t.database));
  });
});

describe('POST /api/staff/entries/{id}/reverse', () => {
  const w = useWorld(['staff']);

  const reverse = (id: number | string, reason = '录入错误') => call(w.app, 'POST', `/api/staff/entries/${id}/reverse`, { token: w.tokens.staff, idempotencyKey: newKey('rev'), body: { reason } });

  it('a compensating entry; the original is unchanged and reversed at most once', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 80);
    const original = await call(w.app, 'GET', '/api/staff/entries/1', { token: w.tokens.staff });
    expect(original.status).toBe(200);
    expect(original.body).toMatchObject({ id: 1, kind: 'award', reversesId: null, reversedBy: null });

    const res = await reverse(1);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 2, at: w.time.now.toISOString(), reverses: 1 });
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(0);

    const after = await call(w.app, 'GET', '/api/staff/entries/1', { token: w.tokens.staff });
    expect({ ...after.body, reversedBy: null }).toEqual(original.body);
    expect(after.body.reversedBy).toBe(2);
    const rev = await call(w.app, 'GET', '/api/staff/entries/2', { token: w.tokens.staff });
    expect(rev.body).toMatchObject({ kind: 'reversal', reversesId: 1 });
    expect(rev.body.postings.map((p: any) => p.amount).sort()).toEqual(original.body.postings.map((p: any) => -p.amount).sort());

    const before = await snapshot(w.t.database);
    expectError(await reverse(1), 409, 'already_reversed');
    expectError(await reverse(2), 409, 'cannot_reverse_reversal');
    sameExceptStoredOutcomes(before, await snapshot(w.t.database));
    await expectLedgerInvariants(w.t.database);
  });

  it('a reversal that would make a balance negative → 409 insufficient_points, nothing moves', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 50);
    const m1 = await loginAs(w.app, 'm1');
    expect((await call(w.app, 'POST', '/api/counter/redemptions', { token: m1, idempotencyKey: newKey(), body: { card: w.f.cards[0], pin: PIN, points: 40 } })).status).toBe(201);
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
    expectError(await call(w.app, 'GET', '/api/staff/entries/77', { token: w.tokens.staff }), 404, 'not_found');
  });
});

describe('GET /api/staff/residents', () => {
  const w = useWorld(['staff']);
  let extra: number[];
  beforeEach(async () => {
    extra = await w.t.database.write(async (tx) => {
      const [h1] = await tx.insert(households).values({ compound: '幸福里', building: '3栋', unit: '1单元', door: '101' }).returning();
      const [h2] = await tx.insert(households).values({ compound: '幸福里', building: '5栋', unit: '2单元', door: '502' }).returning();
      const now = new Date('2026-03-09T02:00:00Z');
      return [
        await createResident(tx, { login: 'zhaolaoshi', fullName: '赵秀兰', householdId: h1!.id, card: { cardNo: 'C0042', pin: '2468' } }, now, FAST_HASHING),
        await createResident(tx, { login: 'qian', password: 'x-password', fullName: '钱100%', householdId: h2!.id }, now, FAST_HASHING),
      ];
    });
    await awardVia(w, w.tokens.staff, extra[0]!, 12);
  });

  const search = (query: string) => call(w.app, 'GET', `/api/staff/residents?${query}`, { token: w.tokens.staff });

  it('an empty query lists everyone, with full name, login, card, building and balance', async () => {
    const res = await search('');
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.residents).toHaveLength(5);
    expect(res.body.residents.find((r: any) => r.id === extra[0])).toEqual({ id: extra[0], name: '赵秀兰', login: 'zhaolaoshi', card: 'C0042', building: '幸福里3栋', balance: 12, movedAwayAt: null });
    expect(res.body.residents.find((r: any) => r.id === w.f.residents[0])).toEqual({ id: w.f.residents[0], name: '张三华', login: 'r1', card: 'C9001', building: null, balance: 0, movedAwayAt: null });
    // Merchants and staff are not residents.
    expect(res.body.residents.map((r: any) => r.login)).not.toContain('m1');
    expect(res.body.residents.map((r: any) => r.login)).not.toContain('staff');
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
    expect(res.status).toBe(200);
    expect(res.body.residents.map((r: any) => r.name).sort()).toEqual([...names].sort());
  });

  it('pages with limit and cursor, each resident exactly once', async () => {
    const { items, pages } = await allPages(w.app, '/api/staff/residents', 'residents', 2, w.tokens.staff);
    expect(pages).toBe(3);
    expect(items.map((r) => r.id)).toEqual([...w.f.residents, ...extra]);
    // Paging a filtered query.
    const first = await search('query=%E7%A7%80&limit=1');
    expect(first.body.residents).toHaveLength(1);
    const second = await search(`query=%E7%A7%80&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.residents).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect(new Set([first.body.residents[0].name, second.body.residents[0].name])).toEqual(new Set(['李秀英', '赵秀兰']));
  });

  it.each(['limit=0', 'limit=501', 'limit=x', 'cursor=abc', `query=${'x'.repeat(101)}`])('?%s → 400 invalid_request', async (query) => {
    expectError(await search(query), 400, 'invalid_request');
  });

  it('limit=500 is allowed', async () => {
    expect((await search('limit=500')).status).toBe(200);
  });
});

import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { transfer } from '../../functions/domain/ledger/commands';
import { pointsMonthly } from '../../functions/domain/publishing/points';
import { call, expectError, newKey, useWorld } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, grant, rows, snapshot } from '../helpers/ledger';

/** Spending the community pool: a grant waits for an accountant who did not ask, then moves as one ledger entry. */
describe('community pool', () => {
  const w = useWorld(['staff', 'staff2', 'admin', 'r1']);
  const poolBalance = async () => (await call(w.app, 'GET', '/api/staff/pool', { token: w.tokens.staff })).body;
  const ask = (body: unknown, token = w.tokens.staff, key = newKey('grant')) => call(w.app, 'POST', '/api/staff/pool/grants', { token, idempotencyKey: key, body });
  const approve = (id: number, token = w.tokens.staff2, key = newKey('approve')) => call(w.app, 'POST', `/api/staff/pool/grants/${id}/approve`, { token, idempotencyKey: key, body: {} });
  const reject = (id: number, token = w.tokens.staff2, reason = '理由不足') => call(w.app, 'POST', `/api/staff/pool/grants/${id}/reject`, { token, body: { reason } });

  /** Residents give the pool some points (r3 earns them first). */
  const fillPool = async (points: number) => {
    const r3 = w.f.residents[2]!;
    await grant(w.t.database, w.f.staffId, r3, points, w.time.now);
    await w.t.database.write((tx) => transfer(tx, { fromResidentId: r3, to: 'pool', points, now: w.time.now }));
  };

  it('a grant to a resident waits, then moves from the pool in one ledger entry when the accountant approves', async () => {
    await fillPool(100);
    expect(await poolBalance()).toEqual({ balance: 100, pending: { grants: 0, points: 0 } });
    const before = await snapshot(w.t.database);
    const key = newKey('grant');
    const asked = await ask({ toResidentId: w.f.residents[0], points: 30, reason: '困难家庭帮扶' }, w.tokens.staff, key);
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ status: 'pending', points: 30, totalPoints: 30, target: { kind: 'resident', residentId: w.f.residents[0], name: '张三华' }, createdBy: { id: w.f.staffId, name: '王主任' }, entryId: null });
    expect((await ask({ toResidentId: w.f.residents[0], points: 30, reason: '困难家庭帮扶' }, w.tokens.staff, key)).body).toEqual(asked.body);
    expect((await snapshot(w.t.database)).head).toBe(before.head);
    expect(await poolBalance()).toEqual({ balance: 100, pending: { grants: 1, points: 30 } });

    // Not the author, not staff, not the administrator: only an accountant who did not ask.
    expectError(await approve(asked.body.id, w.tokens.staff), 403, 'forbidden');
    expectError(await approve(asked.body.id, w.tokens.admin), 403, 'forbidden');
    expectError(await approve(asked.body.id, w.tokens.r1), 403, 'forbidden');
    const approvable = (token: string) => call(w.app, 'GET', '/api/staff/pool/grants?approvable=true', { token });
    expect((await approvable(w.tokens.staff)).body.items).toEqual([]);
    expect((await approvable(w.tokens.staff2)).body.items.map((g: { id: number }) => g.id)).toEqual([asked.body.id]);
    expect((await snapshot(w.t.database)).head).toBe(before.head);

    const approveKey = newKey('approve');
    const done = await approve(asked.body.id, w.tokens.staff2, approveKey);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ status: 'applied', decidedBy: { id: w.f.staff2Id }, entryId: expect.any(Number) });
    expect((await approve(asked.body.id, w.tokens.staff2, approveKey)).body).toEqual(done.body);
    expectError(await approve(asked.body.id), 409, 'grant_decided');
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(30);
    expect((await poolBalance()).balance).toBe(70);

    const entry = await call(w.app, 'GET', `/api/staff/entries/${done.body.entryId}`, { token: w.tokens.staff });
    expect(entry.body).toMatchObject({ kind: 'transfer', actorId: w.f.staff2Id, memo: '社区积分池：困难家庭帮扶' });
    expect(entry.body.postings.map((p: { kind: string; amount: number }) => [p.kind, p.amount])).toEqual([
      ['pool', -30],
      ['resident', 30],
    ]);
    expect((await snapshot(w.t.database)).entries).toBe(before.entries + 1);
    const statement = await call(w.app, 'GET', '/api/me/entries', { token: w.tokens.r1 });
    expect(statement.body.entries[0]).toMatchObject({ kind: 'transfer_in', points: 30 });
    // The public figure of points given to the pool counts gifts, not what the pool gave out.
    expect((await pointsMonthly(w.t.database.read)).reduce((s, m) => s + m.donatedToPool, 0)).toBe(100);
    const audit = await rows<{ action: string; actor_id: number }>(w.t.database.read, sql`select action, actor_id from audit_log where entity = 'pool_grant' order by id`);
    expect(audit.map((a) => [a.action, Number(a.actor_id)])).toEqual([
      ['create', w.f.staffId],
      ['approve', w.f.staff2Id],
    ]);
    await expectLedgerInvariants(w.t.database);
  });

  it("a grant to an activity's volunteers gives each the points, in one entry", async () => {
    await fillPool(100);
    for (const residentId of w.f.residents.slice(0, 2)) {
      expect((await call(w.app, 'POST', `/api/staff/activities/${w.f.activityId}/check-ins`, { token: w.tokens.staff, body: { residentId } })).status).toBe(201);
    }
    const asked = await ask({ activityId: w.f.activityId, points: 15, reason: '夜间巡防慰问' });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ target: { kind: 'activity', activityId: w.f.activityId, title: '夜间巡防' }, points: 15, totalPoints: 30 });
    expect(asked.body.recipients.map((r: { residentId: number }) => r.residentId)).toEqual(w.f.residents.slice(0, 2));
    const done = await approve(asked.body.id);
    expect(done.status).toBe(201);
    for (const r of w.f.residents.slice(0, 2)) expect(await balanceOf(w.t.database, r)).toBe(15);
    expect((await poolBalance()).balance).toBe(70);
    const [n] = await rows<{ n: number }>(w.t.database.read, sql`select count(*) as n from postings where entry_id = ${done.body.entryId}`);
    expect(Number(n!.n)).toBe(3);
    await expectLedgerInvariants(w.t.database);
  });

  it('rejecting moves nothing; the author may withdraw, other staff may not reject', async () => {
    await fillPool(50);
    const before = await snapshot(w.t.database);
    const a = await ask({ toResidentId: w.f.residents[1], points: 20, reason: '助学' });
    expectError(await reject(a.body.id, w.tokens.admin), 403, 'forbidden');
    expectError(await reject(a.body.id, w.tokens.staff2, ' '), 400, 'invalid_request');
    const rejected = await reject(a.body.id);
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: { id: w.f.staff2Id }, decisionNote: '理由不足', entryId: null });
    expectError(await approve(a.body.id), 409, 'grant_decided');
    expectError(await reject(a.body.id), 409, 'grant_decided');
    const b = await ask({ toResidentId: w.f.residents[1], points: 20, reason: '助学' });
    expect((await reject(b.body.id, w.tokens.staff, '录错了')).body.status).toBe('rejected');
    const now = await snapshot(w.t.database);
    expect({ head: now.head, balances: now.balances }).toEqual({ head: before.head, balances: before.balances });
    const list = await call(w.app, 'GET', '/api/staff/pool/grants?status=rejected', { token: w.tokens.staff });
    expect(list.body.items.map((g: { id: number }) => g.id)).toEqual([b.body.id, a.body.id]);
    // A decided grant is frozen in the database itself.
    await expect(w.t.database.write((tx) => tx.run(sql`update pool_grants set points = 1 where id = ${a.body.id}`))).rejects.toThrow();
    await expect(w.t.database.write((tx) => tx.run(sql`delete from pool_grants where id = ${a.body.id}`))).rejects.toThrow();
  });

  it('refuses what the pool cannot cover, unknown targets and bad input, changing nothing', async () => {
    await fillPool(10);
    const count = async () => Number((await rows<{ n: number }>(w.t.database.read, sql`select count(*) as n from pool_grants`))[0]!.n);
    expectError(await ask({ toResidentId: w.f.residents[0], points: 11, reason: '帮扶' }), 409, 'insufficient_points');
    expectError(await ask({ toResidentId: 9999, points: 1, reason: '帮扶' }), 404, 'not_found');
    expectError(await ask({ toResidentId: w.f.merchants[0], points: 1, reason: '帮扶' }), 404, 'not_found');
    expectError(await ask({ activityId: 9999, points: 1, reason: '帮扶' }), 404, 'not_found');
    expectError(await ask({ activityId: w.f.activityId, points: 1, reason: '帮扶' }), 422, 'invalid_reference');
    for (const body of [
      {},
      { points: 1, reason: '帮扶' },
      { toResidentId: w.f.residents[0], activityId: w.f.activityId, points: 1, reason: '帮扶' },
      { toResidentId: w.f.residents[0], points: 0, reason: '帮扶' },
      { toResidentId: w.f.residents[0], points: 1.5, reason: '帮扶' },
      { toResidentId: w.f.residents[0], points: 1, reason: '' },
      { toResidentId: w.f.residents[0], points: 1, reason: '帮扶', extra: 1 },
    ]) {
      expectError(await ask(body), 400, 'invalid_request');
    }
    expectError(await call(w.app, 'POST', '/api/staff/pool/grants', { token: w.tokens.staff, body: { toResidentId: w.f.residents[0], points: 1, reason: '帮扶' } }), 400, 'invalid_request');
    expectError(await ask({ toResidentId: w.f.residents[0], points: 1, reason: '帮扶' }, w.tokens.r1), 403, 'forbidden');
    expect(await count()).toBe(0);

    // Two grants the pool could each cover, but not both: the second approval is refused and moves nothing.
    const a = await ask({ toResidentId: w.f.residents[0], points: 8, reason: '帮扶' });
    const b = await ask({ toResidentId: w.f.residents[1], points: 8, reason: '帮扶' });
    expect((await approve(a.body.id)).status).toBe(201);
    expectError(await approve(b.body.id), 409, 'insufficient_points');
    expect((await call(w.app, 'GET', `/api/staff/pool/grants/${b.body.id}`, { token: w.tokens.staff })).body.status).toBe('pending');
    expect(await balanceOf(w.t.database, w.f.residents[1]!)).toBe(0);
    expectError(await call(w.app, 'GET', '/api/staff/pool/grants/9999', { token: w.tokens.staff }), 404, 'not_found');
    await expectLedgerInvariants(w.t.database);
  });
});

import { sql } from 'drizzle-orm';
import type { InferRequestType } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { transfer } from '../../functions/domain/ledger/commands';
import { pointsMonthly } from '../../functions/domain/publishing/points';
import { answerOf, bodyOf, client } from '../helpers/client';
import { call, expectError, newKey, useWorld } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, grant, rows, snapshot } from '../helpers/ledger';

type Pool = ReturnType<typeof client>['staff']['pool'];
type NewGrant = InferRequestType<Pool['grants']['$post']>['json'];
type GrantQuery = InferRequestType<Pool['grants']['$get']>['query'];

/** Spending the community pool: a grant waits for an accountant who did not ask, then moves as one ledger entry. */
describe('community pool', () => {
  const w = useWorld(['staff', 'staff2', 'admin', 'r1']);
  const pool = (token = w.tokens.staff) => client(w.app, { token }).staff.pool;
  const param = (id: number) => ({ param: { id: String(id) } });
  const poolBalance = async () => bodyOf(await pool().$get(), 200);
  const ask = (json: NewGrant, token = w.tokens.staff, key = newKey('grant')) =>
    pool(token).grants.$post({ header: { 'idempotency-key': key }, json });
  const asked = async (json: NewGrant) => bodyOf(await ask(json), 202);
  const approve = (id: number, token = w.tokens.staff2, key = newKey('approve')) =>
    pool(token).grants[':id'].approve.$post({
      ...param(id),
      header: { 'idempotency-key': key },
      json: {},
    });
  const reject = (id: number, token = w.tokens.staff2, reason = '理由不足') =>
    pool(token).grants[':id'].reject.$post({ ...param(id), json: { reason } });
  const grants = async (query: GrantQuery, token = w.tokens.staff) =>
    (await bodyOf(await pool(token).grants.$get({ query }), 200)).items;

  /** Residents give the pool some points (r3 earns them first). */
  const fillPool = async (points: number) => {
    const r3 = w.f.residents[2]!;
    await grant(w.t.database, w.f.staffId, r3, points, w.time.now);
    await w.t.database.write((tx) =>
      transfer(tx, { actorId: r3, now: w.time.now }, { fromResidentId: r3, to: 'pool', points }),
    );
  };

  it('a grant to a resident waits, then moves from the pool in one ledger entry when the accountant approves', async () => {
    await fillPool(100);
    expect(await poolBalance()).toEqual({ balance: 100, pending: { grants: 0, points: 0 } });
    const before = await snapshot(w.t.database);
    const key = newKey('grant');
    const wanted = { toResidentId: w.f.residents[0]!, points: 30, reason: '困难家庭帮扶' };
    const first = await bodyOf(await ask(wanted, w.tokens.staff, key), 202);
    expect(first).toMatchObject({
      status: 'pending',
      points: 30,
      totalPoints: 30,
      target: { kind: 'resident', residentId: w.f.residents[0], name: '张三华' },
      createdBy: { id: w.f.staffId, name: '王主任' },
      entryId: null,
    });
    expect(await bodyOf(await ask(wanted, w.tokens.staff, key), 202)).toEqual(first);
    expect((await snapshot(w.t.database)).head).toBe(before.head);
    expect(await poolBalance()).toEqual({ balance: 100, pending: { grants: 1, points: 30 } });

    // Not the author, not staff, not the administrator: only an accountant who did not ask.
    expectError(await answerOf(await approve(first.id, w.tokens.staff)), 403, 'forbidden');
    expectError(await answerOf(await approve(first.id, w.tokens.admin)), 403, 'forbidden');
    expectError(await answerOf(await approve(first.id, w.tokens.r1)), 403, 'forbidden');
    expect(await grants({ approvable: 'true' }, w.tokens.staff)).toEqual([]);
    expect((await grants({ approvable: 'true' }, w.tokens.staff2)).map((g) => g.id)).toEqual([
      first.id,
    ]);
    expect((await snapshot(w.t.database)).head).toBe(before.head);

    const approveKey = newKey('approve');
    const done = await bodyOf(await approve(first.id, w.tokens.staff2, approveKey), 201);
    expect(done).toMatchObject({
      status: 'applied',
      decidedBy: { id: w.f.staff2Id },
      entryId: expect.any(Number),
    });
    expect(await bodyOf(await approve(first.id, w.tokens.staff2, approveKey), 201)).toEqual(done);
    expectError(await answerOf(await approve(first.id)), 409, 'grant_decided');
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(30);
    expect((await poolBalance()).balance).toBe(70);

    const entry = await bodyOf(
      await client(w.app, { token: w.tokens.staff }).staff.entries[':id'].$get(
        param(done.entryId!),
      ),
      200,
    );
    expect(entry).toMatchObject({
      kind: 'transfer',
      actorId: w.f.staff2Id,
      memo: '社区积分池：困难家庭帮扶',
    });
    expect(entry.postings.map((p) => [p.kind, p.amount])).toEqual([
      ['pool', -30],
      ['resident', 30],
    ]);
    expect((await snapshot(w.t.database)).entries).toBe(before.entries + 1);
    const statement = await bodyOf(
      await client(w.app, { token: w.tokens.r1 }).me.entries.$get({ query: {} }),
      200,
    );
    expect(statement.entries[0]).toMatchObject({ kind: 'transfer_in', points: 30 });
    // The public figure of points given to the pool counts gifts, not what the pool gave out.
    expect((await pointsMonthly(w.t.database.read)).reduce((s, m) => s + m.donatedToPool, 0)).toBe(
      100,
    );
    const audit = await rows<{ action: string; actor_id: number }>(
      w.t.database.read,
      sql`select action, actor_id from audit_log where entity = 'pool_grant' order by id`,
    );
    expect(audit.map((a) => [a.action, Number(a.actor_id)])).toEqual([
      ['create', w.f.staffId],
      ['approve', w.f.staff2Id],
    ]);
    await expectLedgerInvariants(w.t.database);
  });

  it("a grant to an activity's volunteers gives each the points, in one entry", async () => {
    await fillPool(100);
    for (const residentId of w.f.residents.slice(0, 2)) {
      const checkIn = client(w.app, { token: w.tokens.staff }).staff.activities[':id'][
        'check-ins'
      ].$post({ ...param(w.f.activityId), json: { residentId } });
      expect((await checkIn).status).toBe(201);
    }
    const a = await asked({ activityId: w.f.activityId, points: 15, reason: '夜间巡防慰问' });
    expect(a).toMatchObject({
      target: { kind: 'activity', activityId: w.f.activityId, title: '夜间巡防' },
      points: 15,
      totalPoints: 30,
    });
    expect(a.recipients.map((r) => r.residentId)).toEqual(w.f.residents.slice(0, 2));
    const done = await bodyOf(await approve(a.id), 201);
    for (const r of w.f.residents.slice(0, 2)) expect(await balanceOf(w.t.database, r)).toBe(15);
    expect((await poolBalance()).balance).toBe(70);
    const [n] = await rows<{ n: number }>(
      w.t.database.read,
      sql`select count(*) as n from postings where entry_id = ${done.entryId}`,
    );
    expect(Number(n!.n)).toBe(3);
    await expectLedgerInvariants(w.t.database);
  });

  it('rejecting moves nothing; the author may withdraw, other staff may not reject', async () => {
    await fillPool(50);
    const before = await snapshot(w.t.database);
    const a = await asked({ toResidentId: w.f.residents[1]!, points: 20, reason: '助学' });
    expectError(await answerOf(await reject(a.id, w.tokens.admin)), 403, 'forbidden');
    expectError(await answerOf(await reject(a.id, w.tokens.staff2, ' ')), 400, 'invalid_request');
    const rejected = await bodyOf(await reject(a.id), 200);
    expect(rejected).toMatchObject({
      status: 'rejected',
      decidedBy: { id: w.f.staff2Id },
      decisionNote: '理由不足',
      entryId: null,
    });
    expectError(await answerOf(await approve(a.id)), 409, 'grant_decided');
    expectError(await answerOf(await reject(a.id)), 409, 'grant_decided');
    const b = await asked({ toResidentId: w.f.residents[1]!, points: 20, reason: '助学' });
    expect((await bodyOf(await reject(b.id, w.tokens.staff, '录错了'), 200)).status).toBe(
      'rejected',
    );
    const now = await snapshot(w.t.database);
    expect({ head: now.head, balances: now.balances }).toEqual({
      head: before.head,
      balances: before.balances,
    });
    expect((await grants({ status: 'rejected' })).map((g) => g.id)).toEqual([b.id, a.id]);
    // A decided grant is frozen in the database itself.
    await expect(
      w.t.database.write((tx) => tx.run(sql`update pool_grants set points = 1 where id = ${a.id}`)),
    ).rejects.toThrow();
    await expect(
      w.t.database.write((tx) => tx.run(sql`delete from pool_grants where id = ${a.id}`)),
    ).rejects.toThrow();
  });

  it('refuses what the pool cannot cover, unknown targets and bad input, changing nothing', async () => {
    await fillPool(10);
    const count = async () =>
      Number(
        (
          await rows<{ n: number }>(w.t.database.read, sql`select count(*) as n from pool_grants`)
        )[0]!.n,
      );
    const refused = async (json: NewGrant, token?: string) => answerOf(await ask(json, token));
    expectError(
      await refused({ toResidentId: w.f.residents[0]!, points: 11, reason: '帮扶' }),
      409,
      'insufficient_points',
    );
    expectError(await refused({ toResidentId: 9999, points: 1, reason: '帮扶' }), 404, 'not_found');
    expectError(
      await refused({ toResidentId: w.f.merchants[0]!, points: 1, reason: '帮扶' }),
      404,
      'not_found',
    );
    expectError(await refused({ activityId: 9999, points: 1, reason: '帮扶' }), 404, 'not_found');
    expectError(
      await refused({ activityId: w.f.activityId, points: 1, reason: '帮扶' }),
      422,
      'invalid_reference',
    );
    // Malformed on purpose, and then a missing Idempotency-Key: past the typed client.
    for (const body of [
      {},
      { points: 1, reason: '帮扶' },
      { toResidentId: w.f.residents[0], activityId: w.f.activityId, points: 1, reason: '帮扶' },
      { toResidentId: w.f.residents[0], points: 0, reason: '帮扶' },
      { toResidentId: w.f.residents[0], points: 1.5, reason: '帮扶' },
      { toResidentId: w.f.residents[0], points: 1, reason: '' },
      { toResidentId: w.f.residents[0], points: 1, reason: '帮扶', extra: 1 },
    ]) {
      expectError(
        await call(w.app, 'POST', '/api/staff/pool/grants', {
          token: w.tokens.staff,
          idempotencyKey: newKey('grant'),
          body,
        }),
        400,
        'invalid_request',
      );
    }
    expectError(
      await call(w.app, 'POST', '/api/staff/pool/grants', {
        token: w.tokens.staff,
        body: { toResidentId: w.f.residents[0], points: 1, reason: '帮扶' },
      }),
      400,
      'invalid_request',
    );
    expectError(
      await refused({ toResidentId: w.f.residents[0]!, points: 1, reason: '帮扶' }, w.tokens.r1),
      403,
      'forbidden',
    );
    expect(await count()).toBe(0);

    // Two grants the pool could each cover, but not both: the second approval is refused and moves nothing.
    const a = await asked({ toResidentId: w.f.residents[0]!, points: 8, reason: '帮扶' });
    const b = await asked({ toResidentId: w.f.residents[1]!, points: 8, reason: '帮扶' });
    expect((await approve(a.id)).status).toBe(201);
    expectError(await answerOf(await approve(b.id)), 409, 'insufficient_points');
    expect((await bodyOf(await pool().grants[':id'].$get(param(b.id)), 200)).status).toBe(
      'pending',
    );
    expect(await balanceOf(w.t.database, w.f.residents[1]!)).toBe(0);
    expectError(await answerOf(await pool().grants[':id'].$get(param(9999))), 404, 'not_found');
    await expectLedgerInvariants(w.t.database);
  });
});

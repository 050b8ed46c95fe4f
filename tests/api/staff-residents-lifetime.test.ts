import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACCOUNTS } from '../../functions/domain/ledger/accounts';
import { addActivity, counts, seedProviders } from '../helpers/daily-use';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, grant, rows, snapshot } from '../helpers/ledger';

/** A resident's life after registration at the staff desk (issue 17 item 6). */
describe('staff: residents over their lifetime', () => {
  const w = useWorld(['staff', 'r1', 'm1']);

  const household = { compound: '和平小区', building: '3栋', unit: '2单元', door: '502' };
  const register = async (body: Record<string, unknown>) => {
    const res = await call(w.app, 'POST', '/api/staff/residents', { token: w.tokens.staff, body: { household, ...body } });
    expect(res.status).toBe(201);
    return res.body as { id: number; login: string; household: { id: number } };
  };
  const auditOf = async (entity: string, id: number) => (await call(w.app, 'GET', `/api/staff/audit?entity=${entity}&entityId=${id}`, { token: w.tokens.staff })).body.items as Array<{ action: string; actor: unknown; detail: any }>;
  const poolBalance = async () => Number((await rows<{ b: number }>(w.t.database.read, sql`select balance as b from accounts where id = ${SYSTEM_ACCOUNTS.pool}`))[0]!.b);
  const entry = async (id: number) => (await rows<{ kind: string; actor_id: number }>(w.t.database.read, sql`select kind, actor_id from ledger_entries where id = ${id}`))[0]!;
  const moveAway = (id: number, body: unknown, key = newKey('move')) => call(w.app, 'POST', `/api/staff/residents/${id}/move-away`, { token: w.tokens.staff, idempotencyKey: key, body });

  describe('PATCH /api/staff/residents/{id}', () => {
    it('corrects name, phone and address; moving joins the household at the new address; audited before/after', async () => {
      const [a] = w.f.residents as [number];
      const neighbour = await register({ fullName: '赵桂兰', household: { ...household, door: '601' } });
      const res = await call(w.app, 'PATCH', `/api/staff/residents/${a}`, { token: w.tokens.staff, body: { fullName: '张三花', phone: '+86 138-0013-8000', household: { ...household, door: ' 601 ' } } });
      expect(res.status).toBe(200);
      // The display name was the masked full name, so it follows the correction.
      expect(res.body).toMatchObject({ fullName: '张三花', displayName: '张*花', phone: '13800138000', household: { id: neighbour.household.id, door: '601' }, movedAwayAt: null });

      const [row] = await auditOf('resident', a);
      expect(row).toMatchObject({
        action: 'update',
        detail: {
          op: 'edit',
          changes: {
            fullName: { from: '张三华', to: '张三花' },
            displayName: { from: '张*华', to: '张*花' },
            phone: { from: null, to: '13800138000' },
            address: { from: null, to: '和平小区 3栋 2单元 601' },
          },
        },
      });

      // A chosen display name stays; clearing the phone; a new address creates its household.
      await call(w.app, 'PATCH', `/api/staff/residents/${a}`, { token: w.tokens.staff, body: { displayName: '张阿姨' } });
      const moved = await call(w.app, 'PATCH', `/api/staff/residents/${a}`, { token: w.tokens.staff, body: { fullName: '张三华', phone: null, household: { ...household, building: '9栋' } } });
      expect(moved.body).toMatchObject({ fullName: '张三华', displayName: '张阿姨', phone: null, household: { building: '9栋' } });
      expect(moved.body.household.id).not.toBe(neighbour.household.id);

      // The same values again change nothing and add no audit row.
      const before = (await auditOf('resident', a)).length;
      expect((await call(w.app, 'PATCH', `/api/staff/residents/${a}`, { token: w.tokens.staff, body: { displayName: '张阿姨' } })).status).toBe(200);
      expect((await auditOf('resident', a)).length).toBe(before);
    });

    it('refuses bad input with 400 and an unknown resident with 404, changing nothing', async () => {
      const [a] = w.f.residents as [number];
      const before = await counts(w.t.database);
      const details = (await call(w.app, 'GET', `/api/staff/residents/${a}`, { token: w.tokens.staff })).body;
      for (const body of [{}, { phone: '12345' }, { fullName: '' }, { fullName: 'x'.repeat(65) }, { displayName: 'y'.repeat(33) }, { household: { ...household, door: '' } }, { household: { compound: '和平小区' } }, { fullName: '张三', login: 'x' }, '{bad json']) {
        expectError(await call(w.app, 'PATCH', `/api/staff/residents/${a}`, { token: w.tokens.staff, body }), 400, 'invalid_request');
      }
      expectError(await call(w.app, 'PATCH', `/api/staff/residents/${w.f.staffId}`, { token: w.tokens.staff, body: { fullName: '王五' } }), 404, 'not_found');
      expectError(await call(w.app, 'PATCH', `/api/staff/residents/${a}`, { token: w.tokens.r1, body: { fullName: '王五' } }), 403, 'forbidden');
      expect(await counts(w.t.database)).toEqual(before);
      expect((await call(w.app, 'GET', `/api/staff/residents/${a}`, { token: w.tokens.staff })).body).toEqual(details);
    });
  });

  describe('POST /api/staff/residents/{id}/move-away', () => {
    it('hands the whole balance to the pool as one transfer; the resident can no longer sign in, redeem or receive', async () => {
      const [a, b] = w.f.residents as [number, number];
      await grant(w.t.database, w.f.staffId, a, 120, w.time.now);
      const code = await call(w.app, 'POST', '/api/me/redeem-codes', { token: w.tokens.r1 });
      expect(code.status).toBe(201);
      const pool = await poolBalance();
      const entriesBefore = (await snapshot(w.t.database)).entries;

      const key = newKey('move');
      const res = await moveAway(a, { to: 'pool', reason: '搬到外地' }, key);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ points: 120, to: { kind: 'pool' }, movedAwayAt: w.time.now.toISOString() });
      expect((await snapshot(w.t.database)).entries).toBe(entriesBefore + 1);
      expect(await entry(res.body.entryId)).toEqual({ kind: 'transfer', actor_id: w.f.staffId });
      expect(await balanceOf(w.t.database, a)).toBe(0);
      expect(await poolBalance()).toBe(pool + 120);
      const [audited] = await auditOf('resident', a);
      expect(audited).toMatchObject({ action: 'update', detail: { op: 'move_away', to: 'pool', points: 120, entryId: res.body.entryId, reason: '搬到外地' } });

      // Replaying the key answers the same; a second move is refused.
      const replay = await moveAway(a, { to: 'pool', reason: '搬到外地' }, key);
      expect(replay.body).toEqual(res.body);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expectError(await moveAway(a, { to: 'pool', reason: '再次' }), 409, 'moved_away');

      // Sessions ended, sign-in refused, codes revoked, card refused, gifts refused.
      expectError(await call(w.app, 'GET', '/api/me', { token: w.tokens.r1 }), 401, 'unauthorized');
      const signIn = await call(w.app, 'POST', '/api/auth/login', { body: { login: 'r1', password: 'test-password' } });
      expect(signIn.status).toBe(403);
      const counter = (body: unknown) => call(w.app, 'POST', '/api/counter/redemptions', { token: w.tokens.m1, idempotencyKey: newKey('redeem'), body });
      expectError(await counter({ code: code.body.code, points: 1 }), 422, 'code_invalid');
      expectError(await counter({ card: 'C9001', pin: '1357', points: 1 }), 409, 'moved_away');
      await grant(w.t.database, w.f.staffId, b, 10, w.time.now);
      const r2 = await loginAs(w.app, 'r2');
      expectError(await call(w.app, 'POST', '/api/me/transfers', { token: r2, idempotencyKey: newKey('gift'), body: { to: a, points: 5 } }), 409, 'moved_away');
      expectError(await call(w.app, 'POST', '/api/staff/awards', { token: w.tokens.staff, idempotencyKey: newKey('award'), body: { residentId: a, points: 5, reason: '服务' } }), 409, 'moved_away');
      expect(await balanceOf(w.t.database, a)).toBe(0);

      // Still found, marked as moved away, with their history intact.
      const found = await call(w.app, 'GET', '/api/staff/residents?query=张三华', { token: w.tokens.staff });
      expect(found.body.residents).toEqual([expect.objectContaining({ id: a, movedAwayAt: res.body.movedAwayAt, balance: 0 })]);
      const details = await call(w.app, 'GET', `/api/staff/residents/${a}`, { token: w.tokens.staff });
      expect(details.body).toMatchObject({ movedAwayAt: res.body.movedAwayAt, card: { cardNo: 'C9001' } });
      const statement = await call(w.app, 'GET', `/api/staff/residents/${a}/entries`, { token: w.tokens.staff });
      expect(statement.body.entries.map((e: { kind: string; points: number }) => [e.kind, e.points])).toEqual([
        ['transfer_out', -120],
        ['earn', 120],
      ]);
      await expectLedgerInvariants(w.t.database);
    });

    it('hands the balance to a member of the same household, and only of the same household', async () => {
      const mother = await register({ fullName: '赵桂兰' });
      const son = await register({ fullName: '钱国庆' });
      const elsewhere = await register({ fullName: '孙立', household: { ...household, door: '999' } });
      await grant(w.t.database, w.f.staffId, mother.id, 40, w.time.now);
      const before = await snapshot(w.t.database);
      expectError(await moveAway(mother.id, { to: { residentId: elsewhere.id }, reason: '搬走' }), 422, 'invalid_recipient');
      expectError(await moveAway(mother.id, { to: { residentId: mother.id }, reason: '搬走' }), 422, 'invalid_recipient');
      expectError(await moveAway(mother.id, { to: { residentId: 999_999 }, reason: '搬走' }), 422, 'invalid_recipient');
      // A resident with no household can hand on only to the pool.
      expectError(await moveAway(w.f.residents[0]!, { to: { residentId: son.id }, reason: '搬走' }), 422, 'invalid_recipient');
      for (const body of [{ to: 'pool' }, { to: 'pool', reason: '' }, { to: 'elsewhere', reason: '搬走' }, { to: { residentId: 'x' }, reason: '搬走' }, { to: 'pool', reason: '搬走', extra: 1 }]) {
        expectError(await moveAway(mother.id, body), 400, 'invalid_request');
      }
      expectError(await call(w.app, 'POST', `/api/staff/residents/${mother.id}/move-away`, { token: w.tokens.staff, body: { to: 'pool', reason: '搬走' } }), 400, 'invalid_request');
      expectError(await moveAway(w.f.staffId, { to: 'pool', reason: '搬走' }), 404, 'not_found');
      const after = await snapshot(w.t.database);
      // Refusals store their outcome under their key and nothing else.
      expect({ ...after, counts: { ...after.counts, idempotency_keys: 0 } }).toEqual({ ...before, counts: { ...before.counts, idempotency_keys: 0 } });
      expect(await rows(w.t.database.read, sql`select moved_away_at from residents where moved_away_at is not null`)).toEqual([]);

      const details = await call(w.app, 'GET', `/api/staff/residents/${mother.id}`, { token: w.tokens.staff });
      expect(details.body.householdMembers).toEqual([{ id: son.id, fullName: '钱国庆', movedAwayAt: null }]);
      const res = await moveAway(mother.id, { to: { residentId: son.id }, reason: '去养老院' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ points: 40, to: { kind: 'resident', residentId: son.id, name: '钱国庆' } });
      expect(await balanceOf(w.t.database, son.id)).toBe(40);
      expect(await entry(res.body.entryId)).toEqual({ kind: 'transfer', actor_id: w.f.staffId });
      // The son cannot hand anything back to his moved-away mother.
      expectError(await moveAway(son.id, { to: { residentId: mother.id }, reason: '也搬走' }), 422, 'invalid_recipient');
      await expectLedgerInvariants(w.t.database);
    });

    it('marks a resident with no points without a ledger entry', async () => {
      const [, , c] = w.f.residents as [number, number, number];
      const before = (await snapshot(w.t.database)).entries;
      const res = await moveAway(c, { to: 'pool', reason: '搬走' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ points: 0, entryId: null });
      expect((await snapshot(w.t.database)).entries).toBe(before);
      expect((await call(w.app, 'GET', `/api/staff/residents/${c}`, { token: w.tokens.staff })).body.movedAwayAt).toBe(res.body.movedAwayAt);
    });
  });

  describe('POST /api/staff/residents/{id}/password-reset', () => {
    it('sets a temporary password that must be changed, ends sessions, and never logs it', async () => {
      const [a] = w.f.residents as [number];
      const res = await call(w.app, 'POST', `/api/staff/residents/${a}/password-reset`, { token: w.tokens.staff });
      expect(res.status).toBe(200);
      expect(res.body.login).toBe('r1');
      expect(res.body.temporaryPassword).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
      expectError(await call(w.app, 'GET', '/api/me', { token: w.tokens.r1 }), 401, 'unauthorized');
      expect((await call(w.app, 'POST', '/api/auth/login', { body: { login: 'r1', password: 'test-password' } })).status).toBe(401);
      const signIn = await call(w.app, 'POST', '/api/auth/login', { body: { login: 'r1', password: res.body.temporaryPassword } });
      expect(signIn.status).toBe(200);
      expect(signIn.body.mustChangePassword).toBe(true);
      expectError(await call(w.app, 'GET', '/api/me', { token: signIn.body.token }), 403, 'password_change_required');
      expect((await call(w.app, 'GET', `/api/staff/residents/${a}`, { token: w.tokens.staff })).body).toMatchObject({ mustChangePassword: true, hasPassword: true });

      const audit = await auditOf('resident', a);
      expect(audit[0]).toMatchObject({ action: 'update', detail: { op: 'reset_password' } });
      expect(JSON.stringify(audit)).not.toContain(res.body.temporaryPassword);

      const before = await counts(w.t.database);
      expectError(await call(w.app, 'POST', `/api/staff/residents/${a}/password-reset`, { token: w.tokens.staff, body: { password: 'mine-12345' } }), 400, 'invalid_request');
      expectError(await call(w.app, 'POST', `/api/staff/residents/${w.f.merchants[0]}/password-reset`, { token: w.tokens.staff }), 404, 'not_found');
      expect(await counts(w.t.database)).toEqual(before);
    });

    it('gives a card-only resident a first password; refuses one who moved away', async () => {
      const cardOnly = await register({ fullName: '周奶奶', card: { cardNo: 'C0555', pin: '2468' } });
      const res = await call(w.app, 'POST', `/api/staff/residents/${cardOnly.id}/password-reset`, { token: w.tokens.staff });
      expect(res.body.temporaryPassword.length).toBeGreaterThanOrEqual(10);
      expect((await call(w.app, 'POST', '/api/auth/login', { body: { login: cardOnly.login, password: res.body.temporaryPassword } })).status).toBe(200);
      await moveAway(cardOnly.id, { to: 'pool', reason: '搬走' });
      expectError(await call(w.app, 'POST', `/api/staff/residents/${cardOnly.id}/password-reset`, { token: w.tokens.staff }), 409, 'moved_away');
    });
  });

  describe('GET /api/staff/residents/{id}/entries', () => {
    it("answers the resident's statement, balance and expiry schedule, paged", async () => {
      const [a, b] = w.f.residents as [number, number];
      await grant(w.t.database, w.f.staffId, a, 30, new Date('2025-05-01T02:00:00Z'), '巡防');
      await grant(w.t.database, w.f.staffId, a, 20, w.time.now, '清洁');
      await call(w.app, 'POST', '/api/me/transfers', { token: w.tokens.r1, idempotencyKey: newKey('gift'), body: { to: b, points: 5, memo: '谢谢' } });
      const first = await call(w.app, 'GET', `/api/staff/residents/${a}/entries?limit=2`, { token: w.tokens.staff });
      expect(first.status).toBe(200);
      expect(first.body.balance).toBe(45);
      // 30 earned in 2025 less the 5 given lapse when 2027 ends; the 20 of 2026 a year later.
      expect(first.body.expiring).toEqual([
        { points: 25, at: expect.stringMatching(/^2027-12-31T16:00:00/) },
        { points: 20, at: expect.stringMatching(/^2028-12-31T16:00:00/) },
      ]);
      expect(first.body.entries.map((e: any) => [e.kind, e.points, e.balanceAfter, e.memo])).toEqual([
        ['transfer_out', -5, 45, '谢谢'],
        ['earn', 20, 50, '清洁'],
      ]);
      const mine = await call(w.app, 'GET', '/api/me/entries?limit=2', { token: w.tokens.r1 });
      expect(first.body.entries).toEqual(mine.body.entries);
      const next = await call(w.app, 'GET', `/api/staff/residents/${a}/entries?limit=2&cursor=${first.body.nextCursor}`, { token: w.tokens.staff });
      expect(next.body.entries.map((e: any) => e.memo)).toEqual(['巡防']);
      expect(next.body.nextCursor).toBeNull();

      expectError(await call(w.app, 'GET', `/api/staff/residents/${a}/entries?limit=0`, { token: w.tokens.staff }), 400, 'invalid_request');
      expectError(await call(w.app, 'GET', `/api/staff/residents/${a}/entries?cursor=abc`, { token: w.tokens.staff }), 400, 'invalid_request');
      expectError(await call(w.app, 'GET', `/api/staff/residents/${w.f.staffId}/entries`, { token: w.tokens.staff }), 404, 'not_found');
      expectError(await call(w.app, 'GET', `/api/staff/residents/${a}/entries`, { token: w.tokens.r1 }), 403, 'forbidden');
    });
  });
});

describe('staff: acting for a card-only resident', () => {
  const w = useWorld(['staff']);

  it('gives points to a neighbour by id, login or card; the entry and audit name the staff member', async () => {
    const [a, b, c] = w.f.residents as [number, number, number];
    await grant(w.t.database, w.f.staffId, a, 50, w.time.now);
    const gift = (body: unknown, key = newKey('gift')) => call(w.app, 'POST', `/api/staff/residents/${a}/gifts`, { token: w.tokens.staff, idempotencyKey: key, body });

    const key = newKey('gift');
    const byId = await gift({ to: b, points: 10, reason: '感谢帮忙买菜' }, key);
    expect(byId.status).toBe(201);
    expect(byId.body).toMatchObject({ balanceAfter: 40, to: { id: b, maskedName: '李*英' } });
    expect((await gift({ to: b, points: 10, reason: '感谢帮忙买菜' }, key)).body).toEqual(byId.body);
    const [row] = await rows<{ kind: string; actor_id: number; memo: string }>(w.t.database.read, sql`select kind, actor_id, memo from ledger_entries where id = ${byId.body.id}`);
    expect(row).toEqual({ kind: 'transfer', actor_id: w.f.staffId, memo: '感谢帮忙买菜' });
    const audit = await call(w.app, 'GET', `/api/staff/audit?entity=resident&entityId=${a}`, { token: w.tokens.staff });
    expect(audit.body.items[0]).toMatchObject({ action: 'update', detail: { op: 'gift_on_behalf', entryId: byId.body.id, to: b, points: 10 } });

    expect((await gift({ to: { login: 'r3' }, points: 5 })).body).toMatchObject({ balanceAfter: 35, to: { id: c } });
    expect((await gift({ to: { card: 'c9002' }, points: 5 })).body).toMatchObject({ balanceAfter: 30, to: { id: b } });
    expect(await balanceOf(w.t.database, b)).toBe(15);

    const before = await snapshot(w.t.database);
    const auditRows = (await counts(w.t.database)).audit_log;
    for (const body of [{ to: b }, { to: b, points: 0 }, { to: b, points: 1.5 }, { to: 'pool', points: 1 }, { to: { phone: '138' }, points: 1 }, { to: { card: 'X1' }, points: 1 }, { to: b, points: 1, memo: 'x' }]) {
      expectError(await gift(body), 400, 'invalid_request');
    }
    expectError(await call(w.app, 'POST', `/api/staff/residents/${a}/gifts`, { token: w.tokens.staff, body: { to: b, points: 1 } }), 400, 'invalid_request');
    expect(await snapshot(w.t.database)).toEqual(before);
    expectError(await gift({ to: b, points: 1000 }), 409, 'insufficient_points');
    expectError(await gift({ to: a, points: 1 }), 422, 'invalid_recipient');
    expectError(await gift({ to: { login: 'nobody' }, points: 1 }), 422, 'invalid_recipient');
    expectError(await gift({ to: w.f.merchants[0], points: 1 }), 422, 'invalid_recipient');
    expectError(await call(w.app, 'POST', `/api/staff/residents/${w.f.staffId}/gifts`, { token: w.tokens.staff, idempotencyKey: newKey('gift'), body: { to: b, points: 1 } }), 404, 'not_found');
    const after = await snapshot(w.t.database);
    expect({ ...after, counts: { ...after.counts, idempotency_keys: 0 } }).toEqual({ ...before, counts: { ...before.counts, idempotency_keys: 0 } });
    expect((await counts(w.t.database)).audit_log).toBe(auditRows);
    await expectLedgerInvariants(w.t.database);
  });

  it('signs up for an activity, recording who did it', async () => {
    const [a] = w.f.residents as [number];
    const res = await call(w.app, 'POST', `/api/staff/residents/${a}/signups`, { token: w.tokens.staff, body: { activityId: w.f.activityId } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ activityId: w.f.activityId, title: '夜间巡防', date: '2026-03-09', alreadySignedUp: false });
    const [row] = await rows(w.t.database.read, sql`select resident_id, signed_up_by from activity_signups where activity_id = ${w.f.activityId}`);
    expect(row).toEqual({ resident_id: a, signed_up_by: w.f.staffId });
    const audit = await call(w.app, 'GET', `/api/staff/audit?entity=activity_signup&entityId=${w.f.activityId}`, { token: w.tokens.staff });
    expect(audit.body.items[0]).toMatchObject({ action: 'create', detail: { op: 'signup_on_behalf', residentId: a } });
    expect((await call(w.app, 'POST', `/api/staff/residents/${a}/signups`, { token: w.tokens.staff, body: { activityId: w.f.activityId } })).body.alreadySignedUp).toBe(true);

    const before = await counts(w.t.database);
    for (const body of [{}, { activityId: 'x' }, { activityId: 0 }, { activityId: w.f.activityId, residentId: a }]) {
      expectError(await call(w.app, 'POST', `/api/staff/residents/${a}/signups`, { token: w.tokens.staff, body }), 400, 'invalid_request');
    }
    expectError(await call(w.app, 'POST', `/api/staff/residents/${a}/signups`, { token: w.tokens.staff, body: { activityId: 999_999 } }), 404, 'not_found');
    const past = await addActivity(w.t.database, { date: '2026-03-01' });
    expectError(await call(w.app, 'POST', `/api/staff/residents/${a}/signups`, { token: w.tokens.staff, body: { activityId: past } }), 409, 'signup_closed');
    expect(await counts(w.t.database)).toEqual({ ...before, activities: before.activities! + 1 });
  });

  it('asks for a service as the resident, placed by staff', async () => {
    const [a] = w.f.residents as [number];
    const p = await seedProviders(w.t.database, w.f.staffId);
    const res = await call(w.app, 'POST', `/api/staff/residents/${a}/requests`, { token: w.tokens.staff, body: { serviceId: p.serviceId, note: '老人腿脚不便，电话来问' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: '独居老人上门探访', status: 'submitted', origin: 'staff' });
    const full = await call(w.app, 'GET', `/api/staff/requests/${res.body.id}`, { token: w.tokens.staff });
    expect(full.body).toMatchObject({ resident: { id: a }, detail: '老人腿脚不便，电话来问' });
    expect(full.body.events).toEqual([expect.objectContaining({ event: 'submitted', party: 'staff' })]);
    const [event] = await rows(w.t.database.read, sql`select actor_id from service_request_events where request_id = ${res.body.id}`);
    expect(event).toEqual({ actor_id: w.f.staffId });
    // The resident sees it as theirs.
    const mine = await call(w.app, 'GET', '/api/me/requests', { token: await loginAs(w.app, 'r1') });
    expect(mine.body.items.map((r: { id: number }) => r.id)).toEqual([res.body.id]);

    const before = await counts(w.t.database);
    for (const body of [{}, { serviceId: p.serviceId, note: 'x'.repeat(501) }, { serviceId: p.serviceId, residentId: 2 }, { serviceId: p.serviceId, preferredDate: '2026-02-30' }]) {
      expectError(await call(w.app, 'POST', `/api/staff/residents/${a}/requests`, { token: w.tokens.staff, body }), 400, 'invalid_request');
    }
    expectError(await call(w.app, 'POST', `/api/staff/residents/${a}/requests`, { token: w.tokens.staff, body: { serviceId: p.draftServiceId } }), 422, 'invalid_reference');
    expectError(await call(w.app, 'POST', `/api/staff/residents/${w.f.staffId}/requests`, { token: w.tokens.staff, body: { serviceId: p.serviceId } }), 404, 'not_found');
    expect(await counts(w.t.database)).toEqual(before);
  });

  it('refuses every on-behalf action for a resident who moved away', async () => {
    const [a, b] = w.f.residents as [number, number];
    const p = await seedProviders(w.t.database, w.f.staffId);
    await call(w.app, 'POST', `/api/staff/residents/${a}/move-away`, { token: w.tokens.staff, idempotencyKey: newKey('move'), body: { to: 'pool', reason: '搬走' } });
    const before = await counts(w.t.database);
    expectError(await call(w.app, 'POST', `/api/staff/residents/${a}/gifts`, { token: w.tokens.staff, idempotencyKey: newKey('gift'), body: { to: b, points: 1 } }), 409, 'moved_away');
    expectError(await call(w.app, 'POST', `/api/staff/residents/${b}/gifts`, { token: w.tokens.staff, idempotencyKey: newKey('gift'), body: { to: a, points: 1 } }), 409, 'moved_away');
    expectError(await call(w.app, 'POST', `/api/staff/residents/${a}/signups`, { token: w.tokens.staff, body: { activityId: w.f.activityId } }), 409, 'moved_away');
    expectError(await call(w.app, 'POST', `/api/staff/residents/${a}/requests`, { token: w.tokens.staff, body: { serviceId: p.serviceId } }), 409, 'moved_away');
    expect(await counts(w.t.database)).toEqual(before);
  });
});

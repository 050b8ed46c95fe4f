import { sql } from 'drizzle-orm';
import type { InferRequestType } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACCOUNTS } from '../../functions/domain/ledger/accounts';
import { answerOf, bodyOf, client } from '../helpers/client';
import { addActivity, counts, seedProviders } from '../helpers/daily-use';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, grant, rows, snapshot } from '../helpers/ledger';

type Api = ReturnType<typeof client>;
type Registration = InferRequestType<Api['staff']['residents']['$post']>['json'];
type MoveAway = InferRequestType<Api['staff']['residents'][':id']['move-away']['$post']>['json'];
type Gift = InferRequestType<Api['staff']['residents'][':id']['gifts']['$post']>['json'];

/** A resident's life after registration at the staff desk (issue 17 item 6). */
describe('staff: residents over their lifetime', () => {
  const w = useWorld(['staff', 'r1', 'm1']);

  const household = { compound: '和平小区', building: '3栋', unit: '2单元', door: '502' };
  const staff = () => client(w.app, { token: w.tokens.staff });
  const register = async (
    body: Omit<Registration, 'household'> & Partial<Pick<Registration, 'household'>>,
  ) => bodyOf(await staff().staff.residents.$post({ json: { household, ...body } }), 201);
  const auditOf = async (entity: string, id: number) =>
    (await bodyOf(await staff().staff.audit.$get({ query: { entity, entityId: String(id) } }), 200))
      .items;
  const poolBalance = async () =>
    Number(
      (
        await rows<{ b: number }>(
          w.t.database.read,
          sql`select balance as b from accounts where id = ${SYSTEM_ACCOUNTS.pool}`,
        )
      )[0]!.b,
    );
  const entry = async (id: number | null) =>
    (
      await rows<{ kind: string; actor_id: number }>(
        w.t.database.read,
        sql`select kind, actor_id from ledger_entries where id = ${id}`,
      )
    )[0]!;
  const moveAway = (id: number, json: MoveAway, key = newKey('move')) =>
    staff().staff.residents[':id']['move-away'].$post({
      param: { id: String(id) },
      header: { 'idempotency-key': key },
      json,
    });
  const details = async (id: number) =>
    bodyOf(await staff().staff.residents[':id'].$get({ param: { id: String(id) } }), 200);

  describe('PATCH /api/staff/residents/{id}', () => {
    const edit = async (
      id: number,
      json: InferRequestType<Api['staff']['residents'][':id']['$patch']>['json'],
    ) => staff().staff.residents[':id'].$patch({ param: { id: String(id) }, json });

    it('corrects name, phone and address; moving joins the household at the new address; audited before/after', async () => {
      const [a] = w.f.residents as [number];
      const neighbour = await register({
        fullName: '赵桂兰',
        household: { ...household, door: '601' },
      });
      const res = await bodyOf(
        await edit(a, {
          fullName: '张三花',
          phone: '+86 138-0013-8000',
          household: { ...household, door: ' 601 ' },
        }),
        200,
      );
      // The display name was the masked full name, so it follows the correction.
      expect(res).toMatchObject({
        fullName: '张三花',
        displayName: '张*花',
        phone: '13800138000',
        household: { id: neighbour.household!.id, door: '601' },
        movedAwayAt: null,
      });

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
      await edit(a, { displayName: '张阿姨' });
      const moved = await bodyOf(
        await edit(a, {
          fullName: '张三华',
          phone: null,
          household: { ...household, building: '9栋' },
        }),
        200,
      );
      expect(moved).toMatchObject({
        fullName: '张三华',
        displayName: '张阿姨',
        phone: null,
        household: { building: '9栋' },
      });
      expect(moved.household!.id).not.toBe(neighbour.household!.id);

      // The same values again change nothing and add no audit row.
      const before = (await auditOf('resident', a)).length;
      expect((await edit(a, { displayName: '张阿姨' })).status).toBe(200);
      expect((await auditOf('resident', a)).length).toBe(before);
    });

    it('refuses bad input with 400 and an unknown resident with 404, changing nothing', async () => {
      const [a] = w.f.residents as [number];
      const before = await counts(w.t.database);
      const was = await details(a);
      // Malformed on purpose (empty, bad values, unknown fields, broken JSON), so past the typed client.
      for (const body of [
        {},
        { phone: '12345' },
        { fullName: '' },
        { fullName: 'x'.repeat(65) },
        { displayName: 'y'.repeat(33) },
        { household: { ...household, door: '' } },
        { household: { compound: '和平小区' } },
        { fullName: '张三', login: 'x' },
        '{bad json',
      ]) {
        expectError(
          await call(w.app, 'PATCH', `/api/staff/residents/${a}`, { token: w.tokens.staff, body }),
          400,
          'invalid_request',
        );
      }
      expectError(await answerOf(await edit(w.f.staffId, { fullName: '王五' })), 404, 'not_found');
      expectError(
        await answerOf(
          await client(w.app, { token: w.tokens.r1 }).staff.residents[':id'].$patch({
            param: { id: String(a) },
            json: { fullName: '王五' },
          }),
        ),
        403,
        'forbidden',
      );
      expect(await counts(w.t.database)).toEqual(before);
      expect(await details(a)).toEqual(was);
    });
  });

  describe('POST /api/staff/residents/{id}/move-away', () => {
    it('hands the whole balance to the pool as one transfer; the resident can no longer sign in, redeem or receive', async () => {
      const [a, b] = w.f.residents as [number, number];
      await grant(w.t.database, w.f.staffId, a, 120, w.time.now);
      const code = await bodyOf(
        await client(w.app, { token: w.tokens.r1 }).me['redeem-codes'].$post(),
        201,
      );
      const pool = await poolBalance();
      const entriesBefore = (await snapshot(w.t.database)).entries;

      const key = newKey('move');
      const res = await bodyOf(await moveAway(a, { to: 'pool', reason: '搬到外地' }, key), 200);
      expect(res).toMatchObject({
        points: 120,
        to: { kind: 'pool' },
        movedAwayAt: w.time.now.toISOString(),
      });
      expect((await snapshot(w.t.database)).entries).toBe(entriesBefore + 1);
      expect(await entry(res.entryId)).toEqual({ kind: 'transfer', actor_id: w.f.staffId });
      expect(await balanceOf(w.t.database, a)).toBe(0);
      expect(await poolBalance()).toBe(pool + 120);
      const [audited] = await auditOf('resident', a);
      expect(audited).toMatchObject({
        action: 'update',
        detail: {
          op: 'move_away',
          to: 'pool',
          points: 120,
          entryId: res.entryId,
          reason: '搬到外地',
        },
      });

      // Replaying the key answers the same; a second move is refused.
      const replay = await moveAway(a, { to: 'pool', reason: '搬到外地' }, key);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(await bodyOf(replay, 200)).toEqual(res);
      expectError(
        await answerOf(await moveAway(a, { to: 'pool', reason: '再次' })),
        409,
        'moved_away',
      );

      // Sessions ended, sign-in refused, codes revoked, card refused, gifts refused.
      expectError(
        await answerOf(await client(w.app, { token: w.tokens.r1 }).me.$get()),
        401,
        'unauthorized',
      );
      const signIn = await client(w.app).auth.login.$post({
        json: { login: 'r1', password: 'test-password' },
      });
      expect(signIn.status).toBe(403);
      const counter = client(w.app, { token: w.tokens.m1 }).counter.redemptions;
      const redeem = async (json: InferRequestType<typeof counter.$post>['json']) =>
        answerOf(await counter.$post({ header: { 'idempotency-key': newKey('redeem') }, json }));
      expectError(await redeem({ code: code.code, points: 1 }), 422, 'code_invalid');
      expectError(await redeem({ card: 'C9001', pin: '1357', points: 1 }), 409, 'moved_away');
      await grant(w.t.database, w.f.staffId, b, 10, w.time.now);
      const r2 = client(w.app, { token: await loginAs(w.app, 'r2') });
      expectError(
        await answerOf(
          await r2.me.transfers.$post({
            header: { 'idempotency-key': newKey('gift') },
            json: { to: a, points: 5 },
          }),
        ),
        409,
        'moved_away',
      );
      expectError(
        await answerOf(
          await staff().staff.awards.$post({
            header: { 'idempotency-key': newKey('award') },
            json: { residentId: a, points: 5, reason: '服务' },
          }),
        ),
        409,
        'moved_away',
      );
      expect(await balanceOf(w.t.database, a)).toBe(0);

      // Still found, marked as moved away, with their history intact.
      const found = await bodyOf(
        await staff().staff.residents.$get({ query: { query: '张三华' } }),
        200,
      );
      expect(found.residents).toEqual([
        expect.objectContaining({ id: a, movedAwayAt: res.movedAwayAt, balance: 0 }),
      ]);
      expect(await details(a)).toMatchObject({
        movedAwayAt: res.movedAwayAt,
        card: { cardNo: 'C9001' },
      });
      const statement = await bodyOf(
        await staff().staff.residents[':id'].entries.$get({ param: { id: String(a) }, query: {} }),
        200,
      );
      expect(statement.entries.map((e) => [e.kind, e.points])).toEqual([
        ['transfer_out', -120],
        ['earn', 120],
      ]);
      await expectLedgerInvariants(w.t.database);
    });

    it('hands the balance to a member of the same household, and only of the same household', async () => {
      const mother = await register({ fullName: '赵桂兰' });
      const son = await register({ fullName: '钱国庆' });
      const elsewhere = await register({
        fullName: '孙立',
        household: { ...household, door: '999' },
      });
      await grant(w.t.database, w.f.staffId, mother.id, 40, w.time.now);
      const before = await snapshot(w.t.database);
      const refused = async (id: number, json: MoveAway) => answerOf(await moveAway(id, json));
      expectError(
        await refused(mother.id, { to: { residentId: elsewhere.id }, reason: '搬走' }),
        422,
        'invalid_recipient',
      );
      expectError(
        await refused(mother.id, { to: { residentId: mother.id }, reason: '搬走' }),
        422,
        'invalid_recipient',
      );
      expectError(
        await refused(mother.id, { to: { residentId: 999_999 }, reason: '搬走' }),
        422,
        'invalid_recipient',
      );
      // A resident with no household can hand on only to the pool.
      expectError(
        await refused(w.f.residents[0]!, { to: { residentId: son.id }, reason: '搬走' }),
        422,
        'invalid_recipient',
      );
      // Malformed on purpose, and then a missing Idempotency-Key: past the typed client.
      for (const body of [
        { to: 'pool' },
        { to: 'pool', reason: '' },
        { to: 'elsewhere', reason: '搬走' },
        { to: { residentId: 'x' }, reason: '搬走' },
        { to: 'pool', reason: '搬走', extra: 1 },
      ]) {
        expectError(
          await call(w.app, 'POST', `/api/staff/residents/${mother.id}/move-away`, {
            token: w.tokens.staff,
            idempotencyKey: newKey('move'),
            body,
          }),
          400,
          'invalid_request',
        );
      }
      expectError(
        await call(w.app, 'POST', `/api/staff/residents/${mother.id}/move-away`, {
          token: w.tokens.staff,
          body: { to: 'pool', reason: '搬走' },
        }),
        400,
        'invalid_request',
      );
      expectError(await refused(w.f.staffId, { to: 'pool', reason: '搬走' }), 404, 'not_found');
      const after = await snapshot(w.t.database);
      // Refusals store their outcome under their key and nothing else.
      expect({ ...after, counts: { ...after.counts, idempotency_keys: 0 } }).toEqual({
        ...before,
        counts: { ...before.counts, idempotency_keys: 0 },
      });
      expect(
        await rows(
          w.t.database.read,
          sql`select moved_away_at from residents where moved_away_at is not null`,
        ),
      ).toEqual([]);

      expect((await details(mother.id)).householdMembers).toEqual([
        { id: son.id, fullName: '钱国庆', movedAwayAt: null },
      ]);
      const res = await bodyOf(
        await moveAway(mother.id, { to: { residentId: son.id }, reason: '去养老院' }),
        200,
      );
      expect(res).toMatchObject({
        points: 40,
        to: { kind: 'resident', residentId: son.id, name: '钱国庆' },
      });
      expect(await balanceOf(w.t.database, son.id)).toBe(40);
      expect(await entry(res.entryId)).toEqual({ kind: 'transfer', actor_id: w.f.staffId });
      // The son cannot hand anything back to his moved-away mother.
      expectError(
        await refused(son.id, { to: { residentId: mother.id }, reason: '也搬走' }),
        422,
        'invalid_recipient',
      );
      await expectLedgerInvariants(w.t.database);
    });

    it('marks a resident with no points without a ledger entry', async () => {
      const [, , c] = w.f.residents as [number, number, number];
      const before = (await snapshot(w.t.database)).entries;
      const res = await bodyOf(await moveAway(c, { to: 'pool', reason: '搬走' }), 200);
      expect(res).toMatchObject({ points: 0, entryId: null });
      expect((await snapshot(w.t.database)).entries).toBe(before);
      expect((await details(c)).movedAwayAt).toBe(res.movedAwayAt);
    });
  });

  describe('POST /api/staff/residents/{id}/password-reset', () => {
    const reset = (id: number) =>
      staff().staff.residents[':id']['password-reset'].$post({ param: { id: String(id) } });
    const login = (json: { login: string; password: string }) =>
      client(w.app).auth.login.$post({ json });

    it('sets a temporary password that must be changed, ends sessions, and never logs it', async () => {
      const [a] = w.f.residents as [number];
      const res = await bodyOf(await reset(a), 200);
      expect(res.login).toBe('r1');
      expect(res.temporaryPassword).toMatch(
        /^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/,
      );
      expectError(
        await answerOf(await client(w.app, { token: w.tokens.r1 }).me.$get()),
        401,
        'unauthorized',
      );
      expect((await login({ login: 'r1', password: 'test-password' })).status).toBe(401);
      const signIn = await bodyOf(
        await login({ login: 'r1', password: res.temporaryPassword }),
        200,
      );
      expect(signIn.mustChangePassword).toBe(true);
      expectError(
        await answerOf(await client(w.app, { token: signIn.token }).me.$get()),
        403,
        'password_change_required',
      );
      expect(await details(a)).toMatchObject({ mustChangePassword: true, hasPassword: true });

      const audit = await auditOf('resident', a);
      expect(audit[0]).toMatchObject({ action: 'update', detail: { op: 'reset_password' } });
      expect(JSON.stringify(audit)).not.toContain(res.temporaryPassword);

      const before = await counts(w.t.database);
      // A body the route takes none of, on purpose: past the typed client.
      expectError(
        await call(w.app, 'POST', `/api/staff/residents/${a}/password-reset`, {
          token: w.tokens.staff,
          body: { password: 'mine-12345' },
        }),
        400,
        'invalid_request',
      );
      expectError(await answerOf(await reset(w.f.merchants[0]!)), 404, 'not_found');
      expect(await counts(w.t.database)).toEqual(before);
    });

    it('gives a card-only resident a first password; refuses one who moved away', async () => {
      const cardOnly = await register({
        fullName: '周奶奶',
        card: { cardNo: 'C0555', pin: '2468' },
      });
      const res = await bodyOf(await reset(cardOnly.id), 200);
      expect(res.temporaryPassword.length).toBeGreaterThanOrEqual(10);
      expect((await login({ login: cardOnly.login, password: res.temporaryPassword })).status).toBe(
        200,
      );
      await moveAway(cardOnly.id, { to: 'pool', reason: '搬走' });
      expectError(await answerOf(await reset(cardOnly.id)), 409, 'moved_away');
    });
  });

  describe('GET /api/staff/residents/{id}/entries', () => {
    it("answers the resident's statement, balance and expiry schedule, paged", async () => {
      const [a, b] = w.f.residents as [number, number];
      await grant(w.t.database, w.f.staffId, a, 30, new Date('2025-05-01T02:00:00Z'), '巡防');
      await grant(w.t.database, w.f.staffId, a, 20, w.time.now, '清洁');
      await client(w.app, { token: w.tokens.r1 }).me.transfers.$post({
        header: { 'idempotency-key': newKey('gift') },
        json: { to: b, points: 5, memo: '谢谢' },
      });
      const entries = (id: number, query: { limit?: string; cursor?: string }) =>
        staff().staff.residents[':id'].entries.$get({ param: { id: String(id) }, query });
      const first = await bodyOf(await entries(a, { limit: '2' }), 200);
      expect(first.balance).toBe(45);
      // 30 earned in 2025 less the 5 given lapse when 2027 ends; the 20 of 2026 a year later.
      expect(first.expiring).toEqual([
        { points: 25, at: expect.stringMatching(/^2027-12-31T16:00:00/) },
        { points: 20, at: expect.stringMatching(/^2028-12-31T16:00:00/) },
      ]);
      expect(first.entries.map((e) => [e.kind, e.points, e.balanceAfter, e.memo])).toEqual([
        ['transfer_out', -5, 45, '谢谢'],
        ['earn', 20, 50, '清洁'],
      ]);
      const mine = await bodyOf(
        await client(w.app, { token: w.tokens.r1 }).me.entries.$get({ query: { limit: '2' } }),
        200,
      );
      expect(first.entries).toEqual(mine.entries);
      const next = await bodyOf(await entries(a, { limit: '2', cursor: first.nextCursor! }), 200);
      expect(next.entries.map((e) => e.memo)).toEqual(['巡防']);
      expect(next.nextCursor).toBeNull();

      expectError(await answerOf(await entries(a, { limit: '0' })), 400, 'invalid_request');
      expectError(await answerOf(await entries(a, { cursor: 'abc' })), 400, 'invalid_request');
      expectError(await answerOf(await entries(w.f.staffId, {})), 404, 'not_found');
      expectError(
        await answerOf(
          await client(w.app, { token: w.tokens.r1 }).staff.residents[':id'].entries.$get({
            param: { id: String(a) },
            query: {},
          }),
        ),
        403,
        'forbidden',
      );
    });
  });
});

describe('staff: acting for a card-only resident', () => {
  const w = useWorld(['staff']);
  const staff = () => client(w.app, { token: w.tokens.staff }).staff;
  const auditOf = async (entity: string, id: number) =>
    (await bodyOf(await staff().audit.$get({ query: { entity, entityId: String(id) } }), 200))
      .items;
  const signUp = (id: number, activityId: number) =>
    staff().residents[':id'].signups.$post({ param: { id: String(id) }, json: { activityId } });
  const ask = (
    id: number,
    json: InferRequestType<
      ReturnType<typeof staff>['residents'][':id']['requests']['$post']
    >['json'],
  ) => staff().residents[':id'].requests.$post({ param: { id: String(id) }, json });

  it('gives points to a neighbour by id, login or card; the entry and audit name the staff member', async () => {
    const [a, b, c] = w.f.residents as [number, number, number];
    await grant(w.t.database, w.f.staffId, a, 50, w.time.now);
    const gift = (json: Gift, key = newKey('gift'), from = a) =>
      staff().residents[':id'].gifts.$post({
        param: { id: String(from) },
        header: { 'idempotency-key': key },
        json,
      });

    const key = newKey('gift');
    const byId = await bodyOf(await gift({ to: b, points: 10, reason: '感谢帮忙买菜' }, key), 201);
    expect(byId).toMatchObject({ balanceAfter: 40, to: { id: b, maskedName: '李*英' } });
    expect(
      await bodyOf(await gift({ to: b, points: 10, reason: '感谢帮忙买菜' }, key), 201),
    ).toEqual(byId);
    const [row] = await rows<{ kind: string; actor_id: number; memo: string }>(
      w.t.database.read,
      sql`select kind, actor_id, memo from ledger_entries where id = ${byId.id}`,
    );
    expect(row).toEqual({ kind: 'transfer', actor_id: w.f.staffId, memo: '感谢帮忙买菜' });
    expect((await auditOf('resident', a))[0]).toMatchObject({
      action: 'update',
      detail: { op: 'gift_on_behalf', entryId: byId.id, to: b, points: 10 },
    });

    expect(await bodyOf(await gift({ to: { login: 'r3' }, points: 5 }), 201)).toMatchObject({
      balanceAfter: 35,
      to: { id: c },
    });
    expect(await bodyOf(await gift({ to: { card: 'c9002' }, points: 5 }), 201)).toMatchObject({
      balanceAfter: 30,
      to: { id: b },
    });
    expect(await balanceOf(w.t.database, b)).toBe(15);

    const before = await snapshot(w.t.database);
    const auditRows = (await counts(w.t.database)).audit_log;
    // Malformed on purpose, and then a missing Idempotency-Key: past the typed client.
    for (const body of [
      { to: b },
      { to: b, points: 0 },
      { to: b, points: 1.5 },
      { to: 'pool', points: 1 },
      { to: { phone: '138' }, points: 1 },
      { to: { card: 'X1' }, points: 1 },
      { to: b, points: 1, memo: 'x' },
    ]) {
      expectError(
        await call(w.app, 'POST', `/api/staff/residents/${a}/gifts`, {
          token: w.tokens.staff,
          idempotencyKey: newKey('gift'),
          body,
        }),
        400,
        'invalid_request',
      );
    }
    expectError(
      await call(w.app, 'POST', `/api/staff/residents/${a}/gifts`, {
        token: w.tokens.staff,
        body: { to: b, points: 1 },
      }),
      400,
      'invalid_request',
    );
    expect(await snapshot(w.t.database)).toEqual(before);
    expectError(await answerOf(await gift({ to: b, points: 1000 })), 409, 'insufficient_points');
    expectError(await answerOf(await gift({ to: a, points: 1 })), 422, 'invalid_recipient');
    expectError(
      await answerOf(await gift({ to: { login: 'nobody' }, points: 1 })),
      422,
      'invalid_recipient',
    );
    expectError(
      await answerOf(await gift({ to: w.f.merchants[0]!, points: 1 })),
      422,
      'invalid_recipient',
    );
    expectError(
      await answerOf(await gift({ to: b, points: 1 }, newKey('gift'), w.f.staffId)),
      404,
      'not_found',
    );
    const after = await snapshot(w.t.database);
    expect({ ...after, counts: { ...after.counts, idempotency_keys: 0 } }).toEqual({
      ...before,
      counts: { ...before.counts, idempotency_keys: 0 },
    });
    expect((await counts(w.t.database)).audit_log).toBe(auditRows);
    await expectLedgerInvariants(w.t.database);
  });

  it('signs up for an activity, recording who did it', async () => {
    const [a] = w.f.residents as [number];
    const res = await bodyOf(await signUp(a, w.f.activityId), 201);
    expect(res).toMatchObject({
      activityId: w.f.activityId,
      title: '夜间巡防',
      date: '2026-03-09',
      alreadySignedUp: false,
    });
    const [row] = await rows(
      w.t.database.read,
      sql`select resident_id, signed_up_by from activity_signups where activity_id = ${w.f.activityId}`,
    );
    expect(row).toEqual({ resident_id: a, signed_up_by: w.f.staffId });
    expect((await auditOf('activity_signup', w.f.activityId))[0]).toMatchObject({
      action: 'create',
      detail: { op: 'signup_on_behalf', residentId: a },
    });
    expect((await bodyOf(await signUp(a, w.f.activityId), 201)).alreadySignedUp).toBe(true);

    const before = await counts(w.t.database);
    // Malformed on purpose: past the typed client.
    for (const body of [
      {},
      { activityId: 'x' },
      { activityId: 0 },
      { activityId: w.f.activityId, residentId: a },
    ]) {
      expectError(
        await call(w.app, 'POST', `/api/staff/residents/${a}/signups`, {
          token: w.tokens.staff,
          body,
        }),
        400,
        'invalid_request',
      );
    }
    expectError(await answerOf(await signUp(a, 999_999)), 404, 'not_found');
    const past = await addActivity(w.t.database, { date: '2026-03-01' });
    expectError(await answerOf(await signUp(a, past)), 409, 'signup_closed');
    expect(await counts(w.t.database)).toEqual({ ...before, activities: before.activities! + 1 });
  });

  it('asks for a service as the resident, placed by staff', async () => {
    const [a] = w.f.residents as [number];
    const p = await seedProviders(w.t.database, w.f.staffId);
    const res = await bodyOf(
      await ask(a, { serviceId: p.serviceId, note: '老人腿脚不便，电话来问' }),
      201,
    );
    expect(res).toMatchObject({ title: '独居老人上门探访', status: 'submitted', origin: 'staff' });
    const full = await bodyOf(
      await staff().requests[':id'].$get({ param: { id: String(res.id) } }),
      200,
    );
    expect(full).toMatchObject({ resident: { id: a }, detail: '老人腿脚不便，电话来问' });
    expect(full.events).toEqual([expect.objectContaining({ event: 'submitted', party: 'staff' })]);
    const [event] = await rows(
      w.t.database.read,
      sql`select actor_id from service_request_events where request_id = ${res.id}`,
    );
    expect(event).toEqual({ actor_id: w.f.staffId });
    // The resident sees it as theirs.
    const mine = await bodyOf(
      await client(w.app, { token: await loginAs(w.app, 'r1') }).me.requests.$get({ query: {} }),
      200,
    );
    expect(mine.items.map((r) => r.id)).toEqual([res.id]);

    const before = await counts(w.t.database);
    // Malformed on purpose: past the typed client.
    for (const body of [
      {},
      { serviceId: p.serviceId, note: 'x'.repeat(501) },
      { serviceId: p.serviceId, residentId: 2 },
      { serviceId: p.serviceId, preferredDate: '2026-02-30' },
    ]) {
      expectError(
        await call(w.app, 'POST', `/api/staff/residents/${a}/requests`, {
          token: w.tokens.staff,
          body,
        }),
        400,
        'invalid_request',
      );
    }
    expectError(
      await answerOf(await ask(a, { serviceId: p.draftServiceId })),
      422,
      'invalid_reference',
    );
    expectError(
      await answerOf(await ask(w.f.staffId, { serviceId: p.serviceId })),
      404,
      'not_found',
    );
    expect(await counts(w.t.database)).toEqual(before);
  });

  it('refuses every on-behalf action for a resident who moved away', async () => {
    const [a, b] = w.f.residents as [number, number];
    const p = await seedProviders(w.t.database, w.f.staffId);
    await staff().residents[':id']['move-away'].$post({
      param: { id: String(a) },
      header: { 'idempotency-key': newKey('move') },
      json: { to: 'pool', reason: '搬走' },
    });
    const before = await counts(w.t.database);
    const gift = (from: number, to: number) =>
      staff().residents[':id'].gifts.$post({
        param: { id: String(from) },
        header: { 'idempotency-key': newKey('gift') },
        json: { to, points: 1 },
      });
    expectError(await answerOf(await gift(a, b)), 409, 'moved_away');
    expectError(await answerOf(await gift(b, a)), 409, 'moved_away');
    expectError(await answerOf(await signUp(a, w.f.activityId)), 409, 'moved_away');
    expectError(await answerOf(await ask(a, { serviceId: p.serviceId })), 409, 'moved_away');
    expect(await counts(w.t.database)).toEqual(before);
  });
});

import type { InferRequestType } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { counts } from '../helpers/daily-use';
import { call, expectError, newKey, useWorld } from '../helpers/http';
import { grant } from '../helpers/ledger';
import { type Api, residentDesk } from './staff-residents-helpers';

/** A resident's life after registration at the staff desk (issue 17 item 6). */
describe('staff: residents over their lifetime', () => {
  const w = useWorld(['staff', 'r1', 'm1']);

  const { household, staff, register, auditOf, moveAway, details } = residentDesk(w);

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

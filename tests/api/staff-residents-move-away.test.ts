import { sql } from 'drizzle-orm';
import type { InferRequestType } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { call, expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, grant, rows, snapshot } from '../helpers/ledger';
import { type MoveAway, residentDesk } from './staff-residents-helpers';

/** A resident moving away at the staff desk: the balance goes to the pool or to their household (issue 17 item 6). */
describe('staff: residents over their lifetime', () => {
  const w = useWorld(['staff', 'r1', 'm1']);

  const { household, staff, register, auditOf, poolBalance, entry, moveAway, details } =
    residentDesk(w);

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
});

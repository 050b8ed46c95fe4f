import { describe, expect, it } from 'vitest';
import { redeem } from '../../functions/domain/ledger/commands';
import { call, expectError, useWorld } from '../helpers/http';
import { grant } from '../helpers/ledger';

/** What the staff console reads carries names beside ids: it never has to show a bare #id. */
describe('names in the staff console answers', () => {
  const w = useWorld(['staff', 'staff2', 'admin', 'r1']);

  it('a ledger entry names who recorded it, whose accounts moved and its activity', async () => {
    const [resident] = w.f.residents;
    const [merchant] = w.f.merchants;
    await grant(w.t.database, w.f.staffId, resident!, 30, w.time.now);
    const sale = await w.t.database.write((tx) => redeem(tx, { merchantId: merchant!, residentId: resident!, points: 5, now: w.time.now }));

    const award = await call(w.app, 'GET', '/api/staff/entries/1', { token: w.tokens.staff });
    expect(award.status).toBe(200);
    expect(award.body).toMatchObject({ kind: 'award', actorId: w.f.staffId, actor: { id: w.f.staffId, login: 'staff', name: '王主任' }, activity: null });
    expect(award.body.postings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'issuance', ownerId: null, owner: null, amount: -30 }),
        expect.objectContaining({ kind: 'resident', ownerId: resident, owner: { id: resident, login: 'r1', name: '张三华' }, amount: 30 }),
      ]),
    );

    const redemption = await call(w.app, 'GET', `/api/staff/entries/${sale.id}`, { token: w.tokens.staff });
    expect(redemption.body.kind).toBe('redemption');
    expect(redemption.body.postings).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'merchant', owner: { id: merchant, login: 'm1', name: '明亮眼镜店' }, amount: 5 })]));
  });

  it('the audit trail offers its people as choices and filters by action', async () => {
    const actors = await call(w.app, 'GET', '/api/staff/audit/actors', { token: w.tokens.staff });
    expect(actors.status).toBe(200);
    expect(actors.body.actors.map((a: { login: string; role: string }) => [a.login, a.role]).sort()).toEqual([
      ['admin', 'admin'],
      ['staff', 'staff'],
      ['staff2', 'accountant'],
    ]);
    expect(actors.body.actors[0]).toEqual({ id: expect.any(Number), login: expect.any(String), name: expect.any(String), role: expect.any(String), disabled: false });
    expectError(await call(w.app, 'GET', '/api/staff/audit/actors', { token: w.tokens.r1 }), 403, 'forbidden');

    const created = await call(w.app, 'POST', '/api/staff/records/funds', { token: w.tokens.staff, body: { code: 'F-T', name: '测试基金', kind: 'micro_fund', description: '说明' } });
    expect(created.status).toBe(201);
    const creates = await call(w.app, 'GET', '/api/staff/audit?action=create&entity=fund', { token: w.tokens.staff });
    expect(creates.body.items.map((e: { action: string; entity: string; actor: { name: string } }) => [e.action, e.entity, e.actor.name])).toEqual([['create', 'fund', '王主任']]);
    expect((await call(w.app, 'GET', '/api/staff/audit?action=publish&entity=fund', { token: w.tokens.staff })).body.items).toEqual([]);
    expectError(await call(w.app, 'GET', '/api/staff/audit?action=Drop%20table', { token: w.tokens.staff }), 400, 'invalid_request');
  });
});

import { describe, expect, it } from 'vitest';
import { redeem } from '../../functions/domain/ledger/commands';
import { answerOf, bodyOf, client } from '../helpers/client';
import { call, expectError, useWorld } from '../helpers/http';
import { grant } from '../helpers/ledger';

/** What the staff console reads carries names beside ids: it never has to show a bare #id. */
describe('names in the staff console answers', () => {
  const w = useWorld(['staff', 'staff2', 'admin', 'r1']);

  it('a ledger entry names who recorded it, whose accounts moved and its activity', async () => {
    const [resident] = w.f.residents;
    const [merchant] = w.f.merchants;
    await grant(w.t.database, w.f.staffId, resident!, 30, w.time.now);
    const sale = await w.t.database.write((tx) =>
      redeem(tx, { actorId: merchant!, now: w.time.now }, { residentId: resident!, points: 5 }),
    );

    const entry = async (id: number) =>
      bodyOf(
        await client(w.app, { token: w.tokens.staff }).staff.entries[':id'].$get({
          param: { id: String(id) },
        }),
        200,
      );
    const award = await entry(1);
    expect(award).toMatchObject({
      kind: 'award',
      actorId: w.f.staffId,
      actor: { id: w.f.staffId, login: 'staff', name: '王主任' },
      activity: null,
    });
    expect(award.postings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'issuance', ownerId: null, owner: null, amount: -30 }),
        expect.objectContaining({
          kind: 'resident',
          ownerId: resident,
          owner: { id: resident, login: 'r1', name: '张三华' },
          amount: 30,
        }),
      ]),
    );

    const redemption = await entry(sale.id);
    expect(redemption.kind).toBe('redemption');
    expect(redemption.postings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'merchant',
          owner: { id: merchant, login: 'm1', name: '明亮眼镜店' },
          amount: 5,
        }),
      ]),
    );
  });

  it('the audit trail offers its people as choices and filters by action', async () => {
    const audit = client(w.app, { token: w.tokens.staff }).staff.audit;
    const actors = await bodyOf(await audit.actors.$get(), 200);
    expect(actors.actors.map((a) => [a.login, a.role]).sort()).toEqual([
      ['admin', 'admin'],
      ['staff', 'staff'],
      ['staff2', 'accountant'],
    ]);
    expect(actors.actors[0]).toEqual({
      id: expect.any(Number),
      login: expect.any(String),
      name: expect.any(String),
      role: expect.any(String),
      disabled: false,
    });
    expectError(
      await answerOf(await client(w.app, { token: w.tokens.r1 }).staff.audit.actors.$get()),
      403,
      'forbidden',
    );

    // The generic records routes are not in AppType yet.
    const created = await call(w.app, 'POST', '/api/staff/records/funds', {
      token: w.tokens.staff,
      body: { code: 'F-T', name: '测试基金', kind: 'micro_fund', description: '说明' },
    });
    expect(created.status).toBe(201);
    const creates = await bodyOf(
      await audit.$get({ query: { action: 'create', entity: 'fund' } }),
      200,
    );
    expect(creates.items.map((e) => [e.action, e.entity, e.actor?.name])).toEqual([
      ['create', 'fund', '王主任'],
    ]);
    expect(
      (await bodyOf(await audit.$get({ query: { action: 'publish', entity: 'fund' } }), 200)).items,
    ).toEqual([]);
    expectError(
      await answerOf(await audit.$get({ query: { action: 'Drop table' } })),
      400,
      'invalid_request',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { expectError, loginAs, newKey, useWorld } from '../helpers/http';
import { grant } from '../helpers/ledger';

/** The resident's totals, and finding a neighbour to give points to without learning their full name. */
describe('resident: summary and recipients', () => {
  const w = useWorld(['r1']);

  it('finds a neighbour by login or card: id and masked name only, 404 for anyone else', async () => {
    const recipients = client(w.app, { token: w.tokens.r1 }).me.recipients;
    const find = async (query: { login?: string; card?: string }) =>
      answerOf(await recipients.$get({ query }));
    const byLogin = await bodyOf(await recipients.$get({ query: { login: 'r2' } }), 200);
    expect(byLogin).toEqual({ id: w.f.residents[1], maskedName: '李*英', self: false });
    expect(await bodyOf(await recipients.$get({ query: { card: 'c9003' } }), 200)).toEqual({
      id: w.f.residents[2],
      maskedName: '王*国',
      self: false,
    });
    expect((await bodyOf(await recipients.$get({ query: { login: 'r1' } }), 200)).self).toBe(true);
    expectError(await find({ login: 'nobody' }), 404, 'not_found');
    expectError(await find({ login: 'm1' }), 404, 'not_found');
    expectError(await find({ login: 'staff' }), 404, 'not_found');
    expectError(await find({ card: 'C0000' }), 404, 'not_found');
    expectError(await find({}), 400, 'invalid_request');
    expectError(await find({ login: 'r2', card: 'C9002' }), 400, 'invalid_request');
    expectError(await find({ card: '9002' }), 400, 'invalid_request');
    const merchant = await loginAs(w.app, 'm1');
    expectError(
      await answerOf(
        await client(w.app, { token: merchant }).me.recipients.$get({ query: { login: 'r2' } }),
      ),
      403,
      'forbidden',
    );
    expect(JSON.stringify(byLogin)).not.toContain('李秀英');
  });

  it('sums the statement by kind; the parts add up to the balance', async () => {
    const [a, b] = w.f.residents as [number, number];
    await grant(w.t.database, w.f.staffId, a, 100, w.time.now);
    const header = () => ({ 'idempotency-key': newKey() });
    const staff = client(w.app, { token: await loginAs(w.app, 'staff') });
    const r1 = client(w.app, { token: w.tokens.r1 });
    const wrong = await bodyOf(
      await staff.staff.awards.$post({
        header: header(),
        json: { residentId: a, points: 30, reason: '录错' },
      }),
      201,
    );
    await staff.staff.entries[':id'].reverse.$post({
      header: header(),
      param: { id: String(wrong.id) },
      json: { reason: '重复录入' },
    });
    await r1.me.transfers.$post({ header: header(), json: { to: b, points: 15 } });
    await r1.me.transfers.$post({ header: header(), json: { to: 'pool', points: 5 } });
    await client(w.app, { token: await loginAs(w.app, 'r2') }).me.transfers.$post({
      header: header(),
      json: { to: a, points: 4 },
    });
    await client(w.app, { token: await loginAs(w.app, 'm1') }).counter.redemptions.$post({
      header: header(),
      json: { card: 'C9001', pin: '1357', points: 12 },
    });

    const summary = await bodyOf(await r1.me.summary.$get(), 200);
    expect(summary).toEqual({
      balance: 72,
      earned: 130,
      redeemed: 12,
      given: 20,
      received: 4,
      reversed: -30,
      expired: 0,
      entries: 7,
      hours: 0,
      activities: 0,
    });
    expect((await bodyOf(await r1.me.$get(), 200)).balance).toBe(72);
  });
});

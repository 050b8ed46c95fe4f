import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { answerOf, bodyOf, client } from '../helpers/client';
import { call, expectError, useWorld } from '../helpers/http';
import { rows } from '../helpers/ledger';

/** The community's settings, as the administrator reads and changes them (/api/admin/settings). */
describe('admin settings', () => {
  const w = useWorld(['admin', 'staff', 'staff2', 'r1']);
  type Change = Parameters<ReturnType<typeof client>['admin']['settings']['$patch']>[0]['json'];
  const settings = (token = w.tokens.admin) => client(w.app, { token }).admin.settings;
  const get = async (token?: string) => answerOf(await settings(token).$get());
  const read = async () => bodyOf(await settings().$get(), 200);
  const changing = (json: Change, token?: string) => settings(token).$patch({ json });
  const patch = async (json: Change, token?: string) => answerOf(await changing(json, token));
  const settingRows = () =>
    rows<{ key: string; value: string }>(
      w.t.database.read,
      sql`select key, value from settings order by key`,
    );
  const auditRows = () =>
    rows<{ action: string; entity: string; actor_id: number; detail: string }>(
      w.t.database.read,
      sql`select action, entity, actor_id, detail from audit_log where entity = 'settings' order by id`,
    );

  it('answers every setting with its default', async () => {
    expect(await read()).toEqual({
      communityName: '社区',
      siteUrl: null,
      perAwardThreshold: 200,
      perBatchThreshold: 2000,
      expiryYears: 2,
      expiryNoticeDays: 30,
      backupKeep: 7,
    });
  });

  it('changes what it is given, normalises the site origin, and audits before and after', async () => {
    const res = await bodyOf(
      await changing({
        communityName: '幸福里社区',
        siteUrl: 'https://linli.example.org/',
        perAwardThreshold: 100,
        expiryYears: 3,
        expiryNoticeDays: 14,
        backupKeep: 10,
      }),
      200,
    );
    expect(res).toEqual({
      communityName: '幸福里社区',
      siteUrl: 'https://linli.example.org',
      perAwardThreshold: 100,
      perBatchThreshold: 2000,
      expiryYears: 3,
      expiryNoticeDays: 14,
      backupKeep: 10,
    });
    expect(await read()).toEqual(res);
    const audits = await auditRows();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'update',
      entity: 'settings',
      actor_id: w.f.adminId,
    });
    expect(JSON.parse(audits[0]!.detail).changes).toEqual({
      communityName: { from: '社区', to: '幸福里社区' },
      siteUrl: { from: null, to: 'https://linli.example.org' },
      perAwardThreshold: { from: 200, to: 100 },
      expiryYears: { from: 2, to: 3 },
      expiryNoticeDays: { from: 30, to: 14 },
      backupKeep: { from: 7, to: 10 },
    });
    // The same values again change nothing and add no audit row.
    expect((await patch({ perAwardThreshold: 100 })).status).toBe(200);
    expect(await auditRows()).toHaveLength(1);
  });

  it('a new threshold applies to the next award', async () => {
    expect((await patch({ perAwardThreshold: 20 })).status).toBe(200);
    const awarding = client(w.app, { token: w.tokens.staff }).staff.awards.$post({
      header: { 'idempotency-key': 'threshold-0001' },
      json: { residentId: w.f.residents[0]!, points: 30, reason: '助老' },
    });
    const award = await bodyOf(await awarding, 202);
    expect(award).toMatchObject({ status: 'pending', totalPoints: 30 });
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = await settingRows();
    const bad: Change[] = [
      {},
      { siteUrl: 'ftp://linli.example.org' },
      { siteUrl: 'https://linli.example.org/portal' },
      { siteUrl: 'https://linli.example.org/?x=1' },
      { siteUrl: 'not a url' },
      { siteUrl: 'javascript:alert(1)' },
      { expiryYears: 0 },
      { expiryYears: 2.5 },
      { expiryNoticeDays: -1 },
      { backupKeep: 0 },
      { perAwardThreshold: -5 },
      { communityName: '  ' },
      { perAwardThreshold: 100, expiryYears: 0 },
    ];
    for (const json of bad) expectError(await patch(json), 400, 'invalid_request');
    // Wrong types, unknown fields and malformed JSON are what the typed client cannot send.
    for (const body of [{ perBatchThreshold: '100' }, { communityName: '幸福里', demo: 'true' }]) {
      expectError(
        await call(w.app, 'PATCH', '/api/admin/settings', { token: w.tokens.admin, body }),
        400,
        'invalid_request',
      );
    }
    expectError(
      await call(w.app, 'PATCH', '/api/admin/settings', {
        token: w.tokens.admin,
        body: '{"expiryYears":',
      }),
      400,
      'invalid_request',
    );
    expect(await settingRows()).toEqual(before);
    expect(await auditRows()).toEqual([]);
  });

  it('is for the administrator only', async () => {
    for (const token of [w.tokens.staff, w.tokens.staff2, w.tokens.r1]) {
      expectError(await get(token), 403, 'forbidden');
      expectError(await patch({ backupKeep: 3 }, token), 403, 'forbidden');
    }
    expectError(await answerOf(await client(w.app).admin.settings.$get()), 401, 'unauthorized');
    expect((await read()).backupKeep).toBe(7);
  });
});

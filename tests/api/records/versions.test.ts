import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { VersionsSchema } from '../../../functions/routes/staff/records/versions';
import { answerOf, client } from '../../helpers/client';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { idOf, recordsWorld, sample } from './helpers';

const w = perTest(recordsWorld);

async function published(path: string, body: object): Promise<number> {
  const created = await w.api('POST', path, body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = idOf(created);
  expect((await w.api('POST', `${path}/${id}/publish`)).status).toBe(200);
  return id;
}

/** One published record of every versioned type, with a wording change each may take. */
async function oneOfEach(): Promise<
  Array<{ path: string; id: number; patch: Record<string, unknown> }>
> {
  const org = await published('/organizations', sample.organization());
  const service = await published('/services', sample.service(org));
  const deliberation = await published('/deliberations', sample.deliberation());
  const fund = await published('/funds', sample.fund());
  const donation = await published('/donations', sample.donation(fund));
  const income = await published('/incomes', sample.income(fund));
  const expense = idOf(await w.api('POST', '/expenses', sample.expense(fund)));
  await w.api('POST', `/expenses/${expense}/approve`, undefined, w.staff2);
  await w.api('POST', `/expenses/${expense}/publish`);
  return [
    { path: '/organizations', id: org, patch: { provides: '独居老人探访与陪诊' } },
    { path: '/services', id: service, patch: { schedule: '每月 10 日上午' } },
    { path: '/deliberations', id: deliberation, patch: { resolution: '通过方案 B（修正后）' } },
    { path: '/funds', id: fund, patch: { description: '社区慈善微基金（2026）' } },
    { path: '/donations', id: donation, patch: { receiptNo: 'D-001A' } },
    { path: '/incomes', id: income, patch: { source: '社区便民洗衣房（一店）' } },
    { path: '/expenses', id: expense, patch: { payee: '幸福食堂（二店）' } },
  ];
}

describe('revisions and withdrawals of published records', () => {
  it('revises and withdraws every type as new versions, each with its reason, and never rewrites one', async () => {
    const records = await oneOfEach();
    for (const { path, id, patch } of records) {
      const [field] = Object.keys(patch);
      expectError(await w.api('PATCH', `${path}/${id}`, patch), 400, 'invalid_request');
      expectError(
        await w.api('PATCH', `${path}/${id}`, { ...patch, reason: '  ' }),
        400,
        'invalid_request',
      );
      const revised = await w.api('PATCH', `${path}/${id}`, { ...patch, reason: '错字更正' });
      expect(revised.status, `${path} ${JSON.stringify(revised.body)}`).toBe(200);
      expect(revised.body).toMatchObject({ ...patch, status: 'published' });
      expectError(
        await w.api('PATCH', `${path}/${id}`, { ...patch, reason: '再改一次' }),
        400,
        'invalid_request',
      );

      expectError(await w.api('POST', `${path}/${id}/withdraw`, {}), 400, 'invalid_request');
      const withdrawn = await w.api('POST', `${path}/${id}/withdraw`, { reason: '服务已停止' });
      expect(withdrawn.status, `${path} ${JSON.stringify(withdrawn.body)}`).toBe(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
      expectError(
        await w.api('POST', `${path}/${id}/withdraw`, { reason: '再撤' }),
        409,
        'record_withdrawn',
      );
      expectError(
        await w.api('PATCH', `${path}/${id}`, { ...patch, reason: '撤回后' }),
        409,
        'record_withdrawn',
      );

      const body = VersionsSchema.parse((await w.api('GET', `${path}/${id}/versions`)).body);
      expect(body.items.map((v) => [v.version, v.kind, v.reason, v.changed])).toEqual([
        [1, 'published', null, []],
        [2, 'revised', '错字更正', [field]],
        [3, 'withdrawn', '服务已停止', ['status']],
      ]);
      expect(body.items[0]!.snapshot).not.toHaveProperty(field!, patch[field!]);
      expect(body.items[1]!.snapshot).toMatchObject(patch);
      expect(body.items[2]!.snapshot).toMatchObject({ status: 'withdrawn' });
      expect(body.items[0]!.snapshot).not.toHaveProperty('createdBy');
    }
    const actions = await w.rows<{ action: string; n: number }>(
      sql`select action, count(*) as n from audit_log where action in ('revise', 'withdraw') group by action order by action`,
    );
    expect(actions.map((a) => [a.action, Number(a.n)])).toEqual([
      ['revise', 7],
      ['withdraw', 7],
    ]);
    expect(
      w.published.filter((p) => p.event.entity === 'service').map((p) => p.event),
    ).toHaveLength(3);
  });

  it('keeps the public snapshot free of what only staff see', async () => {
    const fund = await published('/funds', sample.fund());
    const donation = await published('/donations', sample.donation(fund, { note: '电话 138…' }));
    const body = VersionsSchema.parse((await w.api('GET', `/donations/${donation}/versions`)).body);
    expect(body.items[0]!.snapshot).toMatchObject({ donor: '匿名', anonymous: true });
    expect(JSON.stringify(body.items[0]!.snapshot)).not.toMatch(/张先生|138/);
  });

  it('refuses to withdraw a draft, and edits a draft freely without versions', async () => {
    const org = idOf(await w.api('POST', '/organizations', sample.organization()));
    expectError(
      await w.api('POST', `/organizations/${org}/withdraw`, { reason: '不要了' }),
      409,
      'not_published',
    );
    expect((await w.api('PATCH', `/organizations/${org}`, { name: '改名' })).body).toMatchObject({
      name: '改名',
    });
    expect((await w.api('GET', `/organizations/${org}/versions`)).body).toEqual({ items: [] });
    expectError(await w.api('GET', '/organizations/999/versions'), 404, 'not_found');
    expectError(
      await w.api('POST', '/organizations/999/withdraw', { reason: 'x' }),
      404,
      'not_found',
    );
  });

  it('keeps versions append-only: the database refuses to change or remove one', async () => {
    const org = await published('/organizations', sample.organization());
    await w.api('PATCH', `/organizations/${org}`, { name: '阳光社工站（新）', reason: '更名' });
    const before = await w.rows(sql`select * from record_versions order by id`);
    expect(before).toHaveLength(2);
    for (const statement of [
      sql`update record_versions set reason = '改写'`,
      sql`delete from record_versions`,
    ]) {
      const refused = await w.t.database
        .write((tx) => tx.run(statement))
        .catch((error: Error) => error);
      expect(String((refused as Error).cause ?? refused)).toMatch(/append-only/);
    }
    expect(await w.rows(sql`select * from record_versions order by id`)).toEqual(before);
  });

  it('refuses a withdrawn service to residents asking for it', async () => {
    const org = await published('/organizations', sample.organization());
    const service = await published('/services', sample.service(org));
    const ask = async () =>
      answerOf(
        await client(w.app, { token: w.resident }).me.requests.$post({
          json: { serviceId: service },
        }),
      );
    expect((await ask()).status).toBe(201);
    await w.api('POST', `/services/${service}/withdraw`, { reason: '服务已停止' });
    const refused = await ask();
    expectError(refused, 409, 'service_withdrawn');
    expect(refused.body.error.message).toContain('已撤回');
  });
});

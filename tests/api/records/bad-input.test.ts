import { z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../helpers/api';
import { expectError } from '../../helpers/http';
import { BASE, type RecordsWorld, recordsWorld, sample } from './helpers';

/**
 * Every records write route refuses malformed input with 400 invalid_request and changes nothing;
 * every records route is staff-only (401 anonymous, 403 resident or merchant).
 */
let w: RecordsWorld;
let ids: {
  org: number;
  fund: number;
  service: number;
  delib: number;
  followup: number;
  donation: number;
  income: number;
  expense: number;
  correction: number;
  budget: number;
};

beforeAll(async () => {
  w = await recordsWorld();
  const post = async (path: string, body: unknown) => {
    const res = await w.api('POST', path, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: number; agendaItems?: Array<{ id: number }> };
  };
  const org = await post('/organizations', sample.organization());
  const fund = await post('/funds', sample.fund());
  const service = await post('/services', sample.service(org.id));
  const delib = await post('/deliberations', sample.deliberation());
  const followup = await post(`/deliberations/${delib.id}/followups`, {
    title: '落实',
    responsibleId: org.id,
    dueDate: '2026-04-01',
  });
  const donation = await post('/donations', sample.donation(fund.id));
  const income = await post('/incomes', sample.income(fund.id));
  const expense = await post('/expenses', sample.expense(fund.id));
  const budget = await post('/budgets', {
    fundId: fund.id,
    year: 2026,
    budgetLine: 'activities',
    plannedFen: 100,
  });
  await w.api('POST', `/funds/${fund.id}/publish`);
  await w.api('POST', `/incomes/${income.id}/publish`);
  const correction = await post('/corrections', {
    entity: 'income',
    entityId: income.id,
    date: '2026-03-05',
    amountDeltaFen: -1,
    explanation: '更正',
  });
  ids = {
    org: org.id,
    fund: fund.id,
    service: service.id,
    delib: delib.id,
    followup: followup.id,
    donation: donation.id,
    income: income.id,
    expense: expense.id,
    correction: correction.id,
    budget: budget.id,
  };
});
afterAll(() => w.cleanup());

const writes = (): Array<{ method: string; path: string; valid: Record<string, unknown> }> => [
  { method: 'POST', path: '/organizations', valid: sample.organization() },
  { method: 'PATCH', path: `/organizations/${ids.org}`, valid: { name: '新名' } },
  { method: 'POST', path: '/services', valid: sample.service(ids.org) },
  { method: 'PATCH', path: `/services/${ids.service}`, valid: { title: '新' } },
  { method: 'POST', path: '/deliberations', valid: sample.deliberation() },
  { method: 'PATCH', path: `/deliberations/${ids.delib}`, valid: { title: '新' } },
  {
    method: 'POST',
    path: `/deliberations/${ids.delib}/followups`,
    valid: { title: '落实', responsibleId: ids.org, dueDate: '2026-04-01' },
  },
  { method: 'PATCH', path: `/followups/${ids.followup}`, valid: { title: '新' } },
  {
    method: 'POST',
    path: `/followups/${ids.followup}/updates`,
    valid: { date: '2026-03-05', status: 'in_progress', note: '进行中' },
  },
  { method: 'POST', path: '/funds', valid: sample.fund({ code: 'other' }) },
  { method: 'PATCH', path: `/funds/${ids.fund}`, valid: { name: '新' } },
  { method: 'POST', path: '/donations', valid: sample.donation(ids.fund) },
  { method: 'PATCH', path: `/donations/${ids.donation}`, valid: { donorName: '新' } },
  { method: 'POST', path: '/incomes', valid: sample.income(ids.fund) },
  { method: 'POST', path: '/expenses', valid: sample.expense(ids.fund) },
  { method: 'PATCH', path: `/expenses/${ids.expense}`, valid: { payee: '新' } },
  {
    method: 'POST',
    path: '/corrections',
    valid: {
      entity: 'income',
      entityId: ids.income,
      date: '2026-03-05',
      amountDeltaFen: -1,
      explanation: '更正',
    },
  },
  { method: 'PATCH', path: `/corrections/${ids.correction}`, valid: { explanation: '新' } },
  {
    method: 'POST',
    path: '/budgets',
    valid: { fundId: ids.fund, year: 2027, budgetLine: 'activities', plannedFen: 100 },
  },
  { method: 'PATCH', path: `/budgets/${ids.budget}`, valid: { plannedFen: 200 } },
  {
    method: 'POST',
    path: `/donations/${ids.donation}/outcomes`,
    valid: { date: '2026-03-05', text: '已发放' },
  },
];

const noBodyWrites = () => [
  `/organizations/${ids.org}/publish`,
  `/services/${ids.service}/publish`,
  `/deliberations/${ids.delib}/publish`,
  `/donations/${ids.donation}/publish`,
  `/expenses/${ids.expense}/approve`,
  `/expenses/${ids.expense}/publish`,
  `/corrections/${ids.correction}/publish`,
  `/budgets/${ids.budget}/publish`,
];

async function unchanged(run: () => Promise<void>) {
  const before = await w.dump();
  const told = w.published.length;
  await run();
  expect(await w.dump()).toEqual(before);
  expect(w.published.length).toBe(told);
}

describe('bad input on every records write route', () => {
  it('refuses unknown fields, wrong shapes, malformed JSON and other content types', async () => {
    await unchanged(async () => {
      for (const { method, path, valid } of writes()) {
        const at = `${method} ${path}`;
        const bad: unknown[] = [
          { ...valid, sneaky: true },
          [],
          'text',
          null,
          42,
          {
            ...valid,
            ...Object.fromEntries(
              Object.keys(valid)
                .slice(0, 1)
                .map((k) => [k, { nested: 1 }]),
            ),
          },
        ];
        if (method === 'PATCH') bad.push({});
        for (const body of bad) {
          const res = await w.api(method, path, JSON.stringify(body));
          expect({ at, body, status: res.status }).toMatchObject({ status: 400 });
          expectError(res, 400, 'invalid_request');
        }
        expectError(
          await call(w.app, method, `${BASE}${path}`, { token: w.staff, body: '{"title": ' }),
          400,
          'invalid_request',
        );
        expectError(
          await call(w.app, method, `${BASE}${path}`, {
            token: w.staff,
            body: JSON.stringify(valid),
            headers: { 'content-type': 'text/plain' },
          }),
          400,
          'invalid_request',
        );
        expectError(
          await call(w.app, method, `${BASE}${path}`, { token: w.staff }),
          400,
          'invalid_request',
        );
      }
    });
  });

  it('names the unknown field in Chinese', async () => {
    const res = await w.api('POST', '/funds', { ...sample.fund({ code: 'x1' }), balance: 1 });
    expect(res.body).toMatchObject({
      error: { message: expect.stringContaining('不认识的字段：balance') },
    });
  });

  it('refuses a body on publish and approve', async () => {
    await unchanged(async () => {
      for (const path of noBodyWrites()) {
        expectError(await w.api('POST', path, { force: true }), 400, 'invalid_request');
        expectError(await w.api('POST', path, '{not json'), 400, 'invalid_request');
      }
    });
  });

  it('refuses ids that are not positive integers', async () => {
    await unchanged(async () => {
      for (const path of [
        '/organizations/abc',
        '/services/0',
        '/deliberations/-1',
        '/donations/1.5',
        '/expenses/99999999999',
      ]) {
        expectError(await w.api('GET', path), 400, 'invalid_request');
        expectError(await w.api('PATCH', path, { title: 'x' }), 400, 'invalid_request');
        expectError(await w.api('POST', `${path}/publish`), 400, 'invalid_request');
      }
      expectError(await w.api('GET', '/expenses?limit=0'), 400, 'invalid_request');
      expectError(await w.api('GET', '/expenses?cursor=x'), 400, 'invalid_request');
      expectError(await w.api('GET', '/followups?status=finished'), 400, 'invalid_request');
    });
  });

  it('answers 404 for records that do not exist', async () => {
    await unchanged(async () => {
      const patches: Record<string, Record<string, unknown>> = {
        organizations: { name: 'x' },
        services: { title: 'x' },
        deliberations: { title: 'x' },
        funds: { name: 'x' },
        donations: { donorName: 'x' },
        incomes: { source: 'x' },
        expenses: { payee: 'x' },
        corrections: { explanation: 'x' },
        followups: { title: 'x' },
      };
      for (const [noun, patch] of Object.entries(patches)) {
        expectError(await w.api('GET', `/${noun}/9999`), 404, 'not_found');
        expectError(await w.api('PATCH', `/${noun}/9999`, patch), 404, 'not_found');
      }
      for (const noun of [
        'organizations',
        'services',
        'deliberations',
        'funds',
        'donations',
        'incomes',
        'expenses',
        'corrections',
      ]) {
        expectError(await w.api('POST', `/${noun}/9999/publish`), 404, 'not_found');
      }
      expectError(
        await w.api('POST', '/expenses/9999/approve', undefined, w.staff2),
        404,
        'not_found',
      );
    });
  });
});

/** What these tests read of the served document: each operation's security and responses. */
const Doc = z.object({
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        security: z.array(z.unknown()).optional(),
        responses: z.record(z.string(), z.unknown()),
      }),
    ),
  ),
});

describe('every records route is staff-only', () => {
  it('answers 401 anonymously and 403 to residents and merchants, for every path in the OpenAPI document', async () => {
    const doc = await call(w.app, 'GET', '/api/openapi.json');
    const { paths } = Doc.parse(doc.body);
    const routes = Object.entries(paths)
      .filter(([path]) => path.startsWith(BASE))
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => ({
          method: method.toUpperCase(),
          path: path.replace(/\{[^}]+\}/g, '1'),
        })),
      );
    // 5 routes per record type, 2 more (withdraw, versions) per versioned one, and the type-specific ones.
    expect(routes.length).toBe(72);
    await unchanged(async () => {
      for (const { method, path } of routes) {
        const body = method === 'GET' ? undefined : {};
        expectError(await call(w.app, method, path, { body }), 401, 'unauthorized');
        expectError(await call(w.app, method, path, { body, token: w.resident }), 403, 'forbidden');
        expectError(await call(w.app, method, path, { body, token: w.merchant }), 403, 'forbidden');
      }
    });
    const ops = Object.entries(paths).filter(([p]) => p.startsWith(BASE));
    for (const [path, methods] of ops) {
      for (const [method, op] of Object.entries(methods)) {
        expect({ path, method, security: op.security }).toMatchObject({
          security: [{ Bearer: [] }, { Cookie: [] }],
        });
        expect(Object.keys(op.responses), `${method} ${path}`).toEqual(
          expect.arrayContaining(['401', '403']),
        );
      }
    }
  });
});

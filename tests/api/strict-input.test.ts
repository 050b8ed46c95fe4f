import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, expectError, useWorld } from '../helpers/http';
import { sample } from './records/helpers';

/**
 * Ids in paths and query strings are plain decimal integers, and names and single-line text hold
 * no control characters: anything else is 400 invalid_request with nothing stored.
 */
const w = useWorld(['staff', 'admin']);

const BAD_IDS = [
  '0x10',
  '1e3',
  '+5',
  '05',
  '0',
  '-1',
  '1.0',
  ' 12',
  '12 ',
  '0b1',
  'Infinity',
  '2147483649',
  '99999999999',
];

describe('ids in paths and query strings', () => {
  it.each(BAD_IDS)('path id %j → 400 invalid_request', async (id) => {
    expectError(
      await call(w.app, 'GET', `/api/staff/entries/${encodeURIComponent(id)}`, {
        token: w.tokens.staff,
      }),
      400,
      'invalid_request',
    );
    expectError(
      await call(w.app, 'GET', `/api/staff/records/organizations/${encodeURIComponent(id)}`, {
        token: w.tokens.staff,
      }),
      400,
      'invalid_request',
    );
  });

  it.each(BAD_IDS)('query id %j → 400 invalid_request', async (id) => {
    expectError(
      await call(w.app, 'GET', `/api/staff/records/expenses?fundId=${encodeURIComponent(id)}`, {
        token: w.tokens.staff,
      }),
      400,
      'invalid_request',
    );
    expectError(
      await call(
        w.app,
        'GET',
        `/api/staff/records/organizations?cursor=${encodeURIComponent(id)}`,
        { token: w.tokens.staff },
      ),
      400,
      'invalid_request',
    );
  });

  it.each(['1e1', '+5', '0x10', ' 10', '10.0'])(
    'a page size or a year %j → 400 invalid_request (whole numbers in the query are as strict)',
    async (n) => {
      expectError(
        await call(
          w.app,
          'GET',
          `/api/staff/records/organizations?limit=${encodeURIComponent(n)}`,
          { token: w.tokens.staff },
        ),
        400,
        'invalid_request',
      );
      expectError(
        await call(
          w.app,
          'GET',
          `/api/staff/records/budgets?year=${encodeURIComponent(n === '1e1' ? '2.026e3' : n)}`,
          { token: w.tokens.staff },
        ),
        400,
        'invalid_request',
      );
    },
  );

  it('a plain decimal id is taken (up to 2^31): found or not found, never refused as malformed', async () => {
    expect(
      (await call(w.app, 'GET', '/api/staff/entries/16', { token: w.tokens.staff })).status,
    ).toBe(404);
    expect(
      (await call(w.app, 'GET', '/api/staff/entries/2147483648', { token: w.tokens.staff })).status,
    ).toBe(404);
    expect(
      (await call(w.app, 'GET', '/api/staff/records/expenses?fundId=16', { token: w.tokens.staff }))
        .status,
    ).toBe(200);
    expect(
      (
        await call(w.app, 'GET', '/api/staff/records/organizations?limit=10', {
          token: w.tokens.staff,
        })
      ).status,
    ).toBe(200);
    expect(
      (await call(w.app, 'GET', '/api/staff/records/budgets?year=2026', { token: w.tokens.staff }))
        .status,
    ).toBe(200);
  });
});

const count = async (table: string) =>
  (await w.t.database.read.all<{ n: number }>(sql.raw(`select count(*) as n from ${table}`)))[0]!.n;

describe('control characters in text', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['a newline', '阳光\n社工站'],
    ['a tab', '阳光\t社工站'],
    ['DEL', 'a\u007fb'],
    ['C1 (U+0085)', 'a\u0085b'],
    ['ESC', 'a\u001b[31mb'],
  ])('%s in a name → 400 invalid_request, nothing stored', async (_label, name) => {
    const orgs = await count('organizations');
    const teams = await count('teams');
    expectError(
      await call(w.app, 'POST', '/api/staff/records/organizations', {
        token: w.tokens.staff,
        body: sample.organization({ name }),
      }),
      400,
      'invalid_request',
    );
    expectError(
      await call(w.app, 'POST', '/api/admin/teams', { token: w.tokens.admin, body: { name } }),
      400,
      'invalid_request',
    );
    expect(await count('organizations')).toBe(orgs);
    expect(await count('teams')).toBe(teams);
  });

  it('a NUL in a description is refused too; line breaks and tabs in a description are kept', async () => {
    expectError(
      await call(w.app, 'POST', '/api/staff/records/organizations', {
        token: w.tokens.staff,
        body: sample.organization({ description: 'a\u0000b' }),
      }),
      400,
      'invalid_request',
    );
    const ok = await call(w.app, 'POST', '/api/staff/records/organizations', {
      token: w.tokens.staff,
      body: sample.organization({ description: '第一行\n第二行\r\n\t第三行' }),
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ description: '第一行\n第二行\r\n\t第三行' });
  });
});

import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app';
import { bodyOf } from '../helpers/client';
import { call, expectError } from '../helpers/http';
import { perTest } from '../helpers/template';
import { BASE, recordsWorld, sample } from './records/helpers';

/**
 * Requests from elsewhere (functions/http/same-origin.ts): a page on another origin — a sibling
 * subdomain counts as the same *site*, so SameSite=Lax still sends the cookie — must not be able to
 * make the visitor's browser change anything. The attack that worked: an auto-submitted form that
 * approved an expense with the accountant's cookie, defeating the two-person rule.
 */
const w = perTest(recordsWorld);

let funds = 0;
async function draftExpense(): Promise<number> {
  const records = w.records();
  const fund = await bodyOf(
    await records.funds.$post({ json: sample.fund({ code: `fund-${++funds}` }) }),
    201,
  );
  await records.funds[':id'].publish.$post({ param: { id: String(fund.id) } });
  const expense = await bodyOf(
    await records.expenses.$post({ json: sample.expense(fund.id) }),
    201,
  );
  return expense.id;
}

/** The accountant's browser, sending what a form or fetch on `headers`' page would send. */
const asAccountantBrowser = (
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) =>
  call(w.app, method, path, { headers: { cookie: `linli_session=${w.staff2}`, ...headers }, body });

const FORGED: Array<[string, Record<string, string>]> = [
  [
    'a form on a sibling subdomain (urlencoded)',
    {
      origin: 'http://evil.localhost',
      'sec-fetch-site': 'same-site',
      'content-type': 'application/x-www-form-urlencoded',
    },
  ],
  [
    'a text/plain form from another site',
    {
      origin: 'https://attacker.example',
      'sec-fetch-site': 'cross-site',
      'content-type': 'text/plain',
    },
  ],
  ['the same host over the other scheme', { origin: 'https://localhost' }],
  ['the same host on another port', { origin: 'http://localhost:8080' }],
  ['an opaque origin (sandboxed frame, data: URL)', { origin: 'null' }],
  ['no Origin, Sec-Fetch-Site same-site', { origin: '', 'sec-fetch-site': 'same-site' }],
  ['no Origin, Sec-Fetch-Site cross-site', { origin: '', 'sec-fetch-site': 'cross-site' }],
  ['neither Origin nor Sec-Fetch-Site, with the cookie', { origin: '' }],
];

describe('state-changing requests authenticated by the cookie', () => {
  it.each(FORGED)(
    '%s: approving an expense → 403 cross_site_request, nothing changes',
    async (_, headers) => {
      const id = await draftExpense();
      const before = await w.dump();
      const res = await asAccountantBrowser('POST', `${BASE}/expenses/${id}/approve`, headers);
      expectError(res, 403, 'cross_site_request');
      expect(await w.dump()).toEqual(before);
    },
  );

  it('the same approval from the site’s own page (Origin, or Sec-Fetch-Site same-origin) goes through', async () => {
    const id = await draftExpense();
    const own = await asAccountantBrowser('POST', `${BASE}/expenses/${id}/approve`, {});
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ approvedBy: w.f.staff2Id });
    const other = await draftExpense();
    const fetchMeta = await asAccountantBrowser('POST', `${BASE}/expenses/${other}/approve`, {
      origin: '',
      'sec-fetch-site': 'same-origin',
    });
    expect(fetchMeta.status).toBe(200);
  });

  it('a bearer token needs no Origin (it cannot be sent by another page), even alongside a foreign one', async () => {
    const id = await draftExpense();
    const res = await call(w.app, 'POST', `${BASE}/expenses/${id}/approve`, {
      token: w.staff2,
      headers: { origin: '' },
    });
    expect(res.status).toBe(200);
    const other = await draftExpense();
    const foreign = await call(w.app, 'POST', `${BASE}/expenses/${other}/approve`, {
      token: w.staff2,
      headers: { origin: 'https://attacker.example' },
    });
    expect(foreign.status).toBe(200);
  });

  it('reads are not refused: a cross-site GET with the cookie still answers (it changes nothing)', async () => {
    const res = await call(w.app, 'GET', '/api/auth/me', {
      headers: { cookie: `linli_session=${w.staff2}`, origin: 'https://attacker.example' },
    });
    expect(res.status).toBe(200);
  });
});

describe('signing in and out (login CSRF)', () => {
  const login = { login: 'r1', password: 'test-password' };

  it('a sign-in posted from another origin is refused and sets no cookie', async () => {
    for (const origin of ['https://attacker.example', 'http://evil.localhost', 'null']) {
      const res = await call(w.app, 'POST', '/api/auth/login', {
        headers: { origin },
        body: login,
      });
      expectError(res, 403, 'cross_site_request');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const fetchMeta = await call(w.app, 'POST', '/api/auth/login', {
      headers: { origin: '', 'sec-fetch-site': 'cross-site' },
      body: login,
    });
    expectError(fetchMeta, 403, 'cross_site_request');
  });

  it('a sign-in from the site’s page, or from a client that is no browser (no Origin, no cookie), goes through', async () => {
    expect((await call(w.app, 'POST', '/api/auth/login', { body: login })).status).toBe(200);
    expect(
      (await call(w.app, 'POST', '/api/auth/login', { headers: { origin: '' }, body: login }))
        .status,
    ).toBe(200);
  });

  it('a sign-out posted from another origin leaves the session alive', async () => {
    const res = await call(w.app, 'POST', '/api/auth/logout', {
      headers: { cookie: `linli_session=${w.staff2}`, origin: 'https://attacker.example' },
    });
    expectError(res, 403, 'cross_site_request');
    expect((await call(w.app, 'GET', '/api/auth/me', { token: w.staff2 })).status).toBe(200);
  });
});

describe('the request’s own origin behind a proxy', () => {
  const viaProxy = (trustProxy: boolean, headers: Record<string, string>) =>
    createApp({ database: w.t.database, now: () => w.time.now, trustProxy }).request(
      '/api/auth/logout',
      { method: 'POST', headers: { cookie: 'linli_session=none', ...headers } },
    );

  it('X-Forwarded-Proto/Host name the origin only when the proxy is trusted', async () => {
    const forwarded = {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'linli.example.org',
      origin: 'https://linli.example.org',
    };
    expect((await viaProxy(true, forwarded)).status).toBe(200);
    expect((await viaProxy(false, forwarded)).status).toBe(403);
    // Untrusted, the request's own URL decides: http://localhost.
    expect(
      (await viaProxy(false, { 'x-forwarded-proto': 'https', origin: 'http://localhost' })).status,
    ).toBe(200);
    expect(
      (await viaProxy(true, { 'x-forwarded-proto': 'https', origin: 'http://localhost' })).status,
    ).toBe(403);
  });
});

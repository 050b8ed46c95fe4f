import { describe, expect, it } from 'vitest';
import { LOGIN_WINDOW_MS, SESSION_TTL_MS } from '../../functions/domain/people/sessions';
import { PASSWORD } from '../helpers/fixture';
import { call, expectError, useWorld } from '../helpers/http';

const loginBody = (login: string, password = PASSWORD) => ({ body: { login, password } });

function sessionCookie(res: { headers: Headers }): string {
  const header = res.headers.get('set-cookie') ?? '';
  const match = header.match(/linli_session=([^;]*)/);
  if (!match) throw new Error(`no session cookie in ${header}`);
  return match[1]!;
}

describe('POST /api/auth/login', () => {
  const w = useWorld();

  it.each([
    ['r1', 'resident'],
    ['m1', 'merchant'],
    ['staff', 'staff'],
  ])('%s signs in as %s: token, role, expiresAt and an HttpOnly SameSite=Lax cookie', async (login, role) => {
    const res = await call(w.app, 'POST', '/api/auth/login', loginBody(login));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ token: expect.any(String), role });
    expect(new Date(res.body.expiresAt).toISOString()).toBe(res.body.expiresAt);
    expect(Date.parse(res.body.expiresAt)).toBe(w.time.now.getTime() + SESSION_TTL_MS[role as 'resident']);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(sessionCookie(res)).toBe(res.body.token);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    // A lifetime, not a date: a browser whose clock differs from the server's keeps the session.
    expect(cookie).toMatch(new RegExp(`;\\s*Max-Age=${SESSION_TTL_MS[role as 'resident'] / 1000}(;|$)`, 'i'));
    expect(cookie).not.toMatch(/Expires=/i);
  });

  it("answers carry the API's clock in the Date header (the pages' countdowns read it)", async () => {
    const res = await call(w.app, 'POST', '/api/auth/login', loginBody('r1'));
    expect(res.headers.get('date')).toBe(w.time.now.toUTCString());
  });

  it('the token works as a Bearer token', async () => {
    const { body } = await call(w.app, 'POST', '/api/auth/login', loginBody('r1'));
    const me = await call(w.app, 'GET', '/api/me', { token: body.token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(w.f.residents[0]);
  });

  it('the cookie alone authenticates', async () => {
    const res = await call(w.app, 'POST', '/api/auth/login', loginBody('r2'));
    const me = await call(w.app, 'GET', '/api/me', { headers: { cookie: `linli_session=${sessionCookie(res)}` } });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(w.f.residents[1]);
  });

  it('wrong password → 401 invalid_credentials; unknown login → 401 invalid_credentials; neither sets a cookie', async () => {
    const wrong = await call(w.app, 'POST', '/api/auth/login', loginBody('r1', 'nope'));
    expectError(wrong, 401, 'invalid_credentials');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const unknown = await call(w.app, 'POST', '/api/auth/login', loginBody('nobody'));
    expectError(unknown, 401, 'invalid_credentials');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it('5 failures within 15 minutes → 429 too_many_attempts with Retry-After, even with the right password; clears after the window', async () => {
    for (let i = 0; i < 5; i++) {
      expectError(await call(w.app, 'POST', '/api/auth/login', loginBody('r1', `wrong-${i}`)), 401, 'invalid_credentials');
      w.time.advance(60_000);
    }
    const locked = await call(w.app, 'POST', '/api/auth/login', loginBody('r1'));
    expectError(locked, 429, 'too_many_attempts');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
    expect(locked.headers.get('set-cookie')).toBeNull();
    // Still locked just before Retry-After runs out, open once it has.
    w.time.advance(retryAfter * 1000 - 2000);
    expectError(await call(w.app, 'POST', '/api/auth/login', loginBody('r1')), 429, 'too_many_attempts');
    w.time.advance(2000);
    expect((await call(w.app, 'POST', '/api/auth/login', loginBody('r1'))).status).toBe(200);
  });

  it('the limit is per login', async () => {
    for (let i = 0; i < 5; i++) await call(w.app, 'POST', '/api/auth/login', loginBody('r1', 'wrong'));
    expect((await call(w.app, 'POST', '/api/auth/login', loginBody('r2'))).status).toBe(200);
  });
});

describe('sessions over HTTP', () => {
  const w = useWorld();

  it('logout with the Bearer token ends the session: neither the token nor the cookie works after', async () => {
    const res = await call(w.app, 'POST', '/api/auth/login', loginBody('r1'));
    const cookie = `linli_session=${sessionCookie(res)}`;
    const out = await call(w.app, 'POST', '/api/auth/logout', { token: res.body.token });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ ok: true });
    expectError(await call(w.app, 'GET', '/api/me', { token: res.body.token }), 401, 'unauthorized');
    expectError(await call(w.app, 'GET', '/api/me', { headers: { cookie } }), 401, 'unauthorized');
  });

  it('logout with the cookie ends the session and clears the cookie', async () => {
    const res = await call(w.app, 'POST', '/api/auth/login', loginBody('m1'));
    const cookie = `linli_session=${sessionCookie(res)}`;
    const out = await call(w.app, 'POST', '/api/auth/logout', { headers: { cookie } });
    expect(out.status).toBe(200);
    const cleared = out.headers.get('set-cookie') ?? '';
    expect(cleared).toMatch(/linli_session=;/);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expectError(await call(w.app, 'GET', '/api/counter/redemptions', { headers: { cookie } }), 401, 'unauthorized');
    expectError(await call(w.app, 'GET', '/api/counter/redemptions', { token: res.body.token }), 401, 'unauthorized');
  });

  it('logout ends only that session', async () => {
    const a = (await call(w.app, 'POST', '/api/auth/login', loginBody('r1'))).body.token;
    const b = (await call(w.app, 'POST', '/api/auth/login', loginBody('r1'))).body.token;
    await call(w.app, 'POST', '/api/auth/logout', { token: a });
    expectError(await call(w.app, 'GET', '/api/me', { token: a }), 401, 'unauthorized');
    expect((await call(w.app, 'GET', '/api/me', { token: b })).status).toBe(200);
  });

  it('logout without a session still answers 200', async () => {
    expect((await call(w.app, 'POST', '/api/auth/logout')).status).toBe(200);
  });

  it('a session expires', async () => {
    const { body } = await call(w.app, 'POST', '/api/auth/login', loginBody('staff'));
    w.time.advance(SESSION_TTL_MS.staff - 1000);
    expect((await call(w.app, 'GET', '/api/staff/residents', { token: body.token })).status).toBe(200);
    w.time.advance(1000);
    expectError(await call(w.app, 'GET', '/api/staff/residents', { token: body.token }), 401, 'unauthorized');
  });

  it('a made-up or malformed token → 401 unauthorized', async () => {
    expectError(await call(w.app, 'GET', '/api/me', { token: 'made-up-token' }), 401, 'unauthorized');
    expectError(await call(w.app, 'GET', '/api/me', { headers: { authorization: 'Basic cjE6dGVzdA==' } }), 401, 'unauthorized');
    expectError(await call(w.app, 'GET', '/api/me', { headers: { cookie: 'linli_session=forged' } }), 401, 'unauthorized');
  });
});

describe('sign-in throttling under parallel attempts', () => {
  const w = useWorld();

  it('a burst of wrong passwords in parallel is held to 5 tries: the rest get 429', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => call(w.app, 'POST', '/api/auth/login', loginBody('r3', `guess-${i}`))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    for (const r of results.filter((r) => r.status === 429)) expectError(r, 429, 'too_many_attempts');
    expectError(await call(w.app, 'POST', '/api/auth/login', loginBody('r3')), 429, 'too_many_attempts');
  });

  it('parallel right-password sign-ins all succeed', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => call(w.app, 'POST', '/api/auth/login', loginBody('r3'))));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(results.map((r) => r.body.token)).size).toBe(8);
  });
});

describe('GET /api/auth/me', () => {
  const w = useWorld(['r1', 'm1', 'staff', 'staff2', 'admin']);

  it.each([
    ['r1', 'resident', ['me']],
    ['m1', 'merchant', ['counter']],
    ['staff', 'staff', ['staff']],
    ['staff2', 'accountant', ['staff', 'approve']],
    ['admin', 'admin', ['staff', 'admin']],
  ] as const)('%s → its id, login, name, role %s and what it may do', async (login, role, can) => {
    const res = await call(w.app, 'GET', '/api/auth/me', { token: w.tokens[login] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ userId: expect.any(Number), login, name: expect.any(String), role, can: [...can], mustChangePassword: false });
    expect(res.body.name.length).toBeGreaterThan(0);
  });

  it('names the person as the console does', async () => {
    expect((await call(w.app, 'GET', '/api/auth/me', { token: w.tokens.staff })).body).toMatchObject({ userId: w.f.staffId, name: '王主任' });
    expect((await call(w.app, 'GET', '/api/auth/me', { token: w.tokens.m1 })).body).toMatchObject({ userId: w.f.merchants[0], name: '明亮眼镜店' });
  });

  it('without a session → 401 unauthorized', async () => {
    expectError(await call(w.app, 'GET', '/api/auth/me'), 401, 'unauthorized');
    expectError(await call(w.app, 'GET', '/api/auth/me', { token: 'made-up' }), 401, 'unauthorized');
  });
});

describe('POST /api/auth/password', () => {
  const w = useWorld(['r1', 'staff']);
  const change = (token: string, body: unknown) => call(w.app, 'POST', '/api/auth/password', { token, body });

  it('changes the password: this session goes on, every other session of the account ends, the old password stops working', async () => {
    const other = (await call(w.app, 'POST', '/api/auth/login', loginBody('r1'))).body.token as string;
    const res = await change(w.tokens.r1, { currentPassword: PASSWORD, newPassword: 'a-new-password' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect((await call(w.app, 'GET', '/api/me', { token: w.tokens.r1 })).status).toBe(200);
    expectError(await call(w.app, 'GET', '/api/me', { token: other }), 401, 'unauthorized');
    expectError(await call(w.app, 'POST', '/api/auth/login', loginBody('r1')), 401, 'invalid_credentials');
    expect((await call(w.app, 'POST', '/api/auth/login', loginBody('r1', 'a-new-password'))).status).toBe(200);
  });

  it('staff change theirs the same way', async () => {
    expect((await change(w.tokens.staff, { currentPassword: PASSWORD, newPassword: 'staff-new-pass' })).status).toBe(200);
    expect((await call(w.app, 'POST', '/api/auth/login', loginBody('staff', 'staff-new-pass'))).status).toBe(200);
  });

  it('a wrong current password → 401 invalid_credentials, counted like a failed sign-in; nothing changes', async () => {
    expectError(await change(w.tokens.r1, { currentPassword: 'not-it', newPassword: 'a-new-password' }), 401, 'invalid_credentials');
    expect((await call(w.app, 'POST', '/api/auth/login', loginBody('r1'))).status).toBe(200);
  });

  it('bad input → 400 invalid_request and the password stays', async () => {
    for (const body of [
      {},
      { currentPassword: PASSWORD },
      { currentPassword: PASSWORD, newPassword: 'short' },
      { currentPassword: PASSWORD, newPassword: 'x'.repeat(129) },
      { currentPassword: PASSWORD, newPassword: '11111111' },
      { currentPassword: PASSWORD, newPassword: PASSWORD },
      { currentPassword: PASSWORD, newPassword: 'a-new-password', extra: 1 },
    ]) {
      expectError(await change(w.tokens.r1, body), 400, 'invalid_request');
    }
    expect((await call(w.app, 'POST', '/api/auth/login', loginBody('r1'))).status).toBe(200);
  });

  it('without a session → 401', async () => {
    expectError(await call(w.app, 'POST', '/api/auth/password', { body: { currentPassword: PASSWORD, newPassword: 'a-new-password' } }), 401, 'unauthorized');
  });
});

import { describe, expect, it } from 'vitest';
import type { App } from '../../functions/app';
import { LOGIN_WINDOW_MS, SESSION_TTL_MS } from '../../functions/domain/people/sessions';
import { answerOf, bodyOf, client } from '../helpers/client';
import { PASSWORD } from '../helpers/fixture';
import { call, expectError, useWorld } from '../helpers/http';

const signIn = (app: App, login: string, password = PASSWORD) =>
  client(app).auth.login.$post({ json: { login, password } });
const tokenOf = async (app: App, login: string) =>
  (await bodyOf(await signIn(app, login), 200)).token;

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
  ])(
    '%s signs in as %s: token, role, expiresAt and an HttpOnly SameSite=Lax cookie',
    async (login, role) => {
      const res = await signIn(w.app, login);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await bodyOf(res, 200);
      expect(body).toMatchObject({ token: expect.any(String), role });
      expect(new Date(body.expiresAt).toISOString()).toBe(body.expiresAt);
      expect(Date.parse(body.expiresAt)).toBe(
        w.time.now.getTime() + SESSION_TTL_MS[role as 'resident'],
      );
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(sessionCookie(res)).toBe(body.token);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).toMatch(/;\s*Path=\//i);
      // A lifetime, not a date: a browser whose clock differs from the server's keeps the session.
      expect(cookie).toMatch(
        new RegExp(`;\\s*Max-Age=${SESSION_TTL_MS[role as 'resident'] / 1000}(;|$)`, 'i'),
      );
      expect(cookie).not.toMatch(/Expires=/i);
    },
  );

  it("answers carry the API's clock in the Date header (the pages' countdowns read it)", async () => {
    const res = await signIn(w.app, 'r1');
    expect(res.headers.get('date')).toBe(w.time.now.toUTCString());
  });

  it('the token works as a Bearer token', async () => {
    const token = await tokenOf(w.app, 'r1');
    const me = await bodyOf(await client(w.app, { token }).me.$get(), 200);
    expect(me.id).toBe(w.f.residents[0]);
  });

  it('the cookie alone authenticates', async () => {
    const res = await signIn(w.app, 'r2');
    const me = await bodyOf(
      await client(w.app, { headers: { cookie: `linli_session=${sessionCookie(res)}` } }).me.$get(),
      200,
    );
    expect(me.id).toBe(w.f.residents[1]);
  });

  it('wrong password → 401 invalid_credentials; unknown login → 401 invalid_credentials; neither sets a cookie', async () => {
    const wrong = await answerOf(await signIn(w.app, 'r1', 'nope'));
    expectError(wrong, 401, 'invalid_credentials');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const unknown = await answerOf(await signIn(w.app, 'nobody'));
    expectError(unknown, 401, 'invalid_credentials');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it('5 failures within 15 minutes → 429 too_many_attempts with Retry-After, even with the right password; clears after the window', async () => {
    for (let i = 0; i < 5; i++) {
      expectError(
        await answerOf(await signIn(w.app, 'r1', `wrong-${i}`)),
        401,
        'invalid_credentials',
      );
      w.time.advance(60_000);
    }
    const locked = await answerOf(await signIn(w.app, 'r1'));
    expectError(locked, 429, 'too_many_attempts');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
    expect(locked.headers.get('set-cookie')).toBeNull();
    // Still locked just before Retry-After runs out, open once it has.
    w.time.advance(retryAfter * 1000 - 2000);
    expectError(await answerOf(await signIn(w.app, 'r1')), 429, 'too_many_attempts');
    w.time.advance(2000);
    expect((await signIn(w.app, 'r1')).status).toBe(200);
  });

  it('the limit is per login', async () => {
    for (let i = 0; i < 5; i++) await signIn(w.app, 'r1', 'wrong');
    expect((await signIn(w.app, 'r2')).status).toBe(200);
  });
});

describe('sessions over HTTP', () => {
  const w = useWorld();
  const withCookie = (cookie: string) => client(w.app, { headers: { cookie } });

  it('logout with the Bearer token ends the session: neither the token nor the cookie works after', async () => {
    const res = await signIn(w.app, 'r1');
    const cookie = `linli_session=${sessionCookie(res)}`;
    const { token } = await bodyOf(res, 200);
    const out = await bodyOf(await client(w.app, { token }).auth.logout.$post(), 200);
    expect(out).toEqual({ ok: true });
    expectError(await answerOf(await client(w.app, { token }).me.$get()), 401, 'unauthorized');
    expectError(await answerOf(await withCookie(cookie).me.$get()), 401, 'unauthorized');
  });

  it('logout with the cookie ends the session and clears the cookie', async () => {
    const res = await signIn(w.app, 'm1');
    const cookie = `linli_session=${sessionCookie(res)}`;
    const { token } = await bodyOf(res, 200);
    const out = await withCookie(cookie).auth.logout.$post();
    expect(out.status).toBe(200);
    const cleared = out.headers.get('set-cookie') ?? '';
    expect(cleared).toMatch(/linli_session=;/);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expectError(
      await answerOf(await withCookie(cookie).counter.redemptions.$get({ query: {} })),
      401,
      'unauthorized',
    );
    expectError(
      await answerOf(await client(w.app, { token }).counter.redemptions.$get({ query: {} })),
      401,
      'unauthorized',
    );
  });

  it('logout ends only that session', async () => {
    const a = await tokenOf(w.app, 'r1');
    const b = await tokenOf(w.app, 'r1');
    await client(w.app, { token: a }).auth.logout.$post();
    expectError(await answerOf(await client(w.app, { token: a }).me.$get()), 401, 'unauthorized');
    expect((await client(w.app, { token: b }).me.$get()).status).toBe(200);
  });

  it('logout without a session still answers 200', async () => {
    expect((await client(w.app).auth.logout.$post()).status).toBe(200);
  });

  it('a session expires', async () => {
    const staff = client(w.app, { token: await tokenOf(w.app, 'staff') });
    w.time.advance(SESSION_TTL_MS.staff - 1000);
    expect((await staff.staff.residents.$get({ query: {} })).status).toBe(200);
    w.time.advance(1000);
    expectError(
      await answerOf(await staff.staff.residents.$get({ query: {} })),
      401,
      'unauthorized',
    );
  });

  it('a made-up or malformed token → 401 unauthorized', async () => {
    expectError(
      await answerOf(await client(w.app, { token: 'made-up-token' }).me.$get()),
      401,
      'unauthorized',
    );
    expectError(
      await answerOf(
        await client(w.app, { headers: { authorization: 'Basic cjE6dGVzdA==' } }).me.$get(),
      ),
      401,
      'unauthorized',
    );
    expectError(
      await answerOf(await withCookie('linli_session=forged').me.$get()),
      401,
      'unauthorized',
    );
  });
});

describe('sign-in throttling under parallel attempts', () => {
  const w = useWorld();

  it('a burst of wrong passwords in parallel is held to 5 tries: the rest get 429', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => answerOf(await signIn(w.app, 'r3', `guess-${i}`))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    for (const r of results.filter((r) => r.status === 429))
      expectError(r, 429, 'too_many_attempts');
    expectError(await answerOf(await signIn(w.app, 'r3')), 429, 'too_many_attempts');
  });

  it('parallel right-password sign-ins all succeed', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => signIn(w.app, 'r3')));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const tokens = await Promise.all(results.map(async (r) => (await bodyOf(r, 200)).token));
    expect(new Set(tokens).size).toBe(8);
  });
});

describe('GET /api/auth/me', () => {
  const w = useWorld(['r1', 'm1', 'staff', 'staff2', 'admin']);
  const whoIs = async (token: string) => bodyOf(await client(w.app, { token }).auth.me.$get(), 200);

  it.each([
    ['r1', 'resident', ['me']],
    ['m1', 'merchant', ['counter']],
    ['staff', 'staff', ['staff']],
    ['staff2', 'accountant', ['staff', 'approve']],
    ['admin', 'admin', ['staff', 'admin']],
  ] as const)('%s → its id, login, name, role %s and what it may do', async (login, role, can) => {
    const me = await whoIs(w.tokens[login]);
    expect(me).toEqual({
      userId: expect.any(Number),
      login,
      name: expect.any(String),
      role,
      can: [...can],
      mustChangePassword: false,
    });
    expect(me.name.length).toBeGreaterThan(0);
  });

  it('names the person as the console does', async () => {
    expect(await whoIs(w.tokens.staff)).toMatchObject({ userId: w.f.staffId, name: '王主任' });
    expect(await whoIs(w.tokens.m1)).toMatchObject({
      userId: w.f.merchants[0],
      name: '明亮眼镜店',
    });
  });

  it('without a session → 401 unauthorized', async () => {
    expectError(await answerOf(await client(w.app).auth.me.$get()), 401, 'unauthorized');
    expectError(
      await answerOf(await client(w.app, { token: 'made-up' }).auth.me.$get()),
      401,
      'unauthorized',
    );
  });
});

describe('POST /api/auth/password', () => {
  const w = useWorld(['r1', 'staff']);
  const change = (token: string, json: { currentPassword: string; newPassword: string }) =>
    client(w.app, { token }).auth.password.$post({ json });

  it('changes the password: this session goes on, every other session of the account ends, the old password stops working', async () => {
    const other = await tokenOf(w.app, 'r1');
    expect(
      await bodyOf(
        await change(w.tokens.r1, { currentPassword: PASSWORD, newPassword: 'a-new-password' }),
        200,
      ),
    ).toEqual({ ok: true });
    expect((await client(w.app, { token: w.tokens.r1 }).me.$get()).status).toBe(200);
    expectError(
      await answerOf(await client(w.app, { token: other }).me.$get()),
      401,
      'unauthorized',
    );
    expectError(await answerOf(await signIn(w.app, 'r1')), 401, 'invalid_credentials');
    expect((await signIn(w.app, 'r1', 'a-new-password')).status).toBe(200);
  });

  it('staff change theirs the same way', async () => {
    expect(
      (await change(w.tokens.staff, { currentPassword: PASSWORD, newPassword: 'staff-new-pass' }))
        .status,
    ).toBe(200);
    expect((await signIn(w.app, 'staff', 'staff-new-pass')).status).toBe(200);
  });

  it('a wrong current password → 401 invalid_credentials, counted like a failed sign-in; nothing changes', async () => {
    expectError(
      await answerOf(
        await change(w.tokens.r1, { currentPassword: 'not-it', newPassword: 'a-new-password' }),
      ),
      401,
      'invalid_credentials',
    );
    expect((await signIn(w.app, 'r1')).status).toBe(200);
  });

  it('bad input → 400 invalid_request and the password stays', async () => {
    // Missing fields and unknown ones, on purpose: past the typed client.
    for (const body of [
      {},
      { currentPassword: PASSWORD },
      { currentPassword: PASSWORD, newPassword: 'short' },
      { currentPassword: PASSWORD, newPassword: 'x'.repeat(129) },
      { currentPassword: PASSWORD, newPassword: '11111111' },
      { currentPassword: PASSWORD, newPassword: PASSWORD },
      { currentPassword: PASSWORD, newPassword: 'a-new-password', extra: 1 },
    ]) {
      expectError(
        await call(w.app, 'POST', '/api/auth/password', { token: w.tokens.r1, body }),
        400,
        'invalid_request',
      );
    }
    expect((await signIn(w.app, 'r1')).status).toBe(200);
  });

  it('without a session → 401', async () => {
    expectError(
      await answerOf(
        await client(w.app).auth.password.$post({
          json: { currentPassword: PASSWORD, newPassword: 'a-new-password' },
        }),
      ),
      401,
      'unauthorized',
    );
  });
});

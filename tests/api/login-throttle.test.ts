import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app';
import {
  ADDRESS_MAX_FAILURES,
  LOGIN_CEILING_FAILURES,
  LOGIN_MAX_FAILURES,
  LOGIN_WINDOW_MS,
  OVERALL_MAX_FAILURES,
} from '../../functions/domain/people/login-throttle';
import { answerOf, client } from '../helpers/client';
import { PASSWORD } from '../helpers/fixture';
import { expectError, useWorld } from '../helpers/http';

/**
 * Sign-in budgets (functions/domain/people/login-throttle.ts) per address, per login and overall.
 * The app here takes the client's address from a test header, as the Node shell takes it from the
 * socket and the Worker from CF-Connecting-IP.
 */
const w = useWorld();
const app = () =>
  createApp({
    database: w.t.database,
    now: () => w.time.now,
    clientAddress: (c) => c.req.header('x-test-address'),
  });
const attempt = async (login: string, address: string, password = 'wrong-password') =>
  answerOf(
    await client(app(), { headers: { 'x-test-address': address } }).auth.login.$post({
      json: { login, password },
    }),
  );

const FIXTURE_LOGINS = ['r1', 'r2', 'r3', 'm1', 'm2', 'staff', 'staff2', 'admin'];

describe('sign-in budgets', () => {
  it('80 parallel guesses over 20 accounts from one address: only the address budget is tried, the rest get 429 with Retry-After', async () => {
    const logins = [...FIXTURE_LOGINS, ...Array.from({ length: 12 }, (_, i) => `ghost${i}`)];
    const guesses = Array.from({ length: 80 }, (_, i) =>
      attempt(logins[i % 20]!, '203.0.113.7', `guess-${i}`),
    );
    const results = await Promise.all(guesses);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(ADDRESS_MAX_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(80 - ADDRESS_MAX_FAILURES);
    const refused = results.find((r) => r.status === 429)!;
    expectError(refused, 429, 'too_many_attempts');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
    // The address stays refused even with a right password; the people it guessed at are not.
    expectError(await attempt('r1', '203.0.113.7', PASSWORD), 429, 'too_many_attempts');
    expect((await attempt('r1', '198.51.100.20', PASSWORD)).status).toBe(200);
    expect((await attempt('staff', '198.51.100.21', PASSWORD)).status).toBe(200);
    // The window passes: the address may try again.
    w.time.advance(LOGIN_WINDOW_MS);
    expect((await attempt('r2', '203.0.113.7', PASSWORD)).status).toBe(200);
  });

  it("an outsider's failures on a staff login lock the outsider's address, not the staff member at theirs", async () => {
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++)
      expectError(await attempt('staff', '203.0.113.9'), 401, 'invalid_credentials');
    // The contract's lock holds where the failures came from, right password or not…
    expectError(await attempt('staff', '203.0.113.9', PASSWORD), 429, 'too_many_attempts');
    // …and the staff member signs in from the office.
    expect((await attempt('staff', '192.0.2.10', PASSWORD)).status).toBe(200);
  });

  it('the per-login ceiling stops a guessing run spread over many addresses; an address the user signed in from before still works', async () => {
    expect((await attempt('staff', '192.0.2.10', PASSWORD)).status).toBe(200);
    const addresses = LOGIN_CEILING_FAILURES / LOGIN_MAX_FAILURES;
    for (let a = 0; a < addresses; a++) {
      const results = await Promise.all(
        Array.from({ length: LOGIN_MAX_FAILURES }, () => attempt('staff', `203.0.113.${a + 1}`)),
      );
      expect(results.map((r) => r.status)).toEqual(Array(LOGIN_MAX_FAILURES).fill(401));
    }
    expectError(await attempt('staff', '198.51.100.99'), 429, 'too_many_attempts');
    expectError(await attempt('staff', '198.51.100.99', PASSWORD), 429, 'too_many_attempts');
    expect((await attempt('staff', '192.0.2.10', PASSWORD)).status).toBe(200);
    // Other logins are not affected by one login's ceiling.
    expect((await attempt('r1', '198.51.100.99', PASSWORD)).status).toBe(200);
  });

  it('the overall budget: past it, sign-ins from new addresses wait (Retry-After) while known ones go on', async () => {
    expect((await attempt('r1', '192.0.2.50', PASSWORD)).status).toBe(200);
    const addresses = OVERALL_MAX_FAILURES / ADDRESS_MAX_FAILURES;
    for (let a = 0; a < addresses; a++) {
      const logins = Array.from(
        { length: ADDRESS_MAX_FAILURES },
        (_, k) => FIXTURE_LOGINS[(a + k) % FIXTURE_LOGINS.length]!,
      );
      const results = await Promise.all(logins.map((login) => attempt(login, `10.0.${a}.1`)));
      expect(results.map((r) => r.status)).toEqual(Array(ADDRESS_MAX_FAILURES).fill(401));
    }
    const refused = await attempt('r2', '198.51.100.1', PASSWORD);
    expectError(refused, 429, 'too_many_attempts');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attempt('r1', '192.0.2.50', PASSWORD)).status).toBe(200);
    w.time.advance(LOGIN_WINDOW_MS);
    expect((await attempt('r2', '198.51.100.1', PASSWORD)).status).toBe(200);
  });

  it('without a known address (a shell that cannot tell) every client counts as one, and the per-login lock still holds', async () => {
    const login = client(w.app).auth.login;
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++)
      await login.$post({ json: { login: 'r3', password: 'wrong-password' } });
    expectError(
      await answerOf(await login.$post({ json: { login: 'r3', password: PASSWORD } })),
      429,
      'too_many_attempts',
    );
  });
});

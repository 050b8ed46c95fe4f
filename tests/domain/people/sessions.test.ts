import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createResident } from '../../../functions/domain/people/directory';
import {
  authenticate,
  LOGIN_MAX_FAILURES,
  LOGIN_WINDOW_MS,
  login,
  logout,
  SESSION_TTL_MS,
} from '../../../functions/domain/people/sessions';
import type { DomainError } from '../../../functions/domain/shared/errors';
import { FAST_HASHING, PASSWORD } from '../../helpers/fixture';
import { rows } from '../../helpers/ledger';
import { useSeededCommunity } from '../../helpers/template';

const t0 = new Date('2026-03-09T02:00:00Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);

describe('sessions', () => {
  const t = useSeededCommunity();

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: DomainError) => e,
    );

  it('login issues a token that authenticates until it expires; only its hash is stored', async () => {
    const s = await login(t.database, 'r1', PASSWORD, t0);
    expect(s).toMatchObject({
      userId: t.fixture.residents[0],
      role: 'resident',
      expiresAt: plus(SESSION_TTL_MS.resident).toISOString(),
    });
    expect(s.token.length).toBeGreaterThanOrEqual(32);
    expect(await authenticate(t.database, s.token, t0)).toMatchObject({
      userId: t.fixture.residents[0],
      role: 'resident',
    });
    expect(
      await authenticate(t.database, s.token, plus(SESSION_TTL_MS.resident - 1)),
    ).toBeDefined();
    expect(await authenticate(t.database, s.token, plus(SESSION_TTL_MS.resident))).toBeUndefined();
    const stored = await rows<{ token_hash: string }>(
      t.database.read,
      sql`select token_hash from sessions`,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toBe(s.token);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('staff sessions are short', async () => {
    const s = await login(t.database, 'staff', PASSWORD, t0);
    expect(s.role).toBe('staff');
    expect(Date.parse(s.expiresAt) - t0.getTime()).toBe(SESSION_TTL_MS.staff);
    expect(SESSION_TTL_MS.staff).toBeLessThan(SESSION_TTL_MS.resident);
    expect(await authenticate(t.database, s.token, plus(SESSION_TTL_MS.staff))).toBeUndefined();
  });

  it('logout ends the session; an unknown token authenticates no one', async () => {
    const s = await login(t.database, 'm1', PASSWORD, t0);
    await logout(t.database, s.token);
    expect(await authenticate(t.database, s.token, t0)).toBeUndefined();
    expect(await authenticate(t.database, 'not-a-token', t0)).toBeUndefined();
  });

  it('wrong password and unknown login both → invalid_credentials; a card-only resident cannot sign in', async () => {
    expect((await refusal(login(t.database, 'r1', 'wrong', t0)))?.code).toBe('invalid_credentials');
    expect((await refusal(login(t.database, 'nobody', PASSWORD, t0)))?.code).toBe(
      'invalid_credentials',
    );
    await t.database.write((tx) =>
      createResident(
        tx,
        { login: 'cardonly', fullName: '赵大爷', card: { cardNo: 'C9999', pin: '1234' } },
        t0,
        FAST_HASHING,
      ),
    );
    expect((await refusal(login(t.database, 'cardonly', '', t0)))?.code).toBe(
      'invalid_credentials',
    );
    expect((await refusal(login(t.database, 'cardonly', 'anything', t0)))?.code).toBe(
      'invalid_credentials',
    );
  });

  it(`${LOGIN_MAX_FAILURES} failures within the window → too_many_attempts even with the right password, until the window passes`, async () => {
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      expect((await refusal(login(t.database, 'r2', 'wrong', plus(i * 60_000))))?.code).toBe(
        'invalid_credentials',
      );
    }
    const locked = await refusal(login(t.database, 'r2', PASSWORD, plus(5 * 60_000)));
    expect(locked?.code).toBe('too_many_attempts');
    // The oldest counted failure (at t0) leaves the window at t0 + 15 min.
    expect(locked?.details?.retryAfterSeconds).toBe((LOGIN_WINDOW_MS - 5 * 60_000) / 1000);
    // Refused attempts do not extend the lock.
    expect(
      (await refusal(login(t.database, 'r2', PASSWORD, plus(LOGIN_WINDOW_MS - 1000))))?.code,
    ).toBe('too_many_attempts');
    expect((await login(t.database, 'r2', PASSWORD, plus(LOGIN_WINDOW_MS))).role).toBe('resident');
    // Another login is not affected by r2's failures.
    expect((await login(t.database, 'r3', PASSWORD, plus(5 * 60_000))).role).toBe('resident');
  });

  it('failures spread wider than the window do not lock', async () => {
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++)
      await refusal(login(t.database, 'r1', 'wrong', plus(i * (LOGIN_WINDOW_MS / 4))));
    expect(
      (await login(t.database, 'r1', PASSWORD, plus(LOGIN_MAX_FAILURES * (LOGIN_WINDOW_MS / 4))))
        .role,
    ).toBe('resident');
  });

  it('a success resets the count', async () => {
    for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++)
      await refusal(login(t.database, 'r1', 'wrong', t0));
    await login(t.database, 'r1', PASSWORD, t0);
    for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++)
      await refusal(login(t.database, 'r1', 'wrong', t0));
    expect((await login(t.database, 'r1', PASSWORD, t0)).role).toBe('resident');
  });

  it('unknown logins are throttled too', async () => {
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await refusal(login(t.database, 'ghost', 'x', t0));
    expect((await refusal(login(t.database, 'ghost', 'x', t0)))?.code).toBe('too_many_attempts');
  });
});

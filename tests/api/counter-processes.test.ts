import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUESS_BUDGETS } from '../../functions/domain/counter/budget';
import { PASSWORD } from '../helpers/fixture';
import { type ServerProcess, serverProcess } from '../helpers/processes';
import { type SeededDatabase, seededDatabase } from '../helpers/template';

/**
 * The guessing budget lives in the database, so two server processes on one database (or two
 * isolates at the edge) share it: an attacker spreading guesses over them gets no more.
 */
describe('counter budget across two server processes', () => {
  let t: SeededDatabase;
  let servers: ServerProcess[];
  beforeAll(async () => {
    t = await seededDatabase();
    servers = await Promise.all([serverProcess(t.url), serverProcess(t.url)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    t.cleanup();
  });

  const post = async (origin: string, path: string, body: unknown, token?: string) => {
    const res = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        'idempotency-key': `p-${Math.random().toString(36).slice(2, 12)}`,
      },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { error?: { code: string } },
      retryAfter: res.headers.get('retry-after'),
    };
  };

  it('wrong codes and wrong PINs as fast as they go, half to each process: judged only within the budget, the rest 429', async () => {
    const token = (
      (await post(servers[0]!.origin, '/api/auth/login', { login: 'm1', password: PASSWORD }))
        .body as unknown as { token: string }
    ).token;
    const attempts = Array.from({ length: 60 }, (_, i) => {
      const origin = servers[i % 2]!.origin;
      if (i % 3 === 0)
        return post(origin, '/api/counter/lookup', { card: `C${7000 + i}`, pin: '0000' }, token);
      if (i % 3 === 1)
        return post(origin, '/api/counter/lookup', { code: String(500_000 + i) }, token);
      return post(
        origin,
        '/api/counter/redemptions',
        { code: String(600_000 + i), points: 1 },
        token,
      );
    });
    const answers = await Promise.all(attempts);
    const judged = answers.filter(
      (a) => a.body.error?.code === 'code_invalid' || a.body.error?.code === 'pin_invalid',
    );
    const paused = answers.filter((a) => a.status === 429);
    expect(judged).toHaveLength(GUESS_BUDGETS.burst.failuresMax);
    expect(paused).toHaveLength(60 - GUESS_BUDGETS.burst.failuresMax);
    for (const p of paused) {
      expect(p.body.error?.code).toBe('too_many_attempts');
      expect(Number(p.retryAfter)).toBeGreaterThan(0);
    }
    // Each process refused: the budget spent through one pauses the other.
    for (const side of [0, 1])
      expect(answers.some((a, i) => i % 2 === side && a.status === 429)).toBe(true);
  }, 60_000);
});

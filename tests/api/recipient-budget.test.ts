import { describe, expect, it } from 'vitest';
import { LOOKUP_BUDGET, LOOKUP_WINDOW_MS } from '../../functions/domain/people/recipients';
import { answerOf, client } from '../helpers/client';
import { expectError, useWorld } from '../helpers/http';

describe('GET /api/me/recipients is budgeted per resident', () => {
  const w = useWorld(['r1', 'r2']);
  const find = async (token: string, query: { login: string } | { card: string }) =>
    answerOf(await client(w.app, { token }).me.recipients.$get({ query }));

  it(`400 look-ups (cards walked in order, found or not) → only ${LOOKUP_BUDGET} answered, the rest 429 with Retry-After`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 400; i++) {
      const res = await find(w.tokens.r1, { card: `C${String(9000 + i).padStart(4, '0')}` });
      statuses.push(res.status);
      if (res.status === 429) {
        expectError(res, 429, 'too_many_attempts');
        const retry = Number(res.headers.get('retry-after'));
        expect(retry).toBeGreaterThan(0);
        expect(retry).toBeLessThanOrEqual(LOOKUP_WINDOW_MS / 1000);
      }
    }
    expect(statuses.slice(0, LOOKUP_BUDGET).every((s) => s === 200 || s === 404)).toBe(true);
    expect(statuses.slice(0, LOOKUP_BUDGET).filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.slice(LOOKUP_BUDGET)).toEqual(Array(400 - LOOKUP_BUDGET).fill(429));
    // Another resident's budget is their own; the hour passes and r1 may look again.
    expect((await find(w.tokens.r2, { login: 'r1' })).status).toBe(200);
    w.time.advance(LOOKUP_WINDOW_MS);
    expect((await find(w.tokens.r1, { login: 'r2' })).status).toBe(200);
  });

  it('parallel look-ups meet the budget one at a time', async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => find(w.tokens.r1, { login: `someone${i}` })),
    );
    expect(results.filter((r) => r.status === 404)).toHaveLength(LOOKUP_BUDGET);
    expect(results.filter((r) => r.status === 429)).toHaveLength(60 - LOOKUP_BUDGET);
  });
});

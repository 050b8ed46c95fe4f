import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Db } from '../../../db/client';
import { idempotent } from '../../../functions/domain/ledger/idempotency';
import type { Settled } from '../../../functions/domain/shared/settled';
import { expectLedgerInvariants, rows, type Snapshot, snapshot } from '../../helpers/ledger';
import type { SeededDatabase } from '../../helpers/template';
import type { Model } from './ledger-model';

/** Runs the model-based commands against the real database and checks it against the model. */

export interface Real {
  t: SeededDatabase;
  staffId: number;
  residents: number[];
  merchants: number[];
  seq: number;
  history: Array<{
    scope: string;
    key: string;
    body: unknown;
    exec: (tx: Db, now: Date) => Promise<unknown>;
    outcome: Settled<unknown>;
  }>;
}

/** An amount either absolute or a percentage of the payer's balance when the command runs (so many succeed). */
export interface Amount {
  relative: boolean;
  n: number;
}
export const resolve = (a: Amount, balance: number) =>
  a.relative ? Math.max(1, Math.round((balance * a.n) / 100)) : a.n;
export const amount = fc.record({ relative: fc.boolean(), n: fc.integer({ min: 1, max: 100 }) });
export const show = (a: Amount) => (a.relative ? `${a.n}%` : `${a.n}`);

export type Expected = { ok: true } | { ok: false; code: string };

const withoutKeys = (s: Snapshot) => ({
  ...s,
  counts: { ...s.counts, idempotency_keys: 0 },
});

export async function compareWithModel(model: Model, real: Real): Promise<void> {
  await expectLedgerInvariants(real.t.database);
  const stored = await rows<{ id: number; balance: number }>(
    real.t.database.read,
    sql`select id, balance from accounts order by id`,
  );
  const actual = Object.fromEntries(stored.map((r) => [Number(r.id), Number(r.balance)]));
  const expected = Object.fromEntries(
    stored.map((r) => [Number(r.id), model.balance(Number(r.id))]),
  );
  expect(actual, 'database balances = model balances').toEqual(expected);
  const [n] = await rows<{ n: number }>(
    real.t.database.read,
    sql`select count(*) as n from ledger_entries`,
  );
  expect(Number(n!.n), 'entry count').toBe(model.entries.length);
}

/**
 * Runs one points-moving command through idempotent() under a fresh key, checks its outcome
 * against the model's expectation, and that a refusal changed nothing but its stored outcome.
 */
export async function execute(
  model: Model,
  real: Real,
  route: string,
  body: unknown,
  expected: Expected,
  exec: (tx: Db, now: Date) => Promise<unknown>,
) {
  // Only a refusal is compared with the state before it (a success is checked against the model).
  const before = expected.ok ? undefined : await snapshot(real.t.database);
  const key = `prop-${String(++real.seq).padStart(6, '0')}`;
  const scope = `test:${route}`;
  const now = model.now;
  const outcome = await real.t.database.write((tx) =>
    idempotent(tx, { scope, key, body, now }, () => exec(tx, now)),
  );
  const { replayed, ...stored } = outcome;
  expect(replayed).toBe(false);
  real.history.push({ scope, key, body, exec, outcome: stored });
  if (expected.ok) {
    expect(outcome, `${route} ${JSON.stringify(body)}`).toMatchObject({ ok: true });
  } else {
    expect(outcome, `${route} ${JSON.stringify(body)}`).toMatchObject({
      ok: false,
      code: expected.code,
    });
    const after = await snapshot(real.t.database);
    expect(withoutKeys(after), 'a refusal changes nothing').toEqual(withoutKeys(before!));
    expect(after.counts.idempotency_keys).toBe(before!.counts.idempotency_keys + 1);
  }
}

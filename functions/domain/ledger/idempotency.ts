import { sql } from 'drizzle-orm';
import { firstRow, type Db } from '../../../db/client';
import { canonicalJson, sha256Hex } from '../shared/crypto';
import { DomainError } from '../shared/errors';

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export interface IdempotencyRequest {
  /** Who and what: e.g. "42:counter.redeem". Keys of different callers never collide. */
  scope: string;
  key: string;
  /** The validated request body; its canonical hash is the fingerprint. */
  body: unknown;
  now: Date;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * Runs `run` at most once per (scope, key), inside the caller's write transaction. The outcome —
 * success or a domain refusal — is stored in the same transaction as the points it moved, so a
 * retry, a restart or a concurrent replay gets the same answer and moves nothing. The same key with
 * a different body is refused and nothing is stored.
 */
export async function idempotent<T>(tx: Db, req: IdempotencyRequest, run: () => Promise<T>): Promise<Outcome<T> & { replayed: boolean }> {
  const fingerprint = await sha256Hex(canonicalJson(req.body));
  // Plain SQL templates: this runs on every counter and staff write (see ledger/post.ts).
  const prior = await firstRow<{ fingerprint: string; outcome: string }>(tx, sql`select fingerprint, outcome from idempotency_keys where scope = ${req.scope} and key = ${req.key}`);
  if (prior) {
    if (prior.fingerprint !== fingerprint) throw new DomainError('idempotency_mismatch', '该幂等键已用于另一笔不同的请求');
    return { ...(JSON.parse(prior.outcome) as Outcome<T>), replayed: true };
  }
  let outcome: Outcome<T>;
  try {
    outcome = { ok: true, value: await run() };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    outcome = { ok: false, code: error.code, message: error.message };
  }
  await tx.run(
    sql`insert into idempotency_keys (scope, key, fingerprint, outcome, created_at) values (${req.scope}, ${req.key}, ${fingerprint}, ${JSON.stringify(outcome)}, ${req.now.toISOString()})`,
  );
  return { ...outcome, replayed: false };
}

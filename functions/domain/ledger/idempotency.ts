import type { ErrorCode } from '../shared/error-codes';
import { sql } from 'drizzle-orm';
import type { Db, Settled } from '../../../db/client';
import { canonicalJson, sha256Hex } from '../shared/crypto';
import { DomainError, refusalFacts, TryLater, type RefusalFacts } from '../shared/errors';
import { rowList } from '../shared/sql';

/** `retryAt`: when a refusal that names a wait (a locked card) is over, so a replay can say how long is left. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string; retryAt?: string; facts?: RefusalFacts };

export interface IdempotencyRequest {
  /** Who and what: e.g. "42:counter.redeem". Keys of different callers never collide. */
  scope: string;
  key: string;
  /** The validated request body; its canonical hash is the fingerprint. */
  body: unknown;
  now: Date;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

export type Replayable<T> = Outcome<T> & { replayed: boolean };

/**
 * Runs `run` at most once per (scope, key), inside the caller's write transaction. The outcome —
 * success or a domain refusal — is stored in the same transaction as the points it moved, so a
 * retry, a restart or a concurrent replay gets the same answer and moves nothing. The same key with
 * a different body is refused and nothing is stored, and so is a TryLater ("not now": nothing was tried).
 */
export async function idempotent<T>(tx: Db, req: IdempotencyRequest, run: () => Promise<T>): Promise<Replayable<T>> {
  const [settled] = await idempotentBatch(tx, [req], async () => {
    try {
      return [await run()];
    } catch (error) {
      if (error instanceof DomainError) return [error];
      throw error;
    }
  });
  if (!settled!.ok) throw settled!.error;
  return settled!.value;
}

/**
 * `idempotent` for several requests at once (a WriteBatch in db/client.ts), in order: one read of
 * the stored outcomes, one `run` of the requests not seen before (given their indices; it answers
 * each one's value or refusal, in the same order), one insert of their outcomes. Each request is
 * settled as `idempotent` would answer it alone; a key used twice within the requests throws, so
 * that the writer applies them one at a time.
 */
export async function idempotentBatch<T>(tx: Db, reqs: IdempotencyRequest[], run: (fresh: number[]) => Promise<Array<T | DomainError>>): Promise<Array<Settled<Replayable<T>>>> {
  const id = (r: { scope: string; key: string }) => `${r.scope}\n${r.key}`;
  if (new Set(reqs.map(id)).size !== reqs.length) throw new Error('an idempotency key is used twice in one batch');
  const fingerprints = await Promise.all(reqs.map((r) => sha256Hex(canonicalJson(r.body))));
  // Plain SQL templates: this runs on every counter and staff write (see ledger/post.ts).
  const keys = rowList(reqs.map((r) => [r.scope, r.key]));
  const stored = await tx.all<{ scope: string; key: string; fingerprint: string; outcome: string }>(
    sql`with k(scope, key) as (values ${keys}) select i.scope as scope, i.key as key, i.fingerprint as fingerprint, i.outcome as outcome from k join idempotency_keys i on i.scope = k.scope and i.key = k.key`,
  );
  const prior = new Map(stored.map((row) => [id(row), row]));
  const settled: Array<Settled<Replayable<T>> | undefined> = reqs.map((r, i) => {
    const row = prior.get(id(r));
    if (!row) return undefined;
    if (row.fingerprint !== fingerprints[i]) return { ok: false, error: new DomainError('idempotency_mismatch', '该幂等键已用于另一笔不同的请求') };
    return { ok: true, value: { ...(JSON.parse(row.outcome) as Outcome<T>), replayed: true } };
  });
  const fresh = reqs.flatMap((_, i) => (settled[i] ? [] : [i]));
  if (fresh.length === 0) return settled as Array<Settled<Replayable<T>>>;
  const results = await run(fresh);
  if (results.length !== fresh.length) throw new Error(`idempotentBatch: ${results.length} results for ${fresh.length} requests`);
  const rows = fresh.flatMap((i, n) => {
    const result = results[n]!;
    if (result instanceof TryLater) {
      settled[i] = { ok: false, error: result };
      return [];
    }
    const outcome: Outcome<T> = result instanceof DomainError ? refusalOf(result, reqs[i]!.now) : { ok: true, value: result };
    settled[i] = { ok: true, value: { ...outcome, replayed: false } };
    const req = reqs[i]!;
    return [[req.scope, req.key, fingerprints[i]!, JSON.stringify(outcome), req.now.toISOString()]];
  });
  if (rows.length > 0) await tx.run(sql`insert into idempotency_keys (scope, key, fingerprint, outcome, created_at) values ${rowList(rows)}`);
  return settled as Array<Settled<Replayable<T>>>;
}

function refusalOf(error: DomainError, now: Date): Outcome<never> {
  const wait = error.details?.retryAfterSeconds;
  const retryAt = typeof wait === 'number' ? { retryAt: new Date(now.getTime() + wait * 1000).toISOString() } : {};
  const facts = refusalFacts(error.details);
  return { ok: false, code: error.code, message: error.message, ...retryAt, ...(facts ? { facts } : {}) };
}

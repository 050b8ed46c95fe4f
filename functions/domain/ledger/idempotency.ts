import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { canonicalJson, sha256Hex } from '../shared/crypto';
import { DomainError, TryLater } from '../shared/errors';
import { type Refused, refused, type Settled, settle, settledValue } from '../shared/settled';
import { rowList } from '../shared/sql';

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
 * a different body is refused and nothing is stored, and so is a TryLater ("not now": nothing was
 * tried): those two are thrown. The outcome answered always says whether it was `replayed`.
 */
export async function idempotent<T>(
  tx: Db,
  req: IdempotencyRequest,
  run: () => Promise<T>,
): Promise<Settled<T>> {
  const [settled] = await idempotentBatch(tx, [req], async () => [await settle(run)]);
  if (settled!.replayed === undefined) throw (settled as Refused).error;
  return settled!;
}

/**
 * `idempotent` for several requests at once (a WriteBatch in db/client.ts), in order: one read of
 * the stored outcomes, one `run` of the requests not seen before (given their indices; it settles
 * each, in the same order), one insert of their outcomes. Each request is settled as `idempotent`
 * would answer it alone, `replayed` said; a refusal that stored nothing (a mismatched body, a
 * TryLater) has no `replayed`. A key used twice within the requests throws, so that the writer
 * applies them one at a time. `prepare` issues the reads `run` needs whatever is stored, together
 * with the read of the stored outcomes.
 */
export async function idempotentBatch<T, P = undefined>(
  tx: Db,
  reqs: IdempotencyRequest[],
  run: (fresh: number[], prepared: P) => Promise<Array<Settled<T>>>,
  prepare?: () => Promise<P>,
): Promise<Array<Settled<T>>> {
  const id = (r: { scope: string; key: string }) => `${r.scope}\n${r.key}`;
  if (new Set(reqs.map(id)).size !== reqs.length)
    throw new Error('an idempotency key is used twice in one batch');
  // Plain SQL templates: this runs on every counter and staff write (see ledger/post.ts).
  const keys = rowList(reqs.map((r) => [r.scope, r.key]));
  const reading = tx.all<{ scope: string; key: string; fingerprint: string; outcome: string }>(
    sql`with k(scope, key) as (values ${keys}) select i.scope as scope, i.key as key, i.fingerprint as fingerprint, i.outcome as outcome from k join idempotency_keys i on i.scope = k.scope and i.key = k.key`,
  );
  // Issued with the stored outcomes' read, before anything is awaited: one round trip on a remote database.
  const preparing = prepare?.();
  const [stored, fingerprints, prepared] = await Promise.all([
    reading,
    Promise.all(reqs.map((r) => sha256Hex(canonicalJson(r.body)))),
    preparing,
  ]);
  const prior = new Map(stored.map((row) => [id(row), row]));
  const settled: Array<Settled<T> | undefined> = reqs.map((r, i) => {
    const row = prior.get(id(r));
    if (!row) return undefined;
    if (row.fingerprint !== fingerprints[i])
      return refused(new DomainError('idempotency_mismatch', '该幂等键已用于另一笔不同的请求'));
    return { ...(JSON.parse(row.outcome) as Settled<T>), replayed: true };
  });
  const fresh = reqs.flatMap((_, i) => (settled[i] ? [] : [i]));
  if (fresh.length === 0) return settled as Array<Settled<T>>;
  const results = await run(fresh, prepared as P);
  if (results.length !== fresh.length)
    throw new Error(`idempotentBatch: ${results.length} results for ${fresh.length} requests`);
  const rows = fresh.flatMap((i, n) => {
    const result = results[n]!;
    if (!result.ok && result.error instanceof TryLater) {
      settled[i] = result;
      return [];
    }
    const req = reqs[i]!;
    const outcome = storedOutcome(result, req.now);
    settled[i] = { ...outcome, replayed: false };
    return [[req.scope, req.key, fingerprints[i]!, JSON.stringify(outcome), req.now.toISOString()]];
  });
  if (rows.length > 0)
    await tx.run(
      sql`insert into idempotency_keys (scope, key, fingerprint, outcome, created_at) values ${rowList(rows)}`,
    );
  return settled as Array<Settled<T>>;
}

/** What is stored under the key, and answered to a replay: the value, or the refusal's words, facts and when its wait is over. */
function storedOutcome<T>(result: Settled<T>, now: Date): Settled<T> {
  if (result.ok) return settledValue(result.value);
  const wait = result.error?.details?.retryAfterSeconds;
  const retryAt =
    typeof wait === 'number'
      ? { retryAt: new Date(now.getTime() + wait * 1000).toISOString() }
      : {};
  return {
    ok: false,
    code: result.code,
    message: result.message,
    ...retryAt,
    ...(result.facts ? { facts: result.facts } : {}),
  };
}

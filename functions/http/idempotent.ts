import type { Context } from 'hono';
import type { Db, WriteBatch } from '../../db/client';
import { type IdempotencyRequest, idempotent } from '../domain/ledger/idempotency';
import type { Settled } from '../domain/shared/settled';
import type { AppEnv } from './context';
import { ApiError } from './errors';

/**
 * Runs a points-moving operation once per Idempotency-Key, in one write transaction with the stored
 * outcome. A replay answers exactly as the first time did (a refusal replays as the same refusal).
 */
export async function once<T>(
  c: Context<AppEnv>,
  route: string,
  key: string,
  body: unknown,
  op: (tx: Db, now: Date) => Promise<T>,
): Promise<T> {
  const idempotency = requestOf(c, route, key, body);
  return answer(
    c,
    await c
      .get('deps')
      .database.writeLedger((tx) => idempotent(tx, idempotency, () => op(tx, idempotency.now))),
  );
}

/** `once` for an operation written as a batch (Database.writeBatch), whose item `itemOf` makes. */
export async function onceInBatch<I, T>(
  c: Context<AppEnv>,
  route: string,
  key: string,
  body: unknown,
  batch: WriteBatch<I, Settled<T>>,
  itemOf: (idempotency: IdempotencyRequest) => I,
): Promise<T> {
  return answer(
    c,
    await c.get('deps').database.writeBatch(batch, itemOf(requestOf(c, route, key, body))),
  );
}

function requestOf(
  c: Context<AppEnv>,
  route: string,
  key: string,
  body: unknown,
): IdempotencyRequest {
  return { scope: `${c.get('principal').userId}:${route}`, key, body, now: c.get('deps').now() };
}

function answer<T>(c: Context<AppEnv>, outcome: Settled<T>): T {
  c.header('Idempotent-Replayed', String(outcome.replayed));
  if (!outcome.ok) {
    const wait =
      outcome.retryAt === undefined
        ? 0
        : Math.ceil((Date.parse(outcome.retryAt) - c.get('deps').now().getTime()) / 1000);
    throw new ApiError(
      outcome.code,
      outcome.message,
      wait > 0 ? { 'Retry-After': String(wait) } : {},
      outcome.facts,
    );
  }
  return outcome.value;
}

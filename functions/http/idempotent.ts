import type { Context } from 'hono';
import type { Db } from '../../db/client';
import { idempotent } from '../domain/ledger/idempotency';
import type { AppEnv } from './context';
import { ApiError } from './errors';

/**
 * Runs a points-moving operation once per Idempotency-Key, in one write transaction with the stored
 * outcome. A replay answers exactly as the first time did (a refusal replays as the same refusal).
 */
export async function once<T>(c: Context<AppEnv>, route: string, key: string, body: unknown, op: (tx: Db, now: Date) => Promise<T>): Promise<T> {
  const { database, now } = c.get('deps');
  const principal = c.get('principal');
  const at = now();
  const outcome = await database.write((tx) => idempotent(tx, { scope: `${principal.userId}:${route}`, key, body, now: at }, () => op(tx, at)));
  c.header('Idempotent-Replayed', String(outcome.replayed));
  if (!outcome.ok) throw new ApiError(outcome.code, outcome.message);
  return outcome.value;
}

import type { Context } from 'hono';
import type { Db } from '../../db/client';
import type { Actor } from '../domain/records/audit';
import type { PublishEvent } from '../domain/records/publish';
import type { AppEnv } from './context';

/**
 * Tells the shell about a publish. Called only once the write transaction has committed; a
 * failing hook is logged, never turned into a failed request (the publish has happened).
 */
export function notifyPublished(c: Context<AppEnv>, event: PublishEvent | undefined): void {
  const hook = c.get('deps').onPublish;
  if (!event || !hook) return;
  let waitUntil: ((promise: Promise<unknown>) => void) | undefined;
  try {
    const ctx = c.executionCtx;
    waitUntil = ctx.waitUntil.bind(ctx);
  } catch {
    // Node and tests: no execution context.
  }
  try {
    hook(event, { waitUntil });
  } catch (error) {
    console.error('onPublish failed', error);
  }
}

/** Runs a records command in one write transaction as the signed-in staff member, then reports any publish. */
export async function write<T>(
  c: Context<AppEnv>,
  command: (tx: Db, actor: Actor) => Promise<T>,
): Promise<T> {
  const { database, now } = c.get('deps');
  const actor: Actor = { actorId: c.get('principal').userId, now: now() };
  const result = await database.write((tx) => command(tx, actor));
  if (result && typeof result === 'object' && 'event' in result)
    notifyPublished(c, result.event as PublishEvent | undefined);
  return result;
}

import { sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { publishEvents } from '../../../db/schema';
import { DomainError } from '../shared/errors';
import { type Actor, audit } from './audit';

/**
 * Publishing: a record is a draft until a staff member publishes it. Publishing stamps the record
 * (published_at, published_by), appends a publish_event (which asks for a site rebuild) and an
 * audit row — all in the caller's write transaction. The caller tells the shell (onPublish) only
 * after that transaction has committed.
 */
export interface PublishEvent {
  entity: string;
  id: number;
}

/** Refuses to edit a published record: published records are corrected, never silently changed. */
export function requireDraft(row: { status: string }, what: string, hint = ''): void {
  if (row.status !== 'draft')
    throw new DomainError('not_draft', `${what}已发布，不能再修改${hint}`);
}

/** A publish_event for a change that reaches an already public page (a follow-up update, a budget). */
export async function announce(
  tx: Db,
  actor: Actor,
  entity: string,
  id: number,
): Promise<PublishEvent> {
  await tx
    .insert(publishEvents)
    .values({ at: actor.now.toISOString(), actorId: actor.actorId, entity, entityId: id });
  return { entity, id };
}

/** Publishes one draft row of a table carrying the publication columns. */
export async function markPublished(
  tx: Db,
  actor: Actor,
  table: SQLiteTable,
  entity: string,
  id: number,
  what: string,
  detail: Record<string, unknown> = {},
): Promise<PublishEvent> {
  const at = actor.now.toISOString();
  const result = await tx.run(
    sql`update ${table} set status = 'published', published_at = ${at}, published_by = ${actor.actorId} where id = ${id} and status = 'draft'`,
  );
  if (result.rowsAffected !== 1)
    throw new DomainError('already_published', `${what}已发布，无需重复发布`);
  await audit(tx, actor, 'publish', entity, id, detail);
  return announce(tx, actor, entity, id);
}

/** The publication status of a row, or undefined if there is no such row. */
export async function statusOf(
  tx: Db,
  table: SQLiteTable,
  id: number,
): Promise<string | undefined> {
  const [row] = (await tx.all(sql`select status from ${table} where id = ${id}`)) as Array<{
    status: string;
  }>;
  return row?.status;
}

/** A published record never points at a draft: publishing waits until what it names is public. */
export async function requirePublished(
  tx: Db,
  table: SQLiteTable,
  id: number | null | undefined,
  message: string,
): Promise<void> {
  if (id === null || id === undefined) return;
  if ((await statusOf(tx, table, id)) !== 'published')
    throw new DomainError('dependency_unpublished', message);
}

import type { Db } from '../../../db/client';
import { auditLog } from '../../../db/schema';

/** Who is acting, and when: every command of the records domain takes one. */
export interface Actor {
  actorId: number;
  now: Date;
}

export type AuditAction =
  | 'create'
  | 'update'
  | 'publish'
  | 'approve'
  | 'upload_receipt'
  | 'add_update'
  | 'set_budget'
  | 'add_outcome'
  | 'revise'
  | 'withdraw';

/** Appends one row to the audit log (append-only: a trigger forbids UPDATE and DELETE). */
export async function audit(
  tx: Db,
  actor: Actor,
  action: AuditAction,
  entity: string,
  entityId: number | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(auditLog).values({
    at: actor.now.toISOString(),
    actorId: actor.actorId,
    action,
    entity,
    entityId,
    detail: JSON.stringify(detail),
  });
}

/** The fields a patch really changes, each as { from, to } — the detail of an 'update' audit row. */
export function changesOf(
  before: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(patch)) {
    if (to === undefined) continue;
    const from = before[field];
    if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null))
      changes[field] = { from: from ?? null, to };
  }
  return changes;
}

import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { auditLog, users } from '../../../db/schema';
import { cursorBefore, type Page, pageOf } from '../shared/paging';

/** The audit trail as staff read it: newest first, by record type and/or by who acted. */
export interface AuditQuery {
  entity?: string | undefined;
  entityId?: number | undefined;
  action?: string | undefined;
  /** A user id, or a login. */
  actor?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: { id: number; login: string; name: string } | null;
  action: string;
  entity: string;
  entityId: number | null;
  detail: unknown;
}

function parse(detail: string): unknown {
  try {
    return JSON.parse(detail);
  } catch {
    return detail;
  }
}

export async function readAuditLog(db: Db, q: AuditQuery): Promise<Page<AuditRow>> {
  const actor =
    q.actor === undefined
      ? undefined
      : /^\d+$/.test(q.actor)
        ? eq(auditLog.actorId, Number(q.actor))
        : eq(users.login, q.actor);
  const rows = await db
    .select({ a: auditLog, login: users.login, name: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        q.entity ? eq(auditLog.entity, q.entity) : undefined,
        q.entityId !== undefined ? eq(auditLog.entityId, q.entityId) : undefined,
        q.action ? eq(auditLog.action, q.action) : undefined,
        actor,
        cursorBefore(auditLog.id, q.cursor),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  const entries = rows.map(({ a, login, name }) => ({
    id: a.id,
    at: a.at,
    actor: a.actorId === null ? null : { id: a.actorId, login: login ?? '', name: name ?? '' },
    action: a.action,
    entity: a.entity,
    entityId: a.entityId,
    detail: parse(a.detail),
  }));
  return pageOf(entries, q.limit);
}

export const CONSOLE_ROLES = ['staff', 'accountant', 'admin'] as const;
export interface AuditActor {
  id: number;
  login: string;
  name: string;
  role: (typeof CONSOLE_ROLES)[number];
  disabled: boolean;
}

/** Everyone who can act in the console (disabled accounts too: they acted before), for the "who" filter. */
export async function auditActors(db: Db): Promise<AuditActor[]> {
  const rows = await db
    .select({
      id: users.id,
      login: users.login,
      name: users.displayName,
      role: users.role,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(inArray(users.role, [...CONSOLE_ROLES]))
    .orderBy(asc(users.displayName), asc(users.id));
  return rows.map(({ disabledAt, ...r }) => ({
    ...r,
    role: r.role as AuditActor['role'],
    disabled: disabledAt !== null,
  }));
}

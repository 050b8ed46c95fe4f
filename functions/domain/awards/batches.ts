import { and, asc, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  type AwardBatchStatus,
  activities,
  awardBatches,
  awardBatchLines,
  residents,
  users,
} from '../../../db/schema';
import { audit } from '../records/audit';
import { DomainError } from '../shared/errors';
import { cursorBefore, type Page, pageOf } from '../shared/paging';

/**
 * Award batches: several awards decided together. Below the approval thresholds a batch is applied
 * at once; above them it waits for a second staff member. Applying runs every award through the
 * ledger's awardAll() (daily caps included) in the caller's one write: all or none. Creating and
 * approving are in ./batch-write; reading and rejecting here.
 */
export interface BatchLineInput {
  residentId: number;
  points: number;
  hours?: number | null;
  memo: string;
}

export interface NewBatch {
  kind: 'activity' | 'manual';
  activityId?: number | null;
  /** The deliberation (and service) the points reward work for; an activity's batch inherits its activity's. */
  deliberationId?: number | null | undefined;
  serviceId?: number | null | undefined;
  reason: string;
  lines: BatchLineInput[];
  createdBy: number;
  now: Date;
}

export interface BatchLine {
  residentId: number;
  name: string;
  login: string;
  points: number;
  hours: number | null;
  memo: string;
  entryId: number | null;
}

export interface Batch {
  id: number;
  kind: 'activity' | 'manual';
  activityId: number | null;
  activityTitle: string | null;
  deliberationId: number | null;
  serviceId: number | null;
  reason: string;
  status: AwardBatchStatus;
  totalPoints: number;
  createdBy: { id: number; name: string };
  createdAt: string;
  decidedBy: { id: number; name: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  lines: BatchLine[];
}

async function pendingBatch(tx: Db, id: number) {
  const [batch] = await tx.select().from(awardBatches).where(eq(awardBatches.id, id));
  return mustBePending(batch, id);
}

/** The stored batch `id`, refused unless it exists and waits for a decision. */
export function mustBePending(batch: BatchRow | undefined, id: number): BatchRow {
  if (!batch) throw new DomainError('not_found', `积分批次 ${id} 不存在`);
  if (batch.status !== 'pending')
    throw new DomainError(
      'batch_decided',
      batch.status === 'applied' ? `积分批次 ${id} 已审批发放` : `积分批次 ${id} 已驳回`,
    );
  return batch;
}

/** Refuses a pending batch; an activity's batch reopens the activity so its list can be corrected and closed again. */
export async function rejectBatch(
  tx: Db,
  cmd: { batchId: number; staffId: number; reason: string; now: Date },
): Promise<Batch> {
  const batch = await pendingBatch(tx, cmd.batchId);
  await tx
    .update(awardBatches)
    .set({
      status: 'rejected',
      decidedBy: cmd.staffId,
      decidedAt: cmd.now.toISOString(),
      decisionNote: cmd.reason,
    })
    .where(and(eq(awardBatches.id, cmd.batchId), eq(awardBatches.status, 'pending')));
  if (batch.kind === 'activity' && batch.activityId !== null) {
    await tx.update(activities).set({ status: 'open' }).where(eq(activities.id, batch.activityId));
  }
  await audit(tx, { actorId: cmd.staffId, now: cmd.now }, 'update', 'award_batch', cmd.batchId, {
    op: 'reject',
    reason: cmd.reason,
  });
  return findBatch(tx, cmd.batchId);
}

export async function findBatch(db: Db, id: number): Promise<Batch> {
  const [row] = await db
    .select({ b: awardBatches, activityTitle: activities.title })
    .from(awardBatches)
    .leftJoin(activities, eq(activities.id, awardBatches.activityId))
    .where(eq(awardBatches.id, id));
  if (!row) throw new DomainError('not_found', `积分批次 ${id} 不存在`);
  const lines = await db
    .select({ l: awardBatchLines, name: residents.fullName, login: users.login })
    .from(awardBatchLines)
    .innerJoin(residents, eq(residents.userId, awardBatchLines.residentId))
    .innerJoin(users, eq(users.id, awardBatchLines.residentId))
    .where(eq(awardBatchLines.batchId, id))
    .orderBy(asc(awardBatchLines.id));
  const people = await staffNames(
    db,
    [row.b.createdBy, row.b.decidedBy].filter((who): who is number => who !== null),
  );
  return batchOf(
    row.b,
    row.activityTitle,
    lines.map(({ l, name, login }) => ({ ...lineOf(l, l.entryId), name, login })),
    people,
  );
}

export type BatchRow = typeof awardBatches.$inferSelect;

/** A batch as answered, from its row, its activity's title, its lines and staff names by user id. */
export function batchOf(
  b: BatchRow,
  activityTitle: string | null,
  lines: BatchLine[],
  names: Map<number, string>,
): Batch {
  const staff = (id: number) => ({ id, name: names.get(id) ?? '' });
  return {
    id: b.id,
    kind: b.kind,
    activityId: b.activityId,
    activityTitle,
    deliberationId: b.deliberationId,
    serviceId: b.serviceId,
    reason: b.reason,
    status: b.status,
    totalPoints: b.totalPoints,
    createdBy: staff(b.createdBy),
    createdAt: b.createdAt,
    decidedBy: b.decidedBy === null ? null : staff(b.decidedBy),
    decidedAt: b.decidedAt,
    decisionNote: b.decisionNote,
    lines,
  };
}

/** A line's stored fields as answered (the resident's name and login added by the caller). */
export function lineOf(
  l: { residentId: number; points: number; hours?: number | null; memo: string },
  entryId: number | null,
): Omit<BatchLine, 'name' | 'login'> {
  return {
    residentId: l.residentId,
    points: l.points,
    hours: l.hours ?? null,
    memo: l.memo,
    entryId,
  };
}

/** Staff names by user id: `ids` a list, or a query of them (read with a command's other reads). */
export async function staffNames(db: Db, ids: number[] | SQL): Promise<Map<number, string>> {
  if (Array.isArray(ids) && ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(Array.isArray(ids) ? inArray(users.id, ids) : sql`${users.id} in (${ids})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface BatchSummary {
  id: number;
  kind: 'activity' | 'manual';
  activityId: number | null;
  reason: string;
  status: AwardBatchStatus;
  totalPoints: number;
  createdBy: number;
  createdAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
}

/** Newest first; `status=pending` is the approvers' queue, and without `notBy`'s own, one approver's. */
export async function listBatches(
  db: Db,
  q: {
    status?: AwardBatchStatus | undefined;
    notBy?: number | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<Page<BatchSummary>> {
  const rows = await db
    .select({
      id: awardBatches.id,
      kind: awardBatches.kind,
      activityId: awardBatches.activityId,
      reason: awardBatches.reason,
      status: awardBatches.status,
      totalPoints: awardBatches.totalPoints,
      createdBy: awardBatches.createdBy,
      createdAt: awardBatches.createdAt,
      decidedBy: awardBatches.decidedBy,
      decidedAt: awardBatches.decidedAt,
    })
    .from(awardBatches)
    .where(
      and(
        q.status ? eq(awardBatches.status, q.status) : undefined,
        q.notBy !== undefined ? ne(awardBatches.createdBy, q.notBy) : undefined,
        cursorBefore(awardBatches.id, q.cursor),
      ),
    )
    .orderBy(desc(awardBatches.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit);
}

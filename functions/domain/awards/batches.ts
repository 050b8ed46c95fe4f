import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { savepoint } from '../../../db/savepoint';
import {
  type AwardBatchStatus,
  activities,
  awardBatches,
  awardBatchLines,
  participations,
  residents,
  users,
} from '../../../db/schema';
import { award } from '../ledger/commands';
import { assertSecondSignature } from '../people/approvers';
import { audit } from '../records/audit';
import { checkChainLink } from '../records/chain-links';
import { DomainError } from '../shared/errors';
import { cursorBefore, type Page, pageOf } from '../shared/paging';
import { approvalThresholds, needsApproval } from './thresholds';

/**
 * Award batches: several awards decided together. Below the approval thresholds a batch is applied
 * at once; above them it waits for a second staff member. Applying runs every award through the
 * ledger's award() (daily caps included) in the caller's one write transaction: all or none.
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

async function requireResidents(tx: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await tx
      .select({ id: residents.userId })
      .from(residents)
      .where(inArray(residents.userId, ids.slice(i, i + 500)));
    for (const r of rows) found.add(r.id);
  }
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw new DomainError('not_found', `居民 ${missing} 不存在`);
}

/** Stores a batch; applies it at once unless a threshold asks for a second approver. */
export async function createBatch(tx: Db, b: NewBatch): Promise<Batch> {
  // All or nothing: a refused award (a daily cap) must not leave the batch half stored or half paid.
  return savepoint(tx, () => storeBatch(tx, b));
}

async function storeBatch(tx: Db, b: NewBatch): Promise<Batch> {
  const lines = b.lines.filter((l) => l.points > 0);
  if (new Set(lines.map((l) => l.residentId)).size !== lines.length)
    throw new DomainError('invalid_request', '请求无效：同一居民在一批中只能出现一次');
  await requireResidents(
    tx,
    lines.map((l) => l.residentId),
  );
  let link = await checkChainLink(tx, b);
  if (b.activityId != null) {
    const [activity] = await tx
      .select({
        id: activities.id,
        deliberationId: activities.deliberationId,
        serviceId: activities.serviceId,
      })
      .from(activities)
      .where(eq(activities.id, b.activityId));
    if (!activity) throw new DomainError('not_found', `活动 ${b.activityId} 不存在`);
    link = {
      deliberationId: link.deliberationId ?? activity.deliberationId,
      serviceId: link.serviceId ?? activity.serviceId,
    };
  }
  const total = lines.reduce((s, l) => s + l.points, 0);
  const [row] = await tx
    .insert(awardBatches)
    .values({
      kind: b.kind,
      activityId: b.activityId ?? null,
      ...link,
      reason: b.reason,
      status: 'pending',
      totalPoints: total,
      createdBy: b.createdBy,
      createdAt: b.now.toISOString(),
    })
    .returning({ id: awardBatches.id });
  const id = row!.id;
  if (lines.length > 0) {
    await tx.insert(awardBatchLines).values(
      lines.map((l) => ({
        batchId: id,
        residentId: l.residentId,
        points: l.points,
        hours: l.hours ?? null,
        memo: l.memo,
      })),
    );
  }
  const pending = needsApproval(
    lines.map((l) => l.points),
    await approvalThresholds(tx),
  );
  await audit(tx, { actorId: b.createdBy, now: b.now }, 'create', 'award_batch', id, {
    kind: b.kind,
    activityId: b.activityId ?? null,
    lines: lines.length,
    totalPoints: total,
    pending,
  });
  if (!pending) await applyBatch(tx, id, b.createdBy, b.now, '未超过审批额度，自动发放');
  return findBatch(tx, id);
}

/** Moves the points of a pending batch: one award per line, each linked back to its line (and participation). */
async function applyBatch(
  tx: Db,
  id: number,
  actorId: number,
  now: Date,
  note: string | null,
): Promise<void> {
  const [batch] = await tx.select().from(awardBatches).where(eq(awardBatches.id, id));
  if (!batch) throw new DomainError('not_found', `积分批次 ${id} 不存在`);
  const lines = await tx
    .select()
    .from(awardBatchLines)
    .where(eq(awardBatchLines.batchId, id))
    .orderBy(asc(awardBatchLines.id));
  for (const line of lines) {
    const done = await award(
      tx,
      { actorId, now },
      {
        residentId: line.residentId,
        points: line.points,
        reason: line.memo,
        activityId: batch.activityId ?? undefined,
      },
    );
    await tx
      .update(awardBatchLines)
      .set({ entryId: done.id })
      .where(eq(awardBatchLines.id, line.id));
    if (batch.kind === 'activity' && batch.activityId !== null) {
      await tx
        .update(participations)
        .set({ awardEntryId: done.id })
        .where(
          and(
            eq(participations.activityId, batch.activityId),
            eq(participations.residentId, line.residentId),
          ),
        );
    }
  }
  const updated = await tx
    .update(awardBatches)
    .set({
      status: 'applied',
      decidedBy: actorId,
      decidedAt: now.toISOString(),
      decisionNote: note,
    })
    .where(and(eq(awardBatches.id, id), eq(awardBatches.status, 'pending')))
    .returning({ id: awardBatches.id });
  if (updated.length !== 1) throw new DomainError('batch_decided', `积分批次 ${id} 已处理`);
}

async function pendingBatch(tx: Db, id: number) {
  const [batch] = await tx.select().from(awardBatches).where(eq(awardBatches.id, id));
  if (!batch) throw new DomainError('not_found', `积分批次 ${id} 不存在`);
  if (batch.status !== 'pending')
    throw new DomainError(
      'batch_decided',
      batch.status === 'applied' ? `积分批次 ${id} 已审批发放` : `积分批次 ${id} 已驳回`,
    );
  return batch;
}

/** The second pair of eyes: the accountant, not the batch's author, approves; only then do points move. */
export async function approveBatch(
  tx: Db,
  cmd: { batchId: number; approverId: number; note?: string | undefined; now: Date },
): Promise<Batch> {
  const batch = await pendingBatch(tx, cmd.batchId);
  await assertSecondSignature(
    tx,
    cmd.approverId,
    batch.createdBy === cmd.approverId,
    '不能审批自己提交的积分批次，请由另一位工作人员审批',
  );
  await savepoint(tx, async () => {
    await applyBatch(tx, cmd.batchId, cmd.approverId, cmd.now, cmd.note?.trim() || null);
    await audit(
      tx,
      { actorId: cmd.approverId, now: cmd.now },
      'approve',
      'award_batch',
      cmd.batchId,
      { totalPoints: batch.totalPoints, createdBy: batch.createdBy },
    );
  });
  return findBatch(tx, cmd.batchId);
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
  const people = await staffNames(db, [row.b.createdBy, row.b.decidedBy]);
  const b = row.b;
  return {
    id: b.id,
    kind: b.kind,
    activityId: b.activityId,
    activityTitle: row.activityTitle,
    deliberationId: b.deliberationId,
    serviceId: b.serviceId,
    reason: b.reason,
    status: b.status,
    totalPoints: b.totalPoints,
    createdBy: { id: b.createdBy, name: people.get(b.createdBy) ?? '' },
    createdAt: b.createdAt,
    decidedBy:
      b.decidedBy === null ? null : { id: b.decidedBy, name: people.get(b.decidedBy) ?? '' },
    decidedAt: b.decidedAt,
    decisionNote: b.decisionNote,
    lines: lines.map(({ l, name, login }) => ({
      residentId: l.residentId,
      name,
      login,
      points: l.points,
      hours: l.hours,
      memo: l.memo,
      entryId: l.entryId,
    })),
  };
}

async function staffNames(db: Db, ids: Array<number | null>): Promise<Map<number, string>> {
  const wanted = ids.filter((id): id is number => id !== null);
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
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

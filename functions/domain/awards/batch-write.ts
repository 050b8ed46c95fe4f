import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { activities, awardBatches, residents, users } from '../../../db/schema';
import { awardAll, readAwardFacts } from '../ledger/awards';
import { approverOf, assertSecondSignature } from '../people/approvers';
import { audit } from '../records/audit';
import { checkChainLink } from '../records/chain-links';
import { DomainError } from '../shared/errors';
import { guard } from '../shared/guard';
import { inList, rowList } from '../shared/sql';
import type { Batch, BatchLine, NewBatch } from './batches';
import { approvalThresholds, needsApproval } from './thresholds';

/**
 * Writing award batches: each command reads everything it decides on first (one round trip on a
 * remote database), refuses before anything is written, then writes without reading back, and
 * answers the batch from what it read and wrote. All or nothing: the awards, the lines naming their
 * entries and the batch's status are one write.
 */

type Person = { id: number; name: string; login: string };

/** Residents by user id, with the name and login a batch's lines show (a missing one is not there). */
function residentsWhere(tx: Db, ids: SQL): Promise<Person[]> {
  return tx
    .select({ id: residents.userId, name: residents.fullName, login: users.login })
    .from(residents)
    .innerJoin(users, eq(users.id, residents.userId))
    .where(sql`${residents.userId} in (${ids})`);
}

function staffNamesWhere(tx: Db, ids: SQL): Promise<Array<{ id: number; name: string }>> {
  return tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(sql`${users.id} in (${ids})`);
}

/** Stores a batch; applies it at once unless a threshold asks for a second approver. */
export async function createBatch(tx: Db, b: NewBatch): Promise<Batch> {
  const lines = b.lines.filter((l) => l.points > 0);
  if (new Set(lines.map((l) => l.residentId)).size !== lines.length)
    throw new DomainError('invalid_request', '请求无效：同一居民在一批中只能出现一次');
  const ids = sql`select id from users where id in ${inList(lines.length > 0 ? lines.map((l) => l.residentId) : [0])}`;
  const [people, link, [activity], thresholds, [next], staff, facts] = await Promise.all([
    residentsWhere(tx, ids),
    checkChainLink(tx, b),
    b.activityId == null
      ? [undefined]
      : tx
          .select({
            id: activities.id,
            title: activities.title,
            deliberationId: activities.deliberationId,
            serviceId: activities.serviceId,
          })
          .from(activities)
          .where(eq(activities.id, b.activityId)),
    approvalThresholds(tx),
    tx.all<{ id: number }>(sql`select coalesce(max(id), 0) as id from award_batches`),
    staffNamesWhere(tx, sql`${b.createdBy}`),
    readAwardFacts(tx, ids, b.activityId ?? null),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const missing = lines.find((l) => !byId.has(l.residentId));
  if (missing) throw new DomainError('not_found', `居民 ${missing.residentId} 不存在`);
  if (b.activityId != null && !activity)
    throw new DomainError('not_found', `活动 ${b.activityId} 不存在`);
  const linked = {
    deliberationId: link.deliberationId ?? activity?.deliberationId ?? null,
    serviceId: link.serviceId ?? activity?.serviceId ?? null,
  };
  const pending = needsApproval(
    lines.map((l) => l.points),
    thresholds,
  );
  const id = Number(next?.id ?? 0) + 1;
  const at = b.now.toISOString();
  const total = lines.reduce((s, l) => s + l.points, 0);
  const awarded = pending
    ? []
    : await awardAll(
        tx,
        { actorId: b.createdBy, now: b.now },
        lines.map((l) => ({
          residentId: l.residentId,
          points: l.points,
          reason: l.memo,
          activityId: b.activityId ?? undefined,
        })),
        facts,
      );
  const note = pending ? null : '未超过审批额度，自动发放';
  // The id read above is this batch's: another batch stored since refuses this write.
  await guard(tx, sql`(select coalesce(max(id), 0) from award_batches) = ${id - 1}`);
  await tx.insert(awardBatches).values({
    id,
    kind: b.kind,
    activityId: b.activityId ?? null,
    ...linked,
    reason: b.reason,
    status: pending ? 'pending' : 'applied',
    totalPoints: total,
    createdBy: b.createdBy,
    createdAt: at,
    decidedBy: pending ? null : b.createdBy,
    decidedAt: pending ? null : at,
    decisionNote: note,
  });
  const entryIds = awarded.map((a) => a.id);
  if (lines.length > 0)
    await tx.run(
      sql`insert into award_batch_lines (batch_id, resident_id, points, hours, memo, entry_id) values ${rowList(
        lines.map((l, i) => [
          id,
          l.residentId,
          l.points,
          l.hours ?? null,
          l.memo,
          entryIds[i] ?? null,
        ]),
      )}`,
    );
  await audit(tx, { actorId: b.createdBy, now: b.now }, 'create', 'award_batch', id, {
    kind: b.kind,
    activityId: b.activityId ?? null,
    lines: lines.length,
    totalPoints: total,
    pending,
  });
  if (!pending) await linkParticipations(tx, b.kind, b.activityId ?? null, lines, entryIds);
  const creator = { id: b.createdBy, name: staff.find((s) => s.id === b.createdBy)?.name ?? '' };
  return {
    id,
    kind: b.kind,
    activityId: b.activityId ?? null,
    activityTitle: activity?.title ?? null,
    ...linked,
    reason: b.reason,
    status: pending ? 'pending' : 'applied',
    totalPoints: total,
    createdBy: creator,
    createdAt: at,
    decidedBy: pending ? null : creator,
    decidedAt: pending ? null : at,
    decisionNote: note,
    lines: lines.map((l, i) => ({
      residentId: l.residentId,
      name: byId.get(l.residentId)!.name,
      login: byId.get(l.residentId)!.login,
      points: l.points,
      hours: l.hours ?? null,
      memo: l.memo,
      entryId: entryIds[i] ?? null,
    })),
  };
}

/** An activity's participations name the award each resident got for it. */
async function linkParticipations(
  tx: Db,
  kind: NewBatch['kind'],
  activityId: number | null,
  lines: Array<{ residentId: number }>,
  entryIds: number[],
): Promise<void> {
  if (kind !== 'activity' || activityId === null || lines.length === 0) return;
  await tx.run(
    sql`update participations set award_entry_id = v.column2 from (values ${rowList(
      lines.map((l, i) => [l.residentId, entryIds[i]!]),
    )}) as v where participations.activity_id = ${activityId} and participations.resident_id = v.column1`,
  );
}

/** The second pair of eyes: the accountant, not the batch's author, approves; only then do points move. */
export async function approveBatch(
  tx: Db,
  cmd: { batchId: number; approverId: number; note?: string | undefined; now: Date },
): Promise<Batch> {
  const id = cmd.batchId;
  const [[batch], lines, staff, approver, facts] = await Promise.all([
    tx
      .select({ b: awardBatches, activityTitle: activities.title })
      .from(awardBatches)
      .leftJoin(activities, eq(activities.id, awardBatches.activityId))
      .where(eq(awardBatches.id, id)),
    tx.all<{
      residentId: number;
      points: number;
      hours: number | null;
      memo: string;
      name: string;
      login: string;
    }>(
      sql`select l.resident_id as residentId, l.points as points, l.hours as hours, l.memo as memo, r.full_name as name, u.login as login
          from award_batch_lines l join residents r on r.user_id = l.resident_id join users u on u.id = l.resident_id
          where l.batch_id = ${id} order by l.id`,
    ),
    staffNamesWhere(
      tx,
      sql`select created_by from award_batches where id = ${id} union select ${cmd.approverId}`,
    ),
    approverOf(tx, cmd.approverId),
    readAwardFacts(
      tx,
      sql`select resident_id from award_batch_lines where batch_id = ${id}`,
      sql`select activity_id from award_batches where id = ${id}`,
    ),
  ]);
  if (!batch) throw new DomainError('not_found', `积分批次 ${id} 不存在`);
  const b = batch.b;
  if (b.status !== 'pending')
    throw new DomainError(
      'batch_decided',
      b.status === 'applied' ? `积分批次 ${id} 已审批发放` : `积分批次 ${id} 已驳回`,
    );
  await assertSecondSignature(
    approver,
    b.createdBy === cmd.approverId,
    '不能审批自己提交的积分批次，请由另一位工作人员审批',
  );
  const awarded = await awardAll(
    tx,
    { actorId: cmd.approverId, now: cmd.now },
    lines.map((l) => ({
      residentId: l.residentId,
      points: l.points,
      reason: l.memo,
      activityId: b.activityId ?? undefined,
    })),
    facts,
  );
  const at = cmd.now.toISOString();
  const note = cmd.note?.trim() || null;
  // Decided by nobody else since it was read (a rejection moves no points, so the ledger's guard does not see it).
  await guard(tx, sql`(select status from award_batches where id = ${id}) = 'pending'`);
  const entryIds = awarded.map((a) => a.id);
  if (lines.length > 0)
    await tx.run(
      sql`update award_batch_lines set entry_id = v.column2 from (values ${rowList(
        lines.map((l, i) => [l.residentId, entryIds[i]!]),
      )}) as v where award_batch_lines.batch_id = ${id} and award_batch_lines.resident_id = v.column1`,
    );
  await linkParticipations(tx, b.kind, b.activityId, lines, entryIds);
  await tx
    .update(awardBatches)
    .set({ status: 'applied', decidedBy: cmd.approverId, decidedAt: at, decisionNote: note })
    .where(and(eq(awardBatches.id, id), inArray(awardBatches.status, ['pending'])));
  await audit(tx, { actorId: cmd.approverId, now: cmd.now }, 'approve', 'award_batch', id, {
    totalPoints: b.totalPoints,
    createdBy: b.createdBy,
  });
  const name = (who: number) => staff.find((s) => s.id === who)?.name ?? '';
  return {
    id,
    kind: b.kind,
    activityId: b.activityId,
    activityTitle: batch.activityTitle,
    deliberationId: b.deliberationId,
    serviceId: b.serviceId,
    reason: b.reason,
    status: 'applied',
    totalPoints: b.totalPoints,
    createdBy: { id: b.createdBy, name: name(b.createdBy) },
    createdAt: b.createdAt,
    decidedBy: { id: cmd.approverId, name: name(cmd.approverId) },
    decidedAt: at,
    decisionNote: note,
    lines: lines.map(
      (l, i): BatchLine => ({
        residentId: l.residentId,
        name: l.name,
        login: l.login,
        points: l.points,
        hours: l.hours,
        memo: l.memo,
        entryId: entryIds[i]!,
      }),
    ),
  };
}

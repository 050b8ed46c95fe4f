import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { activities, awardBatches, residents, users } from '../../../db/schema';
import { type AwardFacts, awardAll, readAwardFacts } from '../ledger/awards';
import { approverOf, assertSecondSignature } from '../people/approvers';
import { type Actor, audit } from '../records/audit';
import { checkChainLink } from '../records/chain-links';
import { DomainError } from '../shared/errors';
import { guard } from '../shared/guard';
import { inList, rowList } from '../shared/sql';
import {
  type Batch,
  type BatchRow,
  batchOf,
  lineOf,
  mustBePending,
  type NewBatch,
  staffNames,
} from './batches';
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

/** Awards the lines of a batch through the ledger (awardAll: all or none), answering each line's entry id. */
async function awardLines(
  tx: Db,
  actor: Actor,
  lines: Array<{ residentId: number; points: number; memo: string }>,
  activityId: number | null,
  facts: AwardFacts,
): Promise<number[]> {
  const awarded = await awardAll(
    tx,
    actor,
    lines.map((l) => ({
      residentId: l.residentId,
      points: l.points,
      reason: l.memo,
      activityId: activityId ?? undefined,
    })),
    facts,
  );
  return awarded.map((a) => a.id);
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
    staffNames(tx, [b.createdBy]),
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
  const entryIds = pending
    ? []
    : await awardLines(
        tx,
        { actorId: b.createdBy, now: b.now },
        lines,
        b.activityId ?? null,
        facts,
      );
  const note = pending ? null : '未超过审批额度，自动发放';
  // The id read above is this batch's: another batch stored since refuses this write.
  await guard(tx, sql`(select coalesce(max(id), 0) from award_batches) = ${id - 1}`);
  const stored: BatchRow = {
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
  };
  await tx.insert(awardBatches).values(stored);
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
  return batchOf(
    stored,
    activity?.title ?? null,
    lines.map((l, i) => {
      const { name, login } = byId.get(l.residentId)!;
      return { ...lineOf(l, entryIds[i] ?? null), name, login };
    }),
    staff,
  );
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
    staffNames(
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
  const b = mustBePending(batch?.b, id);
  await assertSecondSignature(
    approver,
    b.createdBy === cmd.approverId,
    '不能审批自己提交的积分批次，请由另一位工作人员审批',
  );
  const entryIds = await awardLines(
    tx,
    { actorId: cmd.approverId, now: cmd.now },
    lines,
    b.activityId,
    facts,
  );
  const at = cmd.now.toISOString();
  const note = cmd.note?.trim() || null;
  // Decided by nobody else since it was read (a rejection moves no points, so the ledger's guard does not see it).
  await guard(tx, sql`(select status from award_batches where id = ${id}) = 'pending'`);
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
    .where(and(eq(awardBatches.id, id), eq(awardBatches.status, 'pending')));
  await audit(tx, { actorId: cmd.approverId, now: cmd.now }, 'approve', 'award_batch', id, {
    totalPoints: b.totalPoints,
    createdBy: b.createdBy,
  });
  return batchOf(
    { ...b, status: 'applied', decidedBy: cmd.approverId, decidedAt: at, decisionNote: note },
    batch?.activityTitle ?? null,
    lines.map((l, i) => ({ ...lineOf(l, entryIds[i]!), name: l.name, login: l.login })),
    staff,
  );
}

import { and, asc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { savepoint } from '../../../db/savepoint';
import {
  accounts,
  activities,
  activityTypes,
  ledgerEntries,
  participations,
  postings,
  residents,
  users,
} from '../../../db/schema';
import { createBatch } from '../awards/batch-write';
import type { Batch } from '../awards/batches';
import { approvalThresholds, needsApproval, type Thresholds } from '../awards/thresholds';
import { type Actor, audit } from '../records/audit';
import { canonicalJson, sha256Hex } from '../shared/crypto';
import { DomainError } from '../shared/errors';
import { localDate } from '../shared/time';
import { pointsFor } from './catalog';
import { activityRule } from './rule';

/**
 * Closing an activity: everyone checked in earns hours × points per hour, capped by what the
 * activity's rule (its type's, as it stood when the activity was created) still allows them that day. Staff first see the preview, then confirm it by its
 * fingerprint; the confirmed list becomes one award batch (applied at once, or waiting for a
 * second staff member above the approval thresholds).
 */
export interface PreviewLine {
  residentId: number;
  name: string;
  login: string;
  hours: number;
  /** hours × points per hour, before the cap. */
  uncapped: number;
  /** Points of this activity type the resident already has that day. */
  earnedToday: number;
  points: number;
  capped: boolean;
}

export interface ClosePreview {
  activityId: number;
  title: string;
  date: string;
  pointsPerHour: number;
  dailyCap: number;
  lines: PreviewLine[];
  totalPoints: number;
  needsApproval: boolean;
  thresholds: Thresholds;
  /** Confirm with this: a list changed since the preview (a late check-in) is refused, not awarded unseen. */
  fingerprint: string;
}

export async function previewClose(db: Db, activityId: number, now: Date): Promise<ClosePreview> {
  const [activity] = await db
    .select({
      a: activities,
      typeId: activityTypes.id,
      pointsPerHour: activityRule.pointsPerHour,
      dailyCap: activityRule.dailyCap,
    })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .where(eq(activities.id, activityId));
  if (!activity) throw new DomainError('not_found', `活动 ${activityId} 不存在`);
  const a = activity.a;
  if (a.status === 'closed') throw new DomainError('activity_closed', `活动「${a.title}」已结束`);
  if (a.date > localDate(now))
    throw new DomainError('activity_not_started', `活动「${a.title}」在 ${a.date}，尚未举行`);

  const came = await db
    .select({
      residentId: participations.residentId,
      hours: participations.hours,
      name: residents.fullName,
      login: users.login,
      accountId: accounts.id,
    })
    .from(participations)
    .innerJoin(residents, eq(residents.userId, participations.residentId))
    .innerJoin(users, eq(users.id, participations.residentId))
    .innerJoin(accounts, eq(accounts.ownerId, participations.residentId))
    .where(
      and(
        eq(participations.activityId, activityId),
        isNotNull(participations.checkedInAt),
        isNull(participations.awardEntryId),
      ),
    )
    .orderBy(asc(participations.residentId));

  // Net points each already has for this type of work on that day (reversals free their share), as award() counts them.
  const earned = await db
    .select({
      accountId: postings.accountId,
      total: sql<number>`coalesce(sum(${postings.amount}), 0)`,
    })
    .from(postings)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, postings.entryId))
    .innerJoin(activities, eq(activities.id, ledgerEntries.activityId))
    .where(and(eq(activities.typeId, activity.typeId), eq(activities.date, a.date)))
    .groupBy(postings.accountId);
  const earnedBy = new Map(earned.map((e) => [e.accountId, Number(e.total)]));

  const lines = came.map((p) => {
    const uncapped = pointsFor(p.hours, activity.pointsPerHour);
    const earnedToday = earnedBy.get(p.accountId) ?? 0;
    const points = Math.max(0, Math.min(uncapped, activity.dailyCap - earnedToday));
    return {
      residentId: p.residentId,
      name: p.name,
      login: p.login,
      hours: p.hours,
      uncapped,
      earnedToday,
      points,
      capped: points < uncapped,
    };
  });
  const thresholds = await approvalThresholds(db);
  const fingerprint = await sha256Hex(
    canonicalJson({ activityId, lines: lines.map((l) => [l.residentId, l.hours, l.points]) }),
  );
  return {
    activityId,
    title: a.title,
    date: a.date,
    pointsPerHour: activity.pointsPerHour,
    dailyCap: activity.dailyCap,
    lines,
    totalPoints: lines.reduce((s, l) => s + l.points, 0),
    needsApproval: needsApproval(
      lines.map((l) => l.points),
      thresholds,
    ),
    thresholds,
    fingerprint,
  };
}

/** Closes the activity and awards the previewed list in the caller's one write transaction. */
export async function closeActivity(
  tx: Db,
  actor: Actor,
  cmd: { activityId: number; fingerprint: string },
): Promise<Batch> {
  return savepoint(tx, async () => {
    const preview = await previewClose(tx, cmd.activityId, actor.now);
    if (preview.fingerprint !== cmd.fingerprint)
      throw new DomainError('preview_stale', '签到名单或积分已变化，请重新预览后再确认');
    const closed = await tx
      .update(activities)
      .set({ status: 'closed' })
      .where(and(eq(activities.id, cmd.activityId), ne(activities.status, 'closed')))
      .returning({ place: activities.place });
    if (closed.length !== 1)
      throw new DomainError('activity_closed', `活动「${preview.title}」已结束`);
    const place = closed[0]!.place;
    const batch = await createBatch(tx, {
      kind: 'activity',
      activityId: cmd.activityId,
      reason: `${preview.title}（${preview.date}）`,
      lines: preview.lines.map((l) => ({
        residentId: l.residentId,
        points: l.points,
        hours: l.hours,
        memo: `${preview.title}（${place}）${l.hours} 小时`,
      })),
      createdBy: actor.actorId,
      now: actor.now,
    });
    await audit(tx, actor, 'update', 'activity', cmd.activityId, {
      op: 'close',
      batchId: batch.id,
      people: preview.lines.length,
      totalPoints: preview.totalPoints,
      pending: batch.status === 'pending',
    });
    return batch;
  });
}

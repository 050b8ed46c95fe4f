import { and, asc, eq, gt, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  activities,
  awardBatches,
  awardBatchLines,
  deliberations,
  ledgerEntries,
  participations,
  postings,
  serviceRequests,
} from '../../../db/schema';
import { getOrPut } from '../shared/maps';

/**
 * What followed from each published deliberation beyond its follow-ups and expenses: the requests
 * that name it, the activities that carry it out with their volunteer hours, and the points awarded
 * for that work. Only counts and sums leave here, never who volunteered or who asked.
 */
export interface ChainActivity {
  id: number;
  title: string;
  date: string;
  volunteers: number;
  hours: number;
  points: number;
}

export interface DeliberationChain {
  requests: number;
  activities: ChainActivity[];
  volunteerHours: number;
  pointsAwarded: number;
}

const published = eq(deliberations.status, 'published');

/** Keyed by deliberation id; a deliberation nothing followed from has no entry. */
export async function deliberationChains(db: Db): Promise<Map<number, DeliberationChain>> {
  const requestRows = await db
    .select({ deliberationId: serviceRequests.deliberationId, n: sql<number>`count(*)` })
    .from(serviceRequests)
    .innerJoin(deliberations, and(eq(deliberations.id, serviceRequests.deliberationId), published))
    .groupBy(serviceRequests.deliberationId);
  const activityRows = await db
    .select({
      id: activities.id,
      deliberationId: activities.deliberationId,
      title: activities.title,
      date: activities.date,
      volunteers: sql<number>`(select count(*) from ${participations} where ${participations.activityId} = ${activities.id} and ${participations.checkedInAt} is not null)`,
      hours: sql<number>`(select coalesce(sum(${participations.hours}), 0) from ${participations} where ${participations.activityId} = ${activities.id} and ${participations.checkedInAt} is not null)`,
    })
    .from(activities)
    .innerJoin(deliberations, and(eq(deliberations.id, activities.deliberationId), published))
    .orderBy(asc(activities.date), asc(activities.id));
  // Points of the linked activities are their award entries in the ledger (however they were made).
  const activityPoints = await db
    .select({
      activityId: ledgerEntries.activityId,
      points: sql<number>`coalesce(sum(${postings.amount}), 0)`,
    })
    .from(ledgerEntries)
    .innerJoin(postings, and(eq(postings.entryId, ledgerEntries.id), gt(postings.amount, 0)))
    .innerJoin(activities, eq(activities.id, ledgerEntries.activityId))
    .innerJoin(deliberations, and(eq(deliberations.id, activities.deliberationId), published))
    .where(eq(ledgerEntries.kind, 'award'))
    .groupBy(ledgerEntries.activityId);
  // Batches naming a deliberation add what they awarded, unless their activity already counts for it.
  const batchPoints = await db
    .select({
      deliberationId: awardBatches.deliberationId,
      points: sql<number>`coalesce(sum(${awardBatchLines.points}), 0)`,
    })
    .from(awardBatchLines)
    .innerJoin(awardBatches, eq(awardBatches.id, awardBatchLines.batchId))
    .innerJoin(deliberations, and(eq(deliberations.id, awardBatches.deliberationId), published))
    .leftJoin(activities, eq(activities.id, awardBatches.activityId))
    .where(
      and(
        eq(awardBatches.status, 'applied'),
        isNotNull(awardBatchLines.entryId),
        or(
          isNull(activities.deliberationId),
          ne(activities.deliberationId, awardBatches.deliberationId),
        ),
      ),
    )
    .groupBy(awardBatches.deliberationId);

  const chains = new Map<number, DeliberationChain>();
  const chainOf = (id: number) =>
    getOrPut(
      chains,
      id,
      (): DeliberationChain => ({
        requests: 0,
        activities: [],
        volunteerHours: 0,
        pointsAwarded: 0,
      }),
    );
  for (const r of requestRows)
    if (r.deliberationId !== null) chainOf(r.deliberationId).requests = Number(r.n);
  const activityById = new Map<number, ChainActivity>();
  const activityDeliberation = new Map<number, number>();
  for (const a of activityRows) {
    const c = chainOf(a.deliberationId!);
    const row = {
      id: a.id,
      title: a.title,
      date: a.date,
      volunteers: Number(a.volunteers),
      hours: Number(a.hours),
      points: 0,
    };
    activityById.set(a.id, row);
    activityDeliberation.set(a.id, a.deliberationId!);
    c.activities.push(row);
    c.volunteerHours += row.hours;
  }
  for (const p of activityPoints) {
    const activity = activityById.get(p.activityId!);
    if (!activity) continue;
    activity.points = Number(p.points);
    chainOf(activityDeliberation.get(activity.id)!).pointsAwarded += activity.points;
  }
  for (const p of batchPoints) chainOf(p.deliberationId!).pointsAwarded += Number(p.points);
  return chains;
}

import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { activities, awardBatches, awardBatchLines, deliberations, participations, serviceRequests } from '../../../db/schema';

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
  // A batch counts for the deliberation it names, else for its activity's; only awards that were made.
  const batchDeliberation = sql<number | null>`coalesce(${awardBatches.deliberationId}, ${activities.deliberationId})`;
  const pointRows = await db
    .select({ deliberationId: batchDeliberation, activityId: awardBatches.activityId, points: sql<number>`coalesce(sum(${awardBatchLines.points}), 0)` })
    .from(awardBatchLines)
    .innerJoin(awardBatches, eq(awardBatches.id, awardBatchLines.batchId))
    .leftJoin(activities, eq(activities.id, awardBatches.activityId))
    .innerJoin(deliberations, and(eq(deliberations.id, batchDeliberation), published))
    .where(and(eq(awardBatches.status, 'applied'), isNotNull(awardBatchLines.entryId)))
    .groupBy(batchDeliberation, awardBatches.activityId);

  const chains = new Map<number, DeliberationChain>();
  const chainOf = (id: number) => {
    let c = chains.get(id);
    if (!c) chains.set(id, (c = { requests: 0, activities: [], volunteerHours: 0, pointsAwarded: 0 }));
    return c;
  };
  for (const r of requestRows) if (r.deliberationId !== null) chainOf(r.deliberationId).requests = Number(r.n);
  const activityById = new Map<number, ChainActivity>();
  for (const a of activityRows) {
    const c = chainOf(a.deliberationId!);
    const row = { id: a.id, title: a.title, date: a.date, volunteers: Number(a.volunteers), hours: Number(a.hours), points: 0 };
    activityById.set(a.id, row);
    c.activities.push(row);
    c.volunteerHours += row.hours;
  }
  for (const p of pointRows) {
    if (p.deliberationId === null) continue;
    const points = Number(p.points);
    chainOf(Number(p.deliberationId)).pointsAwarded += points;
    const activity = p.activityId === null ? undefined : activityById.get(p.activityId);
    if (activity) activity.points += points;
  }
  return chains;
}

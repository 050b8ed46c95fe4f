import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import {
  activities,
  deliberations,
  participations,
  serviceRequests,
  services,
  users,
} from '../../db/schema';

/** What the chain records are (the tests find them again in the built database). */
export interface ChainRecords {
  deliberationId: number;
  activityIds: number[];
  /** Rated 5 times (shown) and 4 times (not yet shown). */
  ratedServiceId: number;
  underRatedServiceId: number;
}

/**
 * Links two of the demo's attended activities to a published deliberation that has follow-ups, and
 * gives one unrated service 5 ratings and another 4, so the site shows the chain and the threshold.
 */
export async function insertChainRecords(database: Database, now: Date): Promise<ChainRecords> {
  const stamp = now.toISOString();
  return database.write(async (tx) => {
    const [d] = await tx
      .select({ id: deliberations.id })
      .from(deliberations)
      .where(
        and(
          eq(deliberations.status, 'published'),
          sql`exists (select 1 from followups f where f.deliberation_id = ${deliberations.id})`,
        ),
      )
      .orderBy(desc(deliberations.date))
      .limit(1);
    const attended = await tx
      .select({ id: activities.id })
      .from(activities)
      .where(
        and(
          eq(activities.status, 'closed'),
          sql`exists (select 1 from ${participations} p where p.activity_id = ${activities.id} and p.checked_in_at is not null)`,
        ),
      )
      .orderBy(desc(activities.date))
      .limit(2);
    for (const a of attended)
      await tx.update(activities).set({ deliberationId: d!.id }).where(eq(activities.id, a.id));
    const unrated = await tx
      .select({ id: services.id, providerId: services.providerId })
      .from(services)
      .where(
        and(
          eq(services.status, 'published'),
          sql`not exists (select 1 from ${serviceRequests} r where r.service_id = ${services.id} and r.rating is not null)`,
        ),
      )
      .orderBy(asc(services.id))
      .limit(2);
    const [resident] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.role, 'resident'))
      .orderBy(asc(users.id))
      .limit(1);
    const rate = (s: { id: number; providerId: number }, ratings: number[]) =>
      tx.insert(serviceRequests).values(
        ratings.map((rating) => ({
          kind: 'service' as const,
          origin: 'resident' as const,
          serviceId: s.id,
          providerId: s.providerId,
          residentId: resident!.id,
          title: '服务',
          detail: '',
          status: 'done' as const,
          createdBy: resident!.id,
          createdAt: stamp,
          updatedAt: stamp,
          rating,
          ratedAt: stamp,
          deliberationId: null,
        })),
      );
    await rate(unrated[0]!, [5, 4, 4, 5, 3]);
    await rate(unrated[1]!, [1, 2, 5, 5]);
    const [req] = await tx
      .select({ id: serviceRequests.id })
      .from(serviceRequests)
      .where(isNull(serviceRequests.deliberationId))
      .limit(1);
    await tx
      .update(serviceRequests)
      .set({ deliberationId: d!.id })
      .where(eq(serviceRequests.id, req!.id));
    return {
      deliberationId: d!.id,
      activityIds: attended.map((a) => a.id),
      ratedServiceId: unrated[0]!.id,
      underRatedServiceId: unrated[1]!.id,
    };
  });
}

import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { organizations, serviceRequests, services } from '../../../db/schema';

/** Below this many ratings nothing is published: a handful could point at the residents who gave them. */
export const MIN_RATINGS = 5;

export interface Satisfaction {
  kind: 'service' | 'provider';
  /** The service's or the provider organisation's id. */
  id: number;
  name: string;
  count: number;
  /** One decimal. */
  average: number;
  /** How many gave 1, 2, 3, 4 and 5 stars. */
  distribution: [number, number, number, number, number];
}

const stars = [1, 2, 3, 4, 5].map(
  (n) => sql<number>`sum(case when ${serviceRequests.rating} = ${n} then 1 else 0 end)`,
);

function summary(
  kind: Satisfaction['kind'],
  r: { id: number; name: string; n1: number; n2: number; n3: number; n4: number; n5: number },
): Satisfaction {
  const distribution: Satisfaction['distribution'] = [
    Number(r.n1),
    Number(r.n2),
    Number(r.n3),
    Number(r.n4),
    Number(r.n5),
  ];
  const count = distribution.reduce((s, n) => s + n, 0);
  const total = distribution.reduce((s, n, i) => s + n * (i + 1), 0);
  return {
    kind,
    id: r.id,
    name: r.name,
    count,
    average: count === 0 ? 0 : Math.round((total * 10) / count) / 10,
    distribution,
  };
}

/** Ratings of completed requests per published service and per published provider, only those with at least MIN_RATINGS. */
export async function publicSatisfaction(db: Db): Promise<Satisfaction[]> {
  const rated = and(eq(serviceRequests.status, 'done'), isNotNull(serviceRequests.rating));
  const columns = { n1: stars[0]!, n2: stars[1]!, n3: stars[2]!, n4: stars[3]!, n5: stars[4]! };
  const byService = await db
    .select({ id: services.id, name: services.title, ...columns })
    .from(serviceRequests)
    .innerJoin(
      services,
      and(eq(services.id, serviceRequests.serviceId), eq(services.status, 'published')),
    )
    .where(rated)
    .groupBy(services.id)
    .orderBy(services.id);
  const byProvider = await db
    .select({ id: organizations.id, name: organizations.name, ...columns })
    .from(serviceRequests)
    .innerJoin(
      organizations,
      and(eq(organizations.id, serviceRequests.providerId), eq(organizations.status, 'published')),
    )
    .where(rated)
    .groupBy(organizations.id)
    .orderBy(organizations.id);
  return [
    ...byService.map((r) => summary('service', r)),
    ...byProvider.map((r) => summary('provider', r)),
  ].filter((s) => s.count >= MIN_RATINGS);
}

import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { deliberations, services } from '../../../db/schema';
import { DomainError } from '../shared/errors';

/**
 * What a request, an activity or an award batch may name as its origin: a published deliberation
 * and (for activities and batches) a published service. Only published records can be named, since
 * the link is shown on the public deliberation page.
 */
export interface ChainLink {
  deliberationId?: number | null | undefined;
  serviceId?: number | null | undefined;
}

export async function checkChainLink(
  tx: Db,
  link: ChainLink,
): Promise<{ deliberationId: number | null; serviceId: number | null }> {
  const deliberationId = link.deliberationId ?? null;
  const serviceId = link.serviceId ?? null;
  if (deliberationId !== null) {
    const [d] = await tx
      .select({ id: deliberations.id })
      .from(deliberations)
      .where(and(eq(deliberations.id, deliberationId), eq(deliberations.status, 'published')));
    if (!d) throw new DomainError('invalid_reference', `议事协商 ${deliberationId} 不存在或未发布`);
  }
  if (serviceId !== null) {
    const [s] = await tx
      .select({ id: services.id })
      .from(services)
      .where(and(eq(services.id, serviceId), eq(services.status, 'published')));
    if (!s) throw new DomainError('invalid_reference', `服务 ${serviceId} 不存在或未发布`);
  }
  return { deliberationId, serviceId };
}

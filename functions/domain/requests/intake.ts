import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { residents, serviceRequests, services } from '../../../db/schema';
import { type Actor, audit } from '../records/audit';
import { checkChainLink } from '../records/chain-links';
import { DomainError } from '../shared/errors';

import { findRequest, logEvent, type Request } from './requests';

/** How a request comes in: asked for by a resident, or reported for a building. */
/** A withdrawn service stays on the public site as a tombstone, but can no longer be asked for. */
async function publishedService(tx: Db, serviceId: number) {
  const [s] = await tx.select().from(services).where(eq(services.id, serviceId));
  if (s?.status === 'withdrawn')
    throw new DomainError('service_withdrawn', `服务「${s.title}」已撤回，不再受理申请`);
  if (s?.status !== 'published')
    throw new DomainError('invalid_reference', `服务 ${serviceId} 不存在或未发布`);
  return s;
}

type NewRequest = Omit<
  typeof serviceRequests.$inferInsert,
  'status' | 'createdBy' | 'createdAt' | 'updatedAt'
>;

/** Every request, however it comes in, starts as 'submitted' with that step first in its history. */
async function submit(
  tx: Db,
  actor: Actor,
  request: NewRequest,
  organizationId: number | null,
  note: string,
): Promise<number> {
  const at = actor.now.toISOString();
  const [created] = await tx
    .insert(serviceRequests)
    .values({
      ...request,
      status: 'submitted',
      createdBy: actor.actorId,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: serviceRequests.id });
  const id = created!.id;
  await logEvent(
    tx,
    id,
    actor.now,
    'submitted',
    request.origin,
    actor.actorId,
    organizationId,
    note,
  );
  return id;
}

export interface ServiceAsk {
  serviceId: number;
  residentId: number;
  detail?: string | undefined;
  preferredDate?: string | null | undefined;
  deliberationId?: number | null | undefined;
}

/** 点单: a resident asks for a service from the menu — on the phone, or through staff at the desk. */
export async function askForService(
  tx: Db,
  actor: Actor,
  ask: ServiceAsk,
  origin: 'resident' | 'staff',
): Promise<Request> {
  const service = await publishedService(tx, ask.serviceId);
  const [resident] = await tx
    .select({ id: residents.userId })
    .from(residents)
    .where(eq(residents.userId, ask.residentId));
  if (!resident) throw new DomainError('invalid_reference', `居民 ${ask.residentId} 不存在`);
  const { deliberationId } = await checkChainLink(tx, { deliberationId: ask.deliberationId });
  const detail = ask.detail?.trim() ?? '';
  const id = await submit(
    tx,
    actor,
    {
      kind: 'service',
      origin,
      serviceId: service.id,
      residentId: ask.residentId,
      title: service.title,
      detail,
      preferredDate: ask.preferredDate ?? null,
      deliberationId,
    },
    service.providerId,
    detail,
  );
  return findRequest(tx, id);
}

export interface BuildingIssue {
  compound: string;
  building: string;
  title: string;
  detail: string;
  origin?: 'owners_committee' | 'staff' | undefined;
  deliberationId?: number | null | undefined;
}

/** 下单: the owners' committee reports a building issue (a staff member enters it on its behalf). */
export async function reportBuildingIssue(
  tx: Db,
  actor: Actor,
  issue: BuildingIssue,
): Promise<Request> {
  const origin = issue.origin ?? 'owners_committee';
  const { deliberationId } = await checkChainLink(tx, { deliberationId: issue.deliberationId });
  const id = await submit(
    tx,
    actor,
    {
      kind: 'building_issue',
      origin,
      title: issue.title,
      detail: issue.detail,
      compound: issue.compound,
      building: issue.building,
      deliberationId,
    },
    null,
    issue.detail,
  );
  await audit(tx, actor, 'create', 'service_request', id, {
    kind: 'building_issue',
    origin,
    compound: issue.compound,
    building: issue.building,
    deliberationId,
  });
  return findRequest(tx, id);
}

import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  organizations,
  residents,
  type ServiceRequestKind,
  type ServiceRequestOrigin,
  type ServiceRequestParty,
  type ServiceRequestStatus,
  serviceRequestEvents,
  serviceRequests,
  services,
  users,
} from '../../../db/schema';
import { type Actor, audit } from '../records/audit';
import { checkChainLink } from '../records/chain-links';
import { DomainError } from '../shared/errors';
import { cursorBefore, type Page, pageOf } from '../shared/paging';
import { RESIDENT_CANCELLABLE, STATUS_ZH, STEPS, type Step } from './flow';

/** 你点单我服务 and the three-order flow (三单制) on one request model with a dated history. */
export type RequestRow = typeof serviceRequests.$inferSelect;

export interface RequestEvent {
  at: string;
  event: string;
  party: ServiceRequestParty;
  organization: { id: number; name: string } | null;
  note: string;
  actorId: number | null;
}

export interface Request {
  id: number;
  kind: ServiceRequestKind;
  origin: ServiceRequestOrigin;
  service: { id: number; title: string } | null;
  residentId: number | null;
  title: string;
  detail: string;
  compound: string | null;
  building: string | null;
  preferredDate: string | null;
  status: ServiceRequestStatus;
  provider: { id: number; name: string; kind: string } | null;
  createdAt: string;
  updatedAt: string;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
  /** The deliberation the request comes from, if any. */
  deliberationId: number | null;
  events: RequestEvent[];
}

async function row(db: Db, id: number): Promise<RequestRow> {
  const [r] = await db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
  if (!r) throw new DomainError('not_found', `服务申请 ${id} 不存在`);
  return r;
}

export async function findRequest(db: Db, id: number): Promise<Request> {
  const r = await row(db, id);
  const [service] =
    r.serviceId === null
      ? []
      : await db
          .select({ id: services.id, title: services.title })
          .from(services)
          .where(eq(services.id, r.serviceId));
  const [provider] =
    r.providerId === null
      ? []
      : await db
          .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
          .from(organizations)
          .where(eq(organizations.id, r.providerId));
  const events = await db
    .select({ e: serviceRequestEvents, orgName: organizations.name })
    .from(serviceRequestEvents)
    .leftJoin(organizations, eq(organizations.id, serviceRequestEvents.organizationId))
    .where(eq(serviceRequestEvents.requestId, id))
    .orderBy(asc(serviceRequestEvents.id));
  return {
    id: r.id,
    kind: r.kind,
    origin: r.origin,
    service: service ?? null,
    residentId: r.residentId,
    title: r.title,
    detail: r.detail,
    compound: r.compound,
    building: r.building,
    preferredDate: r.preferredDate,
    status: r.status,
    provider: provider ?? null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    rating: r.rating,
    ratingComment: r.ratingComment,
    ratedAt: r.ratedAt,
    deliberationId: r.deliberationId,
    events: events.map(({ e, orgName }) => ({
      at: e.at,
      event: e.event,
      party: e.party,
      organization:
        e.organizationId === null ? null : { id: e.organizationId, name: orgName ?? '' },
      note: e.note,
      actorId: e.actorId,
    })),
  };
}

async function logEvent(
  tx: Db,
  requestId: number,
  at: Date,
  event: typeof serviceRequestEvents.$inferInsert.event,
  party: ServiceRequestParty,
  actorId: number,
  organizationId: number | null,
  note: string,
) {
  await tx
    .insert(serviceRequestEvents)
    .values({ requestId, at: at.toISOString(), event, party, actorId, organizationId, note });
}

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

/** Moves a request one step, only from a state that step allows (checked again in the UPDATE, so a race loses cleanly). */
async function move(
  tx: Db,
  id: number,
  step: Step,
  from: readonly ServiceRequestStatus[],
  now: Date,
  set: Partial<RequestRow> = {},
): Promise<RequestRow> {
  const current = await row(tx, id);
  if (!from.includes(current.status)) {
    throw new DomainError(
      'invalid_transition',
      `申请当前为「${STATUS_ZH[current.status]}」，不能${STEPS[step].zh}`,
    );
  }
  const [updated] = await tx
    .update(serviceRequests)
    .set({ ...set, status: STEPS[step].to, updatedAt: now.toISOString() })
    .where(and(eq(serviceRequests.id, id), inArray(serviceRequests.status, [...from])))
    .returning();
  if (!updated)
    throw new DomainError('invalid_transition', `申请状态已变化，不能${STEPS[step].zh}`);
  return updated;
}

/** 派单: the residents' committee sends it to a provider; a building issue goes to a property company. */
export async function dispatchRequest(
  tx: Db,
  actor: Actor,
  id: number,
  cmd: { organizationId: number; note?: string | undefined },
): Promise<Request> {
  const current = await row(tx, id);
  const [org] = await tx
    .select({ id: organizations.id, kind: organizations.kind, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, cmd.organizationId));
  if (!org) throw new DomainError('invalid_reference', `组织 ${cmd.organizationId} 不存在`);
  if (current.kind === 'building_issue' && org.kind !== 'property_company')
    throw new DomainError(
      'invalid_provider',
      `楼栋问题须派给物业公司，「${org.name}」不是物业公司`,
    );
  await move(tx, id, 'dispatch', STEPS.dispatch.from, actor.now, { providerId: org.id });
  await logEvent(
    tx,
    id,
    actor.now,
    'dispatched',
    'residents_committee',
    actor.actorId,
    org.id,
    cmd.note?.trim() ?? '',
  );
  await audit(tx, actor, 'update', 'service_request', id, {
    op: 'dispatch',
    organizationId: org.id,
    from: current.status,
  });
  return findRequest(tx, id);
}

/** 接单: the provider takes it on (staff record it when the provider answers by phone). */
export async function acceptRequest(
  tx: Db,
  actor: Actor,
  id: number,
  note?: string,
): Promise<Request> {
  const updated = await move(tx, id, 'accept', STEPS.accept.from, actor.now);
  await logEvent(
    tx,
    id,
    actor.now,
    'accepted',
    'provider',
    actor.actorId,
    updated.providerId,
    note?.trim() ?? '',
  );
  return findRequest(tx, id);
}

export async function completeRequest(
  tx: Db,
  actor: Actor,
  id: number,
  note?: string,
): Promise<Request> {
  const updated = await move(tx, id, 'complete', STEPS.complete.from, actor.now);
  await logEvent(
    tx,
    id,
    actor.now,
    'done',
    'provider',
    actor.actorId,
    updated.providerId,
    note?.trim() ?? '',
  );
  return findRequest(tx, id);
}

/** Declined by the residents' committee before dispatch, or by the provider it was dispatched to. */
export async function declineRequest(
  tx: Db,
  actor: Actor,
  id: number,
  reason: string,
): Promise<Request> {
  const before = await row(tx, id);
  const updated = await move(tx, id, 'decline', STEPS.decline.from, actor.now);
  const byProvider = before.status === 'dispatched';
  await logEvent(
    tx,
    id,
    actor.now,
    'declined',
    byProvider ? 'provider' : 'residents_committee',
    actor.actorId,
    byProvider ? updated.providerId : null,
    reason,
  );
  return findRequest(tx, id);
}

export async function cancelRequest(
  tx: Db,
  actor: Actor,
  id: number,
  by: 'resident' | 'staff',
  reason?: string,
): Promise<Request> {
  const current = await row(tx, id);
  if (by === 'resident' && current.residentId !== actor.actorId)
    throw new DomainError('not_found', `服务申请 ${id} 不存在`);
  await move(
    tx,
    id,
    'cancel',
    by === 'resident' ? RESIDENT_CANCELLABLE : STEPS.cancel.from,
    actor.now,
  );
  await logEvent(tx, id, actor.now, 'cancelled', by, actor.actorId, null, reason?.trim() ?? '');
  return findRequest(tx, id);
}

/** 服务反馈: the resident served rates it, once, when it is done. */
export async function rateRequest(
  tx: Db,
  actor: Actor,
  id: number,
  rating: { score: number; comment?: string | undefined },
): Promise<Request> {
  const current = await row(tx, id);
  if (current.residentId !== actor.actorId)
    throw new DomainError('not_found', `服务申请 ${id} 不存在`);
  if (current.status !== 'done')
    throw new DomainError(
      'request_not_done',
      `申请当前为「${STATUS_ZH[current.status]}」，完成后才能评价`,
    );
  if (current.rating !== null) throw new DomainError('already_rated', '这次服务已评价过');
  const comment = rating.comment?.trim() || null;
  await tx
    .update(serviceRequests)
    .set({
      rating: rating.score,
      ratingComment: comment,
      ratedAt: actor.now.toISOString(),
      updatedAt: actor.now.toISOString(),
    })
    .where(eq(serviceRequests.id, id));
  await logEvent(
    tx,
    id,
    actor.now,
    'rated',
    'resident',
    actor.actorId,
    current.providerId,
    `${rating.score} 星${comment ? `：${comment}` : ''}`,
  );
  return findRequest(tx, id);
}

export interface RequestQuery {
  status?: ServiceRequestStatus | undefined;
  kind?: ServiceRequestKind | undefined;
  providerId?: number | undefined;
  residentId?: number | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface RequestSummary {
  id: number;
  kind: ServiceRequestKind;
  origin: ServiceRequestOrigin;
  title: string;
  status: ServiceRequestStatus;
  residentId: number | null;
  residentName: string | null;
  compound: string | null;
  building: string | null;
  provider: { id: number; name: string } | null;
  createdAt: string;
  updatedAt: string;
  rating: number | null;
}

/** Newest first, keyset-paged by id. */
export async function listRequests(db: Db, q: RequestQuery): Promise<Page<RequestSummary>> {
  const rows = await db
    .select({
      r: serviceRequests,
      residentName: residents.fullName,
      providerName: organizations.name,
    })
    .from(serviceRequests)
    .leftJoin(residents, eq(residents.userId, serviceRequests.residentId))
    .leftJoin(organizations, eq(organizations.id, serviceRequests.providerId))
    .where(
      and(
        q.status ? eq(serviceRequests.status, q.status) : undefined,
        q.kind ? eq(serviceRequests.kind, q.kind) : undefined,
        q.providerId ? eq(serviceRequests.providerId, q.providerId) : undefined,
        q.residentId ? eq(serviceRequests.residentId, q.residentId) : undefined,
        cursorBefore(serviceRequests.id, q.cursor),
      ),
    )
    .orderBy(desc(serviceRequests.id))
    .limit(q.limit + 1);
  const summaries = rows.map(({ r, residentName, providerName }) => ({
    id: r.id,
    kind: r.kind,
    origin: r.origin,
    title: r.title,
    status: r.status,
    residentId: r.residentId,
    residentName,
    compound: r.compound,
    building: r.building,
    provider: r.providerId === null ? null : { id: r.providerId, name: providerName ?? '' },
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    rating: r.rating,
  }));
  return pageOf(summaries, q.limit);
}

/** The resident's own request, or not_found — another resident's request does not exist for them. */
export async function findOwnRequest(db: Db, residentId: number, id: number): Promise<Request> {
  const r = await row(db, id);
  if (r.residentId !== residentId) throw new DomainError('not_found', `服务申请 ${id} 不存在`);
  return findRequest(db, id);
}

/** Who a staff member is looking at: the resident's name and phone, to call them back. */
export async function requester(
  db: Db,
  residentId: number | null,
): Promise<{ id: number; name: string; login: string; phone: string | null } | null> {
  if (residentId === null) return null;
  const [r] = await db
    .select({
      id: residents.userId,
      name: residents.fullName,
      login: users.login,
      phone: residents.phone,
    })
    .from(residents)
    .innerJoin(users, eq(users.id, residents.userId))
    .where(eq(residents.userId, residentId));
  return r ?? null;
}

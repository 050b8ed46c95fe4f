import { and, asc, desc, eq } from 'drizzle-orm';
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
import { DomainError } from '../shared/errors';
import { cursorBefore, type Page, pageOf } from '../shared/paging';

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

export async function requestRow(db: Db, id: number): Promise<RequestRow> {
  const [r] = await db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
  if (!r) throw new DomainError('not_found', `服务申请 ${id} 不存在`);
  return r;
}

export async function findRequest(db: Db, id: number): Promise<Request> {
  const r = await requestRow(db, id);
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

export async function logEvent(
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
  const r = await requestRow(db, id);
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

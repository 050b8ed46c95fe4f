import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { deliberations } from './deliberations';
import { organizations } from './organizations';
import { users } from './people';
import { services } from './services';

/**
 * 你点单我服务 and 三单制 on one model. A resident asks for a service from the menu (kind
 * `service`); the owners' committee reports a building issue (kind `building_issue`, 下单). The
 * residents' committee dispatches it to a provider (派单), the provider — for a building issue,
 * the property company — accepts it (接单), and it is done; or it is cancelled or declined.
 */
export const serviceRequestKinds = ['service', 'building_issue'] as const;
export type ServiceRequestKind = (typeof serviceRequestKinds)[number];
export const serviceRequestStatuses = [
  'submitted',
  'dispatched',
  'accepted',
  'done',
  'cancelled',
  'declined',
] as const;
export type ServiceRequestStatus = (typeof serviceRequestStatuses)[number];
/** Who placed the request: the resident on a phone, staff for a resident (by phone or at the desk), or the owners' committee. */
export const serviceRequestOrigins = ['resident', 'staff', 'owners_committee'] as const;
export type ServiceRequestOrigin = (typeof serviceRequestOrigins)[number];

export const serviceRequests = sqliteTable(
  'service_requests',
  {
    id: integer('id').primaryKey(),
    kind: text('kind', { enum: serviceRequestKinds }).notNull(),
    origin: text('origin', { enum: serviceRequestOrigins }).notNull(),
    serviceId: integer('service_id').references(() => services.id),
    /** The resident served (and who may rate it); none for a building issue. */
    residentId: integer('resident_id').references(() => users.id),
    title: text('title').notNull(),
    detail: text('detail').notNull(),
    compound: text('compound'),
    building: text('building'),
    /** Local date (YYYY-MM-DD) the resident would like it, if any. */
    preferredDate: text('preferred_date'),
    status: text('status', { enum: serviceRequestStatuses }).notNull(),
    /** The organisation it is dispatched to (派单). */
    providerId: integer('provider_id').references(() => organizations.id),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: text('rated_at'),
    /** The deliberation the need was raised in or answered by, if any: the chain need → deliberation. */
    deliberationId: integer('deliberation_id').references(() => deliberations.id),
  },
  (t) => [
    index('service_requests_status').on(t.status, t.id),
    index('service_requests_resident').on(t.residentId, t.id),
    index('service_requests_provider').on(t.providerId),
    check('service_requests_kind', sql`${t.kind} in ('service','building_issue')`),
    check(
      'service_requests_status_check',
      sql`${t.status} in ('submitted','dispatched','accepted','done','cancelled','declined')`,
    ),
    check('service_requests_rating', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  ],
);

/** What each party did when, in the words of the flow (下单 / 派单 / 接单 / 完成 …): append-only. */
export const serviceRequestEventKinds = [
  'submitted',
  'dispatched',
  'accepted',
  'done',
  'cancelled',
  'declined',
  'rated',
] as const;
/** On whose behalf: a staff member records the property company's 接单 when it phones in. */
export const serviceRequestParties = [
  'resident',
  'staff',
  'owners_committee',
  'residents_committee',
  'provider',
] as const;
export type ServiceRequestParty = (typeof serviceRequestParties)[number];

export const serviceRequestEvents = sqliteTable(
  'service_request_events',
  {
    id: integer('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    at: text('at').notNull(),
    event: text('event', { enum: serviceRequestEventKinds }).notNull(),
    party: text('party', { enum: serviceRequestParties }).notNull(),
    actorId: integer('actor_id').references(() => users.id),
    organizationId: integer('organization_id').references(() => organizations.id),
    note: text('note').notNull().default(''),
  },
  (t) => [index('service_request_events_request').on(t.requestId, t.id)],
);

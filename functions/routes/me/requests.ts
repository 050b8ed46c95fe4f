import { createRoute, z } from '@hono/zod-openapi';
import type { Db } from '../../db/client';
import { serviceRequestKinds, serviceRequestStatuses } from '../../db/schema';
import type { Actor } from '../domain/records/audit';
import { publicServices } from '../domain/publishing/services';
import {
  acceptRequest,
  askForService,
  cancelRequest,
  completeRequest,
  declineRequest,
  dispatchRequest,
  findOwnRequest,
  findRequest,
  listRequests,
  rateRequest,
  reportBuildingIssue,
  requester,
} from '../domain/requests/requests';
import { errorResponses } from '../http/errors';
import { IdCursorQuery, IdParam, LocalDate, Text, actorOf, LongText, QueryId, TextOrEmpty, LongTextOrEmpty } from '../http/params';
import { newRouter } from '../http/router';
import { ChainLinkFields } from './chain-params';
import { cursorId, cursorOf, json, jsonBody, signedIn } from '../http/schemas';

/**
 * 你点单我服务 (/api/me: ask, follow, cancel, rate) and the staff desk (/api/staff: dispatch 派单,
 * record the provider's 接单, close, and the three-order flow for building issues).
 */
export const meRequests = newRouter();

export const staffRequests = newRouter();

const EventSchema = z.object({
  at: z.string(),
  event: z.string(),
  party: z.enum(['resident', 'staff', 'owners_committee', 'residents_committee', 'provider']),
  organization: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  note: z.string(),
});

const RequestSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(serviceRequestKinds),
    origin: z.enum(['resident', 'staff', 'owners_committee']),
    service: z.object({ id: z.number().int(), title: z.string() }).nullable(),
    title: z.string(),
    detail: z.string(),
    compound: z.string().nullable(),
    building: z.string().nullable(),
    preferredDate: z.string().nullable(),
    status: z.enum(serviceRequestStatuses),
    provider: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    rating: z.number().int().nullable(),
    ratingComment: z.string().nullable(),
    ratedAt: z.string().nullable(),
    deliberationId: z.number().int().nullable(),
    events: z.array(EventSchema),
  })
  .openapi('ServiceRequest');

const StaffRequestSchema = RequestSchema.extend({
  resident: z.object({ id: z.number().int(), name: z.string(), login: z.string(), phone: z.string().nullable() }).nullable(),
  events: z.array(EventSchema.extend({ actorId: z.number().int().nullable() })),
}).openapi('StaffServiceRequest');

/** What a resident sees of their own request: no staff user ids. */
const forResident = (r: Awaited<ReturnType<typeof findRequest>>) => {
  const { residentId: _, events, ...rest } = r;
  return { ...rest, events: events.map(({ actorId: __, ...e }) => e) };
};

const SummarySchema = z.object({
  id: z.number().int(),
  kind: z.enum(serviceRequestKinds),
  origin: z.enum(['resident', 'staff', 'owners_committee']),
  title: z.string(),
  status: z.enum(serviceRequestStatuses),
  residentId: z.number().int().nullable(),
  residentName: z.string().nullable(),
  compound: z.string().nullable(),
  building: z.string().nullable(),
  provider: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  rating: z.number().int().nullable(),
});

/** The answers' JSON shapes, for the browser scripts' type-only imports (one source for both sides). */
export type ServiceRequestJson = z.infer<typeof RequestSchema>;
export type StaffServiceRequestJson = z.infer<typeof StaffRequestSchema>;
export type RequestSummaryJson = z.infer<typeof SummarySchema>;

// ---------------------------------------------------------------------------------------------
// Residents

meRequests.openapi(
  createRoute({
    method: 'get',
    path: '/services',
    tags: ['resident'],
    security: signedIn,
    summary: 'The service menu (published services) to ask from',
    responses: {
      200: json(
        z.object({
          services: z.array(
            z.object({
              id: z.number().int(),
              category: z.string(),
              title: z.string(),
              description: z.string(),
              provider: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }),
              audiences: z.array(z.string()),
              schedule: z.string(),
              monthlyDay: z.number().int().nullable(),
              place: z.string(),
              cost: z.string(),
              costNote: z.string().nullable(),
              howToAsk: z.string(),
            }),
          ),
        }),
        'The menu',
      ),
      ...errorResponses('unauthorized', 'forbidden'),
    },
  }),
  async (c) => {
    const services = await publicServices(c.get('deps').database.read);
    return c.json(
      { services: services.map(({ id, category, title, description, provider, audiences, schedule, monthlyDay, place, cost, costNote, howToAsk }) => ({ id, category, title, description, provider, audiences, schedule, monthlyDay, place, cost, costNote, howToAsk })) },
      200,
    );
  },
);

meRequests.openapi(
  createRoute({
    method: 'post',
    path: '/requests',
    tags: ['resident'],
    security: signedIn,
    summary: 'Ask for a service from the menu (你点单)',
    request: { body: jsonBody(z.strictObject({ serviceId: z.number().int().min(1), detail: LongTextOrEmpty(500).optional(), preferredDate: LocalDate.optional(), deliberationId: ChainLinkFields.deliberationId })) },
    responses: { 201: json(RequestSchema, 'Submitted'), ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'invalid_reference', 'service_withdrawn') },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const actor = actorOf(c);
    const created = await c.get('deps').database.write((tx) => askForService(tx, actor, { ...body, residentId: actor.actorId }, 'resident'));
    return c.json(forResident(created), 201);
  },
);

meRequests.openapi(
  createRoute({
    method: 'get',
    path: '/requests',
    tags: ['resident'],
    security: signedIn,
    summary: 'My service requests, newest first',
    request: { query: z.object({ status: z.enum(serviceRequestStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }), ...IdCursorQuery(100) }) },
    responses: { 200: json(z.object({ requests: z.array(SummarySchema.omit({ residentId: true, residentName: true })), nextCursor: z.string().nullable() }), 'Mine'), ...errorResponses('invalid_request', 'unauthorized', 'forbidden') },
  }),
  async (c) => {
    const { status, limit, cursor } = c.req.valid('query');
    const page = await listRequests(c.get('deps').database.read, { status, residentId: c.get('principal').userId, limit, cursor: cursorId(cursor) });
    return c.json({ requests: page.items.map(({ residentId: _, residentName: __, ...r }) => r), nextCursor: cursorOf(page.nextCursor) }, 200);
  },
);

meRequests.openapi(
  createRoute({
    method: 'get',
    path: '/requests/{id}',
    tags: ['resident'],
    security: signedIn,
    summary: 'One of my requests with its dated history',
    request: { params: IdParam },
    responses: { 200: json(RequestSchema, 'The request'), ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found') },
  }),
  async (c) => c.json(forResident(await findOwnRequest(c.get('deps').database.read, c.get('principal').userId, c.req.valid('param').id)), 200),
);

meRequests.openapi(
  createRoute({
    method: 'post',
    path: '/requests/{id}/cancel',
    tags: ['resident'],
    security: signedIn,
    summary: 'Withdraw my request (until a provider has accepted it)',
    request: { params: IdParam, body: jsonBody(z.strictObject({ reason: TextOrEmpty(200).optional() })) },
    responses: { 200: json(RequestSchema, 'Cancelled'), ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found', 'invalid_transition') },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const actor = actorOf(c);
    return c.json(forResident(await c.get('deps').database.write((tx) => cancelRequest(tx, actor, id, 'resident', reason))), 200);
  },
);

meRequests.openapi(
  createRoute({
    method: 'post',
    path: '/requests/{id}/rating',
    tags: ['resident'],
    security: signedIn,
    summary: 'Rate a done request, once: 1–5 stars and a comment (服务反馈)',
    request: { params: IdParam, body: jsonBody(z.strictObject({ score: z.number().int().min(1).max(5), comment: LongTextOrEmpty(500).optional() })) },
    responses: { 200: json(RequestSchema, 'Rated'), ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found', 'request_not_done', 'already_rated') },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const actor = actorOf(c);
    return c.json(forResident(await c.get('deps').database.write((tx) => rateRequest(tx, actor, id, body))), 200);
  },
);

// ---------------------------------------------------------------------------------------------
// Staff

staffRequests.openapi(
  createRoute({
    method: 'get',
    path: '/requests',
    tags: ['staff'],
    security: signedIn,
    summary: 'Service requests and building issues, newest first, filtered',
    request: {
      query: z.object({
        status: z.enum(serviceRequestStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }),
        kind: z.enum(serviceRequestKinds).optional().openapi({ param: { name: 'kind', in: 'query' } }),
        providerId: QueryId('providerId'),
        residentId: QueryId('residentId'),
        ...IdCursorQuery(200, 50),
      }),
    },
    responses: { 200: json(z.object({ requests: z.array(SummarySchema), nextCursor: z.string().nullable() }), 'Requests'), ...errorResponses('invalid_request', 'unauthorized', 'forbidden') },
  }),
  async (c) => {
    const { cursor, ...q } = c.req.valid('query');
    const page = await listRequests(c.get('deps').database.read, { ...q, cursor: cursorId(cursor) });
    return c.json({ requests: page.items, nextCursor: cursorOf(page.nextCursor) }, 200);
  },
);

async function staffView(db: Db, id: number) {
  const r = await findRequest(db, id);
  const { residentId, ...rest } = r;
  return { ...rest, resident: await requester(db, residentId) };
}

staffRequests.openapi(
  createRoute({
    method: 'get',
    path: '/requests/{id}',
    tags: ['staff'],
    security: signedIn,
    summary: 'One request: who asked (name and phone to call back) and its dated history',
    request: { params: IdParam },
    responses: { 200: json(StaffRequestSchema, 'The request'), ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found') },
  }),
  async (c) => c.json(await staffView(c.get('deps').database.read, c.req.valid('param').id), 200),
);

const StaffNewRequest = z
  .union([
    z.strictObject({
      kind: z.literal('service'),
      serviceId: z.number().int().min(1),
      residentId: z.number().int().min(1),
      detail: LongTextOrEmpty(500).optional(),
      preferredDate: LocalDate.optional(),
      deliberationId: ChainLinkFields.deliberationId,
    }),
    z.strictObject({
      kind: z.literal('building_issue'),
      origin: z.enum(['owners_committee', 'staff']).optional().openapi({ description: "Who placed it (下单): the owners' committee (default) or the residents' committee itself" }),
      compound: Text(64),
      building: Text(64),
      title: Text(100),
      detail: LongText(1000),
      deliberationId: ChainLinkFields.deliberationId,
    }),
  ])
  .openapi('NewServiceRequest');

staffRequests.openapi(
  createRoute({
    method: 'post',
    path: '/requests',
    tags: ['staff'],
    security: signedIn,
    summary: "Enter a request: for a resident who asked at the desk or by phone, or a building issue placed by the owners' committee (下单)",
    request: { body: jsonBody(StaffNewRequest) },
    responses: { 201: json(StaffRequestSchema, 'Submitted'), ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'invalid_reference', 'service_withdrawn') },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const actor = actorOf(c);
    const { database } = c.get('deps');
    const created = await database.write((tx) =>
      body.kind === 'service'
        ? askForService(tx, actor, { serviceId: body.serviceId, residentId: body.residentId, detail: body.detail, preferredDate: body.preferredDate, deliberationId: body.deliberationId }, 'staff')
        : reportBuildingIssue(tx, actor, body),
    );
    return c.json(await staffView(database.read, created.id), 201);
  },
);

const Note = z.strictObject({ note: LongTextOrEmpty(500).optional() });

function step<T extends Record<string, unknown>>(
  path: string,
  summary: string,
  schema: z.ZodType<T>,
  codes: Parameters<typeof errorResponses>,
  run: (tx: Db, actor: Actor, id: number, body: T) => Promise<unknown>,
) {
  const body = schema as z.ZodType<Record<string, unknown>>;
  staffRequests.openapi(
    createRoute({
      method: 'post',
      path,
      tags: ['staff'],
      security: signedIn,
      summary,
      request: { params: IdParam, body: jsonBody(body) },
      responses: { 200: json(StaffRequestSchema, 'The request after this step'), ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found', 'invalid_transition', ...codes) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const given = c.req.valid('json') as T;
      const actor = actorOf(c);
      const { database } = c.get('deps');
      await database.write((tx) => run(tx, actor, id, given));
      return c.json(await staffView(database.read, id), 200);
    },
  );
}

step(
  '/requests/{id}/dispatch',
  '派单: dispatch to a provider organisation (a building issue to a property company); again to re-dispatch before acceptance',
  z.strictObject({ organizationId: z.number().int().min(1), note: LongTextOrEmpty(500).optional() }),
  ['invalid_reference', 'invalid_provider'],
  (tx, actor, id, body) => dispatchRequest(tx, actor, id, body),
);
step('/requests/{id}/accept', "接单: record the provider's acceptance", Note, [], (tx, actor, id, body) => acceptRequest(tx, actor, id, body.note));
step('/requests/{id}/complete', '办结: the provider has done it', Note, [], (tx, actor, id, body) => completeRequest(tx, actor, id, body.note));
step(
  '/requests/{id}/decline',
  'Decline: by the residents’ committee before dispatch, or for the provider it was dispatched to',
  z.strictObject({ reason: LongText(500) }),
  [],
  (tx, actor, id, body) => declineRequest(tx, actor, id, body.reason),
);
step('/requests/{id}/cancel', 'Cancel a request that is not done', z.strictObject({ reason: LongText(500) }), [], (tx, actor, id, body) => cancelRequest(tx, actor, id, 'staff', body.reason));

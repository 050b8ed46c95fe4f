import { createRoute, z } from '@hono/zod-openapi';
import { serviceRequestKinds, serviceRequestStatuses } from '../../../db/schema';
import { publicServices } from '../../domain/publishing/services';
import { askForService } from '../../domain/requests/intake';
import { findOwnRequest, type findRequest, listRequests } from '../../domain/requests/requests';
import { cancelRequest, rateRequest } from '../../domain/requests/transitions';
import { ChainLinkFields } from '../../http/chain-params';
import { errorResponses } from '../../http/errors';
import { actorOf, IdParam, LocalDate, LongTextOrEmpty, TextOrEmpty } from '../../http/params';
import { newRouter } from '../../http/router';
import { json, jsonBody, PageOf, PageQuery, signedIn } from '../../http/schemas';

export const EventSchema = z.object({
  at: z.string(),
  event: z.string(),
  party: z.enum(['resident', 'staff', 'owners_committee', 'residents_committee', 'provider']),
  organization: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  note: z.string(),
});

export const RequestSchema = z
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

/** What a resident sees of their own request: no staff user ids. */
const forResident = (r: Awaited<ReturnType<typeof findRequest>>) => {
  const { residentId: _, events, ...rest } = r;
  return { ...rest, events: events.map(({ actorId: __, ...e }) => e) };
};

export const SummarySchema = z.object({
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
export type RequestSummaryJson = z.infer<typeof SummarySchema>;

/** 你点单我服务 for residents: ask, follow, cancel, rate (the staff desk: ../staff/requests.ts). */
export const requests = newRouter()
  // ---------------------------------------------------------------------------------------------
  // Residents
  .openapi(
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
        {
          services: services.map(
            ({
              id,
              category,
              title,
              description,
              provider,
              audiences,
              schedule,
              monthlyDay,
              place,
              cost,
              costNote,
              howToAsk,
            }) => ({
              id,
              category,
              title,
              description,
              provider,
              audiences,
              schedule,
              monthlyDay,
              place,
              cost,
              costNote,
              howToAsk,
            }),
          ),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/requests',
      tags: ['resident'],
      security: signedIn,
      summary: 'Ask for a service from the menu (你点单)',
      request: {
        body: jsonBody(
          z.strictObject({
            serviceId: z.number().int().min(1),
            detail: LongTextOrEmpty(500).optional(),
            preferredDate: LocalDate.optional(),
            deliberationId: ChainLinkFields.deliberationId,
          }),
        ),
      },
      responses: {
        201: json(RequestSchema, 'Submitted'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'invalid_reference',
          'service_withdrawn',
        ),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const actor = actorOf(c);
      const created = await c
        .get('deps')
        .database.write((tx) =>
          askForService(tx, actor, { ...body, residentId: actor.actorId }, 'resident'),
        );
      return c.json(forResident(created), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/requests',
      tags: ['resident'],
      security: signedIn,
      summary: 'My service requests, newest first',
      request: {
        query: z.object({
          status: z
            .enum(serviceRequestStatuses)
            .optional()
            .openapi({ param: { name: 'status', in: 'query' } }),
          ...PageQuery(100).shape,
        }),
      },
      responses: {
        200: json(PageOf(SummarySchema.omit({ residentId: true, residentName: true })), 'Mine'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      const { status, limit, cursor } = c.req.valid('query');
      const page = await listRequests(c.get('deps').database.read, {
        status,
        residentId: c.get('principal').userId,
        limit,
        cursor,
      });
      return c.json(
        {
          items: page.items.map(({ residentId: _, residentName: __, ...r }) => r),
          nextCursor: page.nextCursor,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/requests/{id}',
      tags: ['resident'],
      security: signedIn,
      summary: 'One of my requests with its dated history',
      request: { params: IdParam },
      responses: {
        200: json(RequestSchema, 'The request'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) =>
      c.json(
        forResident(
          await findOwnRequest(
            c.get('deps').database.read,
            c.get('principal').userId,
            c.req.valid('param').id,
          ),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/requests/{id}/cancel',
      tags: ['resident'],
      security: signedIn,
      summary: 'Withdraw my request (until a provider has accepted it)',
      request: {
        params: IdParam,
        body: jsonBody(z.strictObject({ reason: TextOrEmpty(200).optional() })),
      },
      responses: {
        200: json(RequestSchema, 'Cancelled'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'invalid_transition',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const actor = actorOf(c);
      return c.json(
        forResident(
          await c
            .get('deps')
            .database.write((tx) => cancelRequest(tx, actor, id, 'resident', reason)),
        ),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/requests/{id}/rating',
      tags: ['resident'],
      security: signedIn,
      summary: 'Rate a done request, once: 1–5 stars and a comment (服务反馈)',
      request: {
        params: IdParam,
        body: jsonBody(
          z.strictObject({
            score: z.number().int().min(1).max(5),
            comment: LongTextOrEmpty(500).optional(),
          }),
        ),
      },
      responses: {
        200: json(RequestSchema, 'Rated'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'request_not_done',
          'already_rated',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const actor = actorOf(c);
      return c.json(
        forResident(await c.get('deps').database.write((tx) => rateRequest(tx, actor, id, body))),
        200,
      );
    },
  );

import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Db } from '../../../db/client';
import { serviceRequestKinds, serviceRequestStatuses } from '../../../db/schema';
import type { Actor } from '../../domain/records/audit';
import { askForService, reportBuildingIssue } from '../../domain/requests/intake';
import { findRequest, listRequests, requester } from '../../domain/requests/requests';
import {
  acceptRequest,
  cancelRequest,
  completeRequest,
  declineRequest,
  dispatchRequest,
} from '../../domain/requests/transitions';
import { ChainLinkFields } from '../../http/chain-params';
import type { AppEnv } from '../../http/context';
import { errorResponses } from '../../http/errors';
import {
  actorOf,
  IdParam,
  LocalDate,
  LongText,
  LongTextOrEmpty,
  QueryId,
  Text,
} from '../../http/params';
import { newRouter } from '../../http/router';
import { json, jsonBody, PageOf, PageQuery, signedIn } from '../../http/schemas';
import { EventSchema, RequestSchema, SummarySchema } from '../me/requests';

const StaffRequestSchema = RequestSchema.extend({
  resident: z
    .object({
      id: z.number().int(),
      name: z.string(),
      login: z.string(),
      phone: z.string().nullable(),
    })
    .nullable(),
  events: z.array(EventSchema.extend({ actorId: z.number().int().nullable() })),
}).openapi('StaffServiceRequest');

export type StaffServiceRequestJson = z.infer<typeof StaffRequestSchema>;

async function staffView(db: Db, id: number) {
  const r = await findRequest(db, id);
  const { residentId, ...rest } = r;
  return { ...rest, resident: await requester(db, residentId) };
}

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
      origin: z.enum(['owners_committee', 'staff']).optional().openapi({
        description:
          "Who placed it (下单): the owners' committee (default) or the residents' committee itself",
      }),
      compound: Text(64),
      building: Text(64),
      title: Text(100),
      detail: LongText(1000),
      deliberationId: ChainLinkFields.deliberationId,
    }),
  ])
  .openapi('NewServiceRequest');

const entry = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/requests',
      tags: ['staff'],
      security: signedIn,
      summary: 'Service requests and building issues, newest first, filtered',
      request: {
        query: z.object({
          status: z
            .enum(serviceRequestStatuses)
            .optional()
            .openapi({ param: { name: 'status', in: 'query' } }),
          kind: z
            .enum(serviceRequestKinds)
            .optional()
            .openapi({ param: { name: 'kind', in: 'query' } }),
          providerId: QueryId('providerId'),
          residentId: QueryId('residentId'),
          ...PageQuery(200, 50).shape,
        }),
      },
      responses: {
        200: json(PageOf(SummarySchema), 'Requests'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      return c.json(await listRequests(c.get('deps').database.read, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/requests/{id}',
      tags: ['staff'],
      security: signedIn,
      summary: 'One request: who asked (name and phone to call back) and its dated history',
      request: { params: IdParam },
      responses: {
        200: json(StaffRequestSchema, 'The request'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => c.json(await staffView(c.get('deps').database.read, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/requests',
      tags: ['staff'],
      security: signedIn,
      summary:
        "Enter a request: for a resident who asked at the desk or by phone, or a building issue placed by the owners' committee (下单)",
      request: { body: jsonBody(StaffNewRequest) },
      responses: {
        201: json(StaffRequestSchema, 'Submitted'),
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
      const { database } = c.get('deps');
      const created = await database.write((tx) =>
        body.kind === 'service'
          ? askForService(
              tx,
              actor,
              {
                serviceId: body.serviceId,
                residentId: body.residentId,
                detail: body.detail,
                preferredDate: body.preferredDate,
                deliberationId: body.deliberationId,
              },
              'staff',
            )
          : reportBuildingIssue(tx, actor, body),
      );
      return c.json(await staffView(database.read, created.id), 201);
    },
  );

const Note = z.strictObject({ note: LongTextOrEmpty(500).optional() });

/** One step of a request's flow: POST {path} with its body; answers the request after the step. */
function step<P extends string, S extends z.ZodType<Record<string, unknown>>>(
  path: P,
  summary: string,
  schema: S,
  codes: Parameters<typeof errorResponses>,
  run: (tx: Db, actor: Actor, id: number, body: z.output<S>) => Promise<unknown>,
) {
  return newRouter().openapi(
    createRoute({
      method: 'post',
      path,
      tags: ['staff'],
      security: signedIn,
      summary,
      request: { params: IdParam, body: jsonBody(schema) },
      responses: {
        200: json(StaffRequestSchema, 'The request after this step'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'invalid_transition',
          ...codes,
        ),
      },
    }),
    // Sound cast: the route's own IdParam and `schema` validated both parts; the generic S hides their types.
    (async (c: Context<AppEnv>) => {
      const { id } = c.req.valid('param' as never) as { id: number };
      const given = c.req.valid('json' as never) as z.output<S>;
      const actor = actorOf(c);
      const { database } = c.get('deps');
      await database.write((tx) => run(tx, actor, id, given));
      return c.json(await staffView(database.read, id), 200);
    }) as never,
  );
}

const Reason = z.strictObject({ reason: LongText(500) });

/** 你点单我服务 at the staff desk: dispatch 派单, record the provider's 接单, close, and the three-order flow for building issues. */
export const requests = newRouter()
  .route('/', entry)
  .route(
    '/',
    step(
      '/requests/{id}/dispatch',
      '派单: dispatch to a provider organisation (a building issue to a property company); again to re-dispatch before acceptance',
      z.strictObject({
        organizationId: z.number().int().min(1),
        note: LongTextOrEmpty(500).optional(),
      }),
      ['invalid_reference', 'invalid_provider'],
      (tx, actor, id, body) => dispatchRequest(tx, actor, id, body),
    ),
  )
  .route(
    '/',
    step(
      '/requests/{id}/accept',
      "接单: record the provider's acceptance",
      Note,
      [],
      (tx, actor, id, body) => acceptRequest(tx, actor, id, body.note),
    ),
  )
  .route(
    '/',
    step(
      '/requests/{id}/complete',
      '办结: the provider has done it',
      Note,
      [],
      (tx, actor, id, body) => completeRequest(tx, actor, id, body.note),
    ),
  )
  .route(
    '/',
    step(
      '/requests/{id}/decline',
      'Decline: by the residents’ committee before dispatch, or for the provider it was dispatched to',
      Reason,
      [],
      (tx, actor, id, body) => declineRequest(tx, actor, id, body.reason),
    ),
  )
  .route(
    '/',
    step(
      '/requests/{id}/cancel',
      'Cancel a request that is not done',
      Reason,
      [],
      (tx, actor, id, body) => cancelRequest(tx, actor, id, 'staff', body.reason),
    ),
  );

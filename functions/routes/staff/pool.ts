import { createRoute, z } from '@hono/zod-openapi';
import {
  approveGrant,
  createGrant,
  findGrant,
  listGrants,
  poolBalance,
  rejectGrant,
} from '../../domain/awards/pool';
import { MAX_AWARD_POINTS } from '../../domain/ledger/commands';
import { approvableBy, requireCapability } from '../../http/auth';
import { errorResponses } from '../../http/errors';
import { once } from '../../http/idempotent';
import { actorOf, IdParam, Text } from '../../http/params';
import { newRouter } from '../../http/router';
import {
  ApprovalQueueQuery,
  IdempotencyHeaders,
  json,
  jsonBody,
  PageOf,
  signedIn,
} from '../../http/schemas';

const Person = z.object({ id: z.number().int(), name: z.string() });
export const PoolGrantSchema = z
  .object({
    id: z.number().int(),
    target: z.union([
      z.object({ kind: z.literal('resident'), residentId: z.number().int(), name: z.string() }),
      z.object({
        kind: z.literal('activity'),
        activityId: z.number().int(),
        title: z.string(),
        date: z.string(),
      }),
    ]),
    recipients: z.array(
      z.object({ residentId: z.number().int(), name: z.string(), login: z.string() }),
    ),
    points: z.number().int().openapi({ description: 'Points to each recipient' }),
    totalPoints: z.number().int(),
    reason: z.string(),
    status: z.enum(['pending', 'applied', 'rejected']),
    createdBy: Person,
    createdAt: z.string(),
    decidedBy: Person.nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    entryId: z.number().int().nullable().openapi({ description: 'The ledger entry once applied' }),
  })
  .openapi('PoolGrant');

const NewGrant = z
  .strictObject({
    toResidentId: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31)
      .optional(),
    activityId: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31)
      .optional()
      .openapi({ description: 'Every volunteer checked in at this activity receives `points`' }),
    points: z
      .number()
      .int()
      .min(1)
      .max(MAX_AWARD_POINTS)
      .openapi({ description: 'Points to each recipient' }),
    reason: Text(200),
  })
  .refine(
    (g) => (g.toResidentId === undefined) !== (g.activityId === undefined),
    '须指定 toResidentId 或 activityId（二选一）',
  )
  .openapi('NewPoolGrant');

/**
 * The community pool (/api/staff/pool): its balance, and grants from it to a resident or to an
 * activity's volunteers. A grant moves nothing until an accountant who did not ask for it
 * approves it (the two-person rule); then it is one ledger entry from the pool.
 */
export const pool = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/pool',
      tags: ['staff'],
      security: signedIn,
      summary: "The community pool's balance and what pending grants would take from it",
      responses: {
        200: json(
          z
            .object({
              balance: z.number().int(),
              pending: z.object({ grants: z.number().int(), points: z.number().int() }),
            })
            .openapi('Pool'),
          'The pool',
        ),
        ...errorResponses('unauthorized', 'forbidden'),
      },
    }),
    async (c) => c.json(await poolBalance(c.get('deps').database.read), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/pool/grants',
      tags: ['staff'],
      security: signedIn,
      summary:
        "Grants from the pool, newest first; approvable=true: the pending ones this person may approve (an accountant's, not their own)",
      request: {
        query: ApprovalQueueQuery,
      },
      responses: {
        200: json(PageOf(PoolGrantSchema), 'Grants'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      const { status, approvable, limit, cursor } = c.req.valid('query');
      const mine = approvable === 'true' ? approvableBy(c) : { status };
      if (!mine) return c.json({ items: [], nextCursor: null }, 200);
      return c.json(await listGrants(c.get('deps').database.read, { ...mine, limit, cursor }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/pool/grants/{id}',
      tags: ['staff'],
      summary: 'One grant from the community pool',
      security: signedIn,
      request: { params: IdParam },
      responses: {
        200: json(PoolGrantSchema, 'One grant'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => c.json(await findGrant(c.get('deps').database.read, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/pool/grants',
      tags: ['staff'],
      security: signedIn,
      summary:
        'Ask for a grant from the pool to a resident or an activity’s volunteers; it waits for an accountant (202)',
      request: { headers: IdempotencyHeaders, body: jsonBody(NewGrant) },
      responses: {
        202: json(PoolGrantSchema, 'Stored; waits for an accountant who is not its author'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'invalid_reference',
          'insufficient_points',
          'idempotency_mismatch',
        ),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const actorId = c.get('principal').userId;
      const grant = await once(c, 'staff.pool-grant', key, body, (tx, now) =>
        createGrant(tx, { actorId, now }, body),
      );
      return c.json(grant, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/pool/grants/{id}/approve',
      tags: ['staff'],
      security: signedIn,
      summary:
        'Approve a pending grant: an accountant, not its author; the points leave the pool now as one ledger entry',
      request: {
        params: IdParam,
        headers: IdempotencyHeaders,
        body: jsonBody(z.strictObject({ note: Text(200).optional() })),
      },
      responses: {
        201: json(PoolGrantSchema, 'Approved and moved'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'self_approval',
          'not_found',
          'grant_decided',
          'insufficient_points',
          'idempotency_mismatch',
        ),
      },
    }),
    async (c) => {
      requireCapability(c, 'approve');
      const { id } = c.req.valid('param');
      const { note } = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const approverId = c.get('principal').userId;
      const grant = await once(c, 'staff.pool-grant.approve', key, { id, note }, (tx, now) =>
        approveGrant(tx, { grantId: id, approverId, note, now }),
      );
      return c.json(grant, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/pool/grants/{id}/reject',
      tags: ['staff'],
      security: signedIn,
      summary:
        'Reject a pending grant (an accountant) or withdraw it (its author), with the reason; nothing moves',
      request: { params: IdParam, body: jsonBody(z.strictObject({ reason: Text(200) })) },
      responses: {
        200: json(PoolGrantSchema, 'Rejected'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'grant_decided',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const actor = actorOf(c);
      return c.json(
        await c
          .get('deps')
          .database.write((tx) =>
            rejectGrant(tx, { grantId: id, staffId: actor.actorId, reason, now: actor.now }),
          ),
        200,
      );
    },
  );

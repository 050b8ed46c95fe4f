import { createRoute, z } from '@hono/zod-openapi';
import { approveBatch, createBatch } from '../../domain/awards/batch-write';
import { type Batch, findBatch, listBatches, rejectBatch } from '../../domain/awards/batches';
import { approvalThresholds } from '../../domain/awards/thresholds';
import { MAX_AWARD_POINTS } from '../../domain/ledger/commands';
import { approvableBy, requireCapability } from '../../http/auth';
import { ChainLinkFields, ChainLinkOut } from '../../http/chain-params';
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

export const BatchSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['activity', 'manual']),
    activityId: z.number().int().nullable(),
    activityTitle: z.string().nullable(),
    ...ChainLinkOut,
    reason: z.string(),
    status: z.enum(['pending', 'applied', 'rejected']),
    totalPoints: z.number().int(),
    createdBy: z.object({ id: z.number().int(), name: z.string() }),
    createdAt: z.string(),
    decidedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    lines: z.array(
      z.object({
        residentId: z.number().int(),
        name: z.string(),
        login: z.string(),
        points: z.number().int(),
        hours: z.number().nullable(),
        memo: z.string(),
        entryId: z.number().int().nullable(),
      }),
    ),
  })
  .openapi('AwardBatch');

/** 201 when the points moved, 202 when the batch waits for a second staff member. */
export const batchStatus = (b: Batch) => (b.status === 'pending' ? (202 as const) : (201 as const));

const NewBatch = z.strictObject({
  reason: Text(200),
  activityId: z.number().int().min(1).optional(),
  ...ChainLinkFields,
  lines: z
    .array(
      z.strictObject({
        residentId: z.number().int().min(1),
        points: z.number().int().min(1).max(MAX_AWARD_POINTS),
        memo: Text(200).optional(),
      }),
    )
    .min(1)
    .max(500)
    .refine(
      (lines) => new Set(lines.map((l) => l.residentId)).size === lines.length,
      '同一居民在一批中只能出现一次',
    ),
});

/**
 * Award batches (/api/staff/award-batches): several awards at once, and the approval queue —
 * a batch over the approval thresholds (settings award_approval_threshold per award,
 * award_batch_approval_threshold per batch) moves no points until an accountant who is not its
 * author approves it.
 */
export const awardBatches = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/award-batches',
      tags: ['staff'],
      security: signedIn,
      summary:
        "Award batches, newest first; status=pending is the approval queue; approvable=true: the pending ones this person may approve (an accountant's, not their own)",
      request: {
        query: ApprovalQueueQuery,
      },
      responses: {
        200: json(
          PageOf(
            z.object({
              id: z.number().int(),
              kind: z.enum(['activity', 'manual']),
              activityId: z.number().int().nullable(),
              reason: z.string(),
              status: z.enum(['pending', 'applied', 'rejected']),
              totalPoints: z.number().int(),
              createdBy: z.number().int(),
              createdAt: z.string(),
              decidedBy: z.number().int().nullable(),
              decidedAt: z.string().nullable(),
            }),
          ).extend({
            thresholds: z
              .object({ perAward: z.number().int(), perBatch: z.number().int() })
              .openapi({ description: 'Awards over these wait for an accountant' }),
          }),
          'Batches',
        ),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      const { status, approvable, limit, cursor } = c.req.valid('query');
      const db = c.get('deps').database.read;
      const thresholds = await approvalThresholds(db);
      const mine = approvable === 'true' ? approvableBy(c) : { status };
      if (!mine) return c.json({ items: [], nextCursor: null, thresholds }, 200);
      return c.json({ ...(await listBatches(db, { ...mine, limit, cursor })), thresholds }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/award-batches/{id}',
      tags: ['staff'],
      summary: 'One award batch with its lines',
      security: signedIn,
      request: { params: IdParam },
      responses: {
        200: json(BatchSchema, 'One batch with its lines'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => c.json(await findBatch(c.get('deps').database.read, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/award-batches',
      tags: ['staff'],
      security: signedIn,
      summary:
        'Award one or more residents together (201 applied; 202 waiting for approval above the thresholds)',
      request: { headers: IdempotencyHeaders, body: jsonBody(NewBatch) },
      responses: {
        201: json(BatchSchema, 'Awarded'),
        202: json(BatchSchema, 'Stored; waits for a second staff member'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'invalid_reference',
          'daily_cap_exceeded',
          'idempotency_mismatch',
        ),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const createdBy = c.get('principal').userId;
      const batch = await once(c, 'staff.award-batch', key, body, (tx, now) =>
        createBatch(tx, {
          kind: 'manual',
          activityId: body.activityId ?? null,
          deliberationId: body.deliberationId,
          serviceId: body.serviceId,
          reason: body.reason,
          lines: body.lines.map((l) => ({
            residentId: l.residentId,
            points: l.points,
            memo: l.memo ?? body.reason,
          })),
          createdBy,
          now,
        }),
      );
      return c.json(batch, batchStatus(batch));
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/award-batches/{id}/approve',
      tags: ['staff'],
      security: signedIn,
      summary: 'Approve a pending batch: the accountant, not its author; the points move now',
      request: {
        params: IdParam,
        headers: IdempotencyHeaders,
        body: jsonBody(z.strictObject({ note: Text(200).optional() })),
      },
      responses: {
        201: json(BatchSchema, 'Approved and awarded'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'self_approval',
          'not_found',
          'batch_decided',
          'daily_cap_exceeded',
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
      const batch = await once(c, 'staff.award-batch.approve', key, { id, note }, (tx, now) =>
        approveBatch(tx, { batchId: id, approverId, note, now }),
      );
      return c.json(batch, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/award-batches/{id}/reject',
      tags: ['staff'],
      security: signedIn,
      summary: "Reject a pending batch; an activity's batch reopens the activity for correction",
      request: { params: IdParam, body: jsonBody(z.strictObject({ reason: Text(200) })) },
      responses: {
        200: json(BatchSchema, 'Rejected'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'batch_decided',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const actor = actorOf(c);
      const batch = await c
        .get('deps')
        .database.write((tx) =>
          rejectBatch(tx, { batchId: id, staffId: actor.actorId, reason, now: actor.now }),
        );
      return c.json(batch, 200);
    },
  );

import { createRoute, z } from '@hono/zod-openapi';
import { accountKinds, entryKinds } from '../../../db/schema';
import { awardOrQueue } from '../../domain/awards/single';
import { MAX_AWARD_POINTS, reverse } from '../../domain/ledger/commands';
import { entryWithPostings } from '../../domain/ledger/queries';
import { ApiError, errorResponses } from '../../http/errors';
import { once } from '../../http/idempotent';
import { idIn, LongText, Text } from '../../http/params';
import { newRouter } from '../../http/router';
import { IdempotencyHeaders, json, jsonBody, signedIn } from '../../http/schemas';
import { BatchSchema } from './award-batches';

const AwardBody = z.strictObject({
  residentId: z.number().int().min(1),
  points: z.number().int().min(1).max(MAX_AWARD_POINTS),
  reason: Text(200),
  activityId: z.number().int().min(1).optional(),
});

const EntryIdParam = z.object({ id: idIn('id', 'path', 42) });

/** Someone named beside their id, so the console never shows a bare #id. */
const PersonRef = z.object({ id: z.number().int(), login: z.string(), name: z.string() });

const LedgerEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    kind: z.enum(entryKinds),
    memo: z.string(),
    actorId: z.number().int().nullable(),
    actor: PersonRef.nullable().openapi({
      description:
        'Who recorded the entry (staff, merchant or resident); null for the system (expiry)',
    }),
    activityId: z.number().int().nullable(),
    activity: z.object({ id: z.number().int(), title: z.string() }).nullable(),
    reversesId: z.number().int().nullable(),
    reversedBy: z.number().int().nullable(),
    hash: z.string(),
    postings: z.array(
      z.object({
        accountId: z.number().int(),
        kind: z.enum(accountKinds),
        ownerId: z.number().int().nullable(),
        owner: PersonRef.nullable().openapi({
          description:
            "The account's holder: a resident's name, a merchant's shop name; null for the pool and the system accounts",
        }),
        amount: z.number().int(),
        balanceAfter: z.number().int(),
      }),
    ),
  })
  .openapi('LedgerEntry');

/** Community staff: award, reverse, look up entries. */
export const awards = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/awards',
      tags: ['staff'],
      security: signedIn,
      summary:
        "Award points for approved volunteer service (201); over the community's threshold it waits for an accountant (202)",
      request: { headers: IdempotencyHeaders, body: jsonBody(AwardBody) },
      responses: {
        201: json(
          z.object({ id: z.number().int(), balanceAfter: z.number().int() }).openapi('Award'),
          'Awarded',
        ),
        202: json(
          BatchSchema,
          "Over the community's per-award threshold: stored as a pending batch of one line, awarded once an accountant who is not its author approves it",
        ),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'idempotency_mismatch',
          'daily_cap_exceeded',
          'moved_away',
        ),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const staffId = c.get('principal').userId;
      const done = await once(c, 'staff.award', key, body, (tx, now) =>
        awardOrQueue(tx, { actorId: staffId, now }, body),
      );
      return 'batch' in done ? c.json(done.batch, 202) : c.json(done, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/entries/{id}/reverse',
      tags: ['staff'],
      security: signedIn,
      summary: 'Reverse an entry with a compensating entry',
      request: {
        params: EntryIdParam,
        headers: IdempotencyHeaders,
        body: jsonBody(z.strictObject({ reason: LongText(200) })),
      },
      responses: {
        201: json(
          z
            .object({ id: z.number().int(), at: z.string(), reverses: z.number().int() })
            .openapi('Reversal'),
          'Reversed',
        ),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'already_reversed',
          'insufficient_points',
          'idempotency_mismatch',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const staffId = c.get('principal').userId;
      const done = await once(c, 'staff.reverse', key, { id, reason }, (tx, now) =>
        reverse(tx, { actorId: staffId, now }, { entryId: id, reason }),
      );
      return c.json(done, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/entries/{id}',
      tags: ['staff'],
      summary: 'One ledger entry with its postings',
      security: signedIn,
      request: { params: EntryIdParam },
      responses: {
        200: json(LedgerEntrySchema, 'One ledger entry with its postings'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const entry = await entryWithPostings(c.get('deps').database.read, c.req.valid('param').id);
      if (!entry) throw new ApiError('not_found', '账目不存在');
      const { prevHash: _, ...rest } = entry;
      return c.json(rest, 200);
    },
  );

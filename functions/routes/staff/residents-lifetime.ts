import { createRoute, z } from '@hono/zod-openapi';
import {
  editResident,
  moveAway,
  resetResidentPassword,
  residentStatement,
} from '../../domain/people/lifetime';
import { giveFor, requestFor, signUpFor } from '../../domain/people/on-behalf';
import { residentDetails } from '../../domain/people/register';
import { temporaryPassword } from '../../domain/people/sessions';
import { hashSecret } from '../../domain/shared/crypto';
import { errorResponses } from '../../http/errors';
import { once } from '../../http/idempotent';
import { actorOf, IdParam, LocalDate, LongTextOrEmpty, Text, TextOrEmpty } from '../../http/params';
import { newRouter, noBody } from '../../http/router';
import {
  EntrySchema,
  IdempotencyHeaders,
  json,
  jsonBody,
  PageOf,
  PageQuery,
  Points,
  signedIn,
  v1Page,
} from '../../http/schemas';
import { DetailsSchema, Household, Phone } from './residents';

const Edit = z
  .strictObject({
    fullName: Text(64).optional(),
    displayName: Text(32).optional(),
    phone: Phone.nullable().optional().openapi({ description: 'null clears the number' }),
    household: Household.optional().openapi({
      description: 'Moving house: joins (or creates) the household at this address',
    }),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), '请至少修改一项')
  .openapi('ResidentEdit');

const MoveAwayBody = z
  .strictObject({
    to: z
      .union([z.literal('pool'), z.strictObject({ residentId: z.number().int().min(1) })])
      .openapi({
        description:
          'Where the balance goes: "pool" (the community pool) or a member of the same household',
      }),
    reason: Text(200),
  })
  .openapi('MoveAway');

// ---------------------------------------------------------------------------------------------
// On behalf of a resident with only a paper card.

const Neighbour = z
  .union([
    z.number().int().min(1),
    z.strictObject({ login: z.string().min(1).max(64) }),
    z.strictObject({ card: z.string().regex(/^[Cc]\d{4,8}$/, '卡号格式如 C0001') }),
  ])
  .openapi({ description: 'The neighbour: a resident id, { login } or { card }' });

const GiftBody = z
  .strictObject({ to: Neighbour, points: Points, reason: TextOrEmpty(200).optional() })
  .openapi('GiftOnBehalf');

/**
 * A resident's life after registration, at the staff desk (/api/staff/residents/{id}/…): correct
 * their record or address, read their statement, reset their password, record their moving away,
 * and act for a resident who has only a paper card (gifts, sign-ups, service requests), each
 * recorded as done by the staff member on the resident's behalf.
 */
export const residentsLifetime = newRouter()
  .openapi(
    createRoute({
      method: 'patch',
      path: '/residents/{id}',
      tags: ['staff'],
      security: signedIn,
      summary:
        "Correct a resident's name, display name or phone, or move them to another address (audited with before and after)",
      request: { params: IdParam, body: jsonBody(Edit) },
      responses: {
        200: json(DetailsSchema, 'The resident after the change'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const actor = actorOf(c);
      const { database } = c.get('deps');
      await database.write((tx) => editResident(tx, actor, id, patch));
      return c.json(await residentDetails(database.read, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/residents/{id}/move-away',
      tags: ['staff'],
      security: signedIn,
      summary:
        'Record that a resident moved away: their whole balance goes, as one transfer, to the pool or a household member; their card, codes and sessions stop',
      request: { params: IdParam, headers: IdempotencyHeaders, body: jsonBody(MoveAwayBody) },
      responses: {
        200: json(
          z
            .object({
              movedAwayAt: z.string(),
              entryId: z
                .number()
                .int()
                .nullable()
                .openapi({ description: 'The transfer entry; null when the balance was zero' }),
              points: z.number().int(),
              to: z.union([
                z.object({ kind: z.literal('pool') }),
                z.object({
                  kind: z.literal('resident'),
                  residentId: z.number().int(),
                  name: z.string(),
                }),
              ]),
            })
            .openapi('MovedAway'),
          'Recorded',
        ),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'moved_away',
          'invalid_recipient',
          'idempotency_mismatch',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const actor = actorOf(c);
      const done = await once(c, 'staff.resident.move-away', key, { id, ...body }, (tx, now) =>
        moveAway(tx, { ...actor, now }, id, body.to, body.reason),
      );
      return c.json(done, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/residents/{id}/password-reset',
      tags: ['staff'],
      security: signedIn,
      middleware: [noBody] as const,
      summary:
        "Replace a resident's password with a temporary one, shown once, to be changed at the next sign-in; their sessions end",
      request: { params: IdParam },
      responses: {
        200: json(
          z
            .object({ login: z.string(), temporaryPassword: z.string() })
            .openapi('TemporaryPassword'),
          'The temporary password (not stored in clear, not shown again)',
        ),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'moved_away',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const password = temporaryPassword();
      const hash = await hashSecret(password);
      const actor = actorOf(c);
      const done = await c
        .get('deps')
        .database.write((tx) => resetResidentPassword(tx, actor, id, hash));
      c.header('cache-control', 'no-store');
      return c.json({ login: done.login, temporaryPassword: password }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/residents/{id}/entries',
      tags: ['staff'],
      security: signedIn,
      summary:
        "One resident's statement (the lines of /api/me/entries, newest first), balance and expiry schedule",
      request: { params: IdParam, query: PageQuery(100) },
      responses: {
        200: json(
          PageOf(EntrySchema, { v1Name: 'entries' })
            .extend({
              community: z
                .string()
                .openapi({ description: "The community's name (for the printed statement)" }),
              balance: z.number().int(),
              expiring: z.array(z.object({ points: z.number().int(), at: z.string() })),
            })
            .openapi('ResidentStatement'),
          'Statement',
        ),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { limit, cursor } = c.req.valid('query');
      const { database, now } = c.get('deps');
      return c.json(
        v1Page(await residentStatement(database.read, id, now(), limit, cursor), 'entries'),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/residents/{id}/gifts',
      tags: ['staff'],
      security: signedIn,
      summary:
        'Give points from this resident to a neighbour on their behalf (the same rules as their own gift; the entry names the staff member)',
      request: { params: IdParam, headers: IdempotencyHeaders, body: jsonBody(GiftBody) },
      responses: {
        201: json(
          z
            .object({
              id: z.number().int(),
              at: z.string(),
              balanceAfter: z.number().int(),
              to: z.object({ id: z.number().int(), maskedName: z.string() }),
            })
            .openapi('GiftOnBehalfDone'),
          'Given',
        ),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'insufficient_points',
          'invalid_recipient',
          'moved_away',
          'idempotency_mismatch',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const to =
        typeof body.to === 'object' && 'card' in body.to
          ? { card: body.to.card.toUpperCase() }
          : body.to;
      const actor = actorOf(c);
      const done = await once(c, 'staff.resident.gift', key, { id, ...body }, (tx, now) =>
        giveFor(tx, { ...actor, now }, id, { to, points: body.points, reason: body.reason }),
      );
      return c.json(done, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/residents/{id}/signups',
      tags: ['staff'],
      security: signedIn,
      summary: 'Sign this resident up for an activity on their behalf',
      request: {
        params: IdParam,
        body: jsonBody(z.strictObject({ activityId: z.number().int().min(1) })),
      },
      responses: {
        201: json(
          z
            .object({
              activityId: z.number().int(),
              title: z.string(),
              date: z.string(),
              signedUpAt: z.string(),
              alreadySignedUp: z.boolean(),
            })
            .openapi('SignupOnBehalf'),
          'Signed up (or was already)',
        ),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'signup_closed',
          'moved_away',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { activityId } = c.req.valid('json');
      const actor = actorOf(c);
      const done = await c.get('deps').database.write((tx) => signUpFor(tx, actor, id, activityId));
      return c.json(done, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/residents/{id}/requests',
      tags: ['staff'],
      security: signedIn,
      summary:
        'Ask for a service from the menu on this resident’s behalf (你点单, placed by staff)',
      request: {
        params: IdParam,
        body: jsonBody(
          z.strictObject({
            serviceId: z.number().int().min(1),
            note: LongTextOrEmpty(500).optional(),
            preferredDate: LocalDate.optional(),
          }),
        ),
      },
      responses: {
        201: json(
          z
            .object({
              id: z.number().int(),
              title: z.string(),
              status: z.string(),
              origin: z.string(),
              createdAt: z.string(),
            })
            .openapi('RequestOnBehalf'),
          'Submitted',
        ),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'invalid_reference',
          'moved_away',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const actor = actorOf(c);
      const r = await c.get('deps').database.write((tx) => requestFor(tx, actor, id, body));
      return c.json(
        { id: r.id, title: r.title, status: r.status, origin: r.origin, createdAt: r.createdAt },
        201,
      );
    },
  );

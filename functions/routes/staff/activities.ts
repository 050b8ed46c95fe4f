import { createRoute, z } from '@hono/zod-openapi';
import {
  ACTIVITY_CURSOR,
  activityTypesAndTeams,
  createActivity,
  findActivity,
  listActivities,
  participants,
} from '../../domain/activities/catalog';
import { checkIn, undoCheckIn } from '../../domain/activities/checkin';
import { closeActivity, previewClose } from '../../domain/activities/close';
import { TYPE_CODE } from '../../domain/activities/types';
import { ChainLinkFields, ChainLinkOut } from '../../http/chain-params';
import { errorResponses } from '../../http/errors';
import { once } from '../../http/idempotent';
import { actorOf, IdParam, idIn, LocalDate, Text } from '../../http/params';
import { newRouter, noBody } from '../../http/router';
import {
  IdempotencyHeaders,
  json,
  jsonBody,
  PageOf,
  PageQuery,
  signedIn,
} from '../../http/schemas';
import { BatchSchema, batchStatus } from './award-batches';

const ActivitySchema = z
  .object({
    id: z.number().int(),
    type: z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      pointsPerHour: z.number().int(),
      dailyCap: z.number().int(),
    }),
    team: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    title: z.string(),
    date: z.string(),
    place: z.string(),
    hours: z.number(),
    status: z.enum(['planned', 'open', 'closed']),
    signups: z.number().int(),
    checkedIn: z.number().int(),
    awarded: z.number().int(),
    ...ChainLinkOut,
  })
  .openapi('Activity');

const ParticipantSchema = z.object({
  residentId: z.number().int(),
  name: z.string(),
  login: z.string(),
  signedUpAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  hours: z.number().nullable(),
  awardEntryId: z.number().int().nullable(),
});

const Hours = z.number().min(0.5).max(24).multipleOf(0.5);

const NewActivity = z.strictObject({
  type: z.string().regex(TYPE_CODE, '活动类型代码无效').openapi({ example: 'patrol' }),
  teamId: z.number().int().min(1).nullable().optional(),
  title: Text(100),
  date: LocalDate,
  place: Text(100),
  hours: Hours.openapi({ example: 2 }),
  ...ChainLinkFields,
});

const CheckInBody = z
  .union([
    z.strictObject({ residentId: z.number().int().min(1), hours: Hours.optional() }),
    z.strictObject({ login: z.string().min(1).max(64), hours: Hours.optional() }),
    z.strictObject({
      code: z.string().regex(/^\d{6}$/, '码须为 6 位数字'),
      hours: Hours.optional(),
    }),
    z.strictObject({
      card: z.string().regex(/^[Cc]\d{4,8}$/, '卡号格式如 C0001'),
      hours: Hours.optional(),
    }),
  ])
  .openapi('CheckIn', {
    description:
      "Who: a resident id, a login, the live 6-digit code on the resident's phone (read, not used up) or a paper-card number",
  });

const PreviewSchema = z
  .object({
    activityId: z.number().int(),
    title: z.string(),
    date: z.string(),
    pointsPerHour: z.number().int(),
    dailyCap: z.number().int(),
    lines: z.array(
      z.object({
        residentId: z.number().int(),
        name: z.string(),
        login: z.string(),
        hours: z.number(),
        uncapped: z.number().int(),
        earnedToday: z.number().int(),
        points: z.number().int(),
        capped: z.boolean(),
      }),
    ),
    totalPoints: z.number().int(),
    needsApproval: z.boolean(),
    thresholds: z.object({ perAward: z.number().int(), perBatch: z.number().int() }),
    fingerprint: z.string(),
  })
  .openapi('ClosePreview');

/** Volunteer activities at the desk: staff plan, check in and close them. */
export const activities = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/activity-types',
      tags: ['staff'],
      security: signedIn,
      summary:
        'Activity types (points per hour, daily cap) and volunteer teams, for the activity form',
      responses: {
        200: json(
          z.object({
            types: z.array(
              z.object({
                id: z.number().int(),
                code: z.string(),
                name: z.string(),
                nameEn: z.string(),
                pointsPerHour: z.number().int(),
                dailyCap: z.number().int(),
              }),
            ),
            teams: z.array(
              z.object({ id: z.number().int(), name: z.string(), description: z.string() }),
            ),
          }),
          'Types and teams',
        ),
        ...errorResponses('unauthorized', 'forbidden'),
      },
    }),
    async (c) => c.json(await activityTypesAndTeams(c.get('deps').database.read), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/activities',
      tags: ['staff'],
      security: signedIn,
      summary: 'Activities by date, newest first',
      request: {
        query: PageQuery(200, 50, ACTIVITY_CURSOR).extend({
          from: LocalDate.optional().openapi({ param: { name: 'from', in: 'query' } }),
          to: LocalDate.optional().openapi({ param: { name: 'to', in: 'query' } }),
          status: z
            .enum(['planned', 'open', 'closed'])
            .optional()
            .openapi({ param: { name: 'status', in: 'query' } }),
        }),
      },
      responses: {
        200: json(PageOf(ActivitySchema), 'Activities'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      return c.json(await listActivities(c.get('deps').database.read, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/activities',
      tags: ['staff'],
      security: signedIn,
      summary: 'Plan a volunteer activity',
      request: { body: jsonBody(NewActivity) },
      responses: {
        201: json(ActivitySchema, 'Created'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'invalid_reference'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const actor = actorOf(c);
      const created = await c.get('deps').database.write((tx) => createActivity(tx, actor, body));
      return c.json(created, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/activities/{id}',
      tags: ['staff'],
      security: signedIn,
      summary: 'One activity with everyone who signed up or came',
      request: { params: IdParam },
      responses: {
        200: json(
          ActivitySchema.extend({ participants: z.array(ParticipantSchema) }),
          'The activity',
        ),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const db = c.get('deps').database.read;
      const { id } = c.req.valid('param');
      const activity = await findActivity(db, id);
      return c.json({ ...activity, participants: await participants(db, id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/activities/{id}/check-ins',
      tags: ['staff'],
      security: signedIn,
      summary: 'Check a volunteer in on the day (201; 200 if already checked in)',
      request: { params: IdParam, body: jsonBody(CheckInBody) },
      responses: {
        201: json(
          z
            .object({
              residentId: z.number().int(),
              name: z.string(),
              checkedInAt: z.string(),
              hours: z.number(),
              alreadyCheckedIn: z.boolean(),
            })
            .openapi('CheckedIn'),
          'Checked in',
        ),
        200: json(
          z.object({
            residentId: z.number().int(),
            name: z.string(),
            checkedInAt: z.string(),
            hours: z.number(),
            alreadyCheckedIn: z.boolean(),
          }),
          'Was already checked in',
        ),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'activity_closed',
          'activity_not_started',
          'code_used',
          'code_invalid',
          'code_expired',
          'card_invalid',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { hours, ...given } = c.req.valid('json');
      const who = 'card' in given ? { card: given.card.toUpperCase() } : given;
      const { database, now } = c.get('deps');
      const at = now();
      const done = await database.write((tx) =>
        checkIn(tx, { activityId: id, who, hours, now: at }),
      );
      return c.json(done, done.alreadyCheckedIn ? 200 : 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/activities/{id}/check-ins/{residentId}',
      tags: ['staff'],
      security: signedIn,
      summary: 'Take back a mistaken check-in before the activity is closed',
      middleware: [noBody] as const,
      request: { params: IdParam.extend({ residentId: idIn('residentId', 'path', 7) }) },
      responses: {
        200: json(z.object({ ok: z.literal(true) }), 'Removed'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'activity_closed',
        ),
      },
    }),
    async (c) => {
      const { id, residentId } = c.req.valid('param');
      const { database, now } = c.get('deps');
      const at = now();
      await database.write((tx) => undoCheckIn(tx, { activityId: id, residentId, now: at }));
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/activities/{id}/close-preview',
      tags: ['staff'],
      security: signedIn,
      summary:
        "Each checked-in volunteer's points (hours × points per hour within the type's daily cap), before closing",
      request: { params: IdParam },
      responses: {
        200: json(PreviewSchema, 'The preview'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'activity_closed',
          'activity_not_started',
        ),
      },
    }),
    async (c) =>
      c.json(
        await previewClose(
          c.get('deps').database.read,
          c.req.valid('param').id,
          c.get('deps').now(),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/activities/{id}/close',
      tags: ['staff'],
      security: signedIn,
      summary:
        'Close the activity and award the previewed points in one batch (201 applied; 202 waiting for a second staff member)',
      request: {
        params: IdParam,
        headers: IdempotencyHeaders,
        body: jsonBody(
          z.strictObject({
            preview: z.string().regex(/^[0-9a-f]{64}$/, 'preview 须为预览返回的 fingerprint'),
          }),
        ),
      },
      responses: {
        201: json(BatchSchema, 'Closed and awarded'),
        202: json(BatchSchema, 'Closed; the awards wait for approval'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'activity_closed',
          'activity_not_started',
          'preview_stale',
          'daily_cap_exceeded',
          'idempotency_mismatch',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { preview } = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const actorId = c.get('principal').userId;
      const batch = await once(c, 'staff.activity.close', key, { id, preview }, (tx, now) =>
        closeActivity(tx, { actorId, now }, { activityId: id, fingerprint: preview }),
      );
      return c.json(batch, batchStatus(batch));
    },
  );

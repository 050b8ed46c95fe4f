import { createRoute, z } from '@hono/zod-openapi';
import { ACTIVITY_CURSOR } from '../../domain/activities/catalog';
import {
  cancelSignUp,
  myActivities,
  nextVolunteerDay,
  signUp,
  upcomingActivities,
} from '../../domain/activities/signups';
import { errorResponses } from '../../http/errors';
import { IdParam, QueryInt } from '../../http/params';
import { newRouter, noBody } from '../../http/router';
import { json, PageOf, PageQuery, signedIn } from '../../http/schemas';

const UpcomingSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    date: z.string(),
    place: z.string(),
    hours: z.number(),
    type: z.object({ code: z.string(), name: z.string() }),
    team: z.string().nullable(),
    points: z.number().int(),
    volunteerDay: z.boolean(),
    signups: z.number().int(),
    signedUp: z.boolean(),
    checkedIn: z.boolean(),
  })
  .openapi('UpcomingActivity');

const MyActivitySchema = z
  .object({
    activityId: z.number().int(),
    title: z.string(),
    date: z.string(),
    place: z.string(),
    type: z.string(),
    status: z.enum(['signed_up', 'missed', 'checked_in', 'awarded', 'reversed']),
    hours: z.number().nullable(),
    points: z.number().int().nullable(),
    entryId: z.number().int().nullable(),
  })
  .openapi('MyActivity');

const SignupSchema = z
  .object({ activityId: z.number().int(), signedUpAt: z.string(), alreadySignedUp: z.boolean() })
  .openapi('Signup');

/** Volunteer activities for residents: what is coming up, mine, sign up and cancel. */
export const activities = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/activities/upcoming',
      tags: ['resident'],
      security: signedIn,
      summary:
        'Volunteer activities from today on, soonest first, and the next 9th (志愿服务日) with the services offered that day',
      request: { query: z.object({ limit: QueryInt('limit', 1, 100).default(30) }) },
      responses: {
        200: json(
          z.object({
            activities: z.array(UpcomingSchema),
            volunteerDay: z.object({
              date: z.string(),
              services: z.array(
                z.object({
                  id: z.number().int(),
                  title: z.string(),
                  provider: z.string(),
                  place: z.string(),
                  schedule: z.string(),
                  url: z.string(),
                }),
              ),
            }),
          }),
          'Upcoming',
        ),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      const { database, now } = c.get('deps');
      const at = now();
      const [activities, volunteerDay] = await Promise.all([
        upcomingActivities(
          database.read,
          c.get('principal').userId,
          at,
          c.req.valid('query').limit,
        ),
        nextVolunteerDay(database.read, at),
      ]);
      return c.json({ activities, volunteerDay }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/activities',
      tags: ['resident'],
      security: signedIn,
      summary: 'My activities, newest first, with the hours and points each earned',
      request: {
        query: PageQuery(100, 20, ACTIVITY_CURSOR),
      },
      responses: {
        200: json(PageOf(MyActivitySchema), 'Mine'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const { database, now } = c.get('deps');
      return c.json(
        await myActivities(database.read, c.get('principal').userId, now(), limit, cursor),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/activities/{id}/signup',
      tags: ['resident'],
      security: signedIn,
      summary: 'Sign up for an activity (201; 200 if already signed up)',
      middleware: [noBody] as const,
      request: { params: IdParam },
      responses: {
        201: json(SignupSchema, 'Signed up'),
        200: json(SignupSchema, 'Was already signed up'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'signup_closed',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { database, now } = c.get('deps');
      const residentId = c.get('principal').userId;
      const at = now();
      const done = await database.write((tx) => signUp(tx, residentId, id, at));
      return c.json(done, done.alreadySignedUp ? 200 : 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/activities/{id}/signup',
      tags: ['resident'],
      security: signedIn,
      summary: 'Cancel my sign-up (not after checking in)',
      middleware: [noBody] as const,
      request: { params: IdParam },
      responses: {
        200: json(z.object({ ok: z.literal(true) }), 'Cancelled'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'already_checked_in',
          'signup_closed',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const residentId = c.get('principal').userId;
      await c.get('deps').database.write((tx) => cancelSignUp(tx, residentId, id));
      return c.json({ ok: true as const }, 200);
    },
  );

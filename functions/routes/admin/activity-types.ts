import { createRoute, z } from '@hono/zod-openapi';
import {
  createActivityType,
  listActivityTypes,
  TYPE_CODE,
  updateActivityType,
} from '../../domain/activities/types';
import { errorResponses } from '../../http/errors';
import { actorOf, IdParam, Text } from '../../http/params';
import { newRouter } from '../../http/router';
import { json, jsonBody, signedIn } from '../../http/schemas';

export const ActivityTypeSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    pointsPerHour: z.number().int(),
    dailyCap: z.number().int(),
    active: z.boolean(),
    activities: z.number().int().openapi({ description: 'Activities created with this type' }),
  })
  .openapi('ActivityType');

const Rule = {
  nameZh: Text(40),
  nameEn: Text(60),
  pointsPerHour: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .openapi({ description: 'Points per hour of service' }),
  dailyCap: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .openapi({ description: 'Most points one resident earns from this kind of work in a day' }),
  active: z.boolean(),
};

const NewType = z
  .strictObject({
    code: z
      .string()
      .regex(TYPE_CODE, '类型代码须为 1–32 位、小写字母开头的小写字母、数字或下划线')
      .optional()
      .openapi({ description: 'Optional; one is made when absent' }),
    ...Rule,
    active: Rule.active.optional(),
  })
  .openapi('NewActivityType');

const TypePatch = z
  .strictObject({
    nameZh: Rule.nameZh.optional(),
    nameEn: Rule.nameEn.optional(),
    pointsPerHour: Rule.pointsPerHour.optional(),
    dailyCap: Rule.dailyCap.optional(),
    active: Rule.active.optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), '至少修改一项')
  .openapi('ActivityTypePatch');

/**
 * Activity types and their earning rules (/api/admin/activity-types). A new rate or cap applies
 * to activities created after the change; a type is retired (active: false), never deleted. Staff
 * read the active ones at /api/staff/activity-types.
 */
export const activityTypes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/activity-types',
      tags: ['admin'],
      security: signedIn,
      summary: 'Every activity type, retired ones too, with its earning rule',
      responses: {
        200: json(z.object({ types: z.array(ActivityTypeSchema) }), 'Types'),
        ...errorResponses('unauthorized', 'forbidden', 'password_change_required'),
      },
    }),
    async (c) => c.json({ types: await listActivityTypes(c.get('deps').database.read) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/activity-types',
      tags: ['admin'],
      security: signedIn,
      summary: 'Add a kind of volunteer work with its points per hour and daily cap',
      request: { body: jsonBody(NewType) },
      responses: {
        201: json(ActivityTypeSchema, 'Created'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'password_change_required',
          'type_code_taken',
        ),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const actor = actorOf(c);
      return c.json(
        await c.get('deps').database.write((tx) => createActivityType(tx, actor, body)),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/activity-types/{id}',
      tags: ['admin'],
      security: signedIn,
      summary:
        'Rename a type, change its rule (for activities created from now on), retire or restore it',
      request: { params: IdParam, body: jsonBody(TypePatch) },
      responses: {
        200: json(ActivityTypeSchema, 'Updated'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'password_change_required',
          'not_found',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const actor = actorOf(c);
      return c.json(
        await c.get('deps').database.write((tx) => updateActivityType(tx, actor, id, patch)),
        200,
      );
    },
  );

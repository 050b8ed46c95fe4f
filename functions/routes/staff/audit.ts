import { createRoute, z } from '@hono/zod-openapi';
import { auditActors, CONSOLE_ROLES, readAuditLog } from '../../domain/audit/trail';
import { errorResponses } from '../../http/errors';
import { QueryId } from '../../http/params';
import { newRouter } from '../../http/router';
import { json, PageOf, PageQuery, signedIn } from '../../http/schemas';

/** The audit trail (/api/staff/audit): who did what to which record, newest first. */
export const audit = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags: ['staff'],
      security: signedIn,
      summary:
        'The audit trail, filtered by record type (entity, entityId), action and/or actor (user id or login)',
      request: {
        query: z.object({
          entity: z
            .string()
            .regex(/^[a-z_]{1,40}$/, 'entity 无效')
            .optional()
            .openapi({ param: { name: 'entity', in: 'query' }, example: 'activity' }),
          entityId: QueryId('entityId'),
          action: z
            .string()
            .regex(/^[a-z_]{1,40}$/, 'action 无效')
            .optional()
            .openapi({ param: { name: 'action', in: 'query' }, example: 'publish' }),
          actor: z
            .string()
            .min(1)
            .max(64)
            .optional()
            .openapi({ param: { name: 'actor', in: 'query' }, example: 'staff1' }),
          ...PageQuery(200, 50).shape,
        }),
      },
      responses: {
        200: json(
          PageOf(
            z
              .object({
                id: z.number().int(),
                at: z.string(),
                actor: z
                  .object({ id: z.number().int(), login: z.string(), name: z.string() })
                  .nullable(),
                action: z.string(),
                entity: z.string(),
                entityId: z.number().int().nullable(),
                detail: z.unknown(),
              })
              .openapi('AuditEntry'),
          ),
          'Audit entries',
        ),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      return c.json(await readAuditLog(c.get('deps').database.read, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/actors',
      tags: ['staff'],
      security: signedIn,
      summary:
        'The people the audit trail can be filtered by: staff, accountants and admins, disabled ones included',
      responses: {
        200: json(
          z
            .object({
              actors: z.array(
                z.object({
                  id: z.number().int(),
                  login: z.string(),
                  name: z.string(),
                  role: z.enum(CONSOLE_ROLES),
                  disabled: z.boolean(),
                }),
              ),
            })
            .openapi('AuditActors'),
          'Staff accounts',
        ),
        ...errorResponses('unauthorized', 'forbidden'),
      },
    }),
    async (c) => c.json({ actors: await auditActors(c.get('deps').database.read) }, 200),
  );

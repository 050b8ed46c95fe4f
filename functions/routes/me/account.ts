import { createRoute, z } from '@hono/zod-openapi';
import { statementSummary } from '../../domain/ledger/summary';
import { residentProfile } from '../../domain/people/directory';
import { LOOKUP_BUDGET, lookUpNeighbour } from '../../domain/people/recipients';
import { DomainError } from '../../domain/shared/errors';
import { errorResponses } from '../../http/errors';
import { newRouter } from '../../http/router';
import { json, signedIn } from '../../http/schemas';

const Recipient = z
  .object({ id: z.number().int(), maskedName: z.string(), self: z.boolean() })
  .openapi('Recipient');
/** GET /api/me/recipients's answer (the phone imports this type). */
export type RecipientJson = z.infer<typeof Recipient>;

/** The resident's points at a glance, and finding a neighbour to give points to (/api/me/…). */
export const account = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/summary',
      tags: ['resident'],
      security: signedIn,
      summary:
        'My totals: earned, redeemed, given, received, reversed, expired (balance = earned − redeemed − given + received + reversed − expired)',
      responses: {
        200: json(
          z
            .object({
              balance: z.number().int(),
              earned: z.number().int(),
              redeemed: z.number().int(),
              given: z.number().int(),
              received: z.number().int(),
              reversed: z.number().int(),
              expired: z.number().int(),
              entries: z.number().int(),
              hours: z.number(),
              activities: z.number().int(),
            })
            .openapi('StatementSummary'),
          'Totals',
        ),
        ...errorResponses('unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const db = c.get('deps').database.read;
      const profile = await residentProfile(db, c.get('principal').userId);
      if (!profile) throw new DomainError('not_found', '居民资料不存在');
      return c.json(await statementSummary(db, profile.accountId, profile.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/recipients',
      tags: ['resident'],
      security: signedIn,
      summary: `Find a neighbour to give points to, by login or paper-card number: only the id and the masked name (张*华); 404 if unknown; ${LOOKUP_BUDGET} look-ups an hour (429 with Retry-After after)`,
      request: {
        query: z
          .object({
            login: z
              .string()
              .min(1)
              .max(64)
              .optional()
              .openapi({ param: { name: 'login', in: 'query' } }),
            card: z
              .string()
              .regex(/^[Cc]\d{4,8}$/, '卡号格式如 C0001')
              .optional()
              .openapi({ param: { name: 'card', in: 'query' } }),
          })
          .refine(
            (q) => (q.login === undefined) !== (q.card === undefined),
            '请只给出 login 或 card 其中之一',
          ),
      },
      responses: {
        200: json(Recipient, 'Found'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'too_many_attempts',
        ),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { database, now } = c.get('deps');
      const found = await lookUpNeighbour(
        database,
        q.login !== undefined ? { login: q.login } : { card: q.card!.toUpperCase() },
        c.get('principal').userId,
        now(),
      );
      return c.json(found, 200);
    },
  );

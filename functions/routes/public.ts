import { createRoute, z } from '@hono/zod-openapi';
import { newRouter } from '../http/router';
import { ledgerHead, publicStats } from '../domain/ledger/queries';
import { json } from '../http/schemas';

/** Open to anyone, no sign-in: totals and the ledger head, never a person. */
export const publicApi = newRouter();

publicApi.openapi(
  createRoute({
    method: 'get',
    path: '/ledger/head',
    tags: ['public'],
    summary: 'Head of the hash chain over every ledger entry',
    responses: { 200: json(z.object({ entries: z.number().int(), head: z.string().regex(/^[0-9a-f]{64}$/), at: z.string().nullable() }).openapi('LedgerHead'), 'The head') },
  }),
  async (c) => c.json(await ledgerHead(c.get('deps').database.read), 200),
);

publicApi.openapi(
  createRoute({
    method: 'get',
    path: '/stats',
    tags: ['public'],
    summary: 'Totals only',
    responses: {
      200: json(
        z
          .object({
            issued: z.number().int(),
            redeemed: z.number().int(),
            expired: z.number().int(),
            outstanding: z.number().int(),
            pool: z.number().int(),
            volunteers: z.number().int(),
            hours: z.number(),
          })
          .openapi('PublicStats'),
        'Totals',
      ),
    },
  }),
  async (c) => c.json(await publicStats(c.get('deps').database.read), 200),
);

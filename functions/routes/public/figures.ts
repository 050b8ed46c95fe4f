import { createRoute, z } from '@hono/zod-openapi';
import { ledgerHead, publicStats } from '../../domain/ledger/queries';
import { publicCatalogue } from '../../domain/publishing/catalogue';
import { errorResponses } from '../../http/errors';
import { newRouter } from '../../http/router';
import { json, NoQuery } from '../../http/schemas';

const Catalogue = z
  .object({
    merchants: z.array(
      z.object({
        id: z.number().int(),
        shopName: z.string(),
        url: z
          .string()
          .openapi({ description: 'The shop on the public site (zh-CN path; English adds /en)' }),
        items: z.array(
          z.object({
            id: z.number().int(),
            name: z.string(),
            points: z.number().int().min(1),
            description: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .openapi('PublicCatalogue');
/** GET /api/public/catalogue's answer (/me/ imports this type). */
export type PublicCatalogueJson = z.infer<typeof Catalogue>;

/** Open to anyone, no sign-in: totals, the ledger head and what points buy, never a person. */
export const figures = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/ledger/head',
      tags: ['public'],
      request: { query: NoQuery },
      summary: 'Head of the hash chain over every ledger entry',
      responses: {
        200: json(
          z
            .object({
              entries: z.number().int(),
              head: z.string().regex(/^[0-9a-f]{64}$/),
              at: z.string().nullable(),
            })
            .openapi('LedgerHead'),
          'The head',
        ),
        ...errorResponses('invalid_request'),
      },
    }),
    async (c) => c.json(await ledgerHead(c.get('deps').database.read), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stats',
      tags: ['public'],
      request: { query: NoQuery },
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
        ...errorResponses('invalid_request'),
      },
    }),
    async (c) => c.json(await publicStats(c.get('deps').database.read), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/catalogue',
      tags: ['public'],
      request: { query: NoQuery },
      summary:
        'What points buy: the active items of every partner shop whose counter redeems (not suspended), cheapest first',
      responses: {
        200: json(Catalogue, 'Shops with something on offer, each with its items'),
        ...errorResponses('invalid_request'),
      },
    }),
    async (c) => c.json({ merchants: await publicCatalogue(c.get('deps').database.read) }, 200),
  );

import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { redeemCodeState } from '../../domain/counter/code-status';
import { issueRedeemCode } from '../../domain/counter/codes';
import { transfer } from '../../domain/ledger/commands';
import { residentBalance } from '../../domain/ledger/expiry';
import { statement } from '../../domain/ledger/queries';
import { statementCsv } from '../../domain/ledger/statement-csv';
import { residentProfile } from '../../domain/people/directory';
import { qrDataUrl } from '../../domain/shared/qr';
import { localDate } from '../../domain/shared/time';
import type { AppEnv } from '../../http/context';
import { ApiError, errorResponses } from '../../http/errors';
import { once } from '../../http/idempotent';
import { IdParam } from '../../http/params';
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
  statementKinds,
  v1Page,
} from '../../http/schemas';

async function profileOf(c: Context<AppEnv>) {
  const profile = await residentProfile(c.get('deps').database.read, c.get('principal').userId);
  if (!profile) throw new ApiError('not_found', '居民资料不存在');
  return profile;
}

const MeSchema = z
  .object({
    id: z.number().int(),
    displayName: z.string(),
    balance: z.number().int(),
    expiring: z
      .array(z.object({ points: z.number().int(), at: z.string() }))
      .openapi({ description: 'Points that lapse at each date if not spent first' }),
    expiryNotice: z
      .object({
        points: z.number().int(),
        on: z.string().openapi({
          description: 'Local date (YYYY-MM-DD) the points lapse on',
          example: '2027-01-01',
        }),
      })
      .nullable()
      .openapi({
        description:
          "The next lapse when it is within the community's notice period (settings: points_expiry_notice_days), else null",
      }),
  })
  .openapi('Me');
/** GET /api/me's answer (the browser imports this type). */
export type MeJson = z.infer<typeof MeSchema>;

const EntriesQuery = PageQuery(100).extend({
  kind: z
    .enum(statementKinds)
    .optional()
    .openapi({ param: { name: 'kind', in: 'query' }, description: 'Only lines of this kind' }),
});

const RedeemCode = z
  .object({
    id: z
      .number()
      .int()
      .openapi({ description: 'Ask GET /api/me/redeem-codes/{id} whether the code was used' }),
    code: z
      .string()
      .regex(/^\d{6}$/)
      .openapi({ description: 'The 6 digits a merchant types by hand' }),
    scanCode: z
      .string()
      .regex(/^\d{16}$/)
      .openapi({ description: 'The long form the QR carries: the 6 digits then 10 more' }),
    expiresAt: z.string(),
    qr: z.string().openapi({ description: 'A data-URL image of the QR code of scanCode' }),
  })
  .openapi('RedeemCode');
/** POST /api/me/redeem-codes's answer (the phone imports this type). */
export type RedeemCodeJson = z.infer<typeof RedeemCode>;

const RedeemCodeState = z
  .object({
    id: z.number().int(),
    status: z.enum(['pending', 'used', 'expired']),
    expiresAt: z.string(),
    revoked: z.boolean().openapi({
      description: 'A newer code (or moving away) revoked it; its status is then expired',
    }),
    // A union, not .nullable(): on a named schema that renders as allOf [ref, null], which no null satisfies.
    entry: z
      .union([EntrySchema, z.null()])
      .openapi({ description: 'The redemption as a line of the statement, once used' }),
  })
  .openapi('RedeemCodeState');
/** GET /api/me/redeem-codes/{id}'s answer (the phone imports this type). */
export type RedeemCodeStateJson = z.infer<typeof RedeemCodeState>;

const TransferBody = z.strictObject({
  to: z.union([z.literal('pool'), z.number().int().min(1)]).openapi({
    description: 'A neighbour\'s resident id, or "pool" to donate to the community pool',
  }),
  points: Points,
  memo: z.string().max(200).optional(),
});

/** The signed-in resident: balance, statement, one-time codes, gifts. */
export const points = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['resident'],
      security: signedIn,
      summary: 'The signed-in resident’s balance',
      responses: { 200: json(MeSchema, 'Balance'), ...errorResponses('unauthorized', 'forbidden') },
    }),
    async (c) => {
      const { database, now } = c.get('deps');
      const account = await residentBalance(database.read, c.get('principal').userId, now());
      if (!account) throw new ApiError('not_found', '居民资料不存在');
      return c.json(
        {
          id: account.id,
          displayName: account.displayName,
          balance: account.balance,
          expiring: account.expiring,
          expiryNotice: account.notice,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/entries',
      tags: ['resident'],
      security: signedIn,
      summary:
        'Statement, newest first; `kind` keeps only lines of one kind (paging with the cursor still applies)',
      request: { query: EntriesQuery },
      responses: {
        200: json(PageOf(EntrySchema, { v1Name: 'entries' }), 'Statement, newest first'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      const { limit, cursor, kind } = c.req.valid('query');
      const p = await profileOf(c);
      const page = await statement(c.get('deps').database.read, p.accountId, limit, cursor, kind);
      return c.json(
        v1Page(
          {
            items: page.items.map(({ reversesId: _, ...line }) => line),
            nextCursor: page.nextCursor,
          },
          'entries',
        ),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/entries.csv',
      tags: ['resident'],
      security: signedIn,
      summary:
        "One's own whole statement as a CSV download (UTF-8 with a byte-order mark, header row in Chinese), newest first",
      responses: {
        200: {
          description:
            'Columns: 日期时间 (community time), 类型, 对方, 商品, 积分, 余额, 备注, 账目编号',
          content: {
            'text/csv': {
              schema: z.string().openapi({
                example:
                  '\uFEFF日期时间,类型,对方,商品,积分,余额,备注,账目编号\r\n2026-12-09 10:30,获得,重阳敬老,,20,20,活动积分,1\r\n',
              }),
            },
          },
        },
        ...errorResponses('unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      const { database, now } = c.get('deps');
      const p = await profileOf(c);
      const csv = await statementCsv(database.read, p.accountId);
      const day = localDate(now()).replaceAll('-', '');
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="linli-statement-${day}.csv"`,
        'cache-control': 'no-store',
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/redeem-codes',
      tags: ['resident'],
      security: signedIn,
      middleware: [noBody] as const,
      summary:
        'A one-time code to show at a partner counter (6 digits to type, a QR of its 16-digit long form to scan); valid 5 minutes',
      responses: {
        201: json(RedeemCode, 'A new code'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      const { database, now } = c.get('deps');
      const residentId = c.get('principal').userId;
      const at = now();
      const issued = await database.write((tx) => issueRedeemCode(tx, residentId, at));
      return c.json({ ...issued, qr: qrDataUrl(issued.scanCode) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/redeem-codes/{id}',
      tags: ['resident'],
      security: signedIn,
      summary:
        "What became of one of one's own codes: pending, used (with the redemption) or expired; the phone polls it while the code is shown",
      request: { params: IdParam },
      responses: {
        200: json(RedeemCodeState, 'The code'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { database, now } = c.get('deps');
      const p = await profileOf(c);
      return c.json(await redeemCodeState(database.read, p.id, p.accountId, id, now()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/transfers',
      tags: ['resident'],
      security: signedIn,
      summary: 'Give points to a neighbour or to the community pool',
      request: { headers: IdempotencyHeaders, body: jsonBody(TransferBody) },
      responses: {
        201: json(
          z.object({ id: z.number().int(), at: z.string(), balanceAfter: z.number().int() }),
          'Given',
        ),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'insufficient_points',
          'idempotency_mismatch',
          'invalid_recipient',
          'moved_away',
        ),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const fromResidentId = c.get('principal').userId;
      const done = await once(c, 'me.transfer', key, body, (tx, now) =>
        transfer(
          tx,
          { actorId: fromResidentId, now },
          { fromResidentId, to: body.to, points: body.points, memo: body.memo },
        ),
      );
      return c.json(done, 201);
    },
  );

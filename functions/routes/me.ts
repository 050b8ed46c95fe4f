import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, noBody } from '../http/router';
import type { Context } from 'hono';
import { qrDataUrl } from '../domain/shared/qr';
import { issueRedeemCode } from '../domain/counter/codes';
import { transfer } from '../domain/ledger/commands';
import { residentBalance } from '../domain/ledger/expiry';
import { statement } from '../domain/ledger/queries';
import { residentProfile } from '../domain/people/directory';
import type { AppEnv } from '../http/context';
import { ApiError, errorResponses } from '../http/errors';
import { once } from '../http/idempotent';
import { cursorId, cursorOf, EntrySchema, IdempotencyHeaders, json, jsonBody, PageQuery, Points, signedIn } from '../http/schemas';

/** The signed-in resident: balance, statement, one-time codes, gifts. */
export const me = newRouter();


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
    expiring: z.array(z.object({ points: z.number().int(), at: z.string() })).openapi({ description: 'Points that lapse at each date if not spent first' }),
    expiryNotice: z
      .object({ points: z.number().int(), on: z.string().openapi({ description: 'Local date (YYYY-MM-DD) the points lapse on', example: '2027-01-01' }) })
      .nullable()
      .openapi({ description: "The next lapse when it is within the community's notice period (settings: points_expiry_notice_days), else null" }),
  })
  .openapi('Me');
/** GET /api/me's answer (the browser imports this type). */
export type MeJson = z.infer<typeof MeSchema>;

me.openapi(
  createRoute({ method: 'get', path: '/', tags: ['resident'], security: signedIn, responses: { 200: json(MeSchema, 'Balance'), ...errorResponses('unauthorized', 'forbidden') } }),
  async (c) => {
    const { database, now } = c.get('deps');
    const account = await residentBalance(database.read, c.get('principal').userId, now());
    if (!account) throw new ApiError('not_found', '居民资料不存在');
    return c.json({ id: account.id, displayName: account.displayName, balance: account.balance, expiring: account.expiring, expiryNotice: account.notice }, 200);
  },
);

me.openapi(
  createRoute({
    method: 'get',
    path: '/entries',
    tags: ['resident'],
    security: signedIn,
    request: { query: PageQuery(100) },
    responses: { 200: json(z.object({ entries: z.array(EntrySchema), nextCursor: z.string().nullable() }), 'Statement, newest first'), ...errorResponses('invalid_request', 'unauthorized', 'forbidden') },
  }),
  async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const p = await profileOf(c);
    const page = await statement(c.get('deps').database.read, p.accountId, limit, cursorId(cursor));
    return c.json(
      { entries: page.lines.map(({ reversesId: _, ...line }) => line), nextCursor: cursorOf(page.nextBeforeId) },
      200,
    );
  },
);

const RedeemCode = z
  .object({
    id: z.number().int().openapi({ description: 'Ask GET /api/me/redeem-codes/{id} whether the code was used' }),
    code: z.string().regex(/^\d{6}$/).openapi({ description: 'The 6 digits a merchant types by hand' }),
    scanCode: z.string().regex(/^\d{16}$/).openapi({ description: 'The long form the QR carries: the 6 digits then 10 more' }),
    expiresAt: z.string(),
    qr: z.string().openapi({ description: 'A data-URL image of the QR code of scanCode' }),
  })
  .openapi('RedeemCode');
/** POST /api/me/redeem-codes's answer (the phone imports this type). */
export type RedeemCodeJson = z.infer<typeof RedeemCode>;

me.openapi(
  createRoute({
    method: 'post',
    path: '/redeem-codes',
    tags: ['resident'],
    security: signedIn,
    middleware: [noBody] as const,
    summary: 'A one-time code to show at a partner counter (6 digits to type, a QR of its 16-digit long form to scan); valid 5 minutes',
    responses: { 201: json(RedeemCode, 'A new code'), ...errorResponses('invalid_request', 'unauthorized', 'forbidden') },
  }),
  async (c) => {
    const { database, now } = c.get('deps');
    const residentId = c.get('principal').userId;
    const at = now();
    const issued = await database.write((tx) => issueRedeemCode(tx, residentId, at));
    return c.json({ ...issued, qr: qrDataUrl(issued.scanCode) }, 201);
  },
);

const TransferBody = z.strictObject({
  to: z.union([z.literal('pool'), z.number().int().min(1)]).openapi({ description: "A neighbour's resident id, or \"pool\" to donate to the community pool" }),
  points: Points,
  memo: z.string().max(200).optional(),
});

me.openapi(
  createRoute({
    method: 'post',
    path: '/transfers',
    tags: ['resident'],
    security: signedIn,
    summary: 'Give points to a neighbour or to the community pool',
    request: { headers: IdempotencyHeaders, body: jsonBody(TransferBody) },
    responses: {
      201: json(z.object({ id: z.number().int(), at: z.string(), balanceAfter: z.number().int() }), 'Given'),
      ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found', 'insufficient_points', 'idempotency_mismatch', 'invalid_recipient', 'moved_away'),
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    const fromResidentId = c.get('principal').userId;
    const done = await once(c, 'me.transfer', key, body, (tx, now) => transfer(tx, { fromResidentId, to: body.to, points: body.points, memo: body.memo, now }));
    return c.json(done, 201);
  },
);

import { createRoute, z } from '@hono/zod-openapi';
import { newRouter } from '../http/router';
import { codeRedemptions, redeemAtCounter } from '../domain/counter/redemption';
import { checkCardPin } from '../domain/people/cards';
import { accountOf } from '../domain/people/directory';
import { statement } from '../domain/ledger/queries';
import { ApiError, errorResponses } from '../http/errors';
import { once, onceInBatch } from '../http/idempotent';
import { CounterpartySchema, cursorId, cursorOf, IdempotencyHeaders, json, jsonBody, LineItemSchema, PageQuery, Points, signedIn } from '../http/schemas';

/** The partner merchant's counter: redeem by one-time code or paper card + PIN. */
export const counter = newRouter();

const note = z.string().max(200).optional();

const RedemptionBody = z
  .union([
    z.strictObject({ code: z.string().regex(/^\d{6}$/, '兑换码须为 6 位数字'), points: Points, note }),
    z.strictObject({ card: z.string().regex(/^C\d{4,8}$/, '卡号格式如 C0001'), pin: z.string().regex(/^\d{4}$/, '密码须为 4 位数字'), points: Points, note }),
  ])
  .openapi('RedemptionRequest');

const RedemptionSchema = z
  .object({
    id: z.number().int(),
    points: z.number().int(),
    at: z.string(),
    resident: z.object({ maskedName: z.string() }),
    balanceAfter: z.number().int(),
  })
  .openapi('Redemption');

counter.openapi(
  createRoute({
    method: 'post',
    path: '/redemptions',
    tags: ['counter'],
    security: signedIn,
    summary: 'Redeem points; retry with the same Idempotency-Key until a definite answer',
    request: { headers: IdempotencyHeaders, body: jsonBody(RedemptionBody) },
    responses: {
      201: json(RedemptionSchema, 'Redeemed (or the replay of an earlier success)'),
      ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'insufficient_points', 'code_used', 'idempotency_mismatch', 'code_invalid', 'code_expired', 'pin_invalid', 'card_invalid', 'card_locked', 'moved_away', 'merchant_suspended'),
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    const merchantId = c.get('principal').userId;
    const pin = 'card' in body ? await checkCardPin(c.get('deps').database.read, body.card, body.pin) : undefined;
    // By code, the counter's busy path: redemptions sharing a group commit are applied together.
    const done =
      'code' in body
        ? await onceInBatch(c, 'counter.redeem', key, body, codeRedemptions, (idempotency) => ({ idempotency, redemption: { merchantId, ...body, now: idempotency.now } }))
        : await once(c, 'counter.redeem', key, body, (tx, now) => redeemAtCounter(tx, merchantId, body, now, pin));
    return c.json(done, 201);
  },
);

const CounterEntry = z
  .object({ id: z.number().int(), at: z.string(), points: z.number().int(), kind: z.enum(['redeem', 'reversal']), memo: z.string(), counterparty: CounterpartySchema, item: LineItemSchema })
  .openapi('CounterEntry');

counter.openapi(
  createRoute({
    method: 'get',
    path: '/redemptions',
    tags: ['counter'],
    security: signedIn,
    summary: "This merchant's redemptions (and their reversals), newest first",
    request: { query: PageQuery(100) },
    responses: { 200: json(z.object({ redemptions: z.array(CounterEntry), nextCursor: z.string().nullable() }), 'Redemptions'), ...errorResponses('invalid_request', 'unauthorized', 'forbidden') },
  }),
  async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const db = c.get('deps').database.read;
    const account = await accountOf(db, c.get('principal').userId);
    if (!account) throw new ApiError('not_found', '商户账户不存在');
    const page = await statement(db, account.id, limit, cursorId(cursor));
    return c.json(
      {
        redemptions: page.lines.map((l) => ({
          id: l.id,
          at: l.at,
          points: l.points,
          kind: l.kind === 'reversal' ? ('reversal' as const) : ('redeem' as const),
          memo: l.memo,
          counterparty: l.counterparty,
          item: l.item,
        })),
        nextCursor: cursorOf(page.nextBeforeId),
      },
      200,
    );
  },
);

import { createRoute, z } from '@hono/zod-openapi';
import { lookupAtCounter } from '../../domain/counter/lookup';
import { MAX_QUANTITY } from '../../domain/counter/redeemed-items';
import { cardRedemptions, codeRedemptions } from '../../domain/counter/redemption-batches';
import type { IdempotencyRequest } from '../../domain/ledger/idempotency';
import { statement } from '../../domain/ledger/queries';
import { checkCardPin } from '../../domain/people/cards';
import { accountOf } from '../../domain/people/directory';
import { unwrap } from '../../domain/shared/settled';
import { ApiError, errorResponses } from '../../http/errors';
import { onceInBatch } from '../../http/idempotent';
import { newRouter } from '../../http/router';
import {
  CounterpartySchema,
  IdempotencyHeaders,
  json,
  jsonBody,
  LineItemSchema,
  PageOf,
  PageQuery,
  Points,
  signedIn,
} from '../../http/schemas';

const note = z.string().max(200).optional();
const Code = z
  .string()
  .regex(/^(\d{6}|\d{16})$/, '兑换码须为 6 位数字（扫码所得为 16 位）')
  .openapi({
    description: 'The 6 digits typed by hand, or the 16-digit long form scanned from the QR',
  });
const Card = z.string().regex(/^C\d{4,8}$/, '卡号格式如 C0001');
const Pin = z.string().regex(/^\d{4}$/, '密码须为 4 位数字');
const purchase = {
  points: Points,
  note,
  itemId: z.number().int().min(1).optional().openapi({
    description:
      "An active item of this merchant's catalogue; points must then be its price × quantity",
  }),
  quantity: z
    .number()
    .int()
    .min(1)
    .max(MAX_QUANTITY)
    .optional()
    .openapi({ description: 'How many of the item (default 1)' }),
};
const withItem = <T extends { itemId?: number | undefined; quantity?: number | undefined }>(b: T) =>
  b.quantity === undefined || b.itemId !== undefined;

const RedemptionBody = z
  .union([
    z.strictObject({ code: Code, ...purchase }),
    z.strictObject({ card: Card, pin: Pin, ...purchase }),
  ])
  .refine(withItem, '数量须与兑换商品一起给出')
  .openapi('RedemptionRequest');

const LapseSchema = z
  .object({
    points: z.number().int(),
    on: z.string().openapi({
      description: 'Local date (YYYY-MM-DD) the points lapse on',
      example: '2027-01-01',
    }),
  })
  .openapi('Lapse');
const RedeemedItemSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    unitPoints: z.number().int(),
    quantity: z.number().int(),
  })
  .openapi('RedeemedItem');

const RedemptionSchema = z
  .object({
    id: z.number().int(),
    points: z.number().int(),
    at: z.string(),
    resident: z.object({ maskedName: z.string() }),
    balanceAfter: z.number().int(),
    item: RedeemedItemSchema.nullable(),
    expiring: z
      .array(LapseSchema)
      .openapi({ description: "The resident's lapse schedule after this redemption" }),
  })
  .openapi('Redemption');
/** POST /api/counter/redemptions's answer (the counter's receipt). */
export type RedemptionJson = z.infer<typeof RedemptionSchema>;

/** Every refusal of identifying a resident at the counter (look-up and redemption alike). */
const IDENTIFY_ERRORS = [
  'code_invalid',
  'code_expired',
  'code_used',
  'pin_invalid',
  'card_locked',
  'too_many_attempts',
  'moved_away',
  'merchant_suspended',
] as const;

const LookupBody = z
  .union([z.strictObject({ code: Code }), z.strictObject({ card: Card, pin: Pin })])
  .openapi('LookupRequest');
const LookupSchema = z
  .object({ maskedName: z.string(), balance: z.number().int(), expiring: z.array(LapseSchema) })
  .openapi('Lookup');
/** POST /api/counter/lookup's answer. */
export type LookupJson = z.infer<typeof LookupSchema>;

const CounterEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    points: z.number().int(),
    kind: z.enum(['redeem', 'reversal']),
    memo: z.string(),
    counterparty: CounterpartySchema,
    item: LineItemSchema,
  })
  .openapi('CounterEntry');

/** The partner merchant's counter: redeem by one-time code or paper card + PIN. */
export const redemptions = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/redemptions',
      tags: ['counter'],
      security: signedIn,
      summary: 'Redeem points; retry with the same Idempotency-Key until a definite answer',
      description:
        "Failed codes and PINs spend this counter's guessing budget (too_many_attempts with Retry-After once it is used up); an unknown card answers as a wrong PIN.",
      request: { headers: IdempotencyHeaders, body: jsonBody(RedemptionBody) },
      responses: {
        201: json(RedemptionSchema, 'Redeemed (or the replay of an earlier success)'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'insufficient_points',
          'idempotency_mismatch',
          'item_invalid',
          'item_price_mismatch',
          ...IDENTIFY_ERRORS,
        ),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const merchantId = c.get('principal').userId;
      const { database } = c.get('deps');
      // The PIN's slow hash is checked before the embedded file's write lock is taken. A remote
      // write holds no lock while it decides (db/remote.ts): it checks the PIN between its reads
      // and its writes, and a read here would cost the counter a round trip.
      const pin =
        'card' in body && database.isFile
          ? await checkCardPin(database.read, body.card, body.pin)
          : undefined;
      const redemption =
        <R>(input: R) =>
        (idempotency: IdempotencyRequest) => ({
          idempotency,
          redemption: { actor: { actorId: merchantId, now: idempotency.now }, input },
        });
      // Redemptions sharing a group commit are applied together (by card, one after another).
      const done =
        'code' in body
          ? await onceInBatch(c, 'counter.redeem', key, body, codeRedemptions, redemption(body))
          : await onceInBatch(
              c,
              'counter.redeem',
              key,
              body,
              cardRedemptions,
              redemption({ ...body, checkedPin: pin }),
            );
      return c.json(done, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/lookup',
      tags: ['counter'],
      security: signedIn,
      summary:
        "Who holds this code or card, their balance and what lapses when; moves nothing (a card holder's balance check at any partner counter)",
      description: "Counts toward this counter's guessing budget like a redemption.",
      request: { body: jsonBody(LookupBody) },
      responses: {
        200: json(LookupSchema, 'The resident, masked, and their balance'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', ...IDENTIFY_ERRORS),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { database, now } = c.get('deps');
      const merchantId = c.get('principal').userId;
      const pin =
        'card' in body ? await checkCardPin(database.read, body.card, body.pin) : undefined;
      const at = now();
      const found = await database.write((tx) => lookupAtCounter(tx, merchantId, body, at, pin));
      return c.json(unwrap(found), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/redemptions',
      tags: ['counter'],
      security: signedIn,
      summary: "This merchant's redemptions (and their reversals), newest first",
      request: { query: PageQuery(100) },
      responses: {
        200: json(PageOf(CounterEntry), 'Redemptions'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const db = c.get('deps').database.read;
      const account = await accountOf(db, c.get('principal').userId);
      if (!account) throw new ApiError('not_found', '商户账户不存在');
      const page = await statement(db, account.id, limit, cursor);
      return c.json(
        {
          items: page.items.map((l) => ({
            id: l.id,
            at: l.at,
            points: l.points,
            kind: l.kind === 'reversal' ? ('reversal' as const) : ('redeem' as const),
            memo: l.memo,
            counterparty: l.counterparty,
            item: l.item,
          })),
          nextCursor: page.nextCursor,
        },
        200,
      );
    },
  );

import { createRoute, z } from '@hono/zod-openapi';
import { createItem, deleteItem, listItems, updateItem } from '../../domain/counter/items';
import { merchantPublicRecord } from '../../domain/counter/profile';
import { counterTotals } from '../../domain/counter/totals';
import { accountOf } from '../../domain/people/directory';
import { updateShop } from '../../domain/people/merchants';
import { announce } from '../../domain/records/publish';
import { DomainError } from '../../domain/shared/errors';
import { errorResponses } from '../../http/errors';
import { IdParam, Text, TextOrEmpty } from '../../http/params';
import { newRouter, noBody } from '../../http/router';
import { json, jsonBody, signedIn } from '../../http/schemas';
import { write } from '../../http/write';
import { ShopPatchSchema, shopProfileOut } from '../staff/merchants';

const ItemSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    points: z.number().int(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('MerchantItem');

const ItemPoints = z.number().int().min(1).max(100_000);

const Totals = z.object({
  from: z.string(),
  to: z.string(),
  redemptions: z.number().int(),
  points: z.number().int(),
  reversals: z.number().int(),
  reversedPoints: z.number().int(),
  netPoints: z.number().int(),
});
const CounterTotals = z
  .object({
    today: Totals.extend({ date: z.string() }),
    month: Totals.extend({ month: z.string() }),
  })
  .openapi('CounterTotals');
/** GET /api/counter/totals's answer (the counter page imports this type). */
export type CounterTotalsJson = z.infer<typeof CounterTotals>;

const MerchantPublicRecord = z
  .object({
    id: z.number().int(),
    url: z.string(),
    organizationId: z.number().int().nullable(),
    ...shopProfileOut,
    joinedAt: z.string(),
    suspended: z.boolean().openapi({
      description:
        'Staff have paused the shop: the counter refuses redemptions until they reinstate it',
    }),
    services: z.array(
      z.object({ id: z.number().int(), title: z.string(), url: z.string(), schedule: z.string() }),
    ),
    donations: z.array(
      z.object({
        id: z.number().int(),
        date: z.string(),
        form: z.string(),
        amountFen: z.number().int(),
        itemDescription: z.string().nullable(),
      }),
    ),
    donatedFen: z.number().int(),
    redemptions: z.number().int(),
    pointsRedeemed: z.number().int(),
  })
  .openapi('MerchantPublicRecord');
/** GET /api/counter/profile's answer (the counter page imports this type). */
export type MerchantPublicRecordJson = z.infer<typeof MerchantPublicRecord>;

/** The merchant's own back office at the counter (/api/counter/…): items for points, takings, public record. */
export const items = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/items',
      tags: ['counter'],
      security: signedIn,
      summary: 'My redeemable items',
      responses: {
        200: json(z.object({ items: z.array(ItemSchema) }), 'Items'),
        ...errorResponses('unauthorized', 'forbidden'),
      },
    }),
    async (c) =>
      c.json(
        { items: await listItems(c.get('deps').database.read, c.get('principal').userId) },
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/items',
      tags: ['counter'],
      security: signedIn,
      summary: 'Add an item for points',
      request: {
        body: jsonBody(
          z.strictObject({
            name: Text(60),
            points: ItemPoints,
            description: TextOrEmpty(200).nullable().optional(),
            active: z.boolean().optional(),
          }),
        ),
      },
      responses: {
        201: json(ItemSchema, 'Added'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const merchantId = c.get('principal').userId;
      // The catalogue is on the shop's public page: a change there is published like a profile change.
      const { item } = await write(c, async (tx, actor) => ({
        item: await createItem(tx, merchantId, body, actor.now),
        event: await announce(tx, actor, 'merchant', merchantId),
      }));
      return c.json(item, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/items/{id}',
      tags: ['counter'],
      security: signedIn,
      summary: 'Change an item: name, points price, description, or take it off (active: false)',
      request: {
        params: IdParam,
        body: jsonBody(
          z
            .strictObject({
              name: Text(60).optional(),
              points: ItemPoints.optional(),
              description: TextOrEmpty(200).nullable().optional(),
              active: z.boolean().optional(),
            })
            .refine((p) => Object.values(p).some((v) => v !== undefined), '至少修改一项'),
        ),
      },
      responses: {
        200: json(ItemSchema, 'Changed'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const merchantId = c.get('principal').userId;
      const { item } = await write(c, async (tx, actor) => ({
        item: await updateItem(tx, merchantId, id, patch, actor.now),
        event: await announce(tx, actor, 'merchant', merchantId),
      }));
      return c.json(item, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/items/{id}',
      tags: ['counter'],
      security: signedIn,
      summary: 'Remove an item',
      middleware: [noBody] as const,
      request: { params: IdParam },
      responses: {
        200: json(z.object({ ok: z.literal(true) }), 'Removed'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const merchantId = c.get('principal').userId;
      await write(c, async (tx, actor) => {
        await deleteItem(tx, merchantId, id);
        return { event: await announce(tx, actor, 'merchant', merchantId) };
      });
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/totals',
      tags: ['counter'],
      security: signedIn,
      summary: "Today's and this month's redemptions and points, in community time (UTC+8)",
      responses: {
        200: json(CounterTotals, 'Totals'),
        ...errorResponses('unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const { database, now } = c.get('deps');
      const account = await accountOf(database.read, c.get('principal').userId);
      if (!account) throw new DomainError('not_found', '商户账户不存在');
      return c.json(await counterTotals(database.read, account.id, now()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profile',
      tags: ['counter'],
      security: signedIn,
      summary:
        'My public contribution record, exactly as the public site shows it: services, donations, redemptions accepted',
      responses: {
        200: json(MerchantPublicRecord, 'The public record'),
        ...errorResponses('unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) =>
      c.json(
        await merchantPublicRecord(c.get('deps').database.read, c.get('principal').userId),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/profile',
      tags: ['counter'],
      security: signedIn,
      summary:
        'Change my public profile (shop name, category, address, opening hours, offer); the public page follows',
      request: { body: jsonBody(ShopPatchSchema) },
      responses: {
        200: json(MerchantPublicRecord, 'The public record, changed'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const patch = c.req.valid('json');
      const merchantId = c.get('principal').userId;
      await write(c, async (tx, actor) => ({
        event: await updateShop(tx, actor, merchantId, patch),
      }));
      return c.json(await merchantPublicRecord(c.get('deps').database.read, merchantId), 200);
    },
  );

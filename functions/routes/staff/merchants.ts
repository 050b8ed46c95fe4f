import { createRoute, z } from '@hono/zod-openapi';
import {
  listMerchants,
  merchantById,
  reinstateMerchant,
  suspendMerchant,
  updateShop,
} from '../../domain/people/merchants';
import { errorResponses } from '../../http/errors';
import { IdParam, LongText, Text } from '../../http/params';
import { newRouter, noBody } from '../../http/router';
import { json, jsonBody, signedIn } from '../../http/schemas';
import { write } from '../../http/write';

const shopFields = {
  shopName: Text(40),
  category: Text(20),
  address: Text(80),
  openingHours: Text(60).openapi({ example: '每天 8:00–20:00' }),
  offer: LongText(200).openapi({
    description: 'What the shop offers residents (its pledge: 公益承诺)',
  }),
};

export const ShopProfileSchema = z.strictObject(shopFields).openapi('ShopProfile');

/** A change to some of the profile's fields, never none. */
export const ShopPatchSchema = z
  .strictObject({
    shopName: shopFields.shopName.optional(),
    category: shopFields.category.optional(),
    address: shopFields.address.optional(),
    openingHours: shopFields.openingHours.optional(),
    offer: shopFields.offer.optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), '至少修改一项')
  .openapi('ShopPatch');

/** The profile's fields in an answer (the staff's merchant, the counter's public record). */
export const shopProfileOut = {
  shopName: z.string(),
  category: z.string(),
  address: z.string(),
  openingHours: z.string(),
  offer: z.string(),
};

const MerchantSchema = z
  .object({
    id: z.number().int(),
    login: z.string(),
    name: z.string(),
    ...shopProfileOut,
    joinedAt: z.string(),
    disabled: z.boolean(),
    suspendedAt: z.string().nullable(),
    suspendedReason: z.string().nullable(),
  })
  .openapi('Merchant');
/** One merchant as the console's merchants view reads it. */
export type MerchantJson = z.infer<typeof MerchantSchema>;

/**
 * The partner merchants as staff keep them (/api/staff/merchants): the public profile and
 * suspension. Every change is published (the public page is rebuilt) once its write has committed.
 */
export const merchants = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/merchants',
      tags: ['staff'],
      security: signedIn,
      summary: 'The partner merchants: public profile, suspension, whether the account is disabled',
      responses: {
        200: json(z.object({ merchants: z.array(MerchantSchema) }), 'Merchants'),
        ...errorResponses('unauthorized', 'forbidden'),
      },
    }),
    async (c) => c.json({ merchants: await listMerchants(c.get('deps').database.read) }, 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/merchants/{id}',
      tags: ['staff'],
      security: signedIn,
      summary: "Edit a merchant's public profile; the public page follows",
      request: { params: IdParam, body: jsonBody(ShopPatchSchema) },
      responses: {
        200: json(MerchantSchema, 'Changed'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      await write(c, async (tx, actor) => ({ event: await updateShop(tx, actor, id, patch) }));
      return c.json(await merchantById(c.get('deps').database.read, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/merchants/{id}/suspend',
      tags: ['staff'],
      security: signedIn,
      summary:
        'Suspend a merchant: its counter refuses redemptions (merchant_suspended) and its public page says it is paused',
      request: {
        params: IdParam,
        body: jsonBody(z.strictObject({ reason: LongText(200) }).openapi('MerchantSuspension')),
      },
      responses: {
        200: json(MerchantSchema, 'Suspended'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      await write(c, async (tx, actor) => ({
        event: await suspendMerchant(tx, actor, id, reason),
      }));
      return c.json(await merchantById(c.get('deps').database.read, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/merchants/{id}/reinstate',
      tags: ['staff'],
      security: signedIn,
      summary: 'End a suspension: the counter redeems again',
      middleware: [noBody] as const,
      request: { params: IdParam },
      responses: {
        200: json(MerchantSchema, 'Reinstated'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await write(c, async (tx, actor) => ({ event: await reinstateMerchant(tx, actor, id) }));
      return c.json(await merchantById(c.get('deps').database.read, id), 200);
    },
  );

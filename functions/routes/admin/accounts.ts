import { createRoute, z } from '@hono/zod-openapi';
import { LOGIN_PATTERN } from '../../domain/people/account-fields';
import {
  ADMIN_ROLES,
  accountById,
  createAccount,
  hashNewAccount,
  listAccounts,
  resetPassword,
  updateAccount,
} from '../../domain/people/accounts';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  temporaryPassword,
} from '../../domain/people/sessions';
import { hashSecret } from '../../domain/shared/crypto';
import { errorResponses } from '../../http/errors';
import { actorOf, IdParam, Text } from '../../http/params';
import { newRouter, noBody } from '../../http/router';
import { json, jsonBody, PageOf, PageQuery, signedIn } from '../../http/schemas';
import { ShopProfileSchema } from '../staff/merchants';

const AdminRole = z.enum(ADMIN_ROLES).openapi({
  description:
    'staff (daily work), accountant (also the second signature), admin (accounts and settings), merchant (a partner shop’s counter)',
});

const NewAccountBody = z
  .strictObject({
    role: AdminRole,
    login: z.string().regex(LOGIN_PATTERN, '登录名须为 3–32 位小写字母、数字、_ . -'),
    name: Text(32).openapi({ description: 'How the console names the person (e.g. 王主任)' }),
    password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
    mustChangePassword: z
      .boolean()
      .optional()
      .openapi({ description: 'The person chooses their own password at the first sign-in' }),
    shop: ShopProfileSchema.optional().openapi({
      description: 'Required for a merchant, and only for a merchant',
    }),
  })
  .refine((a) => (a.role === 'merchant') === (a.shop !== undefined), {
    message: '商户账号须填写店铺资料（shop），其他账号不能填写',
    path: ['shop'],
  })
  .openapi('NewAccount');

const AccountSchema = z
  .object({
    id: z.number().int(),
    login: z.string(),
    name: z.string(),
    role: AdminRole,
    status: z.enum(['active', 'disabled']),
    disabledAt: z.string().nullable(),
    mustChangePassword: z.boolean(),
    createdAt: z.string(),
    lastSignInAt: z.string().nullable(),
    shop: z.object({ shopName: z.string(), suspended: z.boolean() }).nullable(),
  })
  .openapi('Account');
/** One account as the console's accounts panel reads it. */
export type AccountJson = z.infer<typeof AccountSchema>;

/**
 * Accounts, for the administrator (/api/admin/accounts): the community's staff, accountants and
 * admins, and the partner merchants. The admin role check is attached to the prefix in app.ts.
 */
export const accounts = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/accounts',
      tags: ['admin'],
      security: signedIn,
      summary:
        'Create a staff, accountant, admin or merchant account (residents are registered by staff)',
      request: { body: jsonBody(NewAccountBody) },
      responses: {
        201: json(AccountSchema, 'Created'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'login_taken'),
      },
    }),
    async (c) => {
      const hashed = await hashNewAccount(c.req.valid('json'));
      const actor = actorOf(c);
      const { database } = c.get('deps');
      const id = await database.write((tx) => createAccount(tx, actor, hashed));
      return c.json(await accountById(database.read, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/accounts',
      tags: ['admin'],
      security: signedIn,
      summary: 'Staff, accountants, admins and merchants, by id: status, created, last sign-in',
      request: {
        query: z.object({
          role: AdminRole.optional().openapi({ param: { name: 'role', in: 'query' } }),
          query: z
            .string()
            .max(64)
            .optional()
            .openapi({
              param: { name: 'query', in: 'query' },
              description: 'Part of the login, the name or the shop’s name',
            }),
          ...PageQuery(200, 50).shape,
        }),
      },
      responses: {
        200: json(PageOf(AccountSchema), 'Accounts'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) => {
      return c.json(await listAccounts(c.get('deps').database.read, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/accounts/{id}',
      tags: ['admin'],
      security: signedIn,
      summary: 'Rename, disable or enable an account; disabling ends its sessions at once',
      request: {
        params: IdParam,
        body: jsonBody(
          z
            .strictObject({ name: Text(32).optional(), disabled: z.boolean().optional() })
            .refine(
              (p) => p.name !== undefined || p.disabled !== undefined,
              '至少修改一项（name 或 disabled）',
            )
            .openapi('AccountPatch'),
        ),
      },
      responses: {
        200: json(AccountSchema, 'Changed'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'last_admin',
          'own_account',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const actor = actorOf(c);
      const { database } = c.get('deps');
      await database.write((tx) => updateAccount(tx, actor, id, patch));
      return c.json(await accountById(database.read, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/accounts/{id}/password-reset',
      tags: ['admin'],
      security: signedIn,
      summary:
        'A temporary password (shown once) that must be changed at the next sign-in; the account’s sessions end',
      middleware: [noBody] as const,
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({ temporaryPassword: z.string() }).openapi('AccountTemporaryPassword'),
          'The temporary password: give it to the person; it is not stored in clear',
        ),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'own_account',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const password = temporaryPassword();
      const passwordHash = await hashSecret(password);
      const actor = actorOf(c);
      await c.get('deps').database.write((tx) => resetPassword(tx, actor, id, passwordHash));
      c.header('cache-control', 'no-store');
      return c.json({ temporaryPassword: password }, 200);
    },
  );

import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { roles } from '../../../db/schema';
import { CAPABILITIES_OF, capabilities } from '../../domain/people/roles';
import {
  changePassword,
  login,
  logout,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from '../../domain/people/sessions';
import {
  anySignedIn,
  requestToken,
  SESSION_COOKIE,
  sessionToken,
  signedInPrincipal,
} from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { errorResponses } from '../../http/errors';
import { newRouter, noBody } from '../../http/router';
import { servedOverHttps } from '../../http/same-origin';
import { json, jsonBody, signedIn } from '../../http/schemas';

/** Secure whenever the browser reached the site over HTTPS (behind a proxy only when it is trusted). */
const secureCookie = (c: Context<AppEnv>) => {
  const { secureCookies, trustProxy } = c.get('deps');
  return secureCookies === true || servedOverHttps(c.req.raw, trustProxy);
};

const LoginBody = z.strictObject({
  login: z.string().min(1).max(64).openapi({ example: 'resident1' }),
  password: z.string().min(1).max(256).openapi({ example: 'linli-demo' }),
});

const SessionSchema = z
  .object({
    token: z.string(),
    role: z.enum(roles),
    expiresAt: z.string(),
    mustChangePassword: z.boolean().openapi({
      description: 'A temporary password: change it (POST /api/auth/password) before anything else',
    }),
  })
  .openapi('Session');

const WhoAmISchema = z
  .object({
    userId: z.number().int(),
    login: z.string(),
    name: z.string(),
    role: z.enum(roles),
    can: z
      .array(z.enum(capabilities))
      .openapi({ description: 'What the role may do: me, counter, staff, approve, admin' }),
    mustChangePassword: z.boolean(),
  })
  .openapi('WhoAmI');
/** GET /api/auth/me's answer (the pages read it to choose what to show). */
export type WhoAmIJson = z.infer<typeof WhoAmISchema>;

const PasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z
    .string()
    .min(MIN_PASSWORD_LENGTH)
    .max(MAX_PASSWORD_LENGTH)
    .openapi({ description: `${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters` }),
});

export const session = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags: ['auth'],
      summary: 'Sign in with login and password',
      request: { body: jsonBody(LoginBody) },
      responses: {
        200: json(SessionSchema, 'Signed in; also sets an HttpOnly session cookie'),
        ...errorResponses(
          'invalid_request',
          'invalid_credentials',
          'account_disabled',
          'too_many_attempts',
          'payload_too_large',
        ),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { database, now, clientAddress } = c.get('deps');
      const at = now();
      const session = await login(
        database,
        body.login.trim(),
        body.password,
        at,
        clientAddress?.(c) ?? '',
      );
      // Max-Age, not Expires: the browser counts the lifetime on its own clock, so a client clock
      // that differs from the server's neither drops the session at once nor keeps it too long.
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: secureCookie(c),
        path: '/',
        maxAge: Math.floor((Date.parse(session.expiresAt) - at.getTime()) / 1000),
      });
      return c.json(
        {
          token: session.token,
          role: session.role,
          expiresAt: session.expiresAt,
          mustChangePassword: session.mustChangePassword,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      tags: ['auth'],
      summary: 'End the session of this token or cookie',
      middleware: [noBody] as const,
      responses: {
        200: json(z.object({ ok: z.literal(true) }), 'Signed out (also when there was no session)'),
        ...errorResponses('invalid_request'),
      },
    }),
    async (c) => {
      const token = sessionToken(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
      if (token) await logout(c.get('deps').database, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookie(c) });
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['auth'],
      security: signedIn,
      summary: 'Who is signed in, with which role, and what that role may do',
      middleware: [anySignedIn] as const,
      responses: {
        200: json(WhoAmISchema, 'The signed-in account'),
        ...errorResponses('unauthorized'),
      },
    }),
    async (c) => {
      const p = await signedInPrincipal(c);
      return c.json(
        {
          userId: p.userId,
          login: p.login,
          name: p.displayName,
          role: p.role,
          can: [...CAPABILITIES_OF[p.role]],
          mustChangePassword: p.mustChangePassword,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/password',
      tags: ['auth'],
      security: signedIn,
      summary:
        "Change one's own password (also a temporary one); every other session of the account ends",
      middleware: [anySignedIn] as const,
      request: { body: jsonBody(PasswordBody) },
      responses: {
        200: json(z.object({ ok: z.literal(true) }), 'Changed'),
        ...errorResponses('invalid_request', 'unauthorized', 'invalid_credentials'),
      },
    }),
    async (c) => {
      const p = await signedInPrincipal(c);
      const { currentPassword, newPassword } = c.req.valid('json');
      const { database, now } = c.get('deps');
      await changePassword(database, p, requestToken(c)!, currentPassword, newPassword, now());
      return c.json({ ok: true as const }, 200);
    },
  );

import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, noBody } from '../http/router';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { roles } from '../../db/schema';
import { login, logout } from '../domain/people/sessions';
import { SESSION_COOKIE, sessionToken } from '../http/auth';
import { errorResponses } from '../http/errors';
import { json, jsonBody } from '../http/schemas';

export const auth = newRouter();

const LoginBody = z.strictObject({
  login: z.string().min(1).max(64).openapi({ example: 'resident1' }),
  password: z.string().min(1).max(256).openapi({ example: 'linli-demo' }),
});

const SessionSchema = z.object({ token: z.string(), role: z.enum(roles), expiresAt: z.string() }).openapi('Session');

auth.openapi(
  createRoute({
    method: 'post',
    path: '/login',
    tags: ['auth'],
    summary: 'Sign in with login and password',
    request: { body: jsonBody(LoginBody) },
    responses: { 200: json(SessionSchema, 'Signed in; also sets an HttpOnly session cookie'), ...errorResponses('invalid_request', 'invalid_credentials', 'too_many_attempts') },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const { database, now, secureCookies } = c.get('deps');
    const session = await login(database, body.login, body.password, now());
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secureCookies ?? false,
      path: '/',
      expires: new Date(session.expiresAt),
    });
    return c.json({ token: session.token, role: session.role, expiresAt: session.expiresAt }, 200);
  },
);

auth.openapi(
  createRoute({
    method: 'post',
    path: '/logout',
    tags: ['auth'],
    summary: 'End the session of this token or cookie',
    middleware: [noBody] as const,
    responses: { 200: json(z.object({ ok: z.literal(true) }), 'Signed out (also when there was no session)'), ...errorResponses('invalid_request') },
  }),
  async (c) => {
    const token = sessionToken(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
    if (token) await logout(c.get('deps').database, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true as const }, 200);
  },
);

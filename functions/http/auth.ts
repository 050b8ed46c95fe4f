import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Role } from '../../db/schema';
import { authenticate } from '../domain/people/sessions';
import type { AppEnv } from './context';
import { ApiError } from './errors';

export const SESSION_COOKIE = 'linli_session';

export function sessionToken(header: string | undefined, cookie: string | undefined): string | undefined {
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? cookie;
}

/** Admits only a signed-in caller of one of the given roles: 401 without a valid session, 403 for another role. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = sessionToken(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
    const { database, now } = c.get('deps');
    const principal = token ? await authenticate(database, token, now()) : undefined;
    if (!principal) throw new ApiError('unauthorized', '请先登录');
    if (!roles.includes(principal.role)) throw new ApiError('forbidden', '当前账号无权进行此操作');
    c.set('principal', principal);
    await next();
  });
}

import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../db/schema';
import { requireRole } from './auth';
import type { AppEnv } from './context';
import { ApiError } from './errors';

/**
 * requireRole for a router mounted beside others under one prefix (/api/me, /api/counter,
 * /api/staff): every mounted router's guard runs on every request under that prefix, so when an
 * earlier guard has already admitted the caller, the session is not looked up again.
 */
export function guard(...roles: Role[]): MiddlewareHandler<AppEnv> {
  const check = requireRole(...roles);
  return (c, next) => {
    const principal = c.get('principal') as AppEnv['Variables']['principal'] | undefined;
    if (!principal) return check(c, next);
    if (!roles.includes(principal.role)) throw new ApiError('forbidden', '当前账号无权进行此操作');
    return next();
  };
}

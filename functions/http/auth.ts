import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { statementOf } from '../../db/round-trips';
import { type Capability, can } from '../domain/people/roles';
import {
  authenticate,
  claimOf,
  type Principal,
  principalOf,
  sessionLookup,
} from '../domain/people/sessions';
import { sha256Hex } from '../domain/shared/crypto';
import type { AppEnv } from './context';
import { ApiError } from './errors';

export const SESSION_COOKIE = 'linli_session';

export function sessionToken(
  header: string | undefined,
  cookie: string | undefined,
): string | undefined {
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? cookie;
}

/** The request's session token (bearer header first, then the cookie). */
export function requestToken(c: Context<AppEnv>): string | undefined {
  return sessionToken(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
}

/** The signed-in caller, looked up once per request; 401 without a valid session. */
export async function signedInPrincipal(c: Context<AppEnv>): Promise<Principal> {
  const known = c.get('principal') as Principal | undefined;
  if (known) return known;
  const token = requestToken(c);
  const { database, now } = c.get('deps');
  const principal = token ? await authenticate(database, token, now()) : undefined;
  if (!principal) throw new ApiError('unauthorized', '请先登录');
  c.set('principal', principal);
  return principal;
}

/**
 * The one role check: admits a signed-in caller whose role has the capability (see
 * functions/domain/people/roles.ts); 401 without a valid session, 403 for another role, and 403
 * password_change_required while a temporary password has not been changed. Attached once per URL
 * prefix in functions/app.ts.
 *
 * On a remote database, where each round trip costs tens of milliseconds, a token that names its
 * user and role (sessions.ts `tokenFor`) is admitted on that claim and the session is checked in
 * the request's first round trip, together with the handler's first reads (db/round-trips.ts): no
 * answer of that trip, and no write, is given before the stored session agrees with the claim.
 */
export function allow(capability: Capability) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const deferred = await deferredCheck(c, capability);
    if (deferred) {
      await next();
      // A handler that reached no database still answers only a valid session.
      await deferred();
      return;
    }
    admit(await signedInPrincipal(c), capability);
    await next();
  });
}

function admit(principal: Principal, capability: Capability): void {
  if (!can(principal.role, capability)) throw new ApiError('forbidden', '当前账号无权进行此操作');
  if (principal.mustChangePassword)
    throw new ApiError('password_change_required', '请先修改临时密码，再继续使用');
}

/** Admits the caller on its token's claim, the session check riding the request's first round trip; undefined where that does not apply. */
async function deferredCheck(
  c: Context<AppEnv>,
  capability: Capability,
): Promise<(() => Promise<void>) | undefined> {
  const deps = c.get('deps');
  const token = requestToken(c);
  const claim = token === undefined ? undefined : claimOf(token);
  // A claim this prefix would refuse is judged the usual way: 401 for a token that is no session, 403 for one that is.
  if (!deps.database.withPreflight || !token || !claim || !can(claim.role, capability))
    return undefined;
  const principal: Principal = { ...claim, login: '', displayName: '', mustChangePassword: false };
  const lookup = statementOf(sessionLookup(await sha256Hex(token), deps.now()));
  const { database, checked } = deps.database.withPreflight(lookup, (result) => {
    const found = principalOf(result.rows[0] as unknown as Parameters<typeof principalOf>[0]);
    if (!found || found.userId !== claim.userId || found.role !== claim.role)
      throw new ApiError('unauthorized', '请先登录');
    admit(found, capability);
    Object.assign(principal, found);
  });
  c.set('principal', principal);
  c.set('deps', { ...deps, database });
  return checked;
}

/** Inside an admitted prefix: a further capability one operation needs (e.g. the second signature). */
export function requireCapability(c: Context<AppEnv>, capability: Capability): void {
  const principal = c.get('principal');
  if (!can(principal.role, capability)) {
    throw new ApiError(
      'forbidden',
      capability === 'approve' ? '只有会计（第二签名人）可以审批' : '当前账号无权进行此操作',
    );
  }
}

/**
 * What a queue of things awaiting the second signature shows this caller: the pending ones they
 * may approve — never their own — or nothing at all (null) when their role may not approve.
 */
export function approvableBy(c: Context<AppEnv>): { status: 'pending'; notBy: number } | null {
  const principal = c.get('principal');
  return can(principal.role, 'approve') ? { status: 'pending', notBy: principal.userId } : null;
}

/** For routes open to anyone signed in (who am I, change my password): checked before the body is read. */
export const anySignedIn = createMiddleware<AppEnv>(async (c, next) => {
  await signedInPrincipal(c);
  await next();
});

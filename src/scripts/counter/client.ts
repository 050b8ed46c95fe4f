import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../../../functions/app';
import { api, type ApiResult } from '../api';

/**
 * The counter's reads, typed by the routes' own declarations (a type-only import of the app, so no
 * server code reaches the bundle). hc builds each URL from the route; api() makes the request, so
 * the timeout, the session watch and the network banner apply as on every other page.
 */
const counter = () => hc<AppType>(location.origin).api.counter;
type Routes = ReturnType<typeof counter>;

const viaApi = <T>(url: URL): Promise<ApiResult<T>> => api<T>(url.pathname.replace(/^\/api/, '') + url.search);

export type TotalsJson = InferResponseType<Routes['totals']['$get'], 200>;
export type RecentJson = InferResponseType<Routes['redemptions']['$get'], 200>;

/** GET /api/counter/totals: today's and this month's. */
export const totals = () => viaApi<TotalsJson>(counter().totals.$url());

/** GET /api/counter/redemptions: the latest `limit` redemptions and reversals. */
export const recent = (limit: number) => viaApi<RecentJson>(counter().redemptions.$url({ query: { limit: String(limit) } }));

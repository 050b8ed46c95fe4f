import type { ClientResponse } from 'hono/client';
import { type ApiResult, linli, type OkBody, request } from '../api';

/** A kind of public record: its name is its URL segment under /api/staff/records. */
export type RecordKind =
  | 'services'
  | 'deliberations'
  | 'organizations'
  | 'funds'
  | 'donations'
  | 'incomes'
  | 'expenses'
  | 'corrections'
  | 'budgets';
/** The kinds kept in versions (revised and withdrawn once published): all but the corrections register. */
export type VersionedKind = Exclude<RecordKind, 'corrections'>;

/**
 * The routes of one kind of record, typed by its route. The form engine is generic over kinds, so
 * a call through this answers the union of the kinds' records; the bodies the engine builds from
 * its field specs are checked by the kind's own schema on the server (400 invalid_request).
 */
export const routesOf = (kind: string) => linli.staff.records[kind as RecordKind];
export const versionedRoutesOf = (kind: string) => linli.staff.records[kind as VersionedKind];

type Routes = ReturnType<typeof routesOf>;
type Answer = ClientResponse<unknown, number, string>;
/** Any kind's record, as its route answers it. */
export type AnyRecord = OkBody<Awaited<ReturnType<Routes[':id']['$get']>>>;
/** A page of any kind's records, as its route answers it. */
export type AnyPage = OkBody<Awaited<ReturnType<Routes['$get']>>>;

// request() infers one answer type per call; a call through routesOf answers one of several (one per kind).
/** A call answering one record of the kind it was made for. */
export const requestRecord = (call: Promise<Answer>) =>
  request(call) as Promise<ApiResult<AnyRecord>>;
/** A call answering a page of records of the kind it was made for. */
export const requestPage = (call: Promise<Answer>) => request(call) as Promise<ApiResult<AnyPage>>;

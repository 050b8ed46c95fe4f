import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from '@hono/zod-openapi';
import type { RefusalFacts } from '../domain/shared/errors';

/** The HTTP status of every error code the API can answer with: one table, read by routes and the OpenAPI document. */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_credentials: 401,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  already_reversed: 409,
  cannot_reverse_reversal: 409,
  code_used: 409,
  insufficient_points: 409,
  login_taken: 409,
  card_taken: 409,
  already_published: 409,
  not_draft: 409,
  not_published: 409,
  dependency_unpublished: 409,
  approval_required: 409,
  receipt_required: 409,
  already_approved: 409,
  agenda_in_use: 409,
  fund_code_taken: 409,
  budget_exists: 409,
  record_withdrawn: 409,
  correction_required: 409,
  service_withdrawn: 409,
  activity_closed: 409,
  activity_not_started: 409,
  signup_closed: 409,
  already_checked_in: 409,
  preview_stale: 409,
  batch_decided: 409,
  invalid_transition: 409,
  request_not_done: 409,
  already_rated: 409,
  no_card: 409,
  has_card: 409,
  moved_away: 409,
  last_admin: 409,
  own_account: 409,
  team_name_taken: 409,
  type_code_taken: 409,
  already_member: 409,
  grant_decided: 409,
  self_approval: 403,
  cross_site_request: 403,
  account_disabled: 403,
  password_change_required: 403,
  merchant_suspended: 403,
  file_too_large: 413,
  payload_too_large: 413,
  unsupported_file: 415,
  invalid_reference: 422,
  invalid_correction: 422,
  invalid_provider: 422,
  import_invalid: 422,
  idempotency_mismatch: 422,
  code_invalid: 422,
  code_expired: 422,
  pin_invalid: 422,
  card_invalid: 422,
  item_invalid: 422,
  item_price_mismatch: 422,
  daily_cap_exceeded: 422,
  invalid_recipient: 422,
  card_locked: 423,
  too_many_attempts: 429,
  storage_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export function statusOf(code: string): ContentfulStatusCode {
  return (ERROR_STATUS as Record<string, ContentfulStatusCode>)[code] ?? 400;
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'insufficient_points' }),
      message: z.string().openapi({ example: '积分不足：余额 20 分，本次需 30 分' }),
      details: z
        .object({
          remaining: z.number().int().optional().openapi({ description: 'pin_invalid: wrong PINs the card may still take before it locks' }),
          balance: z.number().int().optional().openapi({ description: 'insufficient_points: the balance found' }),
          lockedUntil: z.string().optional().openapi({ description: 'card_locked: when the card opens again' }),
        })
        .optional()
        .openapi({ description: 'Facts of some refusals, for a client to word in its own language' }),
    }),
  })
  .openapi('Error');

/** Thrown from handlers and middleware; rendered by the app's onError as the contract's error object. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly facts?: RefusalFacts,
  ) {
    super(message);
  }
}

export function errorJson(c: Context, code: string, message: string, headers: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json({ error: { code, message } }, statusOf(code));
}

/** OpenAPI response entries for the given error codes, grouped by status. */
export function errorResponses(...codes: ErrorCode[]) {
  const byStatus: Record<number, { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } }> = {};
  for (const code of codes) {
    const status = ERROR_STATUS[code];
    const prior = byStatus[status];
    byStatus[status] = { description: prior ? `${prior.description}, ${code}` : code, content: { 'application/json': { schema: ErrorSchema } } };
  }
  return byStatus;
}

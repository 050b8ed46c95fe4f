import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERROR_STATUS, type ErrorCode } from '../domain/shared/error-codes';
import type { RefusalFacts } from '../domain/shared/errors';

export { ERROR_STATUS, type ErrorCode };

// Every status in the table is one Hono can send with a body.
ERROR_STATUS satisfies Record<ErrorCode, ContentfulStatusCode>;

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return ERROR_STATUS[code];
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'insufficient_points' }),
      message: z.string().openapi({ example: '积分不足：余额 20 分，本次需 30 分' }),
      details: z
        .object({
          remaining: z.number().int().optional().openapi({
            description: 'pin_invalid: wrong PINs the card may still take before it locks',
          }),
          balance: z
            .number()
            .int()
            .optional()
            .openapi({ description: 'insufficient_points: the balance found' }),
          lockedUntil: z
            .string()
            .optional()
            .openapi({ description: 'card_locked: when the card opens again' }),
        })
        .optional()
        .openapi({
          description: 'Facts of some refusals, for a client to word in its own language',
        }),
    }),
  })
  .openapi('Error');

/** Thrown from handlers and middleware; rendered by the app's onError as the contract's error object. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly facts?: RefusalFacts,
  ) {
    super(message);
  }
}

export function errorJson(
  c: Context,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
) {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json({ error: { code, message } }, statusOf(code));
}

/** OpenAPI response entries for the given error codes, grouped by status. */
export function errorResponses(...codes: ErrorCode[]) {
  const byStatus: Record<
    number,
    { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } }
  > = {};
  for (const code of codes) {
    const status = ERROR_STATUS[code];
    const prior = byStatus[status];
    byStatus[status] = {
      description: prior ? `${prior.description}, ${code}` : code,
      content: { 'application/json': { schema: ErrorSchema } },
    };
  }
  return byStatus;
}

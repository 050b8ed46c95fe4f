import { z } from '@hono/zod-openapi';
import { QueryInt } from './params';
import { IDEMPOTENCY_KEY_PATTERN } from '../domain/ledger/idempotency';
import { counterpartyKinds } from '../domain/ledger/counterparty';
import type { StatementKind } from '../domain/ledger/queries';

/** Schemas shared by several routers. Route-specific ones live beside their route. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ error: '缺少 Idempotency-Key 请求头' })
    .regex(IDEMPOTENCY_KEY_PATTERN, 'Idempotency-Key 须为 8–128 位字母、数字、_ 或 -')
    .openapi({ param: { name: 'idempotency-key', in: 'header' }, example: 'c0ffee-2026-11-25-0001' }),
});

/**
 * The query of a GET that takes no parameters: any is refused (400 invalid_request), as `noBody`
 * refuses a body on a write, so a misspelt parameter is never silently ignored.
 */
export const NoQuery = z.strictObject({}, { error: (issue) => (issue.code === 'unrecognized_keys' ? `此接口不接受查询参数：${issue.keys.join('、')}` : undefined) });

export const Points = z.number().int().min(1).max(1_000_000).openapi({ example: 20 });

export const PageQuery = (max: number, fallback = 20) =>
  z.object({
    limit: QueryInt('limit', 1, max).default(fallback),
    cursor: z.string().regex(/^\d+$/, 'cursor 无效').optional().openapi({ param: { name: 'cursor', in: 'query' } }),
  });

/** A page cursor is an id inside and a decimal string on the wire (opaque to clients). */
export const cursorId = (cursor: string | undefined): number | undefined => (cursor === undefined ? undefined : Number(cursor));
export const cursorOf = (id: number | null): string | null => (id === null ? null : String(id));

export const statementKinds = ['earn', 'redeem', 'transfer_in', 'transfer_out', 'reversal', 'expiry'] as const satisfies readonly StatementKind[];

export const CounterpartySchema = z
  .object({
    kind: z.enum(counterpartyKinds).openapi({
      description:
        'merchant: the shop of a redemption; resident: the other resident of a gift (name masked); activity: the activity an award was for; community: the community itself (an award without activity, an expiry, a grant from the pool); pool: the community pool a donation went to. A reversal names the counterparty of the entry it reverses.',
    }),
    name: z.string().openapi({ example: '幸福里便民超市' }),
  })
  .openapi('Counterparty');

export const LineItemSchema = z
  .object({ id: z.number().int(), name: z.string(), unitPoints: z.number().int(), quantity: z.number().int() })
  .nullable()
  .openapi('StatementItem', { description: "What a redemption bought from the merchant's catalogue, as priced at the counter (for a reversal of one: what it gave back); null otherwise" });

export const EntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    kind: z.enum(statementKinds),
    points: z.number().int(),
    balanceAfter: z.number().int(),
    memo: z.string(),
    counterparty: CounterpartySchema,
    item: LineItemSchema,
  })
  .openapi('StatementEntry');
/** One statement line as the phone receives it (the browser imports this type). */
export type StatementEntryJson = z.infer<typeof EntrySchema>;

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

/** OpenAPI security of every signed-in route: a bearer token or the session cookie. */
export const signedIn: Array<Record<string, string[]>> = [{ Bearer: [] }, { Cookie: [] }];

import { z } from '@hono/zod-openapi';
import { counterpartyKinds } from '../domain/ledger/counterparty';
import { IDEMPOTENCY_KEY_PATTERN } from '../domain/ledger/idempotency';
import type { StatementKind } from '../domain/ledger/queries';
import { ID_CURSOR, idCursorOk, type Page } from '../domain/shared/paging';
import { QueryInt } from './params';

/** Schemas shared by several routers. Route-specific ones live beside their route. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ error: '缺少 Idempotency-Key 请求头' })
    .regex(IDEMPOTENCY_KEY_PATTERN, 'Idempotency-Key 须为 8–128 位字母、数字、_ 或 -')
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      example: 'c0ffee-2026-11-25-0001',
    }),
});

/**
 * The query of a GET that takes no parameters: any is refused (400 invalid_request), as `noBody`
 * refuses a body on a write, so a misspelt parameter is never silently ignored.
 */
export const NoQuery = z.strictObject(
  {},
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `此接口不接受查询参数：${issue.keys.join('、')}`
        : undefined,
  },
);

export const Points = z.number().int().min(1).max(1_000_000).openapi({ example: 20 });

/**
 * The query of every list: a page size and the opaque cursor of the page before (its nextCursor).
 * `cursor` is the shape of that list's cursors (an id unless the list says otherwise), so a
 * malformed one is refused (400 invalid_request) before the list is read. Extend it with the filters.
 */
export const PageQuery = (max: number, fallback = 20, cursor: RegExp = ID_CURSOR) =>
  z.object({
    limit: QueryInt('limit', 1, max).default(fallback),
    cursor: z
      .string()
      .regex(cursor, 'cursor 无效')
      .refine((s) => cursor !== ID_CURSOR || idCursorOk(s), 'cursor 无效')
      .optional()
      .openapi({
        param: { name: 'cursor', in: 'query' },
        description: 'The nextCursor of the previous page (opaque)',
      }),
  });

/**
 * The query of a two-person approval queue (award batches, pool grants): a status, or
 * approvable=true for the pending ones this person may approve, paged.
 */
export const ApprovalQueueQuery = z.object({
  status: z
    .enum(['pending', 'applied', 'rejected'])
    .optional()
    .openapi({ param: { name: 'status', in: 'query' } }),
  approvable: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ param: { name: 'approvable', in: 'query' } }),
  ...PageQuery(100).shape,
});

const pageShape = <T extends z.ZodType>(item: T) => ({
  items: z.array(item),
  nextCursor: z.string().nullable().openapi({
    description: 'The cursor of the next page (pass it back as ?cursor=); null on the last page',
  }),
});
type PageShape<T extends z.ZodType> = ReturnType<typeof pageShape<T>>;

/**
 * The answer of every list: `{ items, nextCursor }`. The lists of the v1 contract (points-api.md)
 * also carry their old name for the same array, which may never be removed (`v1Name`).
 */
export function PageOf<T extends z.ZodType>(item: T): z.ZodObject<PageShape<T>>;
export function PageOf<T extends z.ZodType, K extends string>(
  item: T,
  v1: { v1Name: K },
): z.ZodObject<PageShape<T> & { [P in K]: z.ZodArray<T> }>;
export function PageOf<T extends z.ZodType>(item: T, v1?: { v1Name: string }) {
  const shape = pageShape(item);
  if (!v1) return z.object(shape);
  return z.object({
    ...shape,
    [v1.v1Name]: z.array(item).openapi({
      deprecated: true,
      description: 'The same list as items, kept for the v1 contract',
    }),
  });
}

/** A page of a v1 contract list as it answers: the items also under their v1 name (see PageOf). */
export function v1Page<P extends Page<unknown>, K extends string>(
  page: P,
  v1Name: K,
): P & { [N in K]: P['items'] } {
  return { ...page, [v1Name]: page.items } as P & { [N in K]: P['items'] };
}

export const statementKinds = [
  'earn',
  'redeem',
  'transfer_in',
  'transfer_out',
  'reversal',
  'expiry',
] as const satisfies readonly StatementKind[];

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
  .object({
    id: z.number().int(),
    name: z.string(),
    unitPoints: z.number().int(),
    quantity: z.number().int(),
  })
  .nullable()
  .openapi('StatementItem', {
    description:
      "What a redemption bought from the merchant's catalogue, as priced at the counter (for a reversal of one: what it gave back); null otherwise",
  });

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

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** OpenAPI security of every signed-in route: a bearer token or the session cookie. */
export const signedIn: Array<Record<string, string[]>> = [{ Bearer: [] }, { Cookie: [] }];

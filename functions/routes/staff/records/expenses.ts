import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { budgetLines } from '../../../../db/schema';
import {
  approveExpense,
  createExpense,
  findExpense,
  listExpenses,
  MIN_NO_RECEIPT_REASON,
  publishExpense,
  updateExpense,
} from '../../../domain/records/expenses';
import {
  addReceipt,
  RECEIPT_TYPES,
  type ReceiptUpload,
  readReceipt,
} from '../../../domain/records/receipts';
import { requireCapability } from '../../../http/auth';
import type { AppEnv } from '../../../http/context';
import { ApiError, errorResponses } from '../../../http/errors';
import { newRouter, noBody } from '../../../http/router';
import { json, signedIn } from '../../../http/schemas';
import { write } from '../../../http/write';
import { versionedRecordRoutes } from './crud';
import {
  Body,
  DateString,
  English,
  EnglishOut,
  Fen,
  IdParam,
  idIn,
  ListQuery,
  LongText,
  OptionalLongText,
  Publication,
  QueryId,
  RefId,
  revisionOf,
  Text,
} from './schemas';

const ExpenseBody = Body({
  ...English,
  fundId: RefId,
  date: DateString,
  budgetLine: z.enum(budgetLines),
  description: LongText(1000),
  payee: Text(200),
  beneficiaries: OptionalLongText(500).openapi({
    description: 'Who benefited, anonymised ("3 户独居老人"), never a name',
  }),
  amountFen: Fen,
  receiptNo: Text(50),
  deliberationId: RefId.nullable()
    .optional()
    .openapi({ description: 'The deliberation that approved this spending' }),
  noReceiptReason: z
    .string()
    .trim()
    .min(MIN_NO_RECEIPT_REASON, `无票据原因至少 ${MIN_NO_RECEIPT_REASON} 个字`)
    .max(500, '不能超过 500 个字')
    .nullable()
    .optional()
    .openapi({
      description:
        'Why there is no receipt scan (published with the expense); without a scan or this reason, publishing answers receipt_required',
    }),
});

const ReceiptSchema = z
  .object({
    id: z.number().int(),
    filename: z.string(),
    mime: z.enum(Object.keys(RECEIPT_TYPES) as [string, ...string[]]),
    size: z.number().int(),
    uploadedAt: z.string(),
    uploadedBy: z.number().int().nullable(),
  })
  .openapi('StaffReceipt');

const ExpenseSchema = z
  .object({
    id: z.number().int(),
    fundId: z.number().int(),
    date: z.string(),
    budgetLine: z.enum(budgetLines),
    description: z.string(),
    payee: z.string(),
    beneficiaries: z.string().nullable(),
    amountFen: z.number().int(),
    receiptNo: z.string(),
    approvedBy: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The second staff member who approved it; null until then' }),
    approvedAt: z.string().nullable(),
    deliberationId: z.number().int().nullable(),
    noReceiptReason: z.string().nullable(),
    receipts: z.array(ReceiptSchema),
    ...EnglishOut,
    ...Publication,
  })
  .openapi('StaffExpense');

const expenses = versionedRecordRoutes({
  path: '/expenses',
  tag: 'records',
  noun: 'expense',
  versioned: { entity: 'expense', label: '支出记录' },
  schema: ExpenseSchema,
  create: { body: ExpenseBody.openapi('ExpenseInput'), run: createExpense },
  update: {
    body: revisionOf(ExpenseBody).openapi('ExpensePatch', {
      description:
        'Editing an approved draft withdraws its approval; a published expense is revised with a reason (its amount and fund only by a correction)',
    }),
    run: updateExpense,
  },
  find: findExpense,
  list: {
    query: ListQuery.extend({
      fundId: QueryId('fundId'),
      approved: z
        .enum(['true', 'false'])
        .optional()
        .openapi({
          param: { name: 'approved', in: 'query' },
          description: 'Only approved (true) or awaiting approval (false)',
        }),
    }),
    run: (db, q) =>
      listExpenses(db, {
        ...q,
        approved: q.approved === undefined ? undefined : q.approved === 'true',
      }),
  },
  publish: { codes: ['approval_required', 'receipt_required'], run: publishExpense },
});

const approveExpenseRoute = newRouter().openapi(
  createRoute({
    method: 'post',
    path: '/expenses/{id}/approve',
    tags: ['records'],
    security: signedIn,
    summary: 'Approve a draft expense: the accountant, not the one who entered or edited it',
    middleware: [noBody],
    request: { params: IdParam },
    responses: {
      200: json(ExpenseSchema, 'The approved expense'),
      ...errorResponses(
        'invalid_request',
        'unauthorized',
        'forbidden',
        'self_approval',
        'not_found',
        'already_approved',
      ),
    },
  }),
  async (c) => {
    requireCapability(c, 'approve');
    const { id } = c.req.valid('param');
    return c.json(await write(c, (tx, actor) => approveExpense(tx, actor, id)), 200);
  },
);

// ---- Receipts ----

const binary = { type: 'string', format: 'binary' } as const;
const rawTypes = Object.keys(RECEIPT_TYPES);
/** Content types a raw upload may declare (the bytes still decide the type). */
const RAW_TYPES = new Set([...rawTypes, 'image/jpg', 'application/octet-stream']);

async function uploadOf(c: Context<AppEnv>): Promise<ReceiptUpload> {
  const type = c.req.header('content-type') ?? '';
  if (/^multipart\/form-data/i.test(type)) {
    let form: Record<string, string | File>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new ApiError('invalid_request', '请求无效：无法解析 multipart/form-data 表单');
    }
    const unknown = Object.keys(form).filter((k) => k !== 'file');
    if (unknown.length > 0)
      throw new ApiError('invalid_request', `请求无效：不认识的字段：${unknown.join('、')}`);
    const file = form.file;
    if (!(file instanceof File))
      throw new ApiError('invalid_request', '请求无效：表单中须有文件字段 file');
    return {
      bytes: new Uint8Array(await file.arrayBuffer()),
      filename: file.name,
      declaredType: file.type,
    };
  }
  const essence = type.split(';')[0]!.trim().toLowerCase();
  if (!RAW_TYPES.has(essence))
    throw new ApiError(
      'invalid_request',
      '请求无效：请以 multipart/form-data（字段 file）上传，或以 image/png、image/jpeg、application/pdf 作请求体',
    );
  return {
    bytes: new Uint8Array(await c.req.arrayBuffer()),
    filename: c.req.query('filename'),
    declaredType: type,
  };
}

const attachReceiptRoute = newRouter().openapi(
  createRoute({
    method: 'post',
    path: '/expenses/{id}/receipts',
    tags: ['records'],
    security: signedIn,
    summary:
      'Upload a receipt scan (PNG, JPEG or PDF, at most 5 MB; the type is checked by the file content)',
    description:
      'Either multipart/form-data with one field `file`, or the file itself as the body with its content type (and an optional ?filename=). Any expense, draft or published, can take receipts; the public sees only that one exists.',
    request: {
      params: IdParam,
      query: z.object({
        filename: z
          .string()
          .max(200)
          .optional()
          .openapi({
            param: { name: 'filename', in: 'query' },
            description: 'The file name, for a raw body upload',
          }),
      }),
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: { type: 'object', properties: { file: binary }, required: ['file'] },
          },
          ...Object.fromEntries(rawTypes.map((t) => [t, { schema: binary }])),
        },
      },
    },
    responses: {
      201: json(ReceiptSchema, 'The stored receipt'),
      ...errorResponses(
        'invalid_request',
        'unauthorized',
        'forbidden',
        'not_found',
        'file_too_large',
        'unsupported_file',
      ),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const upload = await uploadOf(c);
    const { record } = await write(c, (tx, actor) => addReceipt(tx, actor, id, upload));
    return c.json(record, 201);
  },
);

/** A header-safe file name: ASCII fallback plus the RFC 5987 UTF-8 form. */
function disposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

const downloadReceiptRoute = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/expenses/{id}/receipts/{receiptId}',
    tags: ['records'],
    security: signedIn,
    summary: 'The receipt file itself (staff only)',
    request: {
      params: IdParam.extend({ receiptId: idIn('receiptId', 'path') }),
    },
    responses: {
      200: {
        description: 'The file, with its checked content type',
        content: Object.fromEntries(rawTypes.map((t) => [t, { schema: binary }])),
      },
      ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
    },
  }),
  // Sound casts: the route's params schema validated both ids; Hono cannot type a binary answer's content map.
  (async (c: Context<AppEnv>) => {
    const { id, receiptId } = c.req.valid('param' as never) as { id: number; receiptId: number };
    const file = await readReceipt(c.get('deps').database.read, id, receiptId);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.mime,
      'content-disposition': disposition(file.filename),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  }) as never,
);

/** Fund use: expenses by budget line, approved by a second staff member, with receipt scans. */
export const expenseRoutes = newRouter()
  .route('/', expenses)
  .route('/', approveExpenseRoute)
  .route('/', attachReceiptRoute)
  .route('/', downloadReceiptRoute);

import type { MiddlewareHandler } from 'hono';
import { MAX_RECEIPT_BYTES } from '../domain/records/receipts';
import { MAX_CSV_BYTES } from './csv-upload';
import { errorJson } from './errors';

/**
 * How large a request body may be, by path: the first rule that matches. Small JSON for everyone
 * (sign-in, the counter, the phone); staff and admin writes carry long record texts and batches of
 * up to 500 lines; files are larger still. The role check runs before this, so only someone
 * signed in with the role reaches the larger limits.
 */
export const BODY_LIMITS: ReadonlyArray<{
  path: RegExp;
  maxSize: number;
  code: 'file_too_large' | 'payload_too_large';
  message: string;
}> = [
  {
    path: /^\/api\/staff\/residents\/import(\/check)?$/,
    maxSize: MAX_CSV_BYTES,
    code: 'file_too_large',
    message: `文件过大：CSV 不能超过 ${MAX_CSV_BYTES / 1_000_000} MB，请分批导入`,
  },
  // Room for the multipart envelope around a receipt of the largest accepted size.
  {
    path: /^\/api\/staff\/records\/expenses\/[^/]+\/receipts$/,
    maxSize: MAX_RECEIPT_BYTES + 64 * 1024,
    code: 'file_too_large',
    message: `文件过大：票据不能超过 ${MAX_RECEIPT_BYTES / 1024 / 1024} MB`,
  },
  {
    path: /^\/api\/(staff|admin)\//,
    maxSize: 1024 * 1024,
    code: 'payload_too_large',
    message: '请求体过大：不能超过 1 MB',
  },
  {
    path: /^/,
    maxSize: 64 * 1024,
    code: 'payload_too_large',
    message: '请求体过大：不能超过 64 KB',
  },
];

/**
 * 413 before the body is read: a declared Content-Length over the limit is refused unread; a body
 * of unknown length (chunked) is read only up to the limit, then the rest is cancelled unread.
 */
export const bodyLimits: MiddlewareHandler = async (c, next) => {
  const body = c.req.raw.body;
  if (!body) return next();
  const rule = BODY_LIMITS.find((r) => r.path.test(c.req.path))!;
  const tooLarge = () => errorJson(c, rule.code, rule.message);
  const declared = c.req.header('content-length');
  if (declared !== undefined && !c.req.header('transfer-encoding'))
    return Number(declared) > rule.maxSize ? tooLarge() : next();

  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > rule.maxSize) {
      await reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  c.req.raw = new Request(c.req.raw, { body: whole });
  return next();
};

import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './context';
import { ApiError } from './errors';

/**
 * A CSV upload: the file itself as the body (what the console sends, so the server sees the
 * bytes and decodes GBK exactly as the CLI does: functions/domain/people/csv-text.ts), or JSON
 * `{ csv }` holding text a client already decoded (the older form, still accepted).
 */
/** The largest upload (functions/http/body-limit.ts refuses more, unread). */
export const MAX_CSV_BYTES = 6_000_000;
/** What a browser or a script may call a .csv file: its type is not trusted, the bytes decide. */
const RAW_TYPES = [
  'text/csv',
  'text/plain',
  'application/vnd.ms-excel',
  'application/octet-stream',
] as const;
const binary = { type: 'string', format: 'binary' } as const;

export const CsvJson = z.strictObject({
  csv: z
    .string()
    .min(1)
    .max(2_000_000)
    .openapi({ description: 'The CSV text, already decoded, first row the header' }),
});

/** The route's request body: JSON or the raw file (not "required" only so the raw form skips the JSON validator). */
export const csvUploadBody = {
  description:
    'The CSV file itself (text/csv; UTF-8, or GBK as Excel and WPS save it), or JSON { csv } with the text',
  content: {
    'application/json': { schema: CsvJson },
    ...Object.fromEntries(RAW_TYPES.map((t) => [t, { schema: binary }])),
  },
};

/** The upload as the domain takes it: decoded text from JSON, or the file's bytes. */
export async function csvUploadOf(
  c: Context<AppEnv>,
  json: { csv?: string },
): Promise<string | Uint8Array> {
  if (/^application\/json/i.test(c.req.header('content-type') ?? '')) return json.csv!;
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0)
    throw new ApiError('invalid_request', '请求无效：请上传 CSV 文件（请求体为空）');
  return bytes;
}

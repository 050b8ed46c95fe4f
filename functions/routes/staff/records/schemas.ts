import { z } from '@hono/zod-openapi';
import { recordStatuses } from '../../../../db/schema';
import { LocalDate, LongText, Text } from '../../../http/params';
import { PageQuery } from '../../../http/schemas';

/** Request and response pieces shared by the records routers. Text is stored as entered (trimmed); the site escapes it. */

/** A request body: unknown fields are refused (400 invalid_request), in words staff can act on. */
export const Body = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `不认识的字段：${issue.keys.join('、')}`
        : issue.code === 'invalid_type'
          ? '请求体须为 JSON 对象'
          : undefined,
  });

export { IdParam, idIn, LongText, QueryId, QueryInt, RefId, Text } from '../../../http/params';
/** An optional text field; null clears it. */
export const OptionalText = (max: number) => Text(max).nullable().optional();
export const OptionalLongText = (max: number) => LongText(max).nullable().optional();

/** A record's date: a real calendar date in this century. */
export const DateString = LocalDate.refine(
  (s) => s >= '2000-01-01' && s <= '2099-12-31',
  '日期须在 2000–2099 年之间',
).openapi({ format: 'date', example: '2026-03-09' });

export const MAX_FEN = 10_000_000_000; // ¥100,000,000
export const Fen = z
  .number()
  .int('金额须为整数（单位：分）')
  .min(0, '金额不能为负')
  .max(MAX_FEN, '金额过大')
  .openapi({ description: 'Integer fen (分): ¥12.34 = 1234', example: 50000 });
export const Count = (max: number) =>
  z.number().int('须为整数').min(0, '不能为负').max(max, `不能超过 ${max}`);

/** A PATCH body: any subset of the fields, at least one. */
export const patchOf = <S extends z.ZodRawShape, C extends z.core.$ZodObjectConfig>(
  create: z.ZodObject<S, C>,
) =>
  create.partial().refine((o: object) => Object.keys(o).length > 0, '请至少提供一个要修改的字段');

/** 修订说明 (更正说明 for money): why a published record changes. */
export const Reason = LongText(2000).openapi({
  description:
    'Why: required when the record is published (修订说明; for money records 更正说明), shown on its public page',
});

/** A PATCH body of a record that is revised once published: the changed fields plus the reason. */
export const revisionOf = <S extends z.ZodRawShape, C extends z.core.$ZodObjectConfig>(
  create: z.ZodObject<S, C>,
) => patchOf(create.extend({ reason: Reason }));

export const ListQuery = PageQuery(200, 50).extend({
  status: z
    .enum(recordStatuses)
    .optional()
    .openapi({ param: { name: 'status', in: 'query' } }),
});

export const Publication = {
  status: z.enum(recordStatuses),
  publishedAt: z.string().nullable(),
  publishedBy: z.number().int().nullable(),
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
};

/** The optional English title and summary of a public record, shown on the /en/ pages. */
export const English = {
  titleEn: OptionalText(200).openapi({
    description:
      'English title, shown on /en/ pages (absent: the page says the record is in Chinese only)',
  }),
  summaryEn: OptionalLongText(2000).openapi({
    description: 'English summary, shown on /en/ pages',
  }),
};
export const EnglishOut = { titleEn: z.string().nullable(), summaryEn: z.string().nullable() };

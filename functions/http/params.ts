import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Actor } from '../domain/records/audit';
import type { AppEnv } from './context';

/** Small schemas and helpers shared by every router: ids, text, dates. */

const MAX_ID = 2 ** 31;
/**
 * An id in a path or query string: plain decimal digits, no sign, blank, leading zero, exponent or
 * hex (a number coerced from text would take `0x10`, `1e3`, ` 12` and `+5` as ids).
 */
export const idIn = (name: string, where: 'path' | 'query', example = 1) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, `${name} 须为正整数（十进制，不带符号或前导零）`)
    .transform(Number)
    .pipe(z.number().max(MAX_ID, `${name} 过大`))
    .openapi({
      param: { name, in: where },
      type: 'string',
      pattern: '^[1-9][0-9]{0,9}$',
      example: String(example),
    });
/** A whole number in the query string (a page size, a year), as strict as an id: decimal digits only. */
export const QueryInt = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,9})$/, `${name} 须为整数（十进制）`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} 不能小于 ${min}`).max(max, `${name} 不能大于 ${max}`))
    .openapi({ param: { name, in: 'query' }, type: 'string', pattern: '^(0|[1-9][0-9]{0,9})$' });
/** An optional id in the query string. */
export const QueryId = (name: string) => idIn(name, 'query').optional();
export const IdParam = z.object({ id: idIn('id', 'path') });
/** An id in a JSON body (a JSON number). */
export const RefId = z.number().int().min(1).max(MAX_ID);

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** A calendar date in community time, YYYY-MM-DD. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isRealDate, '不是有效日期')
  .openapi({ format: 'date', example: '2026-03-09' });

/** Control characters (C0, DEL, C1), NUL above all: never part of a name, a title or a line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern exists to find
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, less the line breaks and tabs that multi-line text (a description) may hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern exists to find
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Single-line free text of a given length (a name, a title, a reason): trimmed, never blank, no control characters. */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, '不能为空')
    .max(max, `最多 ${max} 个字`)
    .refine((s) => !CONTROL.test(s), '不能包含控制字符或换行');
/** Multi-line free text (a description, a summary): as Text, but line breaks and tabs are kept. */
export const LongText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, '不能为空')
    .max(max, `最多 ${max} 个字`)
    .refine((s) => !CONTROL_EXCEPT_LINES.test(s), '不能包含控制字符');
/** Text, where an empty string means none. */
export const TextOrEmpty = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `最多 ${max} 个字`)
    .refine((s) => !CONTROL.test(s), '不能包含控制字符或换行');
/** LongText, where an empty string means none. */
export const LongTextOrEmpty = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `最多 ${max} 个字`)
    .refine((s) => !CONTROL_EXCEPT_LINES.test(s), '不能包含控制字符');

/** The signed-in staff member (or resident) and the request's clock, as the domain's Actor. */
export function actorOf(c: Context<AppEnv>): Actor {
  return { actorId: c.get('principal').userId, now: c.get('deps').now() };
}

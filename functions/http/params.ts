import type { Context } from 'hono';
import { z } from '@hono/zod-openapi';
import type { Actor } from '../domain/records/audit';
import type { AppEnv } from './context';

/** Small schemas and helpers shared by the daily-use routers (activities, requests, residents, counter items). */
export const IdParam = z.object({ id: z.coerce.number().int().min(1).max(2 ** 31).openapi({ param: { name: 'id', in: 'path' }, example: 1 }) });

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** A calendar date in community time, YYYY-MM-DD. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isRealDate, '不是有效日期')
  .openapi({ example: '2026-03-09' });

/** Free text of a given length, trimmed, never blank. */
export const Text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `最多 ${max} 个字`);

export const IdCursorQuery = (max: number, fallback = 20) => ({
  limit: z.coerce.number().int().min(1).max(max).default(fallback).openapi({ param: { name: 'limit', in: 'query' } }),
  cursor: z.string().regex(/^\d+$/, 'cursor 无效').optional().openapi({ param: { name: 'cursor', in: 'query' } }),
});

/** The signed-in staff member (or resident) and the request's clock, as the domain's Actor. */
export function actorOf(c: Context<AppEnv>): Actor {
  return { actorId: c.get('principal').userId, now: c.get('deps').now() };
}

import { createRoute, z } from '@hono/zod-openapi';
import { newRouter } from '../http/router';
import { sql } from 'drizzle-orm';
import { errorResponses } from '../http/errors';
import { json, NoQuery } from '../http/schemas';

export const health = newRouter();

health.openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['system'],
    summary: 'Whether the API and its database answer',
    request: { query: NoQuery },
    responses: { 200: json(z.object({ ok: z.literal(true) }), 'The database answers'), ...errorResponses('invalid_request') },
  }),
  async (c) => {
    await c.get('deps').database.read.run(sql`select 1`);
    return c.json({ ok: true as const }, 200);
  },
);

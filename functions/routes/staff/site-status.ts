import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../../http/errors';
import { newRouter } from '../../http/router';
import { json, signedIn } from '../../http/schemas';

const SiteStatusSchema = z
  .object({
    state: z.enum(['building', 'ok', 'failed', 'unknown']).openapi({
      description:
        'building: a build is running; ok: the last build succeeded; failed: the last build failed; unknown: built outside this server (the edge)',
    }),
    builtAt: z.string().nullable().openapi({
      description:
        'When the site the public now sees was built; null: no site yet, the public sees a notice',
    }),
    failedAt: z.string().nullable(),
    error: z.string().nullable().openapi({
      description: 'Why the last build failed (shortened; the server log has it whole)',
    }),
  })
  .openapi('SiteStatus');

/** The public site's build state (/api/staff/site), so staff learn of a failed build in the console. */
export const siteStatus = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/site',
    tags: ['staff'],
    security: signedIn,
    summary: "The public site's build: building, ok (built at), or failed (when, why)",
    responses: {
      200: json(SiteStatusSchema, 'The build state'),
      ...errorResponses('unauthorized', 'forbidden', 'password_change_required'),
    },
  }),
  (c) => {
    const status = c.get('deps').siteStatus?.() ?? {
      state: 'unknown' as const,
      builtAt: null,
      failedAt: null,
      error: null,
    };
    return c.json(status, 200);
  },
);

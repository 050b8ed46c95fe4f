import { createRoute, z } from '@hono/zod-openapi';
import { COUNTER_ALERT_DAYS, counterAlerts } from '../../domain/counter/budget';
import { errorResponses } from '../../http/errors';
import { newRouter } from '../../http/router';
import { json, signedIn } from '../../http/schemas';

const CounterAlertSchema = z
  .object({
    id: z.number().int(),
    merchantId: z.number().int(),
    shopName: z.string(),
    at: z.string().openapi({ description: 'When the counter used up its budget' }),
    until: z.string().openapi({
      description:
        'When that budget comes back (the counter may be paused again by later failures)',
    }),
    window: z.enum(['burst', 'daily']).openapi({
      description:
        'burst: 10 failed codes or PINs in 10 minutes; daily: 20 failed typed codes or PINs in 24 hours',
    }),
    failures: z.number().int(),
  })
  .openapi('CounterAlert');
/** GET /api/staff/counter-alerts's answer. */
export type CounterAlertsJson = { alerts: Array<z.infer<typeof CounterAlertSchema>> };

/** Counters paused for guessing (/api/staff/counter-alerts): what the staff console warns of. */
export const alerts = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/counter-alerts',
    tags: ['staff'],
    security: signedIn,
    summary: `Partner counters paused for too many wrong codes or PINs in the last ${COUNTER_ALERT_DAYS} days, newest first`,
    responses: {
      200: json(z.object({ alerts: z.array(CounterAlertSchema) }), 'Alerts'),
      ...errorResponses('unauthorized', 'forbidden', 'password_change_required'),
    },
  }),
  async (c) => {
    const { database, now } = c.get('deps');
    return c.json({ alerts: await counterAlerts(database.read, now()) }, 200);
  },
);

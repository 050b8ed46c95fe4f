import { z } from '@hono/zod-openapi';

/** The published deliberation (and service) a request, activity or award batch comes from; an unknown one answers 422 invalid_reference. */
export const ChainLinkFields = {
  deliberationId: z.number().int().min(1).nullable().optional().openapi({
    description: 'The published deliberation this comes from (shown on its public page), if any',
  }),
  serviceId: z
    .number()
    .int()
    .min(1)
    .nullable()
    .optional()
    .openapi({ description: 'The published service this carries out, if any' }),
};

export const ChainLinkOut = {
  deliberationId: z.number().int().nullable(),
  serviceId: z.number().int().nullable(),
};

import { z } from '@hono/zod-openapi';
import { versionKinds } from '../../../../db/schema';

export const VersionSchema = z
  .object({
    entity: z.string(),
    recordId: z.number().int(),
    version: z
      .number()
      .int()
      .openapi({ description: '1 is what was published; each revision or withdrawal adds one' }),
    at: z.string(),
    actorId: z.number().int().nullable(),
    kind: z.enum(versionKinds),
    reason: z
      .string()
      .nullable()
      .openapi({ description: '修订说明 / 更正说明; null for version 1' }),
    snapshot: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The public fields as of this version' }),
    changed: z.array(z.string()).openapi({ description: 'The fields this version changed' }),
  })
  .openapi('RecordVersion');

export const VersionsSchema = z.object({ items: z.array(VersionSchema) }).openapi('RecordVersions');

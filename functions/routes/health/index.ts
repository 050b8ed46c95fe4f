import { createRoute, z } from '@hono/zod-openapi';
import { probeRead, probeWrite } from '../../domain/shared/storage';
import { errorResponses } from '../../http/errors';
import { STORAGE_RETRY_AFTER_SECONDS, storageFault } from '../../http/faults';
import { newRouter } from '../../http/router';
import { json, NoQuery } from '../../http/schemas';

const checkNames = ['database_readable', 'database_writable'] as const;
type CheckName = (typeof checkNames)[number];

const Readiness = z
  .object({
    ok: z.boolean(),
    checks: z.object({ database_readable: z.boolean(), database_writable: z.boolean() }),
    failing: z
      .array(z.enum(checkNames))
      .openapi({ description: 'The checks that failed (empty when ready)' }),
    fault: z.string().optional().openapi({
      description:
        'The storage error of the first failing check, e.g. SQLITE_FULL, SQLITE_READONLY, ECONNREFUSED',
    }),
  })
  .openapi('Readiness');

async function check(probe: () => Promise<void>): Promise<{ ok: boolean; fault?: string }> {
  try {
    await probe();
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      fault: storageFault(error) ?? (error as { code?: string }).code ?? 'unknown',
    };
  }
}

export const health = newRouter()
  /** Liveness: the process answers. It never looks at storage, so a full disk does not get the process restarted. */
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['system'],
      security: [],
      summary: 'Liveness: the API process answers (storage is the readiness check)',
      request: { query: NoQuery },
      responses: {
        200: json(z.object({ ok: z.literal(true) }), 'The process answers'),
        ...errorResponses('invalid_request'),
      },
    }),
    (c) => c.json({ ok: true as const }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/ready',
      tags: ['system'],
      security: [],
      summary:
        'Readiness: the database can be read and written (503 naming the failing check when not)',
      request: { query: NoQuery },
      responses: {
        200: json(Readiness, 'Ready: every check passed'),
        503: json(
          Readiness,
          'Not ready: storage is full, read-only, unreadable or unreachable; `failing` names the checks',
        ),
        ...errorResponses('invalid_request'),
      },
    }),
    async (c) => {
      const database = c.get('deps').database;
      const read = await check(() => probeRead(database));
      const write = await check(() => probeWrite(database));
      const results: Record<CheckName, { ok: boolean; fault?: string }> = {
        database_readable: read,
        database_writable: write,
      };
      const failing = checkNames.filter((name) => !results[name].ok);
      const fault = failing.length > 0 ? results[failing[0]!].fault : undefined;
      const body = {
        ok: failing.length === 0,
        checks: { database_readable: read.ok, database_writable: write.ok },
        failing,
        ...(fault ? { fault } : {}),
      };
      if (failing.length === 0) return c.json(body, 200);
      c.header('Retry-After', String(STORAGE_RETRY_AFTER_SECONDS));
      return c.json(body, 503);
    },
  );

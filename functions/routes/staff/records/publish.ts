import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Db } from '../../../../db/client';
import type { Actor } from '../../../domain/records/audit';
import type { PublishEvent } from '../../../domain/records/publish';
import type { AppEnv } from '../../../http/context';
import { type ErrorCode, errorResponses } from '../../../http/errors';
import { newRouter, noBody } from '../../../http/router';
import { json, signedIn } from '../../../http/schemas';
import { write } from '../../../http/write';
import { IdParam } from './schemas';

export interface PublishSpec<P extends string, R> {
  /** The collection path, e.g. '/donations'. */
  path: P;
  tag: string;
  noun: string;
  schema: z.ZodType<R>;
  /** Refusals beyond the common ones (e.g. approval_required). */
  codes?: ErrorCode[];
  run: (tx: Db, actor: Actor, id: number) => Promise<{ record: R; event: PublishEvent }>;
}

/** POST {path}/{id}/publish: stamps who and when, appends a publish_event and an audit row, then tells the shell. */
export function publishRoute<P extends string, R>(spec: PublishSpec<P, R>) {
  return newRouter().openapi(
    createRoute({
      method: 'post',
      path: `${spec.path}/{id}/publish`,
      tags: [spec.tag],
      security: signedIn,
      summary: `Publish a draft ${spec.noun} (recorded: who, when; the public site is rebuilt)`,
      middleware: [noBody],
      request: { params: IdParam },
      responses: {
        200: json(spec.schema, `The published ${spec.noun}`),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'already_published',
          'dependency_unpublished',
          ...(spec.codes ?? []),
        ),
      },
    }),
    // Sound casts, as in crud.ts: the route's own IdParam validated the id; the generic spec hides its type.
    (async (c: Context<AppEnv>) => {
      const { id } = c.req.valid('param' as never) as { id: number };
      const { record } = await write(c, (tx, actor) => spec.run(tx, actor, id));
      return c.json(record as object, 200);
    }) as never,
  );
}

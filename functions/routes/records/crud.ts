import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Db } from '../../../db/client';
import type { Actor } from '../../domain/records/audit';
import type { PublishEvent } from '../../domain/records/publish';
import type { Page } from '../../domain/shared/paging';
import type { AppEnv } from '../../http/context';
import { errorResponses, type ErrorCode } from '../../http/errors';
import { json, jsonBody, signedIn } from '../../http/schemas';
import { publishRoute } from './publish';
import { IdParam, PageOf } from './schemas';
import { write } from './shared';

/**
 * The staff console's five routes for one kind of public record:
 *   POST {path}              create a draft               GET {path}        list (status filter)
 *   GET {path}/{id}          one record                   PATCH {path}/{id} edit a draft
 *   POST {path}/{id}/publish publish it
 * Bodies are strict objects (unknown fields → 400 invalid_request through the shared hook).
 */
export interface RecordRoutes<Create extends z.ZodType, Patch extends z.ZodType, Query extends z.ZodObject, R> {
  path: string;
  tag: string;
  noun: string;
  /** The record as answered; typed against what the domain returns, so the two cannot drift apart. */
  schema: z.ZodType<R>;
  /** The schema of a list item, when it is leaner than the single record. */
  listSchema?: z.ZodType;
  create: { body: Create; codes?: ErrorCode[]; run: (tx: Db, actor: Actor, body: z.output<Create>) => Promise<R> };
  update: { body: Patch; codes?: ErrorCode[]; run: (tx: Db, actor: Actor, id: number, body: z.output<Patch>) => Promise<R> };
  find: (db: Db, id: number) => Promise<R>;
  list: { query: Query; run: (db: Db, q: z.output<Query>) => Promise<Page<unknown>> };
  publish: { codes?: ErrorCode[]; run: (tx: Db, actor: Actor, id: number) => Promise<{ record: R; event: PublishEvent }> };
}

/** The validated request parts (the generic spec hides their types from Hono's inference). */
const valid =
  (c: Context<AppEnv>) =>
  <T>(target: 'json' | 'param' | 'query'): T =>
    c.req.valid(target as never) as T;

export function recordRoutes<Create extends z.ZodType, Patch extends z.ZodType, Query extends z.ZodObject, R>(
  router: OpenAPIHono<AppEnv>,
  spec: RecordRoutes<Create, Patch, Query, R>,
): void {
  const { path, tag, noun, schema } = spec;
  router.openapi(
    createRoute({
      method: 'post',
      path,
      tags: [tag],
      security: signedIn,
      summary: `Create a draft ${noun}`,
      request: { body: jsonBody(spec.create.body) },
      responses: { 201: json(schema, `The new draft ${noun}`), ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'invalid_reference', ...(spec.create.codes ?? [])) },
    }),
    (async (c: Context<AppEnv>) => {
      const body = valid(c)<z.output<Create>>('json');
      return c.json((await write(c, (tx, actor) => spec.create.run(tx, actor, body))) as object, 201);
    }) as never,
  );

  router.openapi(
    createRoute({
      method: 'get',
      path,
      tags: [tag],
      security: signedIn,
      summary: `List ${noun} records, newest first, drafts included`,
      request: { query: spec.list.query },
      responses: { 200: json(PageOf(spec.listSchema ?? schema), `${noun} records`), ...errorResponses('invalid_request', 'unauthorized', 'forbidden') },
    }),
    (async (c: Context<AppEnv>) => c.json((await spec.list.run(c.get('deps').database.read, valid(c)<z.output<Query>>('query'))) as object, 200)) as never,
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: `${path}/{id}`,
      tags: [tag],
      security: signedIn,
      summary: `One ${noun}, draft or published`,
      request: { params: IdParam },
      responses: { 200: json(schema, `The ${noun}`), ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found') },
    }),
    (async (c: Context<AppEnv>) => c.json((await spec.find(c.get('deps').database.read, valid(c)<{ id: number }>('param').id)) as object, 200)) as never,
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: `${path}/{id}`,
      tags: [tag],
      security: signedIn,
      summary: `Edit a draft ${noun} (a published one is refused with not_draft)`,
      request: { params: IdParam, body: jsonBody(spec.update.body) },
      responses: {
        200: json(schema, `The edited ${noun}`),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found', 'not_draft', 'invalid_reference', ...(spec.update.codes ?? [])),
      },
    }),
    (async (c: Context<AppEnv>) => {
      const { id } = valid(c)<{ id: number }>('param');
      const body = valid(c)<z.output<Patch>>('json');
      return c.json((await write(c, (tx, actor) => spec.update.run(tx, actor, id, body))) as object, 200);
    }) as never,
  );

  publishRoute(router, { path, tag, noun, schema, codes: spec.publish.codes, run: spec.publish.run });
}


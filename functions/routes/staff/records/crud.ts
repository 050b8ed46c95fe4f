import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Db } from '../../../../db/client';
import type { Actor } from '../../../domain/records/audit';
import type { PublishEvent } from '../../../domain/records/publish';
import {
  listVersions,
  recordPublished,
  type VersionedEntity,
  withdrawRecord,
} from '../../../domain/records/versions';
import type { Page } from '../../../domain/shared/paging';
import type { AppEnv } from '../../../http/context';
import { type ErrorCode, errorResponses } from '../../../http/errors';
import { newRouter, noBody } from '../../../http/router';
import { json, jsonBody, PageOf, signedIn } from '../../../http/schemas';
import { notifyPublished, write } from '../../../http/write';
import { publishRoute } from './publish';
import { Body, IdParam, Reason } from './schemas';
import { VersionsSchema } from './versions';

/**
 * The staff console's routes for one kind of public record:
 *   POST {path}              create a draft               GET {path}        list (status filter)
 *   GET {path}/{id}          one record                   PATCH {path}/{id} edit a draft, revise a published one (with reason)
 *   POST {path}/{id}/publish publish it (version 1)       POST {path}/{id}/withdraw  withdraw it (with reason)
 *   GET {path}/{id}/versions its versions
 * Bodies are strict objects (unknown fields → 400 invalid_request through the shared hook).
 */
export interface RecordRoutes<
  P extends string,
  Create extends z.ZodType,
  Patch extends z.ZodType,
  Query extends z.ZodObject,
  R,
  L extends z.ZodType = z.ZodType<R>,
> {
  /** The collection path, e.g. '/funds': a literal, so the typed client (hc<AppType>) sees each route. */
  path: P;
  tag: string;
  noun: string;
  /** A public record kept in versions: its entity name and its name in messages ('服务'). */
  versioned?: { entity: VersionedEntity; label: string };
  /** The record as answered; typed against what the domain returns, so the two cannot drift apart. */
  schema: z.ZodType<R>;
  /** The schema of a list item, when it is leaner than the single record. */
  listSchema?: L;
  create: {
    body: Create;
    codes?: ErrorCode[];
    run: (tx: Db, actor: Actor, body: z.output<Create>) => Promise<R>;
  };
  update: {
    body: Patch;
    codes?: ErrorCode[];
    run: (tx: Db, actor: Actor, id: number, body: z.output<Patch>) => Promise<R>;
  };
  find: (db: Db, id: number) => Promise<R>;
  list: { query: Query; run: (db: Db, q: z.output<Query>) => Promise<Page<unknown>> };
  publish: {
    codes?: ErrorCode[];
    run: (tx: Db, actor: Actor, id: number) => Promise<{ record: R; event: PublishEvent }>;
  };
}

/**
 * The validated request parts (the generic spec hides their types from Hono's inference). The
 * `as never` casts on the handlers in this file are sound for the same reason: each handler's
 * request and answer are checked by the zod schemas of the route it is registered with, which are
 * built from the same spec; only TypeScript cannot relate a generic spec to Hono's per-route
 * inferred handler types. The routes' own types (what AppType and the typed client see) come from
 * the route configs, which are fully typed once a kind's spec is concrete.
 */
const valid =
  (c: Context<AppEnv>) =>
  <T>(target: 'json' | 'param' | 'query'): T =>
    c.req.valid(target as never) as T;

export function recordRoutes<
  P extends string,
  Create extends z.ZodType,
  Patch extends z.ZodType,
  Query extends z.ZodObject,
  R extends { id: number; status: string },
  L extends z.ZodType = z.ZodType<R>,
>(spec: RecordRoutes<P, Create, Patch, Query, R, L>) {
  const { path, tag, noun, schema } = spec;
  const listSchema = (spec.listSchema ?? schema) as L;
  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path,
        tags: [tag],
        security: signedIn,
        summary: `Create a draft ${noun}`,
        request: { body: jsonBody(spec.create.body) },
        responses: {
          201: json(schema, `The new draft ${noun}`),
          ...errorResponses(
            'invalid_request',
            'unauthorized',
            'forbidden',
            'invalid_reference',
            ...(spec.create.codes ?? []),
          ),
        },
      }),
      (async (c: Context<AppEnv>) => {
        const body = valid(c)<z.output<Create>>('json');
        return c.json(
          (await write(c, (tx, actor) => spec.create.run(tx, actor, body))) as object,
          201,
        );
      }) as never,
    )
    .openapi(
      createRoute({
        method: 'get',
        path,
        tags: [tag],
        security: signedIn,
        summary: `List ${noun} records, newest first, drafts included`,
        request: { query: spec.list.query },
        responses: {
          200: json(PageOf(listSchema), `${noun} records`),
          ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
        },
      }),
      (async (c: Context<AppEnv>) =>
        c.json(
          (await spec.list.run(
            c.get('deps').database.read,
            valid(c)<z.output<Query>>('query'),
          )) as object,
          200,
        )) as never,
    )
    .openapi(
      createRoute({
        method: 'get',
        path: `${path}/{id}`,
        tags: [tag],
        security: signedIn,
        summary: `One ${noun}, draft or published`,
        request: { params: IdParam },
        responses: {
          200: json(schema, `The ${noun}`),
          ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
        },
      }),
      (async (c: Context<AppEnv>) =>
        c.json(
          (await spec.find(
            c.get('deps').database.read,
            valid(c)<{ id: number }>('param').id,
          )) as object,
          200,
        )) as never,
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: `${path}/{id}`,
        tags: [tag],
        security: signedIn,
        summary: `Edit a draft ${noun}, or revise a published one: the changed fields plus a reason, kept as a new version`,
        request: { params: IdParam, body: jsonBody(spec.update.body) },
        responses: {
          200: json(schema, `The edited ${noun}`),
          ...errorResponses(
            'invalid_request',
            'unauthorized',
            'forbidden',
            'not_found',
            'record_withdrawn',
            'correction_required',
            'invalid_reference',
            ...(spec.update.codes ?? []),
          ),
        },
      }),
      (async (c: Context<AppEnv>) => {
        const { id } = valid(c)<{ id: number }>('param');
        const body = valid(c)<z.output<Patch>>('json');
        const record = await write(c, (tx, actor) => spec.update.run(tx, actor, id, body));
        if (spec.versioned && record.status !== 'draft')
          notifyPublished(c, { entity: spec.versioned.entity, id });
        return c.json(record as object, 200);
      }) as never,
    )
    .route(
      '/',
      publishRoute({
        path,
        tag,
        noun,
        schema,
        codes: spec.publish.codes,
        run: async (tx, actor, id) => {
          const published = await spec.publish.run(tx, actor, id);
          if (spec.versioned)
            await recordPublished(tx, actor, spec.versioned.entity, published.record);
          return published;
        },
      }),
    );
}

/** A public record kept in versions: its record routes, then withdraw and the versions list. */
export function versionedRecordRoutes<
  P extends string,
  Create extends z.ZodType,
  Patch extends z.ZodType,
  Query extends z.ZodObject,
  R extends { id: number; status: string },
  L extends z.ZodType = z.ZodType<R>,
>(
  spec: RecordRoutes<P, Create, Patch, Query, R, L> & {
    versioned: { entity: VersionedEntity; label: string };
  },
) {
  return recordRoutes(spec).route('/', versionRoutes({ ...spec, ...spec.versioned }));
}

const WithdrawBody = Body({ reason: Reason }).openapi('WithdrawInput');

type VersionRoutes<P extends string, R> = Pick<
  RecordRoutes<P, z.ZodType, z.ZodType, z.ZodObject, R>,
  'path' | 'tag' | 'noun' | 'schema' | 'find'
> & {
  entity: VersionedEntity;
  label: string;
};

function versionRoutes<P extends string, R extends { id: number; status: string }>(
  spec: VersionRoutes<P, R>,
) {
  const { path, tag, noun, schema } = spec;
  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: `${path}/{id}/withdraw`,
        tags: [tag],
        security: signedIn,
        summary: `Withdraw a published ${noun}: it stays public, marked withdrawn with the reason`,
        request: { params: IdParam, body: jsonBody(WithdrawBody) },
        responses: {
          200: json(schema, `The withdrawn ${noun}`),
          ...errorResponses(
            'invalid_request',
            'unauthorized',
            'forbidden',
            'not_found',
            'not_published',
            'record_withdrawn',
          ),
        },
      }),
      (async (c: Context<AppEnv>) => {
        const { id } = valid(c)<{ id: number }>('param');
        const { reason } = valid(c)<{ reason: string }>('json');
        const { record } = await write(c, (tx, actor) =>
          withdrawRecord(tx, actor, spec, id, reason),
        );
        return c.json(record as object, 200);
      }) as never,
    )
    .openapi(
      createRoute({
        method: 'get',
        path: `${path}/{id}/versions`,
        tags: [tag],
        security: signedIn,
        summary: `The ${noun}'s published versions, oldest first: what each changed and why`,
        middleware: [noBody],
        request: { params: IdParam },
        responses: {
          200: json(VersionsSchema, `The ${noun}'s versions`),
          ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
        },
      }),
      (async (c: Context<AppEnv>) => {
        const { id } = valid(c)<{ id: number }>('param');
        const db = c.get('deps').database.read;
        await spec.find(db, id);
        return c.json({ items: await listVersions(db, spec.entity, id) }, 200);
      }) as never,
    );
}

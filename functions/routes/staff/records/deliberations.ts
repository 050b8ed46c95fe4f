import { createRoute, z } from '@hono/zod-openapi';
import { deliberationBodies, followupPublications, followupStatuses } from '../../../../db/schema';
import {
  createDeliberation,
  findDeliberation,
  listDeliberations,
  publishDeliberation,
  updateDeliberation,
} from '../../../domain/records/deliberations';
import {
  addFollowup,
  addFollowupUpdate,
  findFollowup,
  followupVersions,
  listFollowups,
  updateFollowup,
  withdrawFollowup,
} from '../../../domain/records/followups';
import { errorResponses } from '../../../http/errors';
import { newRouter, noBody } from '../../../http/router';
import { json, jsonBody, PageOf, PageQuery, signedIn } from '../../../http/schemas';
import { write } from '../../../http/write';
import { versionedRecordRoutes } from './crud';
import {
  Body,
  Count,
  DateString,
  English,
  EnglishOut,
  IdParam,
  ListQuery,
  LongText,
  OptionalText,
  Publication,
  QueryId,
  Reason,
  RefId,
  revisionOf,
  Text,
} from './schemas';
import { VersionsSchema } from './versions';

const MAX_PEOPLE = 100_000;

const AgendaItemBody = Body({
  title: Text(200),
  description: LongText(5000),
  decision: LongText(2000).openapi({ description: 'What was decided on this item' }),
  options: z
    .array(Body({ label: Text(200), votes: Count(MAX_PEOPLE) }))
    .max(20)
    .openapi({
      description:
        'The options put to the vote with their tallies; empty when nothing was voted on',
    }),
});

const DeliberationBody = Body({
  ...English,
  body: z.enum(deliberationBodies).openapi({
    description: 'Which body met: 居民议事会, 楼栋议事会, 家物会, 居民论坛, 居民代表大会',
  }),
  title: Text(200),
  date: DateString,
  place: Text(100),
  chair: Text(100),
  building: OptionalText(100).openapi({ description: 'For a building council: which building' }),
  expected: Count(MAX_PEOPLE).openapi({ description: 'Members expected (应到)' }),
  present: Count(MAX_PEOPLE).openapi({ description: 'Members present (实到); at most expected' }),
  quorum: Count(MAX_PEOPLE).openapi({
    description: 'Members needed for a valid decision; at most expected',
  }),
  summary: LongText(5000),
  resolution: LongText(5000),
  agendaItems: z
    .array(AgendaItemBody)
    .min(1, '至少一个议题')
    .max(30)
    .openapi({ description: "Each item's votes add up to at most the members present" }),
});

const OptionSchema = z.object({
  id: z.number().int(),
  agendaItemId: z.number().int(),
  position: z.number().int(),
  label: z.string(),
  votes: z.number().int(),
});
const AgendaItemSchema = z.object({
  id: z.number().int(),
  deliberationId: z.number().int(),
  position: z.number().int(),
  title: z.string(),
  description: z.string(),
  decision: z.string(),
  options: z.array(OptionSchema),
});
const FollowupRowShape = {
  id: z.number().int(),
  deliberationId: z.number().int(),
  agendaItemId: z.number().int().nullable(),
  title: z.string(),
  responsibleId: z.number().int(),
  dueDate: z.string(),
  status: z.enum(followupStatuses),
  progress: z.number().int(),
  ...EnglishOut,
  publication: z.enum(followupPublications).openapi({
    description:
      'withdrawn: kept on the public page as a tombstone with the reason (status is its progress)',
  }),
};
const UpdateSchema = z.object({
  id: z.number().int(),
  followupId: z.number().int(),
  date: z.string(),
  status: z.enum(followupStatuses),
  progress: z.number().int(),
  note: z.string(),
  createdBy: z.number().int().nullable(),
});
const FollowupSchema = z
  .object({ ...FollowupRowShape, updates: z.array(UpdateSchema) })
  .openapi('StaffFollowup');

const DeliberationRowShape = {
  id: z.number().int(),
  body: z.enum(deliberationBodies),
  title: z.string(),
  date: z.string(),
  place: z.string(),
  chair: z.string(),
  building: z.string().nullable(),
  expected: z.number().int(),
  present: z.number().int(),
  quorum: z.number().int(),
  summary: z.string(),
  resolution: z.string(),
  ...EnglishOut,
  ...Publication,
};
const DeliberationSchema = z
  .object({
    ...DeliberationRowShape,
    agendaItems: z.array(AgendaItemSchema),
    followups: z.array(FollowupSchema),
  })
  .openapi('StaffDeliberation');

const deliberations = versionedRecordRoutes({
  path: '/deliberations',
  tag: 'records',
  noun: 'deliberation (with its agenda items, options and votes)',
  versioned: { entity: 'deliberation', label: '议事记录' },
  schema: DeliberationSchema,
  create: { body: DeliberationBody.openapi('DeliberationInput'), run: createDeliberation },
  update: {
    body: revisionOf(DeliberationBody).openapi('DeliberationPatch', {
      description: 'Agenda items, when given, replace the old ones position by position',
    }),
    codes: ['agenda_in_use'],
    run: updateDeliberation,
  },
  find: findDeliberation,
  listSchema: z.object(DeliberationRowShape).openapi('StaffDeliberationSummary'),
  list: { query: ListQuery, run: listDeliberations },
  publish: { run: publishDeliberation },
});

// ---- Follow-up items ----

const FollowupBody = Body({
  ...English,
  title: Text(200),
  responsibleId: RefId.openapi({ description: 'The responsible organisation' }),
  dueDate: DateString.openapi({ description: 'Due date; not before the meeting' }),
  agendaItemId: RefId.nullable()
    .optional()
    .openapi({ description: 'The agenda item of this deliberation it carries out' }),
});

const addFollowupRoute = newRouter().openapi(
  createRoute({
    method: 'post',
    path: '/deliberations/{id}/followups',
    tags: ['records'],
    security: signedIn,
    summary:
      'Add a follow-up item (status pending, progress 0); on a published deliberation it is public at once',
    request: { params: IdParam, body: jsonBody(FollowupBody.openapi('FollowupInput')) },
    responses: {
      201: json(FollowupSchema, 'The new follow-up'),
      ...errorResponses(
        'invalid_request',
        'unauthorized',
        'forbidden',
        'not_found',
        'invalid_reference',
        'dependency_unpublished',
      ),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { record } = await write(c, (tx, actor) => addFollowup(tx, actor, id, body));
    return c.json(record, 201);
  },
);

const listFollowupsRoute = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/followups',
    tags: ['records'],
    security: signedIn,
    summary: 'Follow-up items, newest first: by status and/or deliberation',
    request: {
      query: PageQuery(200, 50).extend({
        status: z
          .enum(followupStatuses)
          .optional()
          .openapi({ param: { name: 'status', in: 'query' } }),
        deliberationId: QueryId('deliberationId'),
      }),
    },
    responses: {
      200: json(PageOf(z.object(FollowupRowShape)), 'Follow-up items (without their timelines)'),
      ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
    },
  }),
  async (c) => c.json(await listFollowups(c.get('deps').database.read, c.req.valid('query')), 200),
);

const oneFollowupRoute = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/followups/{id}',
    tags: ['records'],
    security: signedIn,
    summary: 'One follow-up item with its dated timeline',
    request: { params: IdParam },
    responses: {
      200: json(FollowupSchema, 'The follow-up'),
      ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
    },
  }),
  async (c) =>
    c.json(await findFollowup(c.get('deps').database.read, c.req.valid('param').id), 200),
);

const editFollowupRoute = newRouter().openapi(
  createRoute({
    method: 'patch',
    path: '/followups/{id}',
    tags: ['records'],
    security: signedIn,
    summary:
      'Edit a follow-up item while its deliberation is a draft; once published, revise it with a reason (progress is told through updates)',
    request: { params: IdParam, body: jsonBody(revisionOf(FollowupBody).openapi('FollowupPatch')) },
    responses: {
      200: json(FollowupSchema, 'The edited follow-up'),
      ...errorResponses(
        'invalid_request',
        'unauthorized',
        'forbidden',
        'not_found',
        'record_withdrawn',
        'invalid_reference',
      ),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { record } = await write(c, (tx, actor) => updateFollowup(tx, actor, id, body));
    return c.json(record, 200);
  },
);

const UpdateBody = Body({
  date: DateString.openapi({ description: 'Not before the meeting' }),
  status: z.enum(followupStatuses),
  progress: z
    .number()
    .int()
    .min(0)
    .max(100)
    .optional()
    .openapi({ description: '0–100; omitted: 100 when done, otherwise unchanged' }),
  note: LongText(2000),
});

const addFollowupUpdateRoute = newRouter().openapi(
  createRoute({
    method: 'post',
    path: '/followups/{id}/updates',
    tags: ['records'],
    security: signedIn,
    summary:
      "Append a dated progress update; the follow-up's status and progress become those of its latest update",
    request: { params: IdParam, body: jsonBody(UpdateBody.openapi('FollowupUpdateInput')) },
    responses: {
      201: json(FollowupSchema, 'The follow-up with its timeline'),
      ...errorResponses(
        'invalid_request',
        'unauthorized',
        'forbidden',
        'not_found',
        'record_withdrawn',
      ),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { record } = await write(c, (tx, actor) => addFollowupUpdate(tx, actor, id, body));
    return c.json(record, 201);
  },
);

const withdrawFollowupRoute = newRouter().openapi(
  createRoute({
    method: 'post',
    path: '/followups/{id}/withdraw',
    tags: ['records'],
    security: signedIn,
    summary:
      'Withdraw a follow-up of a published deliberation: it stays on the public page, marked withdrawn with the reason; its progress is kept',
    request: {
      params: IdParam,
      body: jsonBody(Body({ reason: Reason }).openapi('FollowupWithdrawInput')),
    },
    responses: {
      200: json(FollowupSchema, 'The withdrawn follow-up'),
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
  async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const { record } = await write(c, (tx, actor) => withdrawFollowup(tx, actor, id, reason));
    return c.json(record, 200);
  },
);

const followupVersionListRoute = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/followups/{id}/versions',
    tags: ['records'],
    security: signedIn,
    summary: "The follow-up's published versions, oldest first: what each changed and why",
    middleware: [noBody],
    request: { params: IdParam },
    responses: {
      200: json(VersionsSchema, "The follow-up's versions"),
      ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
    },
  }),
  async (c) =>
    c.json(
      { items: await followupVersions(c.get('deps').database.read, c.req.valid('param').id) },
      200,
    ),
);

/** 议事协商: meetings with their agenda, options, votes and resolution, and the follow-up until done. */
export const deliberationRoutes = newRouter()
  .route('/', deliberations)
  .route('/', addFollowupRoute)
  .route('/', listFollowupsRoute)
  .route('/', oneFollowupRoute)
  .route('/', editFollowupRoute)
  .route('/', addFollowupUpdateRoute)
  .route('/', withdrawFollowupRoute)
  .route('/', followupVersionListRoute);

import { createRoute, z } from '@hono/zod-openapi';
import {
  addMember,
  createTeam,
  leaveTeam,
  listTeams,
  updateTeam,
} from '../../domain/activities/teams';
import { errorResponses } from '../../http/errors';
import { actorOf, IdParam, idIn, LongTextOrEmpty, Text } from '../../http/params';
import { newRouter } from '../../http/router';
import { json, jsonBody, signedIn } from '../../http/schemas';

export const TeamSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    leader: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    members: z.array(
      z.object({
        residentId: z.number().int(),
        name: z.string(),
        login: z.string(),
        joinedAt: z.string(),
      }),
    ),
  })
  .openapi('Team');

const ResidentId = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31);
const TeamFields = {
  name: Text(64),
  description: LongTextOrEmpty(500),
  leaderId: ResidentId.nullable().openapi({
    description: 'The resident who leads the team (made a member if not one), or null',
  }),
};

const NewTeam = z
  .strictObject({
    name: TeamFields.name,
    description: TeamFields.description.default(''),
    leaderId: TeamFields.leaderId.optional(),
  })
  .openapi('NewTeam');
const TeamPatch = z
  .strictObject({
    name: TeamFields.name.optional(),
    description: TeamFields.description.optional(),
    leaderId: TeamFields.leaderId.optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), '至少修改一项')
  .openapi('TeamPatch');

const MemberParams = z.object({
  id: IdParam.shape.id,
  residentId: idIn('residentId', 'path', 7),
});

/**
 * Volunteer teams (/api/admin/teams): create, rename, name a leader (a resident), add members,
 * let members leave (kept, with the date they left). Admin only; every change audited.
 */
export const teams = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/teams',
      tags: ['admin'],
      security: signedIn,
      summary: 'Volunteer teams with their leader and current members',
      responses: {
        200: json(z.object({ teams: z.array(TeamSchema) }), 'Teams'),
        ...errorResponses('unauthorized', 'forbidden', 'password_change_required'),
      },
    }),
    async (c) => c.json({ teams: await listTeams(c.get('deps').database.read) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/teams',
      tags: ['admin'],
      security: signedIn,
      summary: 'Create a volunteer team',
      request: { body: jsonBody(NewTeam) },
      responses: {
        201: json(TeamSchema, 'Created'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'password_change_required',
          'team_name_taken',
          'invalid_reference',
        ),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const actor = actorOf(c);
      return c.json(await c.get('deps').database.write((tx) => createTeam(tx, actor, body)), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/teams/{id}',
      tags: ['admin'],
      security: signedIn,
      summary: 'Rename a team, change what it does, or name its leader (null: none)',
      request: { params: IdParam, body: jsonBody(TeamPatch) },
      responses: {
        200: json(TeamSchema, 'Updated'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'password_change_required',
          'not_found',
          'team_name_taken',
          'invalid_reference',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const actor = actorOf(c);
      return c.json(
        await c.get('deps').database.write((tx) => updateTeam(tx, actor, id, patch)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/teams/{id}/members',
      tags: ['admin'],
      security: signedIn,
      summary: 'Add a resident to a team',
      request: { params: IdParam, body: jsonBody(z.strictObject({ residentId: ResidentId })) },
      responses: {
        201: json(TeamSchema, 'Added'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'password_change_required',
          'not_found',
          'invalid_reference',
          'already_member',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { residentId } = c.req.valid('json');
      const actor = actorOf(c);
      return c.json(
        await c.get('deps').database.write((tx) => addMember(tx, actor, id, residentId)),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/teams/{id}/members/{residentId}/leave',
      tags: ['admin'],
      security: signedIn,
      summary: 'A member leaves the team (the membership is kept with the date it ended)',
      request: { params: MemberParams },
      responses: {
        200: json(TeamSchema, 'Left'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'password_change_required',
          'not_found',
        ),
      },
    }),
    async (c) => {
      const { id, residentId } = c.req.valid('param');
      const actor = actorOf(c);
      return c.json(
        await c.get('deps').database.write((tx) => leaveTeam(tx, actor, id, residentId)),
        200,
      );
    },
  );

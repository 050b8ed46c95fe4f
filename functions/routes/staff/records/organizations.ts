import { z } from '@hono/zod-openapi';
import { organizationKinds } from '../../../../db/schema';
import {
  createOrganization,
  findOrganization,
  listOrganizations,
  publishOrganization,
  updateOrganization,
} from '../../../domain/records/organizations';
import { versionedRecordRoutes } from './crud';
import {
  Body,
  English,
  EnglishOut,
  ListQuery,
  LongText,
  OptionalText,
  Publication,
  RefId,
  revisionOf,
  Text,
} from './schemas';

const OrganizationBody = Body({
  ...English,
  kind: z.enum(organizationKinds),
  name: Text(100),
  parentId: RefId.nullable().optional().openapi({
    description: 'The organisation above it on the map (a Party branch under the committee)',
  }),
  description: LongText(2000),
  provides: LongText(500).openapi({
    description: 'What it provides to the community, in a sentence or two',
  }),
  covers: OptionalText(200).openapi({ description: 'Buildings or compounds it covers' }),
  contact: OptionalText(100).openapi({
    description: 'A public office contact, never a private phone',
  }),
  merchantUserId: RefId.nullable()
    .optional()
    .openapi({ description: "A partner merchant's user account" }),
  teamId: RefId.nullable().optional(),
});

export const OrganizationSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(organizationKinds),
    name: z.string(),
    parentId: z.number().int().nullable(),
    description: z.string(),
    provides: z.string(),
    covers: z.string().nullable(),
    contact: z.string().nullable(),
    merchantUserId: z.number().int().nullable(),
    teamId: z.number().int().nullable(),
    ...EnglishOut,
    ...Publication,
  })
  .openapi('StaffOrganization');

/** The 一核多元 map: who leads, who provides the platform, who does the work. */
export const organizationRoutes = versionedRecordRoutes({
  path: '/organizations',
  tag: 'records',
  noun: 'organisation',
  versioned: { entity: 'organization', label: '组织' },
  schema: OrganizationSchema,
  create: { body: OrganizationBody.openapi('OrganizationInput'), run: createOrganization },
  update: {
    body: revisionOf(OrganizationBody).openapi('OrganizationPatch'),
    run: updateOrganization,
  },
  find: findOrganization,
  list: {
    query: ListQuery.extend({
      kind: z
        .enum(organizationKinds)
        .optional()
        .openapi({ param: { name: 'kind', in: 'query' } }),
    }),
    run: listOrganizations,
  },
  publish: { run: publishOrganization },
});

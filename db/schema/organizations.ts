import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { teams } from './activities';
import { users } from './people';
import { english, publication } from './publishing';

/** The 一核多元 map: who leads, who provides the platform, who does the work. */
export const organizationKinds = [
  'party_committee',
  'party_branch',
  'residents_committee',
  'property_company',
  'social_organization',
  'self_organization',
  'volunteer_team',
  'merchant',
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const organizations = sqliteTable(
  'organizations',
  {
    id: integer('id').primaryKey(),
    kind: text('kind', { enum: organizationKinds }).notNull(),
    name: text('name').notNull(),
    parentId: integer('parent_id'),
    description: text('description').notNull(),
    /** What it provides to the community, in a sentence or two. */
    provides: text('provides').notNull(),
    /** Buildings or compounds it covers (Party branches, property companies), free text. */
    covers: text('covers'),
    /** A public office contact (never a private person's phone). */
    contact: text('contact'),
    merchantUserId: integer('merchant_user_id').references(() => users.id),
    teamId: integer('team_id').references(() => teams.id),
    ...english(),

    ...publication(),
  },
  (t) => [
    index('organizations_kind').on(t.kind),
    check(
      'organizations_kind_check',
      sql`${t.kind} in ('party_committee','party_branch','residents_committee','property_company','social_organization','self_organization','volunteer_team','merchant')`,
    ),
  ],
);

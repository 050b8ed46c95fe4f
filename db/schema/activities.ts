import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { deliberations } from './deliberations';
import { users } from './people';
import { services } from './services';

/** Kinds of volunteer work and how they earn: points per hour, capped per resident per day. */
export const activityTypes = sqliteTable('activity_types', {
  id: integer('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  pointsPerHour: integer('points_per_hour').notNull(),
  dailyCap: integer('daily_cap').notNull(),
  /** A retired type is kept (activities point at it) but offered for no new activity. */
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

export const teams = sqliteTable('teams', {
  id: integer('id').primaryKey(),
  name: text('name').notNull().unique(),
  description: text('description').notNull(),
  /** The resident who leads the team, if any. */
  leaderId: integer('leader_id').references(() => users.id),
});

/** Who belongs to a team; leaving sets `leftAt` (kept: volunteer hours stay attributed). */
export const teamMembers = sqliteTable(
  'team_members',
  {
    id: integer('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => users.id),
    joinedAt: text('joined_at').notNull(),
    leftAt: text('left_at'),
  },
  (t) => [index('team_members_team').on(t.teamId), index('team_members_resident').on(t.residentId)],
);

export const activities = sqliteTable(
  'activities',
  {
    id: integer('id').primaryKey(),
    typeId: integer('type_id')
      .notNull()
      .references(() => activityTypes.id),
    teamId: integer('team_id').references(() => teams.id),
    title: text('title').notNull(),
    /** Local date (Asia/Shanghai) the activity takes place, YYYY-MM-DD. */
    date: text('date').notNull(),
    place: text('place').notNull(),
    hours: real('hours').notNull(),
    status: text('status', { enum: ['planned', 'open', 'closed'] }).notNull(),
    /**
     * The type's earning rule when the activity was created: a later change to the type applies
     * to new activities only.
     */
    pointsPerHour: integer('points_per_hour'),
    dailyCap: integer('daily_cap'),
    /** The deliberation (and service) this activity carries out, if any: its hours count on that deliberation's page. */
    deliberationId: integer('deliberation_id').references(() => deliberations.id),
    serviceId: integer('service_id').references(() => services.id),
  },
  (t) => [
    index('activities_date').on(t.date),
    index('activities_deliberation').on(t.deliberationId),
  ],
);

export const participations = sqliteTable(
  'participations',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => users.id),
    hours: real('hours').notNull(),
    checkedInAt: text('checked_in_at'),
    awardEntryId: integer('award_entry_id'),
  },
  (t) => [
    uniqueIndex('participations_activity_resident').on(t.activityId, t.residentId),
    index('participations_resident').on(t.residentId),
  ],
);

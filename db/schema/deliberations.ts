import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organizations } from './organizations';
import { users } from './people';
import { english, publication } from './publishing';

/** 议事协商: the bodies that meet, what they decided, and the follow-up until done. */
export const deliberationBodies = [
  'residents_council',
  'building_council',
  'joint_property_council',
  'residents_forum',
  'residents_congress',
] as const;
export const followupStatuses = ['pending', 'in_progress', 'done', 'blocked'] as const;
export type FollowupStatus = (typeof followupStatuses)[number];
export const followupPublications = ['published', 'withdrawn'] as const;

export const deliberations = sqliteTable(
  'deliberations',
  {
    id: integer('id').primaryKey(),
    body: text('body', { enum: deliberationBodies }).notNull(),
    title: text('title').notNull(),
    date: text('date').notNull(),
    place: text('place').notNull(),
    chair: text('chair').notNull(),
    /** For a building council: which building. */
    building: text('building'),
    expected: integer('expected').notNull(),
    present: integer('present').notNull(),
    quorum: integer('quorum').notNull(),
    summary: text('summary').notNull(),
    resolution: text('resolution').notNull(),
    ...english(),
    ...publication(),
  },
  (t) => [index('deliberations_date').on(t.date), index('deliberations_body').on(t.body)],
);

export const agendaItems = sqliteTable(
  'agenda_items',
  {
    id: integer('id').primaryKey(),
    deliberationId: integer('deliberation_id')
      .notNull()
      .references(() => deliberations.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    decision: text('decision').notNull(),
  },
  (t) => [index('agenda_items_deliberation').on(t.deliberationId, t.position)],
);

export const voteOptions = sqliteTable(
  'vote_options',
  {
    id: integer('id').primaryKey(),
    agendaItemId: integer('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    votes: integer('votes').notNull(),
  },
  (t) => [index('vote_options_item').on(t.agendaItemId, t.position)],
);

export const followups = sqliteTable(
  'followups',
  {
    id: integer('id').primaryKey(),
    deliberationId: integer('deliberation_id')
      .notNull()
      .references(() => deliberations.id),
    agendaItemId: integer('agenda_item_id').references(() => agendaItems.id),
    title: text('title').notNull(),
    responsibleId: integer('responsible_id')
      .notNull()
      .references(() => organizations.id),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: followupStatuses }).notNull(),
    /** 0–100. */
    progress: integer('progress').notNull(),
    ...english(),
    /**
     * Public with its deliberation, unless withdrawn on its own (kept on the page as a tombstone
     * with the reason): `status` above is its progress, so this is kept apart.
     */
    publication: text('publication', { enum: followupPublications }).notNull().default('published'),
  },
  (t) => [
    index('followups_deliberation').on(t.deliberationId),
    index('followups_status').on(t.status),
  ],
);

/** The dated timeline of a follow-up item ("民有所呼，我有所应"): append-only. */
export const followupUpdates = sqliteTable(
  'followup_updates',
  {
    id: integer('id').primaryKey(),
    followupId: integer('followup_id')
      .notNull()
      .references(() => followups.id),
    date: text('date').notNull(),
    status: text('status', { enum: followupStatuses }).notNull(),
    progress: integer('progress').notNull(),
    note: text('note').notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [index('followup_updates_followup').on(t.followupId, t.date)],
);

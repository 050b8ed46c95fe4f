import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './people';

/** Who did what to which record, append-only (a trigger forbids UPDATE and DELETE). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey(),
    at: text('at').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    detail: text('detail').notNull().default('{}'),
  },
  (t) => [index('audit_log_entity').on(t.entity, t.entityId), index('audit_log_at').on(t.at)],
);

/** Each publish asks for a site rebuild; the builder records the last event it has built. */
export const publishEvents = sqliteTable('publish_events', {
  id: integer('id').primaryKey(),
  at: text('at').notNull(),
  actorId: integer('actor_id').references(() => users.id),
  entity: text('entity').notNull(),
  entityId: integer('entity_id').notNull(),
});

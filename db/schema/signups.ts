import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { activities } from './activities';
import { users } from './people';

/**
 * A resident's sign-up for an upcoming activity (报名). Kept apart from `participations`, which
 * record service actually done (checked in, then awarded) and which public totals count: a
 * sign-up that is cancelled or never shows up must not become published volunteer hours.
 */
export const activitySignups = sqliteTable(
  'activity_signups',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => users.id),
    signedUpAt: text('signed_up_at').notNull(),
    /** The staff member who signed a resident up on their behalf (a paper-card resident at the desk); null when the resident did it. */
    signedUpBy: integer('signed_up_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.residentId] }),
    index('activity_signups_resident').on(t.residentId),
  ],
);

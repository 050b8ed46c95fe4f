import { integer, text } from 'drizzle-orm/sqlite-core';
import { users } from './people';

export const recordStatuses = ['draft', 'published'] as const;
export type RecordStatus = (typeof recordStatuses)[number];

/**
 * Columns every public record carries: a record is a draft until staff publish it, and publishing
 * is recorded (who, when). Public projections select only `status = 'published'`.
 */
export const publication = () => ({
  status: text('status', { enum: recordStatuses }).notNull().default('draft'),
  publishedAt: text('published_at'),
  publishedBy: integer('published_by').references(() => users.id),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
});

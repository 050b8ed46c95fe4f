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

/**
 * A record's title and summary in English, when staff give them: the /en/ pages show them, and say
 * "in Chinese only" when they are absent. Nullable: most records are written in Chinese alone.
 */
export const english = () => ({
  titleEn: text('title_en'),
  summaryEn: text('summary_en'),
});

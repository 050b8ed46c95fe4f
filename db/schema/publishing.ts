import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './people';

/** A withdrawn record stays public as a tombstone: its URL answers with the record and the reason. */
export const recordStatuses = ['draft', 'published', 'withdrawn'] as const;
export type RecordStatus = (typeof recordStatuses)[number];

/**
 * Columns every public record carries: a record is a draft until staff publish it, and publishing
 * is recorded (who, when). Public projections select `status <> 'draft'`; a withdrawn one is shown as such.
 */
export const publication = () => ({
  status: text('status', { enum: recordStatuses }).notNull().default('draft'),
  publishedAt: text('published_at'),
  publishedBy: integer('published_by').references(() => users.id),
  createdAt: text('created_at').notNull(),
  createdBy: integer('created_by').references(() => users.id),
});

export const versionKinds = ['published', 'revised', 'withdrawn'] as const;
export type VersionKind = (typeof versionKinds)[number];

/**
 * Every public state a record has had, append-only (triggers forbid UPDATE and DELETE): version 1
 * is what was published, each revision or withdrawal adds one with its reason. The record's own
 * row is the cache of its latest version, as balances are of postings.
 */
export const recordVersions = sqliteTable(
  'record_versions',
  {
    id: integer('id').primaryKey(),
    entity: text('entity').notNull(),
    recordId: integer('record_id').notNull(),
    version: integer('version').notNull(),
    at: text('at').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    kind: text('kind', { enum: versionKinds }).notNull(),
    reason: text('reason'),
    /** The public fields of the record as of this version, as JSON. */
    snapshot: text('snapshot').notNull(),
    /** JSON array of the field names this version changed (empty for version 1 and withdrawals). */
    changed: text('changed').notNull().default('[]'),
  },
  (t) => [
    uniqueIndex('record_versions_record_version').on(t.entity, t.recordId, t.version),
    index('record_versions_at').on(t.at),
    check('record_versions_kind', sql`${t.kind} in ('published','revised','withdrawn')`),
    check('record_versions_reason', sql`${t.kind} = 'published' or length(trim(${t.reason})) > 0`),
  ],
);

/**
 * A record's title and summary in English, when staff give them: the /en/ pages show them, and say
 * "in Chinese only" when they are absent. Nullable: most records are written in Chinese alone.
 */
export const english = () => ({
  titleEn: text('title_en'),
  summaryEn: text('summary_en'),
});

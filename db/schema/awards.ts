import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { activities } from './activities';
import { deliberations } from './deliberations';
import { users } from './people';
import { services } from './services';

export const awardBatchKinds = ['activity', 'manual'] as const;
export const awardBatchStatuses = ['pending', 'applied', 'rejected'] as const;
export type AwardBatchStatus = (typeof awardBatchStatuses)[number];

/**
 * Points awarded together: everyone of one closed activity, or a list entered by staff. A batch
 * over the approval threshold waits (`pending`) until a second staff member approves it; only then
 * does the ledger move. A decided batch is frozen (a trigger forbids changing it).
 */
export const awardBatches = sqliteTable(
  'award_batches',
  {
    id: integer('id').primaryKey(),
    kind: text('kind', { enum: awardBatchKinds }).notNull(),
    activityId: integer('activity_id').references(() => activities.id),
    reason: text('reason').notNull(),
    status: text('status', { enum: awardBatchStatuses }).notNull(),
    totalPoints: integer('total_points').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note'),
    /** The deliberation (and service) the points reward work for, if any. */
    deliberationId: integer('deliberation_id').references(() => deliberations.id),
    serviceId: integer('service_id').references(() => services.id),
  },
  (t) => [
    index('award_batches_status').on(t.status, t.id),
    index('award_batches_activity').on(t.activityId),
    index('award_batches_deliberation').on(t.deliberationId),
    check('award_batches_kind', sql`${t.kind} in ('activity','manual')`),
    check('award_batches_status_check', sql`${t.status} in ('pending','applied','rejected')`),
  ],
);

/** One resident's share of a batch; `entryId` is the award entry once the batch is applied. */
export const awardBatchLines = sqliteTable(
  'award_batch_lines',
  {
    id: integer('id').primaryKey(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => awardBatches.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => users.id),
    points: integer('points').notNull(),
    /** For an activity batch: the hours the points were computed from. */
    hours: real('hours'),
    memo: text('memo').notNull(),
    entryId: integer('entry_id'),
  },
  (t) => [
    uniqueIndex('award_batch_lines_batch_resident').on(t.batchId, t.residentId),
    check('award_batch_lines_points', sql`${t.points} > 0`),
  ],
);

export const poolGrantStatuses = ['pending', 'applied', 'rejected'] as const;
export type PoolGrantStatus = (typeof poolGrantStatuses)[number];

/**
 * Points the community pool gives: to one resident, or to each volunteer checked in at an
 * activity. Created pending by staff; only an accountant who is not its author applies it, as one
 * ledger entry from the pool (`entryId`). The recipients are frozen when the grant is created (a
 * JSON array of resident ids), so what is approved is what was asked; a decided grant is frozen.
 */
export const poolGrants = sqliteTable(
  'pool_grants',
  {
    id: integer('id').primaryKey(),
    toResidentId: integer('to_resident_id').references(() => users.id),
    activityId: integer('activity_id').references(() => activities.id),
    recipients: text('recipients').notNull(),
    /** Points to each recipient. */
    points: integer('points').notNull(),
    totalPoints: integer('total_points').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: poolGrantStatuses }).notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note'),
    entryId: integer('entry_id'),
  },
  (t) => [
    index('pool_grants_status').on(t.status, t.id),
    check('pool_grants_status_check', sql`${t.status} in ('pending','applied','rejected')`),
    check('pool_grants_target', sql`(${t.toResidentId} is null) <> (${t.activityId} is null)`),
    check('pool_grants_points', sql`${t.points} > 0 and ${t.totalPoints} > 0`),
  ],
);

import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organizations } from './organizations';
import { english, publication } from './publishing';

/** 服务清单 categories and audiences, as codes; their zh/en labels live in the i18n files. */
export const serviceCategories = [
  'jobs',
  'schooling',
  'health',
  'elders',
  'disability',
  'legal',
  'mediation',
  'children',
  'culture',
  'living',
] as const;
export const serviceAudiences = [
  'everyone',
  'elders_alone',
  'elders',
  'low_income',
  'children',
  'disabled',
  'job_seekers',
  'families',
] as const;
export const serviceCosts = ['free', 'low_cost', 'paid'] as const;

export const services = sqliteTable(
  'services',
  {
    id: integer('id').primaryKey(),
    category: text('category', { enum: serviceCategories }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    providerId: integer('provider_id')
      .notNull()
      .references(() => organizations.id),
    /** JSON array of serviceAudiences codes. */
    audiences: text('audiences').notNull(),
    /** When, in words: 每月 9 日上午, 每周三下午, 预约. */
    schedule: text('schedule').notNull(),
    /** Day of month for recurring monthly services (9 = the volunteer day), if any. */
    monthlyDay: integer('monthly_day'),
    place: text('place').notNull(),
    cost: text('cost', { enum: serviceCosts }).notNull(),
    costNote: text('cost_note'),
    howToAsk: text('how_to_ask').notNull(),
    /** The deliberation that created this service, if one did. */
    deliberationId: integer('deliberation_id'),
    ...english(),

    ...publication(),
  },
  (t) => [index('services_category').on(t.category), index('services_provider').on(t.providerId)],
);

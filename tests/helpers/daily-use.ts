import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { activities, activityTypes, organizations, services, settings } from '../../db/schema';
import { rows } from './ledger';

/** Fixtures for the daily-use features (activities, service requests, residents, counter items). */

export async function setSetting(database: Database, key: string, value: string): Promise<void> {
  await database.write((tx) =>
    tx
      .insert(settings)
      .values({ key, value })
      .onConflictDoUpdate({ target: settings.key, set: { value } }),
  );
}

export async function count(database: Database, table: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    database.read,
    sql.raw(`select count(*) as n from ${table}`),
  );
  return Number(r!.n);
}

/** Row counts of every table a daily-use write touches: equal before and after proves a refused write changed nothing. */
export async function counts(database: Database): Promise<Record<string, number>> {
  const tables = [
    'activities',
    'activity_signups',
    'participations',
    'award_batches',
    'award_batch_lines',
    'ledger_entries',
    'service_requests',
    'service_request_events',
    'merchant_items',
    'users',
    'residents',
    'households',
    'cards',
    'audit_log',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await count(database, t);
  return out;
}

export interface Providers {
  socialOrgId: number;
  propertyId: number;
  committeeId: number;
  serviceId: number;
  draftServiceId: number;
}

/** A social organisation with one published and one draft service, a property company, the residents' committee. */
export async function seedProviders(
  database: Database,
  staffId: number,
  now = new Date('2026-03-01T02:00:00Z'),
): Promise<Providers> {
  const at = now.toISOString();
  const pub = {
    status: 'published' as const,
    publishedAt: at,
    publishedBy: staffId,
    createdAt: at,
    createdBy: staffId,
  };
  return database.write(async (tx) => {
    const [social] = await tx
      .insert(organizations)
      .values({
        kind: 'social_organization',
        name: '康乐社工站',
        description: '专业社工',
        provides: '助老',
        ...pub,
      })
      .returning();
    const [property] = await tx
      .insert(organizations)
      .values({
        kind: 'property_company',
        name: '安居物业',
        description: '物业公司',
        provides: '物业服务',
        covers: '和平小区',
        ...pub,
      })
      .returning();
    const [committee] = await tx
      .insert(organizations)
      .values({
        kind: 'residents_committee',
        name: '幸福里社区居委会',
        description: '居委会',
        provides: '平台',
        ...pub,
      })
      .returning();
    const base = {
      category: 'elders' as const,
      description: '上门服务',
      providerId: social!.id,
      audiences: '["elders_alone"]',
      schedule: '预约',
      place: '上门',
      cost: 'free' as const,
      howToAsk: '电话预约',
    };
    const [service] = await tx
      .insert(services)
      .values({ ...base, title: '独居老人上门探访', ...pub })
      .returning();
    const [draft] = await tx
      .insert(services)
      .values({ ...base, title: '草稿服务', status: 'draft', createdAt: at, createdBy: staffId })
      .returning();
    return {
      socialOrgId: social!.id,
      propertyId: property!.id,
      committeeId: committee!.id,
      serviceId: service!.id,
      draftServiceId: draft!.id,
    };
  });
}

/** Another activity of the fixture's patrol type (10 points per hour, daily cap 50). */
export async function addActivity(
  database: Database,
  fields: { date: string; hours?: number; title?: string; status?: 'planned' | 'open' | 'closed' },
): Promise<number> {
  return database.write(async (tx) => {
    const [type] = await tx
      .select({ id: activityTypes.id })
      .from(activityTypes)
      .where(eq(activityTypes.code, 'patrol'));
    const [row] = await tx
      .insert(activities)
      .values({
        typeId: type!.id,
        title: fields.title ?? '消防通道巡查',
        date: fields.date,
        place: '二区',
        hours: fields.hours ?? 2,
        status: fields.status ?? 'planned',
      })
      .returning();
    return row!.id;
  });
}

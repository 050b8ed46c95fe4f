import { and, asc, eq, gt, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  activities,
  activityTypes,
  deliberations,
  ledgerEntries,
  participations,
  postings,
  residents,
  services,
  teams,
} from '../../../db/schema';
import { maskName } from '../people/masking';
import { paths } from './urls';

export interface PublicTeam {
  id: number;
  name: string;
  description: string;
  activities: number;
  volunteers: number;
  hours: number;
}

export interface HonourRollMonth {
  month: string;
  /** Masked names only (张*华): the honour roll thanks people without exposing them. */
  people: Array<{ name: string; hours: number; activities: number }>;
}

const month = sql<string>`substr(${activities.date}, 1, 7)`;

export async function publicTeams(db: Db): Promise<PublicTeam[]> {
  const rows = await db
    .select({
      id: teams.id,
      name: teams.name,
      description: teams.description,
      activities: sql<number>`count(distinct ${activities.id})`,
      volunteers: sql<number>`count(distinct ${participations.residentId})`,
      hours: sql<number>`coalesce(sum(${participations.hours}), 0)`,
    })
    .from(teams)
    .leftJoin(activities, eq(activities.teamId, teams.id))
    .leftJoin(participations, eq(participations.activityId, activities.id))
    .groupBy(teams.id)
    .orderBy(asc(teams.id));
  return rows.map((r) => ({
    ...r,
    activities: Number(r.activities),
    volunteers: Number(r.volunteers),
    hours: Number(r.hours),
  }));
}

/** The top volunteers of each month by hours served (ties broken by id, so the roll is stable). */
export async function honourRoll(db: Db, perMonth = 10): Promise<HonourRollMonth[]> {
  const rows = await db
    .select({
      month,
      residentId: participations.residentId,
      fullName: residents.fullName,
      hours: sql<number>`sum(${participations.hours})`,
      activities: sql<number>`count(*)`,
    })
    .from(participations)
    .innerJoin(activities, eq(activities.id, participations.activityId))
    .innerJoin(residents, eq(residents.userId, participations.residentId))
    .where(sql`${participations.awardEntryId} is not null`)
    .groupBy(month, participations.residentId)
    .orderBy(sql`1 desc`, sql`4 desc`, asc(participations.residentId));
  const months: HonourRollMonth[] = [];
  for (const r of rows) {
    let m = months[months.length - 1];
    if (!m || m.month !== r.month) {
      m = { month: r.month, people: [] };
      months.push(m);
    }
    if (m.people.length < perMonth)
      m.people.push({
        name: maskName(r.fullName),
        hours: Number(r.hours),
        activities: Number(r.activities),
      });
  }
  return months;
}

/**
 * The public part of a volunteer activity: what, when, where, which team, how much was served and
 * awarded, and the deliberation or service it carries out (never who took part).
 */
export interface PublicActivity {
  id: number;
  url: string;
  title: string;
  date: string;
  place: string;
  hours: number;
  status: 'planned' | 'open' | 'closed';
  typeCode: string;
  typeZh: string;
  typeEn: string;
  teamId: number | null;
  teamName: string | null;
  pointsPerHour: number | null;
  volunteers: number;
  hoursServed: number;
  /** Points its award entries gave, all volunteers together. */
  pointsAwarded: number;
  /** Set only when the deliberation (service) has a public page: a link to a draft would lead nowhere. */
  deliberationId: number | null;
  serviceId: number | null;
}

export async function publicActivities(db: Db): Promise<PublicActivity[]> {
  const rows = await db
    .select({
      id: activities.id,
      title: activities.title,
      date: activities.date,
      place: activities.place,
      hours: activities.hours,
      status: activities.status,
      typeCode: activityTypes.code,
      typeZh: activityTypes.nameZh,
      typeEn: activityTypes.nameEn,
      teamId: activities.teamId,
      teamName: teams.name,
      pointsPerHour: activities.pointsPerHour,
      deliberationId: deliberations.id,
      serviceId: services.id,
      volunteers: sql<number>`count(${participations.residentId})`,
      hoursServed: sql<number>`coalesce(sum(${participations.hours}), 0)`,
    })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .leftJoin(teams, eq(teams.id, activities.teamId))
    .leftJoin(
      deliberations,
      and(eq(deliberations.id, activities.deliberationId), ne(deliberations.status, 'draft')),
    )
    .leftJoin(services, and(eq(services.id, activities.serviceId), ne(services.status, 'draft')))
    .leftJoin(participations, eq(participations.activityId, activities.id))
    .groupBy(activities.id)
    .orderBy(asc(activities.date), asc(activities.id));
  const points = await db
    .select({
      activityId: ledgerEntries.activityId,
      points: sql<number>`coalesce(sum(${postings.amount}), 0)`,
    })
    .from(ledgerEntries)
    .innerJoin(postings, and(eq(postings.entryId, ledgerEntries.id), gt(postings.amount, 0)))
    .where(and(eq(ledgerEntries.kind, 'award'), isNotNull(ledgerEntries.activityId)))
    .groupBy(ledgerEntries.activityId);
  const pointsOf = new Map(points.map((p) => [p.activityId!, Number(p.points)]));
  return rows.map((r) => ({
    ...r,
    url: paths.activity(r.id),
    volunteers: Number(r.volunteers),
    hoursServed: Number(r.hoursServed),
    pointsAwarded: pointsOf.get(r.id) ?? 0,
  }));
}

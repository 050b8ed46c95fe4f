import { and, asc, desc, eq, gte, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  activities,
  activitySignups,
  activityTypes,
  participations,
  residents,
  teams,
  users,
} from '../../../db/schema';
import { type Actor, audit } from '../records/audit';
import { checkChainLink } from '../records/chain-links';
import { DomainError } from '../shared/errors';
import type { Page } from '../shared/paging';
import { activityRule } from './rule';

/** Volunteer activities as staff plan and run them: created, listed, looked at with who came. */
export type ActivityStatus = 'planned' | 'open' | 'closed';

export interface ActivityFields {
  type: string;
  teamId?: number | null | undefined;
  title: string;
  date: string;
  place: string;
  hours: number;
  deliberationId?: number | null | undefined;
  serviceId?: number | null | undefined;
}

export interface Activity {
  id: number;
  type: { id: number; code: string; name: string; pointsPerHour: number; dailyCap: number };
  team: { id: number; name: string } | null;
  title: string;
  date: string;
  place: string;
  hours: number;
  status: ActivityStatus;
  signups: number;
  checkedIn: number;
  awarded: number;
  /** The deliberation (and service) this activity carries out, if any. */
  deliberationId: number | null;
  serviceId: number | null;
}

export interface Participant {
  residentId: number;
  name: string;
  login: string;
  signedUpAt: string | null;
  checkedInAt: string | null;
  hours: number | null;
  awardEntryId: number | null;
}

/** The points one attendance is worth before the daily cap: hours × points per hour, rounded. */
export const pointsFor = (hours: number, pointsPerHour: number) =>
  Math.round(hours * pointsPerHour);

/** Per-activity counts as correlated subqueries: a list stays one statement however long it is. */
export const activityCounts = {
  signups: sql<number>`(select count(*) from ${activitySignups} where ${activitySignups.activityId} = ${activities.id})`,
  checkedIn: sql<number>`(select count(*) from ${participations} where ${participations.activityId} = ${activities.id} and ${participations.checkedInAt} is not null)`,
  awarded: sql<number>`(select count(*) from ${participations} where ${participations.activityId} = ${activities.id} and ${participations.awardEntryId} is not null)`,
};

/** What every list of activities shows of one, from activities joined to their type and (left) team. */
export const activityColumns = {
  a: activities,
  typeCode: activityTypes.code,
  typeName: activityTypes.nameZh,
  pointsPerHour: activityRule.pointsPerHour,
  dailyCap: activityRule.dailyCap,
  teamName: teams.name,
};

function selectActivities(db: Db) {
  return db
    .select({ ...activityColumns, ...activityCounts })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .leftJoin(teams, eq(teams.id, activities.teamId));
}

type Row = Awaited<ReturnType<ReturnType<typeof selectActivities>['where']>>[number];

function view(r: Row): Activity {
  return {
    id: r.a.id,
    type: {
      id: r.a.typeId,
      code: r.typeCode,
      name: r.typeName,
      pointsPerHour: r.pointsPerHour,
      dailyCap: r.dailyCap,
    },
    team: r.a.teamId === null ? null : { id: r.a.teamId, name: r.teamName ?? '' },
    title: r.a.title,
    date: r.a.date,
    place: r.a.place,
    hours: r.a.hours,
    status: r.a.status,
    signups: Number(r.signups),
    checkedIn: Number(r.checkedIn),
    awarded: Number(r.awarded),
    deliberationId: r.a.deliberationId,
    serviceId: r.a.serviceId,
  };
}

export async function findActivity(db: Db, id: number): Promise<Activity> {
  const [row] = await selectActivities(db).where(eq(activities.id, id));
  if (!row) throw new DomainError('not_found', `活动 ${id} 不存在`);
  return view(row);
}

export async function createActivity(
  tx: Db,
  actor: Actor,
  fields: ActivityFields,
): Promise<Activity> {
  const [type] = await tx
    .select({
      id: activityTypes.id,
      active: activityTypes.active,
      pointsPerHour: activityTypes.pointsPerHour,
      dailyCap: activityTypes.dailyCap,
    })
    .from(activityTypes)
    .where(eq(activityTypes.code, fields.type));
  if (!type) throw new DomainError('invalid_reference', `活动类型 ${fields.type} 不存在`);
  if (!type.active)
    throw new DomainError('invalid_reference', `活动类型 ${fields.type} 已停用，不能用于新活动`);
  if (fields.teamId != null) {
    const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, fields.teamId));
    if (!team) throw new DomainError('invalid_reference', `志愿队伍 ${fields.teamId} 不存在`);
  }
  const link = await checkChainLink(tx, fields);
  const [row] = await tx
    .insert(activities)
    .values({
      typeId: type.id,
      teamId: fields.teamId ?? null,
      title: fields.title,
      date: fields.date,
      place: fields.place,
      hours: fields.hours,
      status: 'planned',
      // The type's rule as it stands now: a later change to the type does not reach this activity.
      pointsPerHour: type.pointsPerHour,
      dailyCap: type.dailyCap,
      ...link,
    })
    .returning({ id: activities.id });
  await audit(tx, actor, 'create', 'activity', row!.id, { fields });
  return findActivity(tx, row!.id);
}

/** A keyset cursor over (date, id), newest first: "2026-03-09.42". */
export const ACTIVITY_CURSOR = /^\d{4}-\d{2}-\d{2}\.\d+$/;

export interface ActivityQuery {
  from?: string | undefined;
  to?: string | undefined;
  status?: ActivityStatus | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listActivities(db: Db, q: ActivityQuery): Promise<Page<Activity>> {
  let after: SQL | undefined;
  if (q.cursor) {
    const [date, id] = q.cursor.split('.');
    after = or(
      lt(activities.date, date!),
      and(eq(activities.date, date!), lt(activities.id, Number(id))),
    );
  }
  const rows = await selectActivities(db)
    .where(
      and(
        q.from ? gte(activities.date, q.from) : undefined,
        q.to ? lte(activities.date, q.to) : undefined,
        q.status ? eq(activities.status, q.status) : undefined,
        after,
      ),
    )
    .orderBy(desc(activities.date), desc(activities.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit).map(view);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > q.limit && last ? `${last.date}.${last.id}` : null };
}

/** Everyone who signed up or came, with what happened to each. */
export async function participants(db: Db, activityId: number): Promise<Participant[]> {
  const signed = await db
    .select({
      residentId: activitySignups.residentId,
      signedUpAt: activitySignups.signedUpAt,
      name: residents.fullName,
      login: users.login,
    })
    .from(activitySignups)
    .innerJoin(residents, eq(residents.userId, activitySignups.residentId))
    .innerJoin(users, eq(users.id, activitySignups.residentId))
    .where(eq(activitySignups.activityId, activityId));
  const came = await db
    .select({ p: participations, name: residents.fullName, login: users.login })
    .from(participations)
    .innerJoin(residents, eq(residents.userId, participations.residentId))
    .innerJoin(users, eq(users.id, participations.residentId))
    .where(eq(participations.activityId, activityId));
  const byId = new Map<number, Participant>();
  for (const s of signed)
    byId.set(s.residentId, {
      residentId: s.residentId,
      name: s.name,
      login: s.login,
      signedUpAt: s.signedUpAt,
      checkedInAt: null,
      hours: null,
      awardEntryId: null,
    });
  for (const { p, name, login } of came) {
    const prior = byId.get(p.residentId);
    byId.set(p.residentId, {
      residentId: p.residentId,
      name,
      login,
      signedUpAt: prior?.signedUpAt ?? null,
      checkedInAt: p.checkedInAt,
      hours: p.hours,
      awardEntryId: p.awardEntryId,
    });
  }
  return [...byId.values()].sort((a, b) => a.residentId - b.residentId);
}

/** What the activity form offers: the active types (a retired one is offered for no new activity) and the teams. */
export async function activityTypesAndTeams(db: Db) {
  const [types, teamRows] = await Promise.all([
    db
      .select()
      .from(activityTypes)
      .where(eq(activityTypes.active, true))
      .orderBy(asc(activityTypes.id)),
    db.select().from(teams).orderBy(asc(teams.id)),
  ]);
  return {
    types: types.map((t) => ({
      id: t.id,
      code: t.code,
      name: t.nameZh,
      nameEn: t.nameEn,
      pointsPerHour: t.pointsPerHour,
      dailyCap: t.dailyCap,
    })),
    teams: teamRows.map((t) => ({ id: t.id, name: t.name, description: t.description })),
  };
}

import { and, asc, desc, eq, gte, isNotNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  accounts,
  activities,
  activitySignups,
  activityTypes,
  ledgerEntries,
  participations,
  postings,
  teams,
} from '../../../db/schema';
import { publicServices } from '../publishing/services';
import { DomainError } from '../shared/errors';
import type { Page } from '../shared/paging';
import { localDate } from '../shared/time';
import { activityColumns, activityCounts, pointsFor } from './catalog';

/** The resident's side of volunteering: what is coming up, signing up and out, and what they have done. */
export const VOLUNTEER_DAY = 9;

export interface UpcomingActivity {
  id: number;
  title: string;
  date: string;
  place: string;
  hours: number;
  type: { code: string; name: string };
  team: string | null;
  /** What the activity is worth to one volunteer: hours × points per hour within the daily cap. */
  points: number;
  /** The 9th of the month, 志愿服务日. */
  volunteerDay: boolean;
  signups: number;
  signedUp: boolean;
  checkedIn: boolean;
}

export async function upcomingActivities(
  db: Db,
  residentId: number,
  now: Date,
  limit: number,
): Promise<UpcomingActivity[]> {
  const rows = await db
    .select({
      ...activityColumns,
      signups: activityCounts.signups,
      signedUp: sql<number>`exists(select 1 from ${activitySignups} where ${activitySignups.activityId} = ${activities.id} and ${activitySignups.residentId} = ${residentId})`,
      checkedIn: sql<number>`exists(select 1 from ${participations} where ${participations.activityId} = ${activities.id} and ${participations.residentId} = ${residentId})`,
    })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .leftJoin(teams, eq(teams.id, activities.teamId))
    .where(and(gte(activities.date, localDate(now)), ne(activities.status, 'closed')))
    .orderBy(asc(activities.date), asc(activities.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.a.id,
    title: r.a.title,
    date: r.a.date,
    place: r.a.place,
    hours: r.a.hours,
    type: { code: r.typeCode, name: r.typeName },
    team: r.teamName,
    points: Math.min(r.dailyCap, pointsFor(r.a.hours, r.pointsPerHour)),
    volunteerDay: r.typeCode === 'volunteer_day' || Number(r.a.date.slice(8, 10)) === VOLUNTEER_DAY,
    signups: Number(r.signups),
    signedUp: Boolean(r.signedUp),
    checkedIn: Boolean(r.checkedIn),
  }));
}

/** The next 志愿服务日 (today if it is the 9th) and the published services offered on it (每月 9 日). */
export async function nextVolunteerDay(
  db: Db,
  now: Date,
): Promise<{
  date: string;
  services: Array<{
    id: number;
    title: string;
    provider: string;
    place: string;
    schedule: string;
    url: string;
  }>;
}> {
  const today = localDate(now);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const [year, month] = d <= VOLUNTEER_DAY ? [y, m] : m === 12 ? [y + 1, 1] : [y, m + 1];
  const date = `${year}-${String(month).padStart(2, '0')}-${String(VOLUNTEER_DAY).padStart(2, '0')}`;
  const services = (await publicServices(db))
    .filter((s) => s.monthlyDay === VOLUNTEER_DAY)
    .map((s) => ({
      id: s.id,
      title: s.title,
      provider: s.provider.name,
      place: s.place,
      schedule: s.schedule,
      url: s.url,
    }));
  return { date, services };
}

async function activityFor(tx: Db, activityId: number) {
  const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId));
  if (!activity) throw new DomainError('not_found', `活动 ${activityId} 不存在`);
  return activity;
}

/** `by`: the staff member signing the resident up on their behalf (left empty when the resident signs up themself). */
export async function signUp(
  tx: Db,
  residentId: number,
  activityId: number,
  now: Date,
  by?: number,
): Promise<{ activityId: number; signedUpAt: string; alreadySignedUp: boolean }> {
  const activity = await activityFor(tx, activityId);
  if (activity.status === 'closed' || activity.date < localDate(now))
    throw new DomainError('signup_closed', `活动「${activity.title}」已结束，不能报名`);
  const inserted = await tx
    .insert(activitySignups)
    .values({ activityId, residentId, signedUpAt: now.toISOString(), signedUpBy: by ?? null })
    .onConflictDoNothing()
    .returning();
  if (inserted[0])
    return { activityId, signedUpAt: inserted[0].signedUpAt, alreadySignedUp: false };
  const [prior] = await tx
    .select()
    .from(activitySignups)
    .where(
      and(eq(activitySignups.activityId, activityId), eq(activitySignups.residentId, residentId)),
    );
  return { activityId, signedUpAt: prior!.signedUpAt, alreadySignedUp: true };
}

export async function cancelSignUp(tx: Db, residentId: number, activityId: number): Promise<void> {
  const activity = await activityFor(tx, activityId);
  const [came] = await tx
    .select({ at: participations.checkedInAt })
    .from(participations)
    .where(
      and(eq(participations.activityId, activityId), eq(participations.residentId, residentId)),
    );
  if (came)
    throw new DomainError('already_checked_in', `已在「${activity.title}」签到，不能取消报名`);
  if (activity.status === 'closed')
    throw new DomainError('signup_closed', `活动「${activity.title}」已结束`);
  const removed = await tx
    .delete(activitySignups)
    .where(
      and(eq(activitySignups.activityId, activityId), eq(activitySignups.residentId, residentId)),
    )
    .returning({ id: activitySignups.activityId });
  if (removed.length === 0) throw new DomainError('not_found', `未报名活动「${activity.title}」`);
}

export type MyActivityStatus = 'signed_up' | 'missed' | 'checked_in' | 'awarded' | 'reversed';

export interface MyActivity {
  activityId: number;
  title: string;
  date: string;
  place: string;
  type: string;
  status: MyActivityStatus;
  hours: number | null;
  /** Points this attendance earned, net of a reversal; null until awarded. */
  points: number | null;
  entryId: number | null;
}

/** Everything the resident signed up for or took part in, newest first; cursor "date.id". */
export async function myActivities(
  db: Db,
  residentId: number,
  now: Date,
  limit: number,
  cursor?: string,
): Promise<Page<MyActivity>> {
  const [account] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.ownerId, residentId));
  const accountId = account?.id ?? -1;
  let after: SQL | undefined;
  if (cursor) {
    const [date, id] = cursor.split('.');
    after = or(
      lt(activities.date, date!),
      and(eq(activities.date, date!), lt(activities.id, Number(id))),
    );
  }
  const rows = await db
    .select({
      a: activities,
      typeName: activityTypes.nameZh,
      signedUpAt: activitySignups.signedUpAt,
      checkedInAt: participations.checkedInAt,
      hours: participations.hours,
      entryId: participations.awardEntryId,
      awarded: sql<
        number | null
      >`(select ${postings.amount} from ${postings} where ${postings.entryId} = ${participations.awardEntryId} and ${postings.accountId} = ${accountId})`,
      reversed: sql<
        number | null
      >`(select ${postings.amount} from ${postings} inner join ${ledgerEntries} on ${ledgerEntries.id} = ${postings.entryId} where ${ledgerEntries.reversesId} = ${participations.awardEntryId} and ${postings.accountId} = ${accountId})`,
    })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .leftJoin(
      activitySignups,
      and(
        eq(activitySignups.activityId, activities.id),
        eq(activitySignups.residentId, residentId),
      ),
    )
    .leftJoin(
      participations,
      and(eq(participations.activityId, activities.id), eq(participations.residentId, residentId)),
    )
    .where(
      and(or(isNotNull(activitySignups.residentId), isNotNull(participations.residentId)), after),
    )
    .orderBy(desc(activities.date), desc(activities.id))
    .limit(limit + 1);
  const today = localDate(now);
  const items = rows.slice(0, limit).map((r): MyActivity => {
    const came = r.hours !== null;
    const awarded = r.awarded === null ? null : Number(r.awarded);
    const reversed = r.reversed === null ? 0 : Number(r.reversed);
    const status: MyActivityStatus = !came
      ? r.a.status === 'closed' || r.a.date < today
        ? 'missed'
        : 'signed_up'
      : r.entryId === null
        ? 'checked_in'
        : r.reversed !== null
          ? 'reversed'
          : 'awarded';
    return {
      activityId: r.a.id,
      title: r.a.title,
      date: r.a.date,
      place: r.a.place,
      type: r.typeName,
      status,
      hours: r.hours,
      points: awarded === null ? null : awarded + reversed,
      entryId: r.entryId,
    };
  });
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? `${last.date}.${last.activityId}` : null,
  };
}

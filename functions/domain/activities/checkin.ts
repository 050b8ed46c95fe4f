import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { activities, cards, participations, residents, users } from '../../../db/schema';
import { resolveRedeemCode } from '../counter/codes';
import { DomainError } from '../shared/errors';
import { localDate } from '../shared/time';

/**
 * Checking volunteers in on the day. Staff name the volunteer by resident id or login, or scan
 * what the volunteer shows: the phone's live 6-digit code (read, never used up: it still works
 * at a counter afterwards) or the paper card's number.
 */
export type Identity =
  | { residentId: number }
  | { login: string }
  | { code: string }
  | { card: string };

export async function identify(db: Db, who: Identity, now: Date): Promise<number> {
  if ('code' in who) return (await resolveRedeemCode(db, who.code, now)).residentId;
  if ('card' in who) {
    const [card] = await db
      .select({ residentId: cards.residentId })
      .from(cards)
      .where(eq(cards.cardNo, who.card));
    if (!card) throw new DomainError('card_invalid', '卡号不存在');
    return card.residentId;
  }
  const [row] = await db
    .select({ id: residents.userId })
    .from(residents)
    .innerJoin(users, eq(users.id, residents.userId))
    .where('login' in who ? eq(users.login, who.login) : eq(residents.userId, who.residentId));
  if (!row) throw new DomainError('not_found', '居民不存在');
  return row.id;
}

export interface CheckIn {
  residentId: number;
  name: string;
  checkedInAt: string;
  hours: number;
  alreadyCheckedIn: boolean;
}

export async function openActivity(tx: Db, activityId: number, now: Date) {
  const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId));
  if (!activity) throw new DomainError('not_found', `活动 ${activityId} 不存在`);
  if (activity.status === 'closed')
    throw new DomainError('activity_closed', `活动「${activity.title}」已结束`);
  if (activity.date > localDate(now))
    throw new DomainError(
      'activity_not_started',
      `活动「${activity.title}」在 ${activity.date}，当天才能签到`,
    );
  return activity;
}

export async function checkIn(
  tx: Db,
  cmd: { activityId: number; who: Identity; hours?: number | undefined; now: Date },
): Promise<CheckIn> {
  const activity = await openActivity(tx, cmd.activityId, cmd.now);
  const residentId = await identify(tx, cmd.who, cmd.now);
  const [person] = await tx
    .select({ name: residents.fullName })
    .from(residents)
    .where(eq(residents.userId, residentId));
  const inserted = await tx
    .insert(participations)
    .values({
      activityId: activity.id,
      residentId,
      hours: cmd.hours ?? activity.hours,
      checkedInAt: cmd.now.toISOString(),
    })
    .onConflictDoNothing()
    .returning();
  if (activity.status === 'planned')
    await tx.update(activities).set({ status: 'open' }).where(eq(activities.id, activity.id));
  const row =
    inserted[0] ??
    (
      await tx
        .select()
        .from(participations)
        .where(
          and(
            eq(participations.activityId, activity.id),
            eq(participations.residentId, residentId),
          ),
        )
    )[0]!;
  return {
    residentId,
    name: person?.name ?? '',
    checkedInAt: row.checkedInAt ?? cmd.now.toISOString(),
    hours: row.hours,
    alreadyCheckedIn: inserted.length === 0,
  };
}

/** Takes back a mistaken check-in before the activity is closed (the sign-up, if any, stays). */
export async function undoCheckIn(
  tx: Db,
  cmd: { activityId: number; residentId: number; now: Date },
): Promise<void> {
  const [activity] = await tx.select().from(activities).where(eq(activities.id, cmd.activityId));
  if (!activity) throw new DomainError('not_found', `活动 ${cmd.activityId} 不存在`);
  if (activity.status === 'closed')
    throw new DomainError('activity_closed', `活动「${activity.title}」已结束，签到不能再撤销`);
  const removed = await tx
    .delete(participations)
    .where(
      and(
        eq(participations.activityId, cmd.activityId),
        eq(participations.residentId, cmd.residentId),
      ),
    )
    .returning({ residentId: participations.residentId });
  if (removed.length === 0) throw new DomainError('not_found', '该居民未签到');
}

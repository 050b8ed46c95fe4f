import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { activities, residents } from '../../../db/schema';
import { signUp } from '../activities/signups';
import { transfer } from '../ledger/commands';
import { type Actor, audit } from '../records/audit';
import { askForService } from '../requests/intake';
import type { Request } from '../requests/requests';
import { DomainError } from '../shared/errors';
import { findRecipient, type RecipientQuery } from './recipients';

/**
 * What a resident with only a paper card asks staff to do for them at the desk or by phone: give
 * points to a neighbour, sign up for an activity, ask for a service. The same rules as when they do
 * it themselves; each is recorded as done by the staff member on the resident's behalf (the ledger
 * entry's actor, the sign-up's signed_up_by, the request's 'staff' origin, and an audit row).
 */

/** The resident acted for: one who exists and has not moved away. */
async function actingFor(tx: Db, residentId: number): Promise<void> {
  const [r] = await tx
    .select({ movedAwayAt: residents.movedAwayAt })
    .from(residents)
    .where(eq(residents.userId, residentId));
  if (!r) throw new DomainError('not_found', `居民 ${residentId} 不存在`);
  if (r.movedAwayAt !== null)
    throw new DomainError('moved_away', `该居民已于 ${r.movedAwayAt.slice(0, 10)} 迁出`);
}

export interface GiftFor {
  /** The neighbour: a resident id, a login or a paper-card number. */
  to: number | RecipientQuery;
  points: number;
  reason?: string | undefined;
}

export async function giveFor(
  tx: Db,
  actor: Actor,
  residentId: number,
  gift: GiftFor,
): Promise<{
  id: number;
  at: string;
  balanceAfter: number;
  to: { id: number; maskedName: string };
}> {
  await actingFor(tx, residentId);
  // An unknown neighbour is the request's mistake, not a missing resident in the path (404).
  const neighbour = await findRecipient(
    tx,
    typeof gift.to === 'number' ? { id: gift.to } : gift.to,
    residentId,
  ).catch((error: unknown) => {
    throw error instanceof DomainError
      ? new DomainError('invalid_recipient', error.message)
      : error;
  });
  if (neighbour.self) throw new DomainError('invalid_recipient', '不能转给自己');
  const done = await transfer(tx, actor, {
    fromResidentId: residentId,
    to: neighbour.id,
    points: gift.points,
    memo: gift.reason,
  });
  await audit(tx, actor, 'update', 'resident', residentId, {
    op: 'gift_on_behalf',
    entryId: done.id,
    to: neighbour.id,
    points: gift.points,
  });
  return { ...done, to: { id: neighbour.id, maskedName: neighbour.maskedName } };
}

export async function signUpFor(
  tx: Db,
  actor: Actor,
  residentId: number,
  activityId: number,
): Promise<{
  activityId: number;
  title: string;
  date: string;
  signedUpAt: string;
  alreadySignedUp: boolean;
}> {
  await actingFor(tx, residentId);
  const done = await signUp(tx, residentId, activityId, actor.now, actor.actorId);
  const [activity] = await tx
    .select({ title: activities.title, date: activities.date })
    .from(activities)
    .where(eq(activities.id, activityId));
  if (!done.alreadySignedUp)
    await audit(tx, actor, 'create', 'activity_signup', activityId, {
      op: 'signup_on_behalf',
      residentId,
    });
  return { ...done, title: activity!.title, date: activity!.date };
}

export async function requestFor(
  tx: Db,
  actor: Actor,
  residentId: number,
  ask: { serviceId: number; note?: string | undefined; preferredDate?: string | undefined },
): Promise<Request> {
  await actingFor(tx, residentId);
  const request = await askForService(
    tx,
    actor,
    { serviceId: ask.serviceId, residentId, detail: ask.note, preferredDate: ask.preferredDate },
    'staff',
  );
  await audit(tx, actor, 'create', 'service_request', request.id, {
    op: 'request_on_behalf',
    residentId,
    serviceId: ask.serviceId,
  });
  return request;
}

import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { organizations, type ServiceRequestStatus, serviceRequests } from '../../../db/schema';
import { type Actor, audit } from '../records/audit';
import { DomainError } from '../shared/errors';
import { RESIDENT_CANCELLABLE, STATUS_ZH, STEPS, type Step } from './flow';

import { findRequest, logEvent, type Request, type RequestRow, requestRow } from './requests';

/** The steps a request moves through once it is in, each from the states that step allows. */

/** Moves a request one step, only from a state that step allows (checked again in the UPDATE, so a race loses cleanly). */
async function move(
  tx: Db,
  id: number,
  step: Step,
  from: readonly ServiceRequestStatus[],
  now: Date,
  set: Partial<RequestRow> = {},
): Promise<RequestRow> {
  const current = await requestRow(tx, id);
  if (!from.includes(current.status)) {
    throw new DomainError(
      'invalid_transition',
      `申请当前为「${STATUS_ZH[current.status]}」，不能${STEPS[step].zh}`,
    );
  }
  const [updated] = await tx
    .update(serviceRequests)
    .set({ ...set, status: STEPS[step].to, updatedAt: now.toISOString() })
    .where(and(eq(serviceRequests.id, id), inArray(serviceRequests.status, [...from])))
    .returning();
  if (!updated)
    throw new DomainError('invalid_transition', `申请状态已变化，不能${STEPS[step].zh}`);
  return updated;
}

/** 派单: the residents' committee sends it to a provider; a building issue goes to a property company. */
export async function dispatchRequest(
  tx: Db,
  actor: Actor,
  id: number,
  cmd: { organizationId: number; note?: string | undefined },
): Promise<Request> {
  const current = await requestRow(tx, id);
  const [org] = await tx
    .select({ id: organizations.id, kind: organizations.kind, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, cmd.organizationId));
  if (!org) throw new DomainError('invalid_reference', `组织 ${cmd.organizationId} 不存在`);
  if (current.kind === 'building_issue' && org.kind !== 'property_company')
    throw new DomainError(
      'invalid_provider',
      `楼栋问题须派给物业公司，「${org.name}」不是物业公司`,
    );
  await move(tx, id, 'dispatch', STEPS.dispatch.from, actor.now, { providerId: org.id });
  await logEvent(
    tx,
    id,
    actor.now,
    'dispatched',
    'residents_committee',
    actor.actorId,
    org.id,
    cmd.note?.trim() ?? '',
  );
  await audit(tx, actor, 'update', 'service_request', id, {
    op: 'dispatch',
    organizationId: org.id,
    from: current.status,
  });
  return findRequest(tx, id);
}

/** A step the provider takes: the request moves, and the event names the provider it was dispatched to. */
async function providerStep(
  tx: Db,
  actor: Actor,
  id: number,
  step: 'accept' | 'complete',
  event: 'accepted' | 'done',
  note?: string,
): Promise<Request> {
  const updated = await move(tx, id, step, STEPS[step].from, actor.now);
  await logEvent(
    tx,
    id,
    actor.now,
    event,
    'provider',
    actor.actorId,
    updated.providerId,
    note?.trim() ?? '',
  );
  return findRequest(tx, id);
}

/** 接单: the provider takes it on (staff record it when the provider answers by phone). */
export const acceptRequest = (tx: Db, actor: Actor, id: number, note?: string) =>
  providerStep(tx, actor, id, 'accept', 'accepted', note);

export const completeRequest = (tx: Db, actor: Actor, id: number, note?: string) =>
  providerStep(tx, actor, id, 'complete', 'done', note);

/** Declined by the residents' committee before dispatch, or by the provider it was dispatched to. */
export async function declineRequest(
  tx: Db,
  actor: Actor,
  id: number,
  reason: string,
): Promise<Request> {
  const before = await requestRow(tx, id);
  const updated = await move(tx, id, 'decline', STEPS.decline.from, actor.now);
  const byProvider = before.status === 'dispatched';
  await logEvent(
    tx,
    id,
    actor.now,
    'declined',
    byProvider ? 'provider' : 'residents_committee',
    actor.actorId,
    byProvider ? updated.providerId : null,
    reason,
  );
  return findRequest(tx, id);
}

export async function cancelRequest(
  tx: Db,
  actor: Actor,
  id: number,
  by: 'resident' | 'staff',
  reason?: string,
): Promise<Request> {
  const current = await requestRow(tx, id);
  if (by === 'resident' && current.residentId !== actor.actorId)
    throw new DomainError('not_found', `服务申请 ${id} 不存在`);
  await move(
    tx,
    id,
    'cancel',
    by === 'resident' ? RESIDENT_CANCELLABLE : STEPS.cancel.from,
    actor.now,
  );
  await logEvent(tx, id, actor.now, 'cancelled', by, actor.actorId, null, reason?.trim() ?? '');
  return findRequest(tx, id);
}

/** 服务反馈: the resident served rates it, once, when it is done. */
export async function rateRequest(
  tx: Db,
  actor: Actor,
  id: number,
  rating: { score: number; comment?: string | undefined },
): Promise<Request> {
  const current = await requestRow(tx, id);
  if (current.residentId !== actor.actorId)
    throw new DomainError('not_found', `服务申请 ${id} 不存在`);
  if (current.status !== 'done')
    throw new DomainError(
      'request_not_done',
      `申请当前为「${STATUS_ZH[current.status]}」，完成后才能评价`,
    );
  if (current.rating !== null) throw new DomainError('already_rated', '这次服务已评价过');
  const comment = rating.comment?.trim() || null;
  await tx
    .update(serviceRequests)
    .set({
      rating: rating.score,
      ratingComment: comment,
      ratedAt: actor.now.toISOString(),
      updatedAt: actor.now.toISOString(),
    })
    .where(eq(serviceRequests.id, id));
  await logEvent(
    tx,
    id,
    actor.now,
    'rated',
    'resident',
    actor.actorId,
    current.providerId,
    `${rating.score} 星${comment ? `：${comment}` : ''}`,
  );
  return findRequest(tx, id);
}

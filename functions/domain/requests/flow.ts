import type { ServiceRequestStatus } from '../../../db/schema';

/**
 * The request flow as data: which step may happen from which state, and where it leads.
 *   submitted ──派单──▶ dispatched ──接单──▶ accepted ──完成──▶ done ──评价
 *   (re-dispatch while not yet accepted; decline before acceptance; cancel until done)
 */
export type Step = 'dispatch' | 'accept' | 'complete' | 'decline' | 'cancel';

export const STEPS: Record<
  Step,
  { from: readonly ServiceRequestStatus[]; to: ServiceRequestStatus; zh: string }
> = {
  dispatch: { from: ['submitted', 'dispatched'], to: 'dispatched', zh: '派单' },
  accept: { from: ['dispatched'], to: 'accepted', zh: '接单' },
  complete: { from: ['accepted'], to: 'done', zh: '办结' },
  decline: { from: ['submitted', 'dispatched'], to: 'declined', zh: '拒单' },
  cancel: { from: ['submitted', 'dispatched', 'accepted'], to: 'cancelled', zh: '取消' },
};

/** A resident may withdraw a request only until a provider has taken it on. */
export const RESIDENT_CANCELLABLE: readonly ServiceRequestStatus[] = ['submitted', 'dispatched'];

export const STATUS_ZH: Record<ServiceRequestStatus, string> = {
  submitted: '已提交',
  dispatched: '已派单',
  accepted: '已接单',
  done: '已完成',
  cancelled: '已取消',
  declined: '已拒单',
};

export function canStep(step: Step, from: ServiceRequestStatus): boolean {
  return STEPS[step].from.includes(from);
}

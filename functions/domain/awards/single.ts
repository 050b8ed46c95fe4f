import type { Db } from '../../../db/client';
import { type AwardInput, award } from '../ledger/commands';
import type { Actor } from '../records/audit';
import { createBatch } from './batch-write';
import type { Batch } from './batches';
import { approvalThresholds, needsApproval } from './thresholds';

/**
 * One award as staff enter it: under the community's threshold it moves at once; over it, it
 * becomes a pending batch of one line that moves nothing until an accountant who is not its
 * author approves it — the same two-person rule as every other way points are awarded.
 */
export type SingleAward = { id: number; balanceAfter: number } | { batch: Batch };

export async function awardOrQueue(tx: Db, actor: Actor, cmd: AwardInput): Promise<SingleAward> {
  if (!needsApproval([cmd.points], await approvalThresholds(tx))) return award(tx, actor, cmd);
  const batch = await createBatch(tx, {
    kind: 'manual',
    activityId: cmd.activityId ?? null,
    reason: cmd.reason,
    lines: [{ residentId: cmd.residentId, points: cmd.points, memo: cmd.reason }],
    createdBy: actor.actorId,
    now: actor.now,
  });
  return { batch };
}

import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { users } from '../../../db/schema';
import { DomainError } from '../shared/errors';
import { can } from './roles';

/**
 * The second signature (expenses, awards over the threshold, pool grants) is given by someone whose
 * role may approve — the accountant — and never by whoever prepared the thing approved (checked by
 * each caller, which knows who that was).
 */
export async function assertMayApprove(tx: Db, userId: number): Promise<void> {
  const [user] = await tx
    .select({ role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.disabledAt || !can(user.role, 'approve')) {
    throw new DomainError('forbidden', '只有会计（第二签名人）可以审批；请由会计审批');
  }
}

/**
 * The second signature itself: never by whoever prepared the thing (`preparedBy`), and only by
 * someone whose role may approve. `selfRefusal` says, in the caller's words, what was refused.
 */
export async function assertSecondSignature(
  tx: Db,
  approverId: number,
  preparedBy: boolean,
  selfRefusal: string,
): Promise<void> {
  if (preparedBy) throw new DomainError('self_approval', selfRefusal);
  await assertMayApprove(tx, approverId);
}

import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { type Role, users } from '../../../db/schema';
import { DomainError } from '../shared/errors';
import { can } from './roles';

/**
 * The second signature (expenses, awards over the threshold, pool grants) is given by someone whose
 * role may approve — the accountant — and never by whoever prepared the thing approved (checked by
 * each caller, which knows who that was).
 */
export async function assertMayApprove(tx: Db, userId: number): Promise<void> {
  mayApprove(await approverOf(tx, userId));
}

/** The account `mayApprove` judges (read with the caller's other reads, where it has them). */
export async function approverOf(tx: Db, userId: number): Promise<Approver | undefined> {
  const [user] = await tx
    .select({ role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId));
  return user;
}

export type Approver = { role: Role; disabledAt: string | null };

function mayApprove(user: Approver | undefined): void {
  if (!user || user.disabledAt || !can(user.role, 'approve')) {
    throw new DomainError('forbidden', '只有会计（第二签名人）可以审批；请由会计审批');
  }
}

/**
 * The second signature itself: never by whoever prepared the thing (`preparedBy`), and only by
 * someone whose role may approve. `selfRefusal` says, in the caller's words, what was refused.
 * `approver`: the approver's account, or its read (approverOf).
 */
export async function assertSecondSignature(
  approver: Promise<Approver | undefined> | Approver | undefined,
  preparedBy: boolean,
  selfRefusal: string,
): Promise<void> {
  const user = await approver;
  if (preparedBy) throw new DomainError('self_approval', selfRefusal);
  mayApprove(user);
}

import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { merchants, users } from '../../../db/schema';
import { type Actor, audit, changesOf } from '../records/audit';
import { announce, type PublishEvent } from '../records/publish';
import { DomainError } from '../shared/errors';
import type { ShopProfile } from './accounts';

/**
 * The partner merchants (一刻钟合伙人) as staff keep them: the public profile, which the merchant
 * and staff both edit, and suspension, which staff decide. Every change reaches the public page:
 * it appends a publish event, and the caller tells the shell once the write has committed.
 */
export interface MerchantRow extends ShopProfile {
  id: number;
  login: string;
  name: string;
  joinedAt: string;
  disabled: boolean;
  suspendedAt: string | null;
  suspendedReason: string | null;
}

const columns = {
  id: merchants.userId,
  login: users.login,
  name: users.displayName,
  shopName: merchants.shopName,
  category: merchants.category,
  address: merchants.address,
  openingHours: merchants.openingHours,
  offer: merchants.offer,
  joinedAt: merchants.joinedAt,
  disabledAt: users.disabledAt,
  suspendedAt: merchants.suspendedAt,
  suspendedReason: merchants.suspendedReason,
};

const rowOf = ({
  disabledAt,
  ...m
}: { disabledAt: string | null } & Omit<MerchantRow, 'disabled'>): MerchantRow => ({
  ...m,
  disabled: disabledAt !== null,
});

/** Every merchant, by id (a community has tens of them, not thousands). */
export async function listMerchants(db: Db): Promise<MerchantRow[]> {
  const rows = await db
    .select(columns)
    .from(merchants)
    .innerJoin(users, eq(users.id, merchants.userId))
    .orderBy(asc(merchants.userId));
  return rows.map(rowOf);
}

export async function merchantById(db: Db, id: number): Promise<MerchantRow> {
  const [row] = await db
    .select(columns)
    .from(merchants)
    .innerJoin(users, eq(users.id, merchants.userId))
    .where(eq(merchants.userId, id));
  if (!row) throw new DomainError('not_found', `商户 ${id} 不存在`);
  return rowOf(row);
}

/** Changes the shop's public profile (by the merchant itself or by staff). */
export async function updateShop(
  tx: Db,
  actor: Actor,
  id: number,
  patch: Partial<ShopProfile>,
): Promise<PublishEvent | undefined> {
  const before = await merchantById(tx, id);
  const changes = changesOf(before as unknown as Record<string, unknown>, patch);
  if (Object.keys(changes).length === 0) return undefined;
  await tx.update(merchants).set(patch).where(eq(merchants.userId, id));
  // The counter's account is named after the shop unless an admin named it otherwise.
  if (patch.shopName !== undefined && before.name === before.shopName)
    await tx.update(users).set({ displayName: patch.shopName }).where(eq(users.id, id));
  await audit(tx, actor, 'update', 'merchant', id, changes);
  return announce(tx, actor, 'merchant', id);
}

/** Staff suspend a shop: its counter refuses redemptions and its public page says it is paused. */
export async function suspendMerchant(
  tx: Db,
  actor: Actor,
  id: number,
  reason: string,
): Promise<PublishEvent | undefined> {
  const before = await merchantById(tx, id);
  if (before.suspendedAt !== null && before.suspendedReason === reason) return undefined;
  await tx
    .update(merchants)
    .set({ suspendedAt: before.suspendedAt ?? actor.now.toISOString(), suspendedReason: reason })
    .where(eq(merchants.userId, id));
  await audit(tx, actor, 'update', 'merchant', id, { op: 'suspend', reason });
  return announce(tx, actor, 'merchant', id);
}

export async function reinstateMerchant(
  tx: Db,
  actor: Actor,
  id: number,
): Promise<PublishEvent | undefined> {
  const before = await merchantById(tx, id);
  if (before.suspendedAt === null) return undefined;
  await tx
    .update(merchants)
    .set({ suspendedAt: null, suspendedReason: null })
    .where(eq(merchants.userId, id));
  await audit(tx, actor, 'update', 'merchant', id, {
    op: 'reinstate',
    suspendedAt: before.suspendedAt,
    reason: before.suspendedReason,
  });
  return announce(tx, actor, 'merchant', id);
}

/** The refusal a suspended shop's counter answers (set-based callers build it from their own query). */
export function merchantSuspended(): DomainError {
  return new DomainError(
    'merchant_suspended',
    '本店的积分兑换已被社区暂停，暂时不能兑换；请联系社区服务站了解原因和恢复办法',
  );
}

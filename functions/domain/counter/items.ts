import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { merchantItems } from '../../../db/schema';
import { DomainError } from '../shared/errors';

/** A merchant's own list of what it gives for points (积分超市); each merchant sees and edits only its own. */
export interface ItemFields {
  name: string;
  points: number;
  description?: string | null | undefined;
  active?: boolean | undefined;
}

export interface Item {
  id: number;
  name: string;
  description: string | null;
  points: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

const view = (r: typeof merchantItems.$inferSelect): Item => ({
  id: r.id,
  name: r.name,
  description: r.description,
  points: r.points,
  active: r.active,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export async function listItems(db: Db, merchantId: number, activeOnly = false): Promise<Item[]> {
  const rows = await db
    .select()
    .from(merchantItems)
    .where(
      and(
        eq(merchantItems.merchantId, merchantId),
        activeOnly ? eq(merchantItems.active, true) : undefined,
      ),
    )
    .orderBy(asc(merchantItems.id));
  return rows.map(view);
}

export async function createItem(
  tx: Db,
  merchantId: number,
  fields: ItemFields,
  now: Date,
): Promise<Item> {
  const at = now.toISOString();
  const [row] = await tx
    .insert(merchantItems)
    .values({
      merchantId,
      name: fields.name,
      description: fields.description ?? null,
      points: fields.points,
      active: fields.active ?? true,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  return view(row!);
}

const own = (merchantId: number, id: number) =>
  and(eq(merchantItems.id, id), eq(merchantItems.merchantId, merchantId));

export async function updateItem(
  tx: Db,
  merchantId: number,
  id: number,
  patch: Partial<ItemFields>,
  now: Date,
): Promise<Item> {
  const [row] = await tx
    .update(merchantItems)
    .set({ ...patch, updatedAt: now.toISOString() })
    .where(own(merchantId, id))
    .returning();
  if (!row) throw new DomainError('not_found', `兑换商品 ${id} 不存在`);
  return view(row);
}

export async function deleteItem(tx: Db, merchantId: number, id: number): Promise<void> {
  const removed = await tx
    .delete(merchantItems)
    .where(own(merchantId, id))
    .returning({ id: merchantItems.id });
  if (removed.length === 0) throw new DomainError('not_found', `兑换商品 ${id} 不存在`);
}

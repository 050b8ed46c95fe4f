import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { DomainError } from '../shared/errors';
import { refused, type Settled, settledValue } from '../shared/settled';
import { inList, rowList } from '../shared/sql';

/** What a redemption bought, as the receipt and the statements show it. */
export interface RedeemedItem {
  id: number;
  name: string;
  /** The item's price when it was redeemed. */
  unitPoints: number;
  quantity: number;
}

export const MAX_QUANTITY = 99;

interface Purchase {
  merchantId: number;
  points: number;
  itemId?: number | undefined;
  quantity?: number | undefined;
}

/**
 * Each purchase's catalogue item checked against the counter (one query for all): the item, null
 * for a purchase of plain points, or the refusal — an item that is not this shop's active one, or
 * points that are not its price × quantity.
 */
export async function itemsForRedemption(
  tx: Db,
  purchases: Purchase[],
): Promise<Array<Settled<RedeemedItem | null>>> {
  const ids = [...new Set(purchases.flatMap((p) => (p.itemId === undefined ? [] : [p.itemId])))];
  const rows =
    ids.length === 0
      ? []
      : await tx.all<{
          id: number;
          merchantId: number;
          name: string;
          points: number;
          active: number;
        }>(
          sql`select id, merchant_id as merchantId, name, points, active from merchant_items where id in ${inList(ids)}`,
        );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return purchases.map((p) => {
    if (p.itemId === undefined) return settledValue(null);
    const row = byId.get(p.itemId);
    if (!row || Number(row.merchantId) !== p.merchantId || !row.active)
      return refused(
        new DomainError('item_invalid', `本店没有在售的兑换商品 ${p.itemId}，请刷新商品列表`),
      );
    const quantity = p.quantity ?? 1;
    const price = Number(row.points);
    if (p.points !== price * quantity)
      return refused(
        new DomainError(
          'item_price_mismatch',
          `「${row.name}」每件 ${price} 分 × ${quantity} 件应为 ${price * quantity} 分，不是 ${p.points} 分`,
        ),
      );
    return settledValue({ id: p.itemId, name: row.name, unitPoints: price, quantity });
  });
}

/** Writes what each redemption bought (append-only, like the entries they belong to). */
export async function recordRedemptionItems(
  tx: Db,
  bought: Array<{ entryId: number; item: RedeemedItem }>,
): Promise<void> {
  if (bought.length === 0) return;
  await tx.run(
    sql`insert into redemption_items (entry_id, item_id, name, unit_points, quantity) values ${rowList(bought.map(({ entryId, item }) => [entryId, item.id, item.name, item.unitPoints, item.quantity]))}`,
  );
}

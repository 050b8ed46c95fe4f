import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { merchantItems, merchants, users } from '../../../db/schema';
import { getOrPut } from '../shared/maps';
import { paths } from './urls';

/** What points buy (积分超市): one shop's items on offer, cheapest first. */
export interface CatalogueItem {
  id: number;
  name: string;
  points: number;
  description: string | null;
}

export interface CatalogueShop {
  id: number;
  shopName: string;
  /** The shop's place on the public site (its entry on the partners page). */
  url: string;
  items: CatalogueItem[];
}

/**
 * The items a resident can redeem today: active items of shops whose counter redeems — the
 * account is not disabled and staff have not suspended the shop. Shops with nothing on offer
 * are left out. Only what the merchant publishes for everyone (name, price, description).
 */
export async function publicCatalogue(db: Db): Promise<CatalogueShop[]> {
  const rows = await db
    .select({
      shopId: merchants.userId,
      shopName: merchants.shopName,
      id: merchantItems.id,
      name: merchantItems.name,
      points: merchantItems.points,
      description: merchantItems.description,
    })
    .from(merchantItems)
    .innerJoin(merchants, eq(merchants.userId, merchantItems.merchantId))
    .innerJoin(users, eq(users.id, merchants.userId))
    .where(
      and(eq(merchantItems.active, true), isNull(merchants.suspendedAt), isNull(users.disabledAt)),
    )
    .orderBy(asc(merchants.userId), asc(merchantItems.points), asc(merchantItems.id));
  const shops = new Map<number, CatalogueShop>();
  for (const { shopId, shopName, ...item } of rows) {
    getOrPut(shops, shopId, () => ({
      id: shopId,
      shopName,
      url: paths.merchant(shopId),
      items: [] as CatalogueShop['items'],
    })).items.push(item);
  }
  return [...shops.values()];
}

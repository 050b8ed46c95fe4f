import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accounts, merchants, organizations, postings } from '../../../db/schema';
import type { CharityView } from './charity';
import type { PublicService } from './services';
import { paths } from './urls';

export interface PublicMerchant {
  id: number;
  url: string;
  organizationId: number | null;
  shopName: string;
  category: string;
  address: string;
  /** As the shop states them (e.g. 每天 8:00–20:00); empty when it has not said. */
  openingHours: string;
  offer: string;
  joinedAt: string;
  /** Staff have paused the shop: the page says so, its counter redeems nothing (the reason stays internal). */
  suspended: boolean;
  /** What the public was promised in return for their charity (公益换宣传): their record. */
  services: Array<{ id: number; title: string; url: string; schedule: string }>;
  donations: Array<{
    id: number;
    date: string;
    form: string;
    amountFen: number;
    itemDescription: string | null;
  }>;
  donatedFen: number;
  redemptions: number;
  pointsRedeemed: number;
}

/** The 一刻钟合伙人 partners and everything they have given; needs the already-built services and charity views. */
export async function publicMerchants(
  db: Db,
  servicesView: PublicService[],
  charity: CharityView,
): Promise<PublicMerchant[]> {
  const rows = await db
    .select({
      userId: merchants.userId,
      shopName: merchants.shopName,
      category: merchants.category,
      address: merchants.address,
      openingHours: merchants.openingHours,
      offer: merchants.offer,
      joinedAt: merchants.joinedAt,
      suspendedAt: merchants.suspendedAt,
      organizationId: organizations.id,
      redemptions: sql<number>`(select count(*) from ${postings} where ${postings.accountId} = ${accounts.id} and ${postings.amount} > 0)`,
      pointsRedeemed: accounts.balance,
    })
    .from(merchants)
    .innerJoin(accounts, eq(accounts.ownerId, merchants.userId))
    .leftJoin(
      organizations,
      and(
        eq(organizations.merchantUserId, merchants.userId),
        eq(organizations.status, 'published'),
      ),
    )
    .orderBy(asc(merchants.userId));
  return rows.map((m) => {
    const donations =
      m.organizationId === null
        ? []
        : charity.donations.filter(
            (d) => d.organizationId === m.organizationId && d.status === 'published',
          );
    return {
      id: m.userId,
      url: paths.merchant(m.userId),
      organizationId: m.organizationId,
      shopName: m.shopName,
      category: m.category,
      address: m.address,
      openingHours: m.openingHours,
      offer: m.offer,
      joinedAt: m.joinedAt,
      suspended: m.suspendedAt !== null,
      services: servicesView
        .filter((s) => s.provider.id === m.organizationId && s.status === 'published')
        .map((s) => ({ id: s.id, title: s.title, url: s.url, schedule: s.schedule })),
      donations: donations.map((d) => ({
        id: d.id,
        date: d.date,
        form: d.form,
        amountFen: d.amountFen,
        itemDescription: d.itemDescription,
      })),
      donatedFen: donations.reduce((s, d) => s + d.amountFen, 0),
      redemptions: Number(m.redemptions),
      pointsRedeemed: m.pointsRedeemed,
    };
  });
}

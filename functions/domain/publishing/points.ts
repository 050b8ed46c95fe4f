import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accounts, ledgerEntries, postings } from '../../../db/schema';

export interface PointsMonth {
  month: string;
  issued: number;
  redeemed: number;
  expired: number;
  donatedToPool: number;
  entries: number;
}

/** Points issued, redeemed, expired and given to the pool, per community month; net of reversals. */
export async function pointsMonthly(db: Db): Promise<PointsMonth[]> {
  const month = sql<string>`strftime('%Y-%m', ${ledgerEntries.at}, '+8 hours')`;
  const rows = await db
    .select({
      month,
      issued: sql<number>`coalesce(sum(case when ${accounts.kind} = 'issuance' then -${postings.amount} end), 0)`,
      redeemed: sql<number>`coalesce(sum(case when ${accounts.kind} = 'merchant' then ${postings.amount} end), 0)`,
      expired: sql<number>`coalesce(sum(case when ${accounts.kind} = 'expiry' then ${postings.amount} end), 0)`,
      // Gifts to the pool (and their reversals), not what the pool gave out (transfers from it).
      donatedToPool: sql<number>`coalesce(sum(case when ${accounts.kind} = 'pool' and (${ledgerEntries.kind} = 'donation' or (${ledgerEntries.kind} = 'reversal' and exists (select 1 from ledger_entries o where o.id = ${ledgerEntries.reversesId} and o.kind = 'donation'))) then ${postings.amount} end), 0)`,
      entries: sql<number>`count(distinct ${ledgerEntries.id})`,
    })
    .from(postings)
    .innerJoin(ledgerEntries, sql`${ledgerEntries.id} = ${postings.entryId}`)
    .innerJoin(accounts, sql`${accounts.id} = ${postings.accountId}`)
    .groupBy(month)
    .orderBy(month);
  return rows.map((r) => ({
    month: r.month,
    issued: Number(r.issued),
    redeemed: Number(r.redeemed),
    expired: Number(r.expired),
    donatedToPool: Number(r.donatedToPool),
    entries: Number(r.entries),
  }));
}

import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { ledgerEntries, postings } from '../../../db/schema';
import { localDate, startOfLocalDay } from '../shared/time';

/** What came over the counter in a stretch of community time (UTC+8): redemptions, reversals, net points. */
export interface CounterTotals {
  from: string;
  to: string;
  redemptions: number;
  points: number;
  reversals: number;
  reversedPoints: number;
  netPoints: number;
}

async function totalsBetween(
  db: Db,
  accountId: number,
  from: Date,
  to: Date,
): Promise<CounterTotals> {
  const [row] = await db
    .select({
      redemptions: sql<number>`coalesce(sum(case when ${ledgerEntries.kind} = 'redemption' then 1 else 0 end), 0)`,
      points: sql<number>`coalesce(sum(case when ${ledgerEntries.kind} = 'redemption' then ${postings.amount} else 0 end), 0)`,
      reversals: sql<number>`coalesce(sum(case when ${ledgerEntries.kind} = 'reversal' then 1 else 0 end), 0)`,
      reversedPoints: sql<number>`coalesce(sum(case when ${ledgerEntries.kind} = 'reversal' then -${postings.amount} else 0 end), 0)`,
      net: sql<number>`coalesce(sum(${postings.amount}), 0)`,
    })
    .from(postings)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, postings.entryId))
    .where(
      and(
        eq(postings.accountId, accountId),
        gte(ledgerEntries.at, from.toISOString()),
        lt(ledgerEntries.at, to.toISOString()),
      ),
    );
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    redemptions: Number(row?.redemptions ?? 0),
    points: Number(row?.points ?? 0),
    reversals: Number(row?.reversals ?? 0),
    reversedPoints: Number(row?.reversedPoints ?? 0),
    netPoints: Number(row?.net ?? 0),
  };
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Today's and this month's counter, each day and month starting at local midnight. */
export async function counterTotals(db: Db, accountId: number, now: Date) {
  const today = localDate(now);
  const month = today.slice(0, 7);
  const [day, monthTotals] = await Promise.all([
    totalsBetween(db, accountId, startOfLocalDay(today), startOfLocalDay(nextDate(today))),
    totalsBetween(
      db,
      accountId,
      startOfLocalDay(`${month}-01`),
      startOfLocalDay(`${nextMonth(month)}-01`),
    ),
  ]);
  return { today: { date: today, ...day }, month: { month, ...monthTotals } };
}

import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { ledgerEntries, participations, postings } from '../../../db/schema';

/**
 * One account's totals by kind of movement, for the resident's "my points" page:
 * balance = earned − redeemed − given + received + reversed − expired, exactly.
 */
export interface StatementSummary {
  balance: number;
  earned: number;
  redeemed: number;
  given: number;
  received: number;
  /** Signed: corrections that took points back are negative, ones that gave points back positive. */
  reversed: number;
  expired: number;
  entries: number;
  hours: number;
  activities: number;
}

export async function statementSummary(
  db: Db,
  accountId: number,
  residentId: number,
): Promise<StatementSummary> {
  const rows = await db
    .select({
      kind: ledgerEntries.kind,
      plus: sql<number>`coalesce(sum(case when ${postings.amount} > 0 then ${postings.amount} else 0 end), 0)`,
      minus: sql<number>`coalesce(sum(case when ${postings.amount} < 0 then -${postings.amount} else 0 end), 0)`,
      n: sql<number>`count(*)`,
    })
    .from(postings)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, postings.entryId))
    .where(eq(postings.accountId, accountId))
    .groupBy(ledgerEntries.kind);
  const of = (kind: string) => {
    const r = rows.find((x) => x.kind === kind);
    return { plus: Number(r?.plus ?? 0), minus: Number(r?.minus ?? 0), n: Number(r?.n ?? 0) };
  };
  const earned = of('award').plus;
  const redeemed = of('redemption').minus;
  const given = of('transfer').minus + of('donation').minus;
  const received = of('transfer').plus + of('donation').plus;
  const reversed = of('reversal').plus - of('reversal').minus;
  const expired = of('expiry').minus;
  const [served] = await db
    .select({
      hours: sql<number>`coalesce(sum(${participations.hours}), 0)`,
      n: sql<number>`count(*)`,
    })
    .from(participations)
    .where(and(eq(participations.residentId, residentId), isNotNull(participations.awardEntryId)));
  return {
    balance: earned - redeemed - given + received + reversed - expired,
    earned,
    redeemed,
    given,
    received,
    reversed,
    expired,
    entries: rows.reduce((s, r) => s + Number(r.n), 0),
    hours: Number(served?.hours ?? 0),
    activities: Number(served?.n ?? 0),
  };
}

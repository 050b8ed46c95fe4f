import { and, desc, eq, gt } from 'drizzle-orm';
import type { Database, Db } from '../../../db/client';
import { cards, recipientLookups, residents, users } from '../../../db/schema';
import { DomainError, TryLater } from '../shared/errors';
import { maskName } from './masking';

/**
 * Finding a neighbour to give points to, by login or paper-card number (staff acting for a resident also by id). Answers only what the
 * giver needs to be sure of the person — the id and the masked name — and the same not_found for
 * a login that is not a resident as for one that does not exist.
 */
export type RecipientQuery = { login: string } | { card: string } | { id: number };

export async function findRecipient(
  db: Db,
  q: RecipientQuery,
  selfId: number,
): Promise<{ id: number; maskedName: string; self: boolean }> {
  const base = db.select({ id: residents.userId, fullName: residents.fullName }).from(residents);
  const [row] =
    'id' in q
      ? await base.where(eq(residents.userId, q.id))
      : 'login' in q
        ? await base
            .innerJoin(users, eq(users.id, residents.userId))
            .where(eq(users.login, q.login))
        : await base
            .innerJoin(cards, eq(cards.residentId, residents.userId))
            .where(eq(cards.cardNo, q.card));
  if (!row) throw new DomainError('not_found', '没有找到这位邻居');
  return { id: row.id, maskedName: maskName(row.fullName), self: row.id === selfId };
}

/** Look-ups of other residents one resident may make per window, found or not (else the directory could be walked). */
export const LOOKUP_BUDGET = 20;
export const LOOKUP_WINDOW_MS = 3600_000;

/**
 * A resident looking up a neighbour by login or card, within their budget: counted and recorded in
 * one write before the look-up, so parallel look-ups meet the budget one at a time.
 */
export async function lookUpNeighbour(
  database: Database,
  q: { login: string } | { card: string },
  residentId: number,
  now: Date,
): Promise<{ id: number; maskedName: string; self: boolean }> {
  const since = new Date(now.getTime() - LOOKUP_WINDOW_MS).toISOString();
  const retryAfter = await database.write(async (tx) => {
    const [oldest] = await tx
      .select({ at: recipientLookups.at })
      .from(recipientLookups)
      .where(and(eq(recipientLookups.userId, residentId), gt(recipientLookups.at, since)))
      .orderBy(desc(recipientLookups.at))
      .limit(1)
      .offset(LOOKUP_BUDGET - 1);
    if (oldest) return (Date.parse(oldest.at) + LOOKUP_WINDOW_MS - now.getTime()) / 1000;
    await tx.insert(recipientLookups).values({ userId: residentId, at: now.toISOString() });
    return undefined;
  });
  if (retryAfter !== undefined)
    throw new TryLater('too_many_attempts', '查找邻居的次数过多，请稍后再试', retryAfter);
  return findRecipient(database.read, q, residentId);
}

import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { cards, residents, users } from '../../../db/schema';
import { DomainError } from '../shared/errors';
import { maskName } from './masking';

/**
 * Finding a neighbour to give points to, by login or paper-card number (staff acting for a resident also by id). Answers only what the
 * giver needs to be sure of the person — the id and the masked name — and the same not_found for
 * a login that is not a resident as for one that does not exist.
 */
export type RecipientQuery = { login: string } | { card: string } | { id: number };

export async function findRecipient(db: Db, q: RecipientQuery, selfId: number): Promise<{ id: number; maskedName: string; self: boolean }> {
  const base = db.select({ id: residents.userId, fullName: residents.fullName }).from(residents);
  const [row] =
    'id' in q
      ? await base.where(eq(residents.userId, q.id))
      : 'login' in q
        ? await base.innerJoin(users, eq(users.id, residents.userId)).where(eq(users.login, q.login))
        : await base.innerJoin(cards, eq(cards.residentId, residents.userId)).where(eq(cards.cardNo, q.card));
  if (!row) throw new DomainError('not_found', '没有找到这位邻居');
  return { id: row.id, maskedName: maskName(row.fullName), self: row.id === selfId };
}

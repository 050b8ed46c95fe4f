import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accounts, ledgerEntries, postings } from '../../../db/schema';
import { merchantSuspended } from '../people/merchants';
import type { Actor } from '../records/audit';
import { DomainError } from '../shared/errors';
import { type Item, one, refused, type Settled, settledValue } from '../shared/settled';
import { inList } from '../shared/sql';
import { SYSTEM_ACCOUNTS } from './accounts';
import {
  type AccountFact,
  type EntryInput,
  type LedgerFacts,
  postEntries,
  postEntry,
} from './post';

/**
 * Every way points move, each one ledger entry through postEntry (redeemMany: several through
 * postEntries). Each is `(tx, actor, input)`: the actor is who does it (and when), the input a
 * plain object. All run inside a write transaction and throw DomainError for refusals the caller
 * can act on.
 */

export const MAX_AWARD_POINTS = 1000;

type Holder = 'resident' | 'merchant';

/**
 * The accounts of some users, in one query: a lookup that answers a user's account in a role, or
 * throws the refusal naming whose account is missing — or, for a merchant, that staff have
 * suspended the shop (the same query, so the check costs the counter no extra round trip). On
 * every redemption's path: a plain SQL template, not the query builder (see post.ts). `known`: the
 * users' accounts already read with the caller's other reads (readLedgerFacts).
 */
export async function accountsOf(
  tx: Db,
  userIds: number[],
  known?: LedgerFacts,
): Promise<(userId: number, role: Holder) => number> {
  const rows: Array<Pick<AccountFact, 'ownerId' | 'id' | 'role' | 'movedAwayAt' | 'suspended'>> =
    known?.accounts ??
    (await tx.all(
      sql`select a.owner_id as ownerId, a.id as id, u.role as role, r.moved_away_at as movedAwayAt, m.suspended_at is not null as suspended
        from accounts a join users u on u.id = a.owner_id left join residents r on r.user_id = a.owner_id left join merchants m on m.user_id = a.owner_id
        where a.owner_id in ${inList(userIds)}`,
    ));
  return (userId, role) => {
    const row = rows.find((r) => r.ownerId === userId && r.role === role);
    if (row === undefined)
      throw new DomainError(
        'not_found',
        role === 'resident' ? `居民 ${userId} 不存在` : `商户 ${userId} 不存在`,
      );
    // A resident who moved away has handed their points on: nothing more comes in or goes out.
    if (row.movedAwayAt !== null)
      throw new DomainError(
        'moved_away',
        `该居民已于 ${row.movedAwayAt.slice(0, 10)} 迁出，积分账户已停用`,
      );
    if (row.suspended) throw merchantSuspended();
    return row.id;
  };
}

async function accountFor(tx: Db, userId: number, role: Holder): Promise<number> {
  return (await accountsOf(tx, [userId]))(userId, role);
}

export { type AwardInput, award, awardAll, readAwardFacts } from './awards';

/** A redemption at a shop: the actor is the merchant, credited with the points. */
export interface RedeemInput {
  residentId: number;
  points: number;
  note?: string | undefined;
}

export type Redeemed = { id: number; at: string; residentAccount: number; balanceAfter: number };

/**
 * Redemptions in order, as if one after the other (a group of counter redemptions): one read of
 * the accounts, one postEntries. Each is done or refused; the same refusals as accountFor,
 * the shop's first (a suspended shop is refused whoever the resident), and postEntries. `known`: the
 * head and the accounts of the residents and shops, read with the caller's other reads.
 */
export async function redeemMany(
  tx: Db,
  items: Array<Item<Actor, RedeemInput>>,
  known?: LedgerFacts,
): Promise<Array<Settled<Redeemed>>> {
  if (items.length === 0) return [];
  const accountOf = await accountsOf(
    tx,
    items.flatMap(({ actor, input }) => [input.residentId, actor.actorId]),
    known,
  );
  const results: Array<Settled<Redeemed> | undefined> = [];
  const entries: Array<Item<number, EntryInput>> = [];
  const waiting: Array<{ at: number; residentAccount: number }> = [];
  for (const { actor, input } of items) {
    try {
      const merchantAccount = accountOf(actor.actorId, 'merchant');
      const residentAccount = accountOf(input.residentId, 'resident');
      waiting.push({ at: results.length, residentAccount });
      results.push(undefined); // posted below
      entries.push({
        actor: actor.actorId,
        input: {
          kind: 'redemption',
          memo: input.note?.trim() || '到店兑换',
          at: actor.now,
          postings: [
            { accountId: residentAccount, amount: -input.points },
            { accountId: merchantAccount, amount: input.points },
          ],
        },
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push(refused(error));
    }
  }
  const posted = await postEntries(tx, entries, known);
  posted.forEach((p, n) => {
    const { at, residentAccount } = waiting[n]!;
    results[at] = p.ok
      ? settledValue({
          id: p.value.id,
          at: p.value.at,
          residentAccount,
          balanceAfter: p.value.balanceAfter.get(residentAccount)!,
        })
      : p;
  });
  return results as Array<Settled<Redeemed>>;
}

/** One redemption (see redeemMany): `(tx, merchant, input)`. */
export const redeem = one(redeemMany);

export interface TransferInput {
  fromResidentId: number;
  /** A neighbour's user id, or 'pool' for a donation to the community pool. */
  to: number | 'pool';
  points: number;
  memo?: string | undefined;
}

/** A gift between residents; the actor is the giver, or a staff member giving for a resident who has only a paper card. */
export async function transfer(
  tx: Db,
  actor: Actor,
  cmd: TransferInput,
): Promise<{ id: number; at: string; balanceAfter: number }> {
  const from = await accountFor(tx, cmd.fromResidentId, 'resident');
  const to = cmd.to === 'pool' ? SYSTEM_ACCOUNTS.pool : await accountFor(tx, cmd.to, 'resident');
  if (to === from) throw new DomainError('invalid_recipient', '不能转给自己');
  const posted = await postEntry(tx, actor.actorId, {
    kind: cmd.to === 'pool' ? 'donation' : 'transfer',
    memo: cmd.memo?.trim() || (cmd.to === 'pool' ? '捐给社区积分池' : '转赠邻居'),
    at: actor.now,
    postings: [
      { accountId: from, amount: -cmd.points },
      { accountId: to, amount: cmd.points },
    ],
  });
  return { id: posted.id, at: posted.at, balanceAfter: posted.balanceAfter.get(from)! };
}

export interface HandOverInput {
  residentId: number;
  /** The community pool, or a member of the same household (the caller checks the household). */
  to: number | 'pool';
  reason: string;
}

/**
 * A resident moving away hands their whole balance on, as one transfer entry recorded by the staff
 * member; nothing is posted for an empty account. Refused (moved_away) if either side has already
 * moved away, so it runs before the resident is marked.
 */
export async function handOverBalance(
  tx: Db,
  actor: Actor,
  cmd: HandOverInput,
): Promise<{ id: number; at: string; points: number } | null> {
  const accountOf = await accountsOf(
    tx,
    cmd.to === 'pool' ? [cmd.residentId] : [cmd.residentId, cmd.to],
  );
  const from = accountOf(cmd.residentId, 'resident');
  const to = cmd.to === 'pool' ? SYSTEM_ACCOUNTS.pool : accountOf(cmd.to, 'resident');
  if (to === from) throw new DomainError('invalid_recipient', '不能转给自己');
  const [held] = await tx
    .select({ balance: accounts.balance })
    .from(accounts)
    .where(eq(accounts.id, from));
  const points = held?.balance ?? 0;
  if (points === 0) return null;
  const posted = await postEntry(tx, actor.actorId, {
    kind: 'transfer',
    memo: `迁出转出：${cmd.reason}`,
    at: actor.now,
    postings: [
      { accountId: from, amount: -points },
      { accountId: to, amount: points },
    ],
  });
  return { id: posted.id, at: posted.at, points };
}

export interface PoolGrantInput {
  residentIds: number[];
  /** Points to each resident. */
  points: number;
  memo: string;
}

/**
 * Points from the community pool (what residents donated) to residents: one entry, the pool
 * debited once for all of them. Refused with insufficient_points when the pool holds too few.
 */
export async function grantFromPool(
  tx: Db,
  actor: Actor,
  cmd: PoolGrantInput,
): Promise<{ id: number; at: string; poolAfter: number }> {
  if (cmd.residentIds.length === 0)
    throw new DomainError('invalid_request', '请求无效：没有受赠居民');
  const accountOf = await accountsOf(tx, cmd.residentIds);
  const posted = await postEntry(tx, actor.actorId, {
    kind: 'transfer',
    memo: cmd.memo,
    at: actor.now,
    postings: [
      { accountId: SYSTEM_ACCOUNTS.pool, amount: -cmd.points * cmd.residentIds.length },
      ...cmd.residentIds.map((id) => ({
        accountId: accountOf(id, 'resident'),
        amount: cmd.points,
      })),
    ],
  });
  return {
    id: posted.id,
    at: posted.at,
    poolAfter: posted.balanceAfter.get(SYSTEM_ACCOUNTS.pool)!,
  };
}

export interface ReverseInput {
  entryId: number;
  reason: string;
}

/** A compensating entry with every posting negated; the original stays as it was. */
export async function reverse(
  tx: Db,
  actor: Actor,
  cmd: ReverseInput,
): Promise<{ id: number; at: string; reverses: number }> {
  const [entry] = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, cmd.entryId));
  if (!entry) throw new DomainError('not_found', `账目 ${cmd.entryId} 不存在`);
  if (entry.kind === 'reversal')
    throw new DomainError('cannot_reverse_reversal', '冲正记录不能再冲正；如需更正请重新录入');
  const [done] = await tx
    .select({ id: ledgerEntries.id })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.reversesId, cmd.entryId));
  if (done)
    throw new DomainError('already_reversed', `账目 ${cmd.entryId} 已于账目 ${done.id} 冲正`, {
      reversedBy: done.id,
    });
  const lines = await tx
    .select({ accountId: postings.accountId, amount: postings.amount })
    .from(postings)
    .where(eq(postings.entryId, cmd.entryId));
  const posted = await postEntry(tx, actor.actorId, {
    kind: 'reversal',
    memo: `冲正 #${cmd.entryId}：${cmd.reason}`,
    at: actor.now,
    activityId: entry.activityId,
    reversesId: cmd.entryId,
    postings: lines.map((p) => ({ accountId: p.accountId, amount: -p.amount })),
  });
  return { id: posted.id, at: posted.at, reverses: cmd.entryId };
}

import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { AccountKind, EntryKind } from '../../../db/schema';
import { communityName } from '../community/settings';
import { maskName } from '../people/masking';
import { inList } from '../shared/sql';

/**
 * Who or what is on the other side of a statement line, as a bank statement names it:
 * the shop of a redemption, the (masked) neighbour of a gift, the activity of an award, the
 * community itself for an award without activity, an expiry or a pool grant, the pool for a
 * donation to it.
 */
export const counterpartyKinds = ['merchant', 'resident', 'activity', 'community', 'pool'] as const;
export type CounterpartyKind = (typeof counterpartyKinds)[number];
export interface Counterparty {
  kind: CounterpartyKind;
  name: string;
}

export const POOL_NAME = '社区积分池';

/** What a redemption bought (redemption_items), as it was at the counter. */
export interface LineItem {
  id: number;
  name: string;
  unitPoints: number;
  quantity: number;
}

/** The facts of one line the counterparty is read from (the statement query selects them). */
export interface LineFacts {
  id: number;
  entryKind: EntryKind;
  /** This account's posting: its sign says which side of the entry the account is on. */
  amount: number;
  activityTitle: string | null;
  /** For a reversal: the kind of the entry it reverses. */
  reversedKind: EntryKind | null;
}

interface OtherSide {
  entryId: number;
  kind: AccountKind;
  shop: string | null;
  person: string | null;
}

/**
 * The other side of each line: the postings of the same entry on other accounts whose sign is
 * opposite to this account's (a pool grant credits many residents at once; only the pool is on
 * the other side of each of them). One query for the whole page.
 */
async function otherSides(
  db: Db,
  accountId: number,
  entryIds: number[],
): Promise<Map<number, OtherSide>> {
  if (entryIds.length === 0) return new Map();
  const rows = await db.all<OtherSide>(sql`
    select own.entry_id as entryId, a.kind as kind, m.shop_name as shop, coalesce(r.full_name, u.display_name) as person
    from postings own
    join postings p on p.entry_id = own.entry_id and p.account_id <> own.account_id and (p.amount > 0) <> (own.amount > 0)
    join accounts a on a.id = p.account_id
    left join users u on u.id = a.owner_id
    left join merchants m on m.user_id = a.owner_id
    left join residents r on r.user_id = a.owner_id
    where own.account_id = ${accountId} and own.entry_id in ${inList(entryIds)}
    order by p.id desc`);
  // Descending, so the map keeps the first posting when several are on the other side (the pool's own view of a grant).
  return new Map(rows.map((r) => [Number(r.entryId), r]));
}

/**
 * The counterparty of each line, read set-based (one query for the other sides, one settings
 * read when a line names the community). A reversal names the counterparty of the entry it
 * reverses: its postings are that entry's negated, on the same accounts.
 */
export async function counterparties(
  db: Db,
  accountId: number,
  lines: LineFacts[],
): Promise<Map<number, Counterparty>> {
  const others = await otherSides(
    db,
    accountId,
    lines.map((l) => l.id),
  );
  let community: Counterparty | undefined;
  const theCommunity = async () =>
    (community ??= { kind: 'community', name: await communityName(db) });
  const out = new Map<number, Counterparty>();
  for (const line of lines) {
    const reversal = line.entryKind === 'reversal';
    const base = reversal ? line.reversedKind : line.entryKind;
    // As the original entry moved points for this account: a reversal moves them back.
    const baseAmount = reversal ? -line.amount : line.amount;
    const other = others.get(line.id);
    let party: Counterparty;
    if (base === 'award')
      party =
        line.activityTitle !== null
          ? { kind: 'activity', name: line.activityTitle }
          : await theCommunity();
    else if (base === 'expiry') party = await theCommunity();
    else if (other?.kind === 'merchant')
      party = { kind: 'merchant', name: other.shop ?? other.person ?? '' };
    else if (other?.kind === 'resident')
      party = { kind: 'resident', name: maskName(other.person ?? '') };
    // Points from the pool are the community's grant; points into it are a gift to the pool.
    else if (other?.kind === 'pool')
      party = baseAmount > 0 ? await theCommunity() : { kind: 'pool', name: POOL_NAME };
    else party = await theCommunity();
    out.set(line.id, party);
  }
  return out;
}

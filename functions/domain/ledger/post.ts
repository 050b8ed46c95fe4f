import { sql } from 'drizzle-orm';
import { firstRow, type Db } from '../../../db/client';
import type { EntryKind } from '../../../db/schema';
import { DomainError } from '../shared/errors';
import { savepoint } from '../shared/savepoint';
import { localYear } from '../shared/time';
import { GENESIS_HASH, chainHash, type ChainedEntry } from './chain';

export interface EntryInput {
  kind: EntryKind;
  memo: string;
  at: Date;
  actorId?: number | null;
  activityId?: number | null;
  reversesId?: number | null;
  postings: Array<{ accountId: number; amount: number }>;
}

export interface PostedEntry {
  id: number;
  at: string;
  hash: string;
  /** Balance of each touched account after this entry. */
  balanceAfter: Map<number, number>;
}

/**
 * The only code that moves points. Must run inside a write transaction (Database.write).
 * Double entry: postings sum to zero. Debits are applied first, each guarded in SQL so no
 * non-issuance balance goes below zero whatever else runs concurrently; the CHECK constraint on
 * accounts backs the guard up. Each entry is chained to the previous one's hash; the UNIQUE
 * prev_hash means two writers can never both extend the same head.
 *
 * Every redemption runs this, serialised behind the write lock, so its statements are plain SQL
 * templates rather than drizzle's query builder (which costs more than running these queries).
 */
export async function postEntry(tx: Db, input: EntryInput): Promise<PostedEntry> {
  const lines = input.postings;
  if (lines.length < 2) throw new Error('an entry needs at least two postings');
  if (lines.some((p) => !Number.isSafeInteger(p.amount) || p.amount === 0)) throw new Error('posting amounts must be non-zero integers');
  if (lines.reduce((sum, p) => sum + p.amount, 0) !== 0) throw new Error('postings must sum to zero');
  if (new Set(lines.map((p) => p.accountId)).size !== lines.length) throw new Error('one posting per account');

  const head = await firstRow<{ id: number; hash: string }>(tx, sql`select id, hash from ledger_entries order by id desc limit 1`);
  const chained: ChainedEntry = {
    id: (head?.id ?? 0) + 1,
    at: input.at.toISOString(),
    kind: input.kind,
    memo: input.memo,
    actorId: input.actorId ?? null,
    activityId: input.activityId ?? null,
    reversesId: input.reversesId ?? null,
    postings: lines,
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = await chainHash(prevHash, chained);

  // A refusal (insufficient points) must leave nothing written, because callers store it as the
  // request's outcome and commit. Debits go first, so with a single debit — every redemption,
  // award, transfer and expiry — a refusal happens before any write and no savepoint is needed
  // (a savepoint and its release are two of the fifteen statements of a redemption). Several
  // debits (a reversal of a multi-line entry) run inside one, so a later refusal undoes the earlier.
  const debits = lines.filter((p) => p.amount < 0).length;
  return debits > 1 ? savepoint(tx, apply) : apply();

  async function apply(): Promise<PostedEntry> {
    const balanceAfter = new Map<number, number>();
    const debitsFirst = [...lines].sort((a, b) => a.amount - b.amount);
    for (const p of debitsFirst) {
      const row = await firstRow<{ balance: number; kind: string }>(
        tx,
        p.amount < 0
          ? sql`update accounts set balance = balance + ${p.amount} where id = ${p.accountId} and (kind = 'issuance' or balance >= ${-p.amount}) returning balance, kind`
          : sql`update accounts set balance = balance + ${p.amount} where id = ${p.accountId} returning balance, kind`,
      );
      if (!row) {
        const exists = await firstRow(tx, sql`select id from accounts where id = ${p.accountId}`);
        if (!exists) throw new Error(`account ${p.accountId} does not exist`);
        throw new DomainError('insufficient_points', '积分余额不足', { accountId: p.accountId });
      }
      balanceAfter.set(p.accountId, row.balance);
      // A credit to a resident is a lot that expires with its year (accountYearCredits in db/schema/ledger.ts).
      if (p.amount > 0 && row.kind === 'resident') {
        await tx.run(
          sql`insert into account_year_credits (account_id, year, credits) values (${p.accountId}, ${localYear(input.at)}, ${p.amount}) on conflict (account_id, year) do update set credits = credits + excluded.credits`,
        );
      }
    }
    await tx.run(
      sql`insert into ledger_entries (id, at, kind, memo, actor_id, activity_id, reverses_id, prev_hash, hash) values (${chained.id}, ${chained.at}, ${input.kind}, ${chained.memo}, ${chained.actorId}, ${chained.activityId}, ${chained.reversesId}, ${prevHash}, ${hash})`,
    );
    const values = lines.map((p) => sql`(${chained.id}, ${p.accountId}, ${p.amount}, ${balanceAfter.get(p.accountId)!})`);
    await tx.run(sql`insert into postings (entry_id, account_id, amount, balance_after) values ${sql.join(values, sql`, `)}`);
    return { id: chained.id, at: chained.at, hash, balanceAfter };
  }
}

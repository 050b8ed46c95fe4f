import { canonicalJson, sha256Hex } from '../shared/crypto';

/** The hash that precedes the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEntry {
  id: number;
  at: string;
  kind: string;
  memo: string;
  actorId: number | null;
  activityId: number | null;
  reversesId: number | null;
  postings: Array<{ accountId: number; amount: number }>;
}

/**
 * What the hash covers: every fact of the entry, in a fixed order, postings sorted by account.
 * Anyone with an export recomputes hash_n = sha256(hash_{n-1} + "\n" + canonical(entry_n)).
 */
export function canonicalEntry(entry: ChainedEntry): string {
  const postings = [...entry.postings].sort((a, b) => a.accountId - b.accountId).map((p) => [p.accountId, p.amount]);
  return canonicalJson({
    id: entry.id,
    at: entry.at,
    kind: entry.kind,
    memo: entry.memo,
    actorId: entry.actorId,
    activityId: entry.activityId,
    reversesId: entry.reversesId,
    postings,
  });
}

export function chainHash(prevHash: string, entry: ChainedEntry): Promise<string> {
  return sha256Hex(`${prevHash}\n${canonicalEntry(entry)}`);
}

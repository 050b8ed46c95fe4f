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
  return canonicalEntryFast(entry) ?? canonicalEntryGeneric(entry);
}

function canonicalEntryGeneric(entry: ChainedEntry): string {
  const postings = [...entry.postings]
    .sort((a, b) => a.accountId - b.accountId)
    .map((p) => [p.accountId, p.amount]);
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

const isId = (v: unknown) => v === null || typeof v === 'number';

/**
 * The same text as canonicalEntryGeneric for entries of the expected shape (the database's and
 * well-formed exports'), written out in canonicalJson's key order without sorting keys each time:
 * `npm run verify` canonicalises a million entries. Anything else (a field missing or of another
 * type, as a malformed file may have) goes the generic way. Tested equal on random entries.
 */
function canonicalEntryFast(e: ChainedEntry): string | undefined {
  if (
    typeof e.id !== 'number' ||
    typeof e.at !== 'string' ||
    typeof e.kind !== 'string' ||
    typeof e.memo !== 'string'
  )
    return undefined;
  if (!isId(e.actorId) || !isId(e.activityId) || !isId(e.reversesId) || !Array.isArray(e.postings))
    return undefined;
  if (
    !e.postings.every(
      (p) =>
        typeof p === 'object' &&
        p !== null &&
        Number.isFinite(p.accountId) &&
        typeof p.amount === 'number',
    )
  )
    return undefined;
  const lines =
    e.postings.length === 2
      ? e.postings[0]!.accountId <= e.postings[1]!.accountId
        ? e.postings
        : [e.postings[1]!, e.postings[0]!]
      : [...e.postings].sort((a, b) => a.accountId - b.accountId);
  let postings = '';
  for (const p of lines) {
    postings += `${postings ? ',' : ''}[${JSON.stringify(p.accountId)},${JSON.stringify(p.amount)}]`;
  }
  const j = JSON.stringify;
  return `{"activityId":${j(e.activityId)},"actorId":${j(e.actorId)},"at":${j(e.at)},"id":${j(e.id)},"kind":${j(e.kind)},"memo":${j(e.memo)},"postings":[${postings}],"reversesId":${j(e.reversesId)}}`;
}

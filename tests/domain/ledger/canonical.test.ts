import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChainedEntry, canonicalEntry } from '../../../functions/domain/ledger/chain';
import { canonicalJson } from '../../../functions/domain/shared/crypto';

/** The published definition of the canonical form, independent of the shortcut chain.ts takes. */
function reference(entry: ChainedEntry): string {
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

const id = fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 2 ** 40 }));
const entry = fc.record({
  id: fc.integer({ min: 1, max: 2 ** 40 }),
  at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  kind: fc.constantFrom('award', 'redemption', 'transfer', 'donation', 'reversal', 'expiry'),
  memo: fc.string({ unit: 'binary', maxLength: 40 }),
  actorId: id,
  activityId: id,
  reversesId: id,
  postings: fc.array(
    fc.record({
      accountId: fc.integer({ min: 1, max: 10 ** 6 }),
      amount: fc.integer({ min: -(10 ** 9), max: 10 ** 9 }),
    }),
    { minLength: 0, maxLength: 5 },
  ),
});

describe('canonicalEntry', () => {
  it('is exactly the canonical JSON of the entry, whatever its memo and postings', () => {
    fc.assert(
      fc.property(entry, (e) => {
        expect(canonicalEntry(e)).toBe(reference(e));
      }),
      { numRuns: 2000 },
    );
  });

  it('is the same for entries of an unexpected shape (a malformed export)', () => {
    const odd = [
      {
        id: 1,
        at: 'x',
        kind: 'award',
        memo: 'm',
        actorId: undefined,
        activityId: null,
        reversesId: null,
        postings: [{ accountId: 2, amount: 1 }],
      },
      {
        id: '1',
        at: 'x',
        kind: 'award',
        memo: 'm',
        actorId: 1,
        activityId: null,
        reversesId: null,
        postings: [],
      },
      {
        id: 1,
        at: 'x',
        kind: 'award',
        memo: 'm',
        actorId: 1,
        activityId: null,
        reversesId: null,
        postings: [
          { accountId: 3, amount: '5' },
          { accountId: 1, amount: -5 },
        ],
      },
      {
        id: 1,
        at: 'x',
        kind: 'award',
        memo: 'm',
        actorId: 1,
        activityId: null,
        reversesId: null,
        postings: [
          { accountId: Number.NaN, amount: 5 },
          { accountId: 1, amount: -5 },
        ],
      },
      {
        id: 1,
        at: 'x',
        kind: 'award',
        memo: 'm',
        actorId: 1,
        activityId: null,
        reversesId: null,
        postings: [
          { accountId: 4, amount: 5 },
          { accountId: 4, amount: -5 },
        ],
      },
    ] as unknown as ChainedEntry[];
    for (const e of odd) expect(canonicalEntry(e)).toBe(reference(e));
  });
});

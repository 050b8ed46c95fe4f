import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACCOUNTS } from '../../../functions/domain/ledger/accounts';
import { redeem, reverse, transfer } from '../../../functions/domain/ledger/commands';
import { postEntry } from '../../../functions/domain/ledger/post';
import { entryWithPostings } from '../../../functions/domain/ledger/queries';
import { DomainError } from '../../../functions/domain/shared/errors';
import {
  accountIdOf,
  balanceOf,
  expectLedgerInvariants,
  grant,
  rows,
  snapshot,
} from '../../helpers/ledger';
import { useSeededCommunity } from '../../helpers/template';

const now = new Date('2026-03-09T02:00:00Z');
const later = new Date('2026-03-10T02:00:00Z');

describe('reverse', () => {
  const t = useSeededCommunity();

  const reverseEntry = (entryId: number, reason = '录错') =>
    t.database.write((tx) => reverse(tx, { actorId: t.staffId, now: later }, { entryId, reason }));
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e as DomainError,
    );

  it('posts a compensating entry with every posting negated; the original stays as it was', async () => {
    await grant(t.database, t.staffId, t.r1, 60, now);
    await t.database.write((tx) =>
      redeem(tx, { actorId: t.m1, now }, { residentId: t.r1, points: 25 }),
    );
    const original = await entryWithPostings(t.database.read, 2);
    const done = await reverseEntry(2, '商户退货');
    expect(done).toEqual({ id: 3, at: later.toISOString(), reverses: 2 });
    const reversal = await entryWithPostings(t.database.read, 3);
    expect(reversal).toMatchObject({ kind: 'reversal', reversesId: 2, actorId: t.staffId });
    expect(reversal!.memo).toContain('商户退货');
    const amounts = (e: typeof original) =>
      Object.fromEntries(e!.postings.map((p) => [p.accountId, p.amount]));
    const negated = Object.fromEntries(Object.entries(amounts(original)).map(([k, v]) => [k, -v]));
    expect(amounts(reversal)).toEqual(negated);
    const after = await entryWithPostings(t.database.read, 2);
    expect({ ...after, reversedBy: null }).toEqual(original);
    expect(after!.reversedBy).toBe(3);
    expect(await balanceOf(t.database, t.r1)).toBe(60);
    expect(await balanceOf(t.database, t.m1)).toBe(0);
    await expectLedgerInvariants(t.database);
  });

  it('a reversal cannot itself be reversed', async () => {
    await grant(t.database, t.staffId, t.r1, 10, now);
    await reverseEntry(1);
    const before = await snapshot(t.database);
    const error = await refusal(reverseEntry(2));
    expect(error).toBeInstanceOf(DomainError);
    expect(error!.code).toBe('cannot_reverse_reversal');
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('reversing twice → already_reversed, naming the reversal', async () => {
    await grant(t.database, t.staffId, t.r1, 10, now);
    await reverseEntry(1);
    const before = await snapshot(t.database);
    const error = await refusal(reverseEntry(1, 'again'));
    expect(error!.code).toBe('already_reversed');
    expect(error!.details).toEqual({ reversedBy: 2 });
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('reverses_id is UNIQUE: even a write that skips the check cannot reverse one entry twice', async () => {
    await grant(t.database, t.staffId, t.r1, 10, now);
    await grant(t.database, t.staffId, t.r1, 10, now);
    await reverseEntry(1);
    const account = await accountIdOf(t.database, t.r1);
    const before = await snapshot(t.database);
    await expect(
      t.database.write((tx) =>
        postEntry(tx, null, {
          kind: 'reversal',
          memo: 'sneaky',
          at: later,
          reversesId: 1,
          postings: [
            { accountId: account, amount: -10 },
            { accountId: SYSTEM_ACCOUNTS.issuance, amount: 10 },
          ],
        }),
      ),
    ).rejects.toThrow();
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('a reversal that would overdraw → insufficient_points and changes nothing', async () => {
    await grant(t.database, t.staffId, t.r1, 50, now);
    await t.database.write((tx) =>
      redeem(tx, { actorId: t.m1, now }, { residentId: t.r1, points: 30 }),
    );
    const before = await snapshot(t.database);
    const error = await refusal(reverseEntry(1, '误发'));
    expect(error!.code).toBe('insufficient_points');
    expect(await snapshot(t.database)).toEqual(before);
    // Reversing a transfer the recipient already spent is refused too.
    await t.database.write((tx) =>
      transfer(tx, { actorId: t.r1, now }, { fromResidentId: t.r1, to: t.r2, points: 20 }),
    );
    await t.database.write((tx) =>
      redeem(tx, { actorId: t.m1, now }, { residentId: t.r2, points: 15 }),
    );
    const before2 = await snapshot(t.database);
    expect((await refusal(reverseEntry(3)))!.code).toBe('insufficient_points');
    expect(await snapshot(t.database)).toEqual(before2);
    // Once the resident has the points again, the reversal goes through.
    await grant(t.database, t.staffId, t.r1, 50, now);
    await reverseEntry(1);
    expect(await balanceOf(t.database, t.r1)).toBe(0);
    await expectLedgerInvariants(t.database);
  });

  it('an unknown entry → not_found', async () => {
    expect((await refusal(reverseEntry(42)))!.code).toBe('not_found');
    const [n] = await rows<{ n: number }>(
      t.database.read,
      sql`select count(*) as n from ledger_entries`,
    );
    expect(Number(n!.n)).toBe(0);
  });

  it('reversing a donation takes the points back out of the pool', async () => {
    await grant(t.database, t.staffId, t.r1, 30, now);
    await t.database.write((tx) =>
      transfer(tx, { actorId: t.r1, now }, { fromResidentId: t.r1, to: 'pool', points: 12 }),
    );
    await reverseEntry(2);
    expect(await balanceOf(t.database, t.r1)).toBe(30);
    const [pool] = await rows<{ balance: number }>(
      t.database.read,
      sql`select balance from accounts where id = ${SYSTEM_ACCOUNTS.pool}`,
    );
    expect(Number(pool!.balance)).toBe(0);
    await expectLedgerInvariants(t.database);
  });
});

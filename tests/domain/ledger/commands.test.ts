import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { award, redeem, transfer } from '../../../functions/domain/ledger/commands';
import { DomainError } from '../../../functions/domain/shared/errors';
import { balanceOf, expectLedgerInvariants, grant, rows, snapshot } from '../../helpers/ledger';
import { useSeededCommunity } from '../../helpers/template';

const now = new Date('2026-03-09T02:00:00Z');

describe('commands', () => {
  const t = useSeededCommunity();

  it('award, redeem and transfer each post one balanced entry', async () => {
    const { staffId, residents, merchants } = t.fixture;
    const [r1, r2] = residents as [number, number];
    const a = await t.database.write((tx) =>
      award(tx, { actorId: staffId, now }, { residentId: r1, points: 100, reason: '巡防' }),
    );
    expect(a).toEqual({ id: 1, balanceAfter: 100 });
    const r = await t.database.write((tx) =>
      redeem(tx, { actorId: merchants[0]!, now }, { residentId: r1, points: 30 }),
    );
    expect(r.balanceAfter).toBe(70);
    const g = await t.database.write((tx) =>
      transfer(tx, { actorId: r1, now }, { fromResidentId: r1, to: r2, points: 20 }),
    );
    expect(g.balanceAfter).toBe(50);
    const d = await t.database.write((tx) =>
      transfer(tx, { actorId: r1, now }, { fromResidentId: r1, to: 'pool', points: 5 }),
    );
    expect(d.balanceAfter).toBe(45);
    expect(await balanceOf(t.database, r2)).toBe(20);
    expect(await balanceOf(t.database, merchants[0]!)).toBe(30);
    const kinds = await rows<{ kind: string }>(
      t.database.read,
      sql`select kind from ledger_entries order by id`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['award', 'redemption', 'transfer', 'donation']);
    const { totals } = await expectLedgerInvariants(t.database);
    expect(totals).toEqual({ issued: 100, redeemed: 30, expired: 0, outstanding: 70 });
  });

  it('refusals: unknown resident, a merchant as resident, a transfer to oneself, overdraft', async () => {
    const { staffId, residents, merchants } = t.fixture;
    await grant(t.database, staffId, residents[0]!, 10, now);
    const before = await snapshot(t.database);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: DomainError) => e.code,
      );
    expect(
      await code(
        t.database.write((tx) =>
          award(tx, { actorId: staffId, now }, { residentId: 9999, points: 5, reason: 'x' }),
        ),
      ),
    ).toBe('not_found');
    expect(
      await code(
        t.database.write((tx) =>
          award(
            tx,
            { actorId: staffId, now },
            { residentId: merchants[0]!, points: 5, reason: 'x' },
          ),
        ),
      ),
    ).toBe('not_found');
    expect(
      await code(
        t.database.write((tx) =>
          award(tx, { actorId: staffId, now }, { residentId: staffId, points: 5, reason: 'x' }),
        ),
      ),
    ).toBe('not_found');
    expect(
      await code(
        t.database.write((tx) =>
          redeem(tx, { actorId: residents[1]!, now }, { residentId: residents[0]!, points: 5 }),
        ),
      ),
    ).toBe('not_found');
    expect(
      await code(
        t.database.write((tx) =>
          transfer(
            tx,
            { actorId: residents[0]!, now },
            { fromResidentId: residents[0]!, to: residents[0]!, points: 5 },
          ),
        ),
      ),
    ).toBe('invalid_recipient');
    expect(
      await code(
        t.database.write((tx) =>
          transfer(
            tx,
            { actorId: residents[0]!, now },
            { fromResidentId: residents[0]!, to: merchants[0]!, points: 5 },
          ),
        ),
      ),
    ).toBe('not_found');
    expect(
      await code(
        t.database.write((tx) =>
          redeem(tx, { actorId: merchants[0]!, now }, { residentId: residents[0]!, points: 11 }),
        ),
      ),
    ).toBe('insufficient_points');
    expect(
      await code(
        t.database.write((tx) =>
          transfer(
            tx,
            { actorId: residents[0]!, now },
            { fromResidentId: residents[0]!, to: 'pool', points: 11 },
          ),
        ),
      ),
    ).toBe('insufficient_points');
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('daily cap per activity type and local day; a reversed award frees its share', async () => {
    const { staffId, residents, activityId } = t.fixture;
    const [r1, r2] = residents as [number, number];
    const awardFor = (residentId: number, points: number) =>
      t.database.write((tx) =>
        award(tx, { actorId: staffId, now }, { residentId, points, reason: '巡防', activityId }),
      );
    await awardFor(r1, 30);
    await awardFor(r1, 20); // exactly the cap of 50
    const before = await snapshot(t.database);
    const refused = await awardFor(r1, 1).catch((e: DomainError) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('daily_cap_exceeded');
    expect(await snapshot(t.database)).toEqual(before);
    // Another resident has their own cap; an award without activity is not capped.
    await awardFor(r2, 50);
    await grant(t.database, staffId, r1, 500, now);
    // Reversing the 20 frees 20 of the cap.
    const { reverse } = await import('../../../functions/domain/ledger/commands');
    await t.database.write((tx) =>
      reverse(tx, { actorId: staffId, now }, { entryId: 2, reason: '录错' }),
    );
    await awardFor(r1, 20);
    await expect(awardFor(r1, 1)).rejects.toMatchObject({ code: 'daily_cap_exceeded' });
    await expect(
      t.database.write((tx) =>
        award(
          tx,
          { actorId: staffId, now },
          { residentId: r1, points: 1, reason: 'x', activityId: 999 },
        ),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expectLedgerInvariants(t.database);
  });
});

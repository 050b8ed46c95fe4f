import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { approveBatch, createBatch } from '../../../functions/domain/awards/batch-write';
import { approvalThresholds, needsApproval } from '../../../functions/domain/awards/thresholds';
import { setSetting } from '../../helpers/daily-use';
import { balanceOf, expectLedgerInvariants } from '../../helpers/ledger';
import { useSeededCommunity } from '../../helpers/template';

describe('award batches', () => {
  const t = useSeededCommunity();
  const now = new Date('2026-03-09T02:00:00Z');

  it('reads thresholds from settings, falling back to the defaults on a missing or bad value', async () => {
    expect(await approvalThresholds(t.database.read)).toEqual({ perAward: 200, perBatch: 2000 });
    await setSetting(t.database, 'award_approval_threshold', '50');
    await setSetting(t.database, 'award_batch_approval_threshold', 'lots');
    const th = await approvalThresholds(t.database.read);
    expect(th).toEqual({ perAward: 50, perBatch: 2000 });
    expect(needsApproval([50, 50], th)).toBe(false);
    expect(needsApproval([51], th)).toBe(true);
    expect(needsApproval(Array(41).fill(50), th)).toBe(true);
  });

  it('applies all lines or none: one refused award (a daily cap) rolls the whole batch back', async () => {
    const [a, b] = t.fixture.residents as [number, number];
    const activityId = t.fixture.activityId; // patrol, daily cap 50
    const attempt = t.database.write((tx) =>
      createBatch(tx, {
        kind: 'manual',
        activityId,
        reason: '补录',
        lines: [
          { residentId: a, points: 30, memo: '补录' },
          { residentId: b, points: 60, memo: '补录' },
        ],
        createdBy: t.fixture.staffId,
        now,
      }),
    );
    await expect(attempt).rejects.toMatchObject({ code: 'daily_cap_exceeded' });
    expect(await balanceOf(t.database, a)).toBe(0);
    const [n] = (await t.database.read.all(
      sql`select (select count(*) from award_batches) as batches, (select count(*) from ledger_entries) as entries`,
    )) as Array<{ batches: number; entries: number }>;
    expect({ batches: Number(n!.batches), entries: Number(n!.entries) }).toEqual({
      batches: 0,
      entries: 0,
    });
  });

  it('a decided batch is frozen in the database; approval needs another staff member', async () => {
    const [a] = t.fixture.residents as [number];
    const pending = await t.database.write((tx) =>
      createBatch(tx, {
        kind: 'manual',
        reason: '表彰',
        lines: [{ residentId: a, points: 300, memo: '表彰' }],
        createdBy: t.fixture.staffId,
        now,
      }),
    );
    expect(pending.status).toBe('pending');
    await expect(
      t.database.write((tx) =>
        approveBatch(tx, { batchId: pending.id, approverId: t.fixture.staffId, now }),
      ),
    ).rejects.toMatchObject({ code: 'self_approval' });
    const done = await t.database.write((tx) =>
      approveBatch(tx, { batchId: pending.id, approverId: t.fixture.staff2Id, now }),
    );
    expect(done).toMatchObject({ status: 'applied', decidedBy: { id: t.fixture.staff2Id } });
    expect(await balanceOf(t.database, a)).toBe(300);
    await expect(
      t.database.write((tx) =>
        tx.run(sql`update award_batches set total_points = 1 where id = ${pending.id}`),
      ),
    ).rejects.toThrow();
    await expect(
      t.database.write((tx) =>
        tx.run(sql`update award_batch_lines set points = 1 where batch_id = ${pending.id}`),
      ),
    ).rejects.toThrow();
    await expect(
      t.database.write((tx) =>
        tx.run(sql`delete from award_batch_lines where batch_id = ${pending.id}`),
      ),
    ).rejects.toThrow();
    await expectLedgerInvariants(t.database);
  });
});

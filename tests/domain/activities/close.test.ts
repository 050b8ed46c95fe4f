import { describe, expect, it } from 'vitest';
import { activities, activityTypes, participations } from '../../../db/schema';
import { closeActivity, previewClose } from '../../../functions/domain/activities/close';
import { reverse } from '../../../functions/domain/ledger/commands';
import { addActivity } from '../../helpers/daily-use';
import { expectLedgerInvariants } from '../../helpers/ledger';
import { useSeededCommunity } from '../../helpers/template';

/** The close preview's arithmetic: hours × points per hour, rounded, within what the type's daily cap still allows. */
describe('closing an activity', () => {
  const t = useSeededCommunity();
  const now = new Date('2026-03-09T12:00:00Z');

  const checkIn = (activityId: number, residentId: number, hours: number) =>
    t.database.write((tx) =>
      tx
        .insert(participations)
        .values({ activityId, residentId, hours, checkedInAt: now.toISOString() }),
    );
  const closeNow = async (activityId: number) => {
    const p = await previewClose(t.database.read, activityId, now);
    return t.database.write((tx) =>
      closeActivity(
        tx,
        { actorId: t.fixture.staffId, now },
        { activityId, fingerprint: p.fingerprint },
      ),
    );
  };

  it('rounds half hours and caps per type and local day; a reversal frees its share of the cap', async () => {
    const [a, b, c] = t.fixture.residents as [number, number, number];
    const elder = await t.database.write(async (tx) => {
      const [type] = await tx
        .insert(activityTypes)
        .values({
          code: 'elder_help',
          nameZh: '助老',
          nameEn: 'Help for elders',
          pointsPerHour: 15,
          dailyCap: 45,
        })
        .returning();
      const [row] = await tx
        .insert(activities)
        .values({
          typeId: type!.id,
          title: '陪诊',
          date: '2026-03-09',
          place: '医院',
          hours: 1.5,
          status: 'open',
        })
        .returning();
      return row!.id;
    });
    await checkIn(elder, a, 1.5);
    await checkIn(elder, b, 4);
    const p = await previewClose(t.database.read, elder, now);
    expect(p.lines.map((l) => [l.residentId, l.uncapped, l.points, l.capped])).toEqual([
      [a, 23, 23, false],
      [b, 60, 45, true],
    ]);

    // Patrol (cap 50): a earns 40 in the morning; in the afternoon only 10 more fit — until the morning award is reversed.
    const morning = await addActivity(t.database, { date: '2026-03-09', hours: 4, status: 'open' });
    await checkIn(morning, a, 4);
    await checkIn(morning, c, 1);
    const batch = await closeNow(morning);
    expect(batch.lines.map((l) => l.points)).toEqual([40, 10]);
    const afternoon = t.fixture.activityId;
    await checkIn(afternoon, a, 2);
    expect((await previewClose(t.database.read, afternoon, now)).lines[0]).toMatchObject({
      earnedToday: 40,
      points: 10,
      capped: true,
    });
    // Another local day is another cap: 2026-03-09T16:30Z is already 03-10 in the community.
    const nextDay = await addActivity(t.database, { date: '2026-03-10', hours: 2, status: 'open' });
    await checkIn(nextDay, a, 2);
    expect(
      (await previewClose(t.database.read, nextDay, new Date('2026-03-09T16:30:00Z'))).lines[0],
    ).toMatchObject({ earnedToday: 0, points: 20 });

    await t.database.write((tx) =>
      reverse(
        tx,
        { actorId: t.fixture.staffId, now },
        { entryId: batch.lines[0]!.entryId!, reason: '登记错误' },
      ),
    );
    expect((await previewClose(t.database.read, afternoon, now)).lines[0]).toMatchObject({
      earnedToday: 0,
      points: 20,
      capped: false,
    });
    await expectLedgerInvariants(t.database);
  });

  it('a resident already at the cap gets no award line, and the rest are still paid', async () => {
    const [a, b] = t.fixture.residents as [number, number];
    const first = await addActivity(t.database, { date: '2026-03-09', hours: 5, status: 'open' });
    await checkIn(first, a, 5);
    await closeNow(first);
    await checkIn(t.fixture.activityId, a, 2);
    await checkIn(t.fixture.activityId, b, 2);
    const p = await previewClose(t.database.read, t.fixture.activityId, now);
    expect(p.lines.map((l) => l.points)).toEqual([0, 20]);
    const batch = await closeNow(t.fixture.activityId);
    expect(batch.lines.map((l) => [l.residentId, l.points])).toEqual([[b, 20]]);
    expect(batch.totalPoints).toBe(20);
  });

  it('the fingerprint changes when the list does, and an activity on a later date cannot be closed yet', async () => {
    const [a, b] = t.fixture.residents as [number, number];
    await checkIn(t.fixture.activityId, a, 2);
    const before = await previewClose(t.database.read, t.fixture.activityId, now);
    await checkIn(t.fixture.activityId, b, 2);
    const after = await previewClose(t.database.read, t.fixture.activityId, now);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    await expect(
      t.database.write((tx) =>
        closeActivity(
          tx,
          { actorId: t.fixture.staffId, now },
          { activityId: t.fixture.activityId, fingerprint: before.fingerprint },
        ),
      ),
    ).rejects.toMatchObject({ code: 'preview_stale' });
    const later = await addActivity(t.database, { date: '2026-03-20' });
    await expect(previewClose(t.database.read, later, now)).rejects.toMatchObject({
      code: 'activity_not_started',
    });
  });
});

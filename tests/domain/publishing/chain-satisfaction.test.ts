import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  activities,
  awardBatches,
  awardBatchLines,
  participations,
  serviceRequests,
} from '../../../db/schema';
import { award } from '../../../functions/domain/ledger/commands';
import { deliberationChains } from '../../../functions/domain/publishing/chain';
import { publicSatisfaction } from '../../../functions/domain/publishing/satisfaction';
import { seedDeliberations } from '../../helpers/chain';
import { addActivity, seedProviders } from '../../helpers/daily-use';
import { useSeededCommunity } from '../../helpers/template';

const at = '2026-03-09T02:00:00.000Z';

describe('what followed from a deliberation', () => {
  const t = useSeededCommunity();

  it('adds up its requests, its activities’ volunteer hours and the points actually awarded', async () => {
    const p = await seedProviders(t.database, t.staffId);
    const d = await seedDeliberations(t.database, t.staffId, p.committeeId);
    const [r1, r2, r3] = t.fixture.residents as [number, number, number];
    const linked = await addActivity(t.database, {
      date: '2026-03-05',
      title: '夜间巡逻',
      status: 'closed',
    });
    const other = await addActivity(t.database, {
      date: '2026-03-06',
      title: '别的活动',
      status: 'closed',
    });
    await t.database.write(async (tx) => {
      await tx
        .update(activities)
        .set({ deliberationId: d.publishedId })
        .where(eq(activities.id, linked));
      await tx.insert(participations).values([
        { activityId: linked, residentId: r1, hours: 2, checkedInAt: at },
        { activityId: linked, residentId: r2, hours: 1.5, checkedInAt: at },
        // Signed up in advance but never came: no hours.
        { activityId: linked, residentId: r3, hours: 2, checkedInAt: null },
        { activityId: other, residentId: r1, hours: 3, checkedInAt: at },
      ]);
      const batch = async (
        values: Partial<typeof awardBatches.$inferInsert>,
        lines: Array<[number, number]>,
        paid: boolean,
      ) => {
        const [b] = await tx
          .insert(awardBatches)
          .values({
            kind: 'manual',
            reason: '积分',
            status: 'applied',
            totalPoints: 0,
            createdBy: t.staffId,
            createdAt: at,
            ...values,
          })
          .returning();
        await tx.insert(awardBatchLines).values(
          lines.map(([residentId, points], i) => ({
            batchId: b!.id,
            residentId,
            points,
            memo: '',
            entryId: paid ? 1000 + b!.id * 10 + i : null,
          })),
        );
      };
      // The activity's points are its award entries in the ledger; a manual batch counts through the deliberation it names.
      const now = new Date(at);
      await award(
        tx,
        { actorId: t.staffId, now },
        { residentId: r1, points: 20, reason: '巡逻', activityId: linked },
      );
      await award(
        tx,
        { actorId: t.staffId, now },
        { residentId: r2, points: 15, reason: '巡逻', activityId: linked },
      );
      await award(
        tx,
        { actorId: t.staffId, now },
        { residentId: r1, points: 30, reason: '别的', activityId: other },
      );
      await batch({ deliberationId: d.publishedId }, [[r3, 5]], true);
      // Waiting for approval, refused, or for another activity: no points for this deliberation.
      await batch({ deliberationId: d.publishedId, status: 'pending' }, [[r1, 100]], false);
      await batch({ deliberationId: d.publishedId, status: 'rejected' }, [[r1, 100]], false);
      await tx.insert(serviceRequests).values({
        kind: 'service',
        origin: 'resident',
        serviceId: p.serviceId,
        residentId: r1,
        title: '探访',
        detail: '',
        status: 'submitted',
        createdBy: r1,
        createdAt: at,
        updatedAt: at,
        deliberationId: d.publishedId,
      });
    });
    const chains = await deliberationChains(t.database.read);
    expect(chains.get(d.publishedId)).toEqual({
      requests: 1,
      activities: [
        {
          id: linked,
          title: '夜间巡逻',
          date: '2026-03-05',
          volunteers: 2,
          hours: 3.5,
          points: 35,
        },
      ],
      volunteerHours: 3.5,
      pointsAwarded: 40,
    });
    expect(chains.has(d.draftId)).toBe(false);
  });
});

describe('satisfaction', () => {
  const t = useSeededCommunity();

  it('per service and per provider: count, one-decimal average, distribution — only from 5 ratings on', async () => {
    const p = await seedProviders(t.database, t.staffId);
    const r1 = t.fixture.residents[0]!;
    const rate = (
      serviceId: number,
      providerId: number,
      ratings: Array<number | null>,
      status: 'done' | 'accepted' = 'done',
    ) =>
      t.database.write((tx) =>
        tx.insert(serviceRequests).values(
          ratings.map((rating) => ({
            kind: 'service' as const,
            origin: 'resident' as const,
            serviceId,
            providerId,
            residentId: r1,
            title: '探访',
            detail: '',
            status,
            createdBy: r1,
            createdAt: at,
            updatedAt: at,
            rating,
            ratedAt: rating === null ? null : at,
          })),
        ),
      );
    await rate(p.serviceId, p.socialOrgId, [5, 5, 4, 3]);
    await rate(p.serviceId, p.socialOrgId, [null]);
    // A draft service's ratings still count for its (published) provider, never for the service.
    await rate(p.draftServiceId, p.socialOrgId, [1]);
    expect(await publicSatisfaction(t.database.read)).toEqual([
      {
        kind: 'provider',
        id: p.socialOrgId,
        name: '康乐社工站',
        count: 5,
        average: 3.6,
        distribution: [1, 0, 1, 1, 2],
      },
    ]);

    await rate(p.serviceId, p.socialOrgId, [5]);
    const all = await publicSatisfaction(t.database.read);
    expect(all).toEqual([
      {
        kind: 'service',
        id: p.serviceId,
        name: '独居老人上门探访',
        count: 5,
        average: 4.4,
        distribution: [0, 0, 1, 1, 3],
      },
      {
        kind: 'provider',
        id: p.socialOrgId,
        name: '康乐社工站',
        count: 6,
        average: 3.8,
        distribution: [1, 0, 1, 1, 3],
      },
    ]);
  });
});

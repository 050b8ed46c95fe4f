import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ServiceRequestStatus, serviceRequestStatuses } from '../../../db/schema';
import {
  canStep,
  RESIDENT_CANCELLABLE,
  STEPS,
  type Step,
} from '../../../functions/domain/requests/flow';
import { reportBuildingIssue } from '../../../functions/domain/requests/intake';
import {
  acceptRequest,
  completeRequest,
  dispatchRequest,
} from '../../../functions/domain/requests/transitions';
import { seedProviders } from '../../helpers/daily-use';
import { useSeededCommunity } from '../../helpers/template';

describe('the request flow', () => {
  it('allows exactly these steps from each state; done, cancelled and declined are final', () => {
    const table = Object.fromEntries(
      serviceRequestStatuses.map((s) => [
        s,
        (Object.keys(STEPS) as Step[]).filter((step) => canStep(step, s)),
      ]),
    );
    expect(table).toEqual({
      submitted: ['dispatch', 'decline', 'cancel'],
      dispatched: ['dispatch', 'accept', 'decline', 'cancel'],
      accepted: ['complete', 'cancel'],
      done: [],
      cancelled: [],
      declined: [],
    });
    expect(RESIDENT_CANCELLABLE).toEqual([
      'submitted',
      'dispatched',
    ] satisfies ServiceRequestStatus[]);
  });

  describe('history', () => {
    const t = useSeededCommunity();

    it('is append-only: the database refuses to change or delete an event', async () => {
      const p = await seedProviders(t.database, t.fixture.staffId);
      const actor = { actorId: t.fixture.staffId, now: new Date('2026-03-09T02:00:00Z') };
      const id = await t.database.write(async (tx) => {
        const r = await reportBuildingIssue(tx, actor, {
          compound: '和平小区',
          building: '1栋',
          title: '电梯异响',
          detail: '运行时有异响',
        });
        await dispatchRequest(tx, actor, r.id, { organizationId: p.propertyId });
        await acceptRequest(tx, actor, r.id);
        await completeRequest(tx, actor, r.id, '已检修');
        return r.id;
      });
      await expect(
        t.database.write((tx) =>
          tx.run(sql`update service_request_events set note = 'x' where request_id = ${id}`),
        ),
      ).rejects.toThrow();
      await expect(
        t.database.write((tx) =>
          tx.run(sql`delete from service_request_events where request_id = ${id}`),
        ),
      ).rejects.toThrow();
      const [n] = (await t.database.read.all(
        sql`select count(*) as n from service_request_events where request_id = ${id}`,
      )) as Array<{ n: number }>;
      expect(Number(n!.n)).toBe(4);
    });
  });
});

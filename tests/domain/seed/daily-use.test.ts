import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceRequestStatuses } from '../../../db/schema';
import { type SeedSummary, seedDemo } from '../../../db/seed/demo';
import { upcomingActivities } from '../../../functions/domain/activities/signups';
import { approveBatch } from '../../../functions/domain/awards/batch-write';
import { listBatches } from '../../../functions/domain/awards/batches';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { expectLedgerInvariants, rows } from '../../helpers/ledger';

/** The demo's daily-use data: there is something in every state for the next issue's pages to show. */
describe('demo seed: daily use', () => {
  let t: TestDatabase;
  let summary: SeedSummary;
  const now = new Date('2026-03-20T04:00:00Z');
  beforeAll(async () => {
    t = await createTestDatabase();
    summary = await seedDemo(t.database, { now, iterations: 1000 });
  }, 120_000);
  afterAll(() => t.cleanup());

  it('gives every merchant items, the coming activities sign-ups, and ~20 requests in every state', async () => {
    expect(summary.dailyUse.items).toBeGreaterThanOrEqual(40);
    expect(summary.dailyUse.signups).toBeGreaterThan(20);
    expect(summary.dailyUse.requests + summary.dailyUse.buildingIssues).toBe(20);
    const [noItems] = await rows<{ n: number }>(
      t.database.read,
      sql`select count(*) as n from merchants m where not exists (select 1 from merchant_items i where i.merchant_id = m.user_id)`,
    );
    expect(Number(noItems!.n)).toBe(0);
    const states = await rows<{ kind: string; status: string }>(
      t.database.read,
      sql`select distinct kind, status from service_requests`,
    );
    for (const status of serviceRequestStatuses)
      expect(
        states.some((s) => s.kind === 'service' && s.status === status),
        status,
      ).toBe(true);
    expect(new Set(states.filter((s) => s.kind === 'building_issue').map((s) => s.status))).toEqual(
      new Set(['submitted', 'dispatched', 'accepted', 'done', 'cancelled']),
    );
    const wrongProvider = await rows(
      t.database.read,
      sql`select r.id from service_requests r join organizations o on o.id = r.provider_id where r.kind = 'building_issue' and o.kind <> 'property_company'`,
    );
    expect(wrongProvider).toEqual([]);
    const future = await rows(
      t.database.read,
      sql`select id from service_request_events where at > ${now.toISOString()}`,
    );
    expect(future).toEqual([]);
    const upcoming = await upcomingActivities(t.database.read, 5, now, 50);
    expect(upcoming.some((a) => a.signups > 0)).toBe(true);
  });

  it('leaves one batch over the threshold for staff2 to approve, and approving it keeps the ledger sound', async () => {
    const pending = await listBatches(t.database.read, { status: 'pending', limit: 10 });
    expect(pending.items).toHaveLength(1);
    const [staff2] = await rows<{ id: number }>(
      t.database.read,
      sql`select id from users where login = 'staff2'`,
    );
    const batch = await t.database.write((tx) =>
      approveBatch(tx, { batchId: pending.items[0]!.id, approverId: Number(staff2!.id), now }),
    );
    expect(batch.status).toBe('applied');
    expect(batch.lines.every((l) => l.entryId !== null)).toBe(true);
    await expectLedgerInvariants(t.database);
  });
});

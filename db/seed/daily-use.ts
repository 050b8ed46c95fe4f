/**
 * The demo community's DAILY USE: what the phone, counter and staff pages of the next issue show
 * on a fresh demo — merchants' items for points, sign-ups for the coming activities, about twenty
 * 你点单我服务 requests and three-order building issues in every state with dated histories, and
 * one award batch waiting for a second staff member's approval, and the items the year's
 * redemptions bought. Deterministic for a given `now`
 * and seed. Reads the services and organisations of the records seed when it has run (before this
 * one); without them the requests are left out. Inserts rows directly and moves no points, so it
 * writes nothing (ledger, audit log) whose order another seed depends on.
 */
import { and, asc, eq, gte, isNotNull, ne, sql } from 'drizzle-orm';
import {
  DEFAULT_PER_AWARD,
  DEFAULT_PER_BATCH,
  PER_AWARD_SETTING,
  PER_BATCH_SETTING,
} from '../../functions/domain/awards/thresholds';
import { localDate } from '../../functions/domain/shared/time';
import type { Database, Db } from '../client';
import {
  activities,
  activitySignups,
  awardBatches,
  awardBatchLines,
  households,
  merchantItems,
  merchants,
  organizations,
  participations,
  residents,
  type ServiceRequestStatus,
  serviceRequestEvents,
  serviceRequests,
  services,
  settings,
  users,
} from '../schema';
import { BUILDING_ISSUES, GENERIC, ITEMS, RESIDENT_PLANS, type Step } from './daily-use-data';
import { Random } from './random';

export interface DailyUseOptions {
  now: Date;
  seed?: number;
}

export interface DailyUseSummary {
  items: number;
  signups: number;
  requests: number;
  buildingIssues: number;
  pendingBatches: number;
}

/** Local (UTC+8) wall-clock time on a local date, as an ISO instant. */
function stamp(date: string, hour: number, minute = 0): string {
  return new Date(
    Date.parse(
      `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`,
    ) -
      8 * 3600_000,
  ).toISOString();
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const later = (iso: string, hours: number) =>
  new Date(Date.parse(iso) + hours * 3600_000).toISOString();

export async function seedDailyUse(
  database: Database,
  options: DailyUseOptions,
): Promise<DailyUseSummary> {
  const rng = new Random((options.seed ?? 20260309) + 9);
  const today = localDate(options.now);
  const nowIso = options.now.toISOString();
  const db = database.read;

  const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.login, 'staff1'));
  if (!staff) throw new Error('seed the demo community (staff1) before its daily use');
  const merchantRows = await db
    .select({ id: merchants.userId, category: merchants.category })
    .from(merchants)
    .orderBy(asc(merchants.userId));
  const residentRows = await db
    .select({ id: residents.userId, compound: households.compound, building: households.building })
    .from(residents)
    .leftJoin(households, eq(households.id, residents.householdId))
    .orderBy(asc(residents.userId));
  const volunteers = (
    await db
      .select({ id: participations.residentId, n: sql<number>`count(*)` })
      .from(participations)
      .where(isNotNull(participations.awardEntryId))
      .groupBy(participations.residentId)
      .orderBy(sql`2 desc`, asc(participations.residentId))
  ).map((v) => v.id);
  const upcoming = await db
    .select({ id: activities.id, date: activities.date })
    .from(activities)
    .where(and(gte(activities.date, today), ne(activities.status, 'closed')))
    .orderBy(asc(activities.date));
  const menu = await db
    .select({ id: services.id, title: services.title, providerId: services.providerId })
    .from(services)
    .where(eq(services.status, 'published'))
    .orderBy(asc(services.id));
  const propertyCompanies = await db
    .select({ id: organizations.id, covers: organizations.covers })
    .from(organizations)
    .where(and(eq(organizations.kind, 'property_company'), eq(organizations.status, 'published')))
    .orderBy(asc(organizations.id));

  const summary: DailyUseSummary = {
    items: 0,
    signups: 0,
    requests: 0,
    buildingIssues: 0,
    pendingBatches: 0,
  };

  await database.write(async (tx) => {
    await tx
      .insert(settings)
      .values([
        { key: PER_AWARD_SETTING, value: String(DEFAULT_PER_AWARD) },
        { key: PER_BATCH_SETTING, value: String(DEFAULT_PER_BATCH) },
      ])
      .onConflictDoNothing();

    // Items for points at every partner counter.
    const created = stamp(addDays(today, -200), 10);
    for (const m of merchantRows) {
      const list = ITEMS[m.category] ?? GENERIC;
      const rows = list.map(([name, points, description]) => ({
        merchantId: m.id,
        name,
        points,
        description: description ?? null,
        active: rng.chance(0.9),
        createdAt: created,
        updatedAt: created,
      }));
      await tx.insert(merchantItems).values(rows);
      summary.items += rows.length;
    }
    // What the year's redemptions bought: one made after the shop listed its items, for exactly an
    // item's price, names that item, as the counter would have recorded it.
    await tx.run(sql`insert into redemption_items (entry_id, item_id, name, unit_points, quantity)
      select e.id, i.id, i.name, i.points, 1 from ledger_entries e
      join postings p on p.entry_id = e.id and p.amount > 0
      join accounts a on a.id = p.account_id and a.kind = 'merchant'
      join merchant_items i on i.id = (select min(x.id) from merchant_items x where x.merchant_id = a.owner_id and x.active = 1 and x.points = p.amount)
      where e.kind = 'redemption' and e.at >= ${created}`);

    // Sign-ups for most coming activities, from the regular volunteers first.
    const pool = volunteers.length > 0 ? volunteers : residentRows.map((r) => r.id);
    for (const a of upcoming) {
      if (!rng.chance(0.7)) continue;
      const people = rng.sample(pool.slice(0, 60), rng.int(3, 12));
      const rows = people.map((residentId) => {
        const signedUpAt = stamp(addDays(today, -rng.int(0, 6)), rng.int(8, 21), rng.int(0, 59));
        return {
          activityId: a.id,
          residentId,
          // biome-ignore lint/complexity/useMathMinMax: ISO timestamps, compared as text
          signedUpAt: signedUpAt < nowIso ? signedUpAt : nowIso,
        };
      });
      await tx.insert(activitySignups).values(rows).onConflictDoNothing();
      summary.signups += rows.length;
    }

    // 你点单我服务: requests from residents, in every state, with their dated histories.
    if (menu.length > 0) {
      for (const [i, plan] of RESIDENT_PLANS.entries()) {
        const service = rng.pick(menu);
        const resident = rng.pick(residentRows);
        const byStaff = i % 5 === 4;
        const start = stamp(
          addDays(today, -rng.int(plan.steps.length * 3 + 1, 45)),
          rng.int(8, 18),
          rng.int(0, 59),
        );
        summary.requests += await insertRequest(tx, {
          kind: 'service',
          origin: byStaff ? 'staff' : 'resident',
          serviceId: service.id,
          residentId: resident.id,
          title: service.title,
          detail: byStaff
            ? '居民来电，由工作人员代为登记'
            : rng.pick(['希望尽快安排', '老人独居，白天在家', '周末有空', '']),
          providerId: service.providerId,
          plan,
          start,
          staffId: staff.id,
          nowIso,
        });
      }
    }

    // 三单制: building issues placed by the owners' committee, dispatched to the property company.
    if (propertyCompanies.length > 0) {
      for (const issue of BUILDING_ISSUES) {
        const company = rng.pick(propertyCompanies);
        const compound =
          company.covers?.split(/[、，,（(]/)[0]?.trim() ||
          rng.pick(residentRows).compound ||
          '和平小区';
        const start = stamp(
          addDays(today, -rng.int(issue.steps.length * 4 + 1, 40)),
          rng.int(8, 18),
          rng.int(0, 59),
        );
        summary.buildingIssues += await insertRequest(tx, {
          kind: 'building_issue',
          origin: 'owners_committee',
          serviceId: null,
          residentId: null,
          title: issue.title,
          detail: issue.detail,
          compound,
          building: `${rng.int(1, 12)}栋`,
          providerId: company.id,
          plan: issue,
          start,
          staffId: staff.id,
          nowIso,
        });
      }
    }

    // One batch over the approval threshold, waiting for a second staff member (staff2) to approve.
    const honoured = volunteers.slice(0, 5);
    if (honoured.length > 0) {
      const points = DEFAULT_PER_AWARD + 100;
      const [batch] = await tx
        .insert(awardBatches)
        .values({
          kind: 'manual',
          reason: '年度优秀志愿者表彰',
          status: 'pending',
          totalPoints: points * honoured.length,
          createdBy: staff.id,
          createdAt: stamp(addDays(today, -1), 16, 20),
        })
        .returning({ id: awardBatches.id });
      await tx.insert(awardBatchLines).values(
        honoured.map((residentId) => ({
          batchId: batch!.id,
          residentId,
          points,
          memo: '年度优秀志愿者表彰',
        })),
      );
      summary.pendingBatches = 1;
    }
  });
  return summary;
}

interface RequestSeed {
  kind: 'service' | 'building_issue';
  origin: 'resident' | 'staff' | 'owners_committee';
  serviceId: number | null;
  residentId: number | null;
  title: string;
  detail: string;
  compound?: string;
  building?: string;
  providerId: number;
  plan: { status: ServiceRequestStatus; steps: Step[]; rating?: [number, string] };
  start: string;
  staffId: number;
  nowIso: string;
}

async function insertRequest(tx: Db, r: RequestSeed): Promise<number> {
  let at = r.start;
  const events: Array<typeof serviceRequestEvents.$inferInsert> = [];
  const submittedBy = r.origin === 'resident' ? r.residentId : r.staffId;
  events.push({
    requestId: 0,
    at,
    event: 'submitted',
    party: r.origin,
    actorId: submittedBy,
    organizationId: r.kind === 'service' ? r.providerId : null,
    note: r.detail,
  });
  let ratedAt: string | null = null;
  for (const step of r.plan.steps) {
    at = later(at, step.after);
    if (at > r.nowIso) at = r.nowIso;
    const actorId = step.party === 'resident' ? r.residentId : r.staffId;
    events.push({
      requestId: 0,
      at,
      event: step.event,
      party: step.party,
      actorId,
      organizationId: step.org === 'provider' ? r.providerId : null,
      note: step.note,
    });
    if (step.event === 'rated') ratedAt = at;
  }
  const dispatched = r.plan.steps.some((s) => s.event === 'dispatched');
  const [row] = await tx
    .insert(serviceRequests)
    .values({
      kind: r.kind,
      origin: r.origin,
      serviceId: r.serviceId,
      residentId: r.residentId,
      title: r.title,
      detail: r.detail,
      compound: r.compound ?? null,
      building: r.building ?? null,
      status: r.plan.status,
      providerId: dispatched ? r.providerId : null,
      createdBy: submittedBy ?? r.staffId,
      createdAt: r.start,
      updatedAt: at,
      rating: r.plan.rating?.[0] ?? null,
      ratingComment: r.plan.rating?.[1] ?? null,
      ratedAt,
    })
    .returning({ id: serviceRequests.id });
  await tx.insert(serviceRequestEvents).values(events.map((e) => ({ ...e, requestId: row!.id })));
  return 1;
}

import { count } from 'drizzle-orm';
import { award, redeem, reverse, transfer } from '../../functions/domain/ledger/commands';
import {
  createMerchant,
  createResident,
  createStaff,
  type Secret,
} from '../../functions/domain/people/directory';
import { hashSecret } from '../../functions/domain/shared/crypto';
import { DomainError } from '../../functions/domain/shared/errors';
import { COMMUNITY_UTC_OFFSET_MINUTES, localDate } from '../../functions/domain/shared/time';
import type { Database, Db } from '../client';
import {
  activities,
  activityTypes,
  households,
  participations,
  settings,
  teams,
  users,
} from '../schema';
import {
  ACTIVITY_TYPES,
  COMMUNITY_NAME,
  COMPOUNDS,
  GIVEN_NAMES,
  HONORIFICS,
  MERCHANTS,
  STREETS,
  SURNAMES,
  TEAMS,
} from './community';
import { type DailyUseSummary, seedDailyUse } from './daily-use';
import { Random } from './random';
import { type RecordsSummary, seedRecords } from './records';
import { seedVersions } from './records-versions';

/** Published in the README; they exist only in a database whose settings say demo = true. */
export const DEMO_PASSWORD = 'linli-demo';
export const DEMO_PIN = '2468';
export const DEMO_RESIDENTS = 200;
export const DEMO_MERCHANTS = 20;

export interface SeedOptions {
  now: Date;
  seed?: number;
  /** PBKDF2 iterations; the default is the production cost. */
  iterations?: number;
}

export interface SeedSummary {
  residents: number;
  merchants: number;
  activities: number;
  entries: number;
  /** The public records: organisations, services, deliberations, funds (see records.ts). */
  records: RecordsSummary;
  /** Items for points, sign-ups, service requests, a batch awaiting approval (see daily-use.ts). */
  dailyUse: DailyUseSummary;
}

/** Local (UTC+8) wall-clock time on a local date, as an instant. */
function at(date: string, hour: number, minute = 0): Date {
  return new Date(
    Date.parse(
      `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`,
    ) -
      COMMUNITY_UTC_OFFSET_MINUTES * 60_000,
  );
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function hashMany(secret: string, n: number, iterations?: number): Promise<Secret[]> {
  const out: Secret[] = [];
  for (let i = 0; i < n; i += 64) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(64, n - i) }, () => hashSecret(secret, iterations)),
    );
    out.push(...chunk.map((hash) => ({ hash })));
  }
  return out;
}

/** Seeds the demo community into an empty, migrated database. Deterministic for a given `now` and seed. */
export async function seedDemo(database: Database, options: SeedOptions): Promise<SeedSummary> {
  const [existing] = await database.read.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0)
    throw new Error('the demo community can only be seeded into an empty database');
  const rng = new Random(options.seed ?? 20260309);
  const today = localDate(options.now);
  const start = addDays(today, -365);

  const [passwords, pins] = await Promise.all([
    hashMany(DEMO_PASSWORD, DEMO_RESIDENTS + DEMO_MERCHANTS + 2, options.iterations),
    hashMany(DEMO_PIN, DEMO_RESIDENTS, options.iterations),
  ]);
  const created = at(start, 9);

  const cast = await database.write(async (tx) => {
    await tx.insert(settings).values([
      { key: 'demo', value: 'true' },
      { key: 'community_name', value: COMMUNITY_NAME },
    ]);
    const staffId = await createStaff(
      tx,
      { login: 'staff1', password: passwords[0]!, displayName: '刘晓梅（社区工作人员）' },
      created,
    );

    const merchantIds: number[] = [];
    for (const [i, m] of MERCHANTS.entries()) {
      const address = `${rng.pick(STREETS)} ${rng.int(1, 188)} 号`;
      merchantIds.push(
        await createMerchant(
          tx,
          { login: `merchant${i + 1}`, password: passwords[1 + i]!, ...m, address },
          created,
        ),
      );
    }

    const householdIds: number[] = [];
    const residentIds: number[] = [];
    let household = 0;
    for (let i = 0; i < DEMO_RESIDENTS; i++) {
      // Households of one to three residents.
      if (i === 0 || household === 0 || rng.chance(0.55)) {
        const [h] = await tx
          .insert(households)
          .values({
            compound: rng.pick(COMPOUNDS),
            building: `${rng.int(1, 12)}栋`,
            unit: `${rng.int(1, 3)}单元`,
            door: `${rng.int(1, 7)}0${rng.int(1, 4)}`,
          })
          .returning({ id: households.id });
        householdIds.push(h!.id);
        household = h!.id;
      }
      const surname = rng.pick(SURNAMES);
      const fullName = surname + rng.pick(GIVEN_NAMES);
      const id = await createResident(
        tx,
        {
          login: `resident${i + 1}`,
          password: passwords[1 + DEMO_MERCHANTS + i]!,
          fullName,
          displayName: `${surname}${rng.pick(HONORIFICS)}`,
          phone: `1${rng.pick(['38', '39', '58', '77', '86', '35'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
          householdId: household,
          card: { cardNo: `C${String(i + 1).padStart(4, '0')}`, pin: pins[i]! },
        },
        created,
      );
      residentIds.push(id);
    }

    const teamIds = new Map<string, number>();
    for (const t of TEAMS) {
      const [row] = await tx.insert(teams).values(t).returning({ id: teams.id });
      teamIds.set(t.name, row!.id);
    }
    const typeIds = new Map<string, number>();
    for (const t of ACTIVITY_TYPES) {
      const [row] = await tx
        .insert(activityTypes)
        .values({
          code: t.code,
          nameZh: t.nameZh,
          nameEn: t.nameEn,
          pointsPerHour: t.pointsPerHour,
          dailyCap: t.dailyCap,
        })
        .returning({ id: activityTypes.id });
      typeIds.set(t.code, row!.id);
    }
    return { staffId, merchantIds, residentIds, teamIds, typeIds };
  });

  // About 60% of residents volunteer; a core of regulars does most of the work.
  const volunteers = rng.sample(cast.residentIds, 120);
  const regulars = volunteers.slice(0, 40);

  interface Planned {
    date: string;
    type: (typeof ACTIVITY_TYPES)[number];
    title: string;
    place: string;
    hours: number;
  }
  const planned: Planned[] = [];
  for (let d = start; d <= addDays(today, 30); d = addDays(d, 1)) {
    const day = Number(d.slice(8, 10));
    if (day === 9) {
      const type = ACTIVITY_TYPES.find((t) => t.code === 'volunteer_day')!;
      planned.push({
        date: d,
        type,
        title: `${Number(d.slice(5, 7))} 月 9 日志愿服务日`,
        place: '社区广场',
        hours: 3,
      });
    } else if (rng.chance(0.3)) {
      const type = rng.pick(ACTIVITY_TYPES.filter((t) => t.code !== 'volunteer_day'));
      planned.push({
        date: d,
        type,
        title: rng.pick(type.titles),
        place: rng.pick(type.places),
        hours: rng.pick([1, 1.5, 2, 2, 3]),
      });
    }
  }

  type Event = { when: Date; apply: (tx: Db) => Promise<void> };
  const events: Event[] = [];
  const awards: Array<{ when: Date; id: () => number | undefined }> = [];
  let activityCount = 0;

  await database.write(async (tx) => {
    for (const p of planned) {
      const past = p.date < today;
      const [row] = await tx
        .insert(activities)
        .values({
          typeId: cast.typeIds.get(p.type.code)!,
          teamId: cast.teamIds.get(p.type.team) ?? null,
          title: p.title,
          date: p.date,
          place: p.place,
          hours: p.hours,
          status: past ? 'closed' : 'planned',
          pointsPerHour: p.type.pointsPerHour,
          dailyCap: p.type.dailyCap,
        })
        .returning({ id: activities.id });
      activityCount++;
      if (!past) continue;
      const size = p.type.code === 'volunteer_day' ? rng.int(15, 30) : rng.int(4, 12);
      const people = [
        ...new Set([
          ...rng.sample(regulars, Math.ceil(size / 2)),
          ...rng.sample(volunteers, Math.floor(size / 2)),
        ]),
      ];
      for (const residentId of people) {
        const points = Math.min(p.type.dailyCap, Math.round(p.hours * p.type.pointsPerHour));
        let entryId: number | undefined;
        const when = at(p.date, 20, rng.int(0, 59));
        events.push({
          when,
          apply: async (t) => {
            const done = await award(
              t,
              { actorId: cast.staffId, now: when },
              {
                residentId,
                points,
                reason: `${p.title}（${p.place}）${p.hours} 小时`,
                activityId: row!.id,
              },
            );
            entryId = done.id;
            await t.insert(participations).values({
              activityId: row!.id,
              residentId,
              hours: p.hours,
              checkedInAt: at(p.date, 8).toISOString(),
              awardEntryId: done.id,
            });
          },
        });
        awards.push({ when, id: () => entryId });
      }
    }
  });

  // Redemptions: residents spend at partner counters through the year.
  for (let d = start; d < today; d = addDays(d, 1)) {
    for (let k = rng.int(0, 4); k > 0; k--) {
      const residentId = rng.pick(volunteers);
      const merchantId = rng.pick(cast.merchantIds);
      const points = rng.pick([5, 10, 10, 15, 20, 30, 50]);
      const when = at(d, rng.int(9, 19), rng.int(0, 59));
      events.push({
        when,
        apply: async (t) =>
          void (await redeem(
            t,
            { actorId: merchantId, now: when },
            { residentId, points, note: '到店兑换' },
          )),
      });
    }
  }
  // Gifts between neighbours and donations to the community pool.
  for (let i = 0; i < 30; i++) {
    const from = rng.pick(regulars);
    const toPool = i % 3 === 0;
    const to = toPool ? ('pool' as const) : rng.pick(cast.residentIds.filter((r) => r !== from));
    const when = at(addDays(start, rng.int(30, 360)), rng.int(9, 20));
    const points = rng.pick([10, 20, 30]);
    const memo = toPool
      ? '捐给社区积分池，帮助困难家庭'
      : rng.pick(['送给楼下的独居老人', '谢谢帮忙照看孩子', '给邻居换米面油']);
    events.push({
      when,
      apply: async (t) =>
        void (await transfer(
          t,
          { actorId: from, now: when },
          { fromResidentId: from, to, points, memo },
        )),
    });
  }
  // A few awards entered twice by mistake, corrected by a reversal a day or two later.
  for (const a of rng.sample(awards, 6)) {
    const when = new Date(a.when.getTime() + rng.int(1, 2) * 86_400_000);
    if (localDate(when) >= today) continue;
    events.push({
      when,
      apply: async (t) => {
        const id = a.id();
        if (id !== undefined)
          await reverse(
            t,
            { actorId: cast.staffId, now: when },
            { entryId: id, reason: '重复录入，予以冲正' },
          );
      },
    });
  }

  events.sort((a, b) => a.when.getTime() - b.when.getTime());
  let entries = 0;
  await database.write(async (tx) => {
    for (const e of events) {
      try {
        await e.apply(tx);
        entries++;
      } catch (error) {
        // Insufficient points for a planned spend is part of real life: that spend just did not happen.
        if (!(error instanceof DomainError)) throw error;
      }
    }
  });
  // The public records; their expenses are approved by a second staff member (the accountant).
  const approverId = await database.write(async (tx) => {
    const id = await createStaff(
      tx,
      {
        login: 'staff2',
        password: passwords[DEMO_RESIDENTS + DEMO_MERCHANTS + 1]!,
        displayName: '陈志华（社区会计）',
        role: 'accountant',
      },
      created,
    );
    // The administrator: accounts and settings (and the staff's work where a community is small).
    await createStaff(
      tx,
      {
        login: 'admin',
        password: passwords[0]!,
        displayName: '周建平（社区管理员）',
        role: 'admin',
      },
      created,
    );
    return id;
  });
  const records = await seedRecords(database, {
    now: options.now,
    staffId: cast.staffId,
    approverId,
    seed: options.seed,
  });
  const dailyUse = await seedDailyUse(database, { now: options.now, seed: options.seed });
  await seedVersions(database, { now: options.now, staffId: cast.staffId });
  return {
    residents: cast.residentIds.length,
    merchants: cast.merchantIds.length,
    activities: activityCount,
    entries,
    records,
    dailyUse,
  };
}

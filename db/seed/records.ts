/**
 * Seeds the demo community's PUBLIC RECORDS: the 一核多元 organisations, the 服务清单, a year of
 * 议事协商 with follow-ups, and the funds with their money — deterministically (seeded `Random`,
 * dates relative to `now`), mostly published with a handful of drafts, with a light audit trail.
 * Runs after the people and ledger of seedDemo (it links teams and merchant users), into empty tables.
 */
import { asc, count } from 'drizzle-orm';
import { localDate } from '../../functions/domain/shared/time';
import type { Database, Db } from '../client';
import {
  agendaItems,
  auditLog,
  budgets,
  corrections,
  deliberationBodies,
  deliberations,
  donationOutcomes,
  donations,
  expenses,
  followupStatuses,
  followups,
  followupUpdates,
  funds,
  incomes,
  merchants,
  organizations,
  receipts,
  serviceCategories,
  services,
  teams,
  voteOptions,
} from '../schema';
import { Random } from './random';
import { merchantKey, ORGANIZATIONS } from './records-data';
import { deliberationRows } from './records-deliberation-rows';
import { buildMoney } from './records-money';
import { SERVICES } from './records-services';
import { addDays, minDate, publication, type SeedContext } from './records-util';

export interface RecordsOptions {
  now: Date;
  /** The staff member who enters and publishes (staff1) and the one who approves expenses (staff2). */
  staffId: number;
  approverId: number;
  rng?: Random;
  seed?: number;
}

export interface RecordsSummary {
  organizations: number;
  services: number;
  deliberations: number;
  agendaItems: number;
  voteOptions: number;
  followups: number;
  followupUpdates: number;
  funds: number;
  donations: number;
  incomes: number;
  expenses: number;
  receipts: number;
  donationOutcomes: number;
  budgets: number;
  corrections: number;
  auditLog: number;
}

function build(
  ctx: SeedContext,
  merchantRows: Array<{
    userId: number;
    shopName: string;
    category: string;
    address: string;
    offer: string;
  }>,
  teamRows: Map<string, { id: number; description: string }>,
) {
  const { today, start } = ctx;
  // Organisations: the 一核多元 map, then the partner merchants.
  const orgIds = new Map<string, number>();
  for (const [i, o] of ORGANIZATIONS.entries()) orgIds.set(o.key, i + 1);
  for (const [i, m] of merchantRows.entries())
    orgIds.set(merchantKey(m.shopName), ORGANIZATIONS.length + i + 1);
  ctx.org = (key) => {
    const id = orgIds.get(key);
    if (id === undefined) throw new Error(`unknown organisation ${key}`);
    return id;
  };
  const orgRows = [
    ...ORGANIZATIONS.map((o, i) => {
      const team = o.team ? teamRows.get(o.team) : undefined;
      if (o.team && !team) throw new Error(`team ${o.team} not seeded`);
      const created = addDays(start, o.joinedDay ?? 1 + (i % 4));
      return {
        id: i + 1,
        kind: o.kind,
        name: o.name,
        parentId: o.parent ? ctx.org(o.parent) : null,
        description: team
          ? `${team.description}。队员参加志愿服务获得积分，可在“一刻钟合伙人”商户兑换。`
          : o.description,
        provides: o.provides,
        covers: o.covers ?? null,
        contact: o.contact ?? null,
        merchantUserId: null,
        teamId: team?.id ?? null,
        ...publication(
          ctx,
          'organization',
          i + 1,
          o.name,
          created,
          o.draft ? null : addDays(created, 1),
        ),
      };
    }),
    ...merchantRows.map((m, i) => {
      const id = ORGANIZATIONS.length + i + 1;
      return {
        id,
        kind: 'merchant' as const,
        name: m.shopName,
        parentId: null,
        description: `“一刻钟合伙人”商户（${m.category}），位于${m.address}。以公益换宣传：按约定提供公益服务，社区在公众号、公示栏和网格群宣传其公益行为。`,
        provides: m.offer,
        covers: null,
        contact: `到店咨询（${m.address}）`,
        merchantUserId: m.userId,
        teamId: null,
        ...publication(ctx, 'organization', id, m.shopName, addDays(start, 2), addDays(start, 3)),
      };
    }),
  ];

  // Deliberations, oldest first, with their agenda, votes and follow-ups.
  const { delibRows, itemRows, optionRows, followupRows, updateRows } = deliberationRows(ctx);

  // The service menu: most listed when the portal opened, some created later by a deliberation.
  const serviceRows = SERVICES.map((s, i) => {
    const id = i + 1;
    const created = s.deliberation
      ? minDate(addDays(ctx.deliberation(s.deliberation).date, 10), addDays(today, -2))
      : addDays(start, 2 + (i % 10));
    return {
      id,
      category: s.category,
      title: s.title,
      description: s.description,
      providerId: ctx.org(s.provider),
      audiences: JSON.stringify(s.audiences),
      schedule: s.schedule,
      monthlyDay: s.monthlyDay ?? null,
      place: s.place,
      cost: s.cost,
      costNote: s.costNote ?? null,
      howToAsk: s.howToAsk,
      deliberationId: s.deliberation ? ctx.deliberation(s.deliberation).id : null,
      ...publication(ctx, 'service', id, s.title, created, s.draft ? null : addDays(created, 1)),
    };
  });

  return {
    orgRows,
    delibRows,
    itemRows,
    optionRows,
    followupRows,
    updateRows,
    serviceRows,
    money: buildMoney(ctx),
  };
}

async function insertAll(
  tx: Db,
  table: Parameters<Db['insert']>[0],
  rows: readonly object[],
  size = 100,
) {
  for (let i = 0; i < rows.length; i += size)
    await tx.insert(table).values(rows.slice(i, i + size) as never);
}

export async function seedRecords(
  database: Database,
  options: RecordsOptions,
): Promise<RecordsSummary> {
  const [existing] = await database.read.select({ n: count() }).from(organizations);
  if ((existing?.n ?? 0) > 0) throw new Error('the public records can only be seeded once');
  const merchantRows = await database.read
    .select({
      userId: merchants.userId,
      shopName: merchants.shopName,
      category: merchants.category,
      address: merchants.address,
      offer: merchants.offer,
    })
    .from(merchants)
    .orderBy(asc(merchants.userId));
  const teamRows = new Map(
    (await database.read.select().from(teams).orderBy(asc(teams.id))).map((t) => [
      t.name,
      { id: t.id, description: t.description },
    ]),
  );
  const today = localDate(options.now);
  const ctx: SeedContext = {
    rng: options.rng ?? new Random(options.seed ?? 20260309),
    now: options.now,
    today,
    start: addDays(today, -365),
    staffId: options.staffId,
    approverId: options.approverId,
    org: () => 0,
    deliberation: () => ({ id: 0, date: today }),
    audit: [],
  };
  const b = build(ctx, merchantRows, teamRows);
  const m = b.money;
  const coverage = [
    [serviceCategories, new Set(b.serviceRows.map((s) => s.category))],
    [deliberationBodies, new Set(b.delibRows.map((d) => d.body))],
    [followupStatuses, new Set(b.followupRows.map((f) => f.status))],
  ] as const;
  for (const [all, seen] of coverage)
    for (const code of all)
      if (!seen.has(code as never)) throw new Error(`the demo records have no ${code}`);
  const audit = [...ctx.audit]
    .sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))
    .map((a, i) => ({ id: i + 1, ...a }));

  await database.write(async (tx) => {
    await insertAll(tx, organizations, b.orgRows);
    await insertAll(tx, deliberations, b.delibRows);
    await insertAll(tx, agendaItems, b.itemRows);
    await insertAll(tx, voteOptions, b.optionRows);
    await insertAll(tx, followups, b.followupRows);
    await insertAll(tx, followupUpdates, b.updateRows);
    await insertAll(tx, services, b.serviceRows);
    await insertAll(tx, funds, m.funds);
    await insertAll(tx, donations, m.donations);
    await insertAll(tx, incomes, m.incomes);
    await insertAll(tx, expenses, m.expenses);
    await insertAll(tx, receipts, m.receipts, 10);
    await insertAll(tx, donationOutcomes, m.donationOutcomes);
    await insertAll(tx, budgets, m.budgets);
    await insertAll(tx, corrections, m.corrections);
    await insertAll(tx, auditLog, audit);
  });

  return {
    organizations: b.orgRows.length,
    services: b.serviceRows.length,
    deliberations: b.delibRows.length,
    agendaItems: b.itemRows.length,
    voteOptions: b.optionRows.length,
    followups: b.followupRows.length,
    followupUpdates: b.updateRows.length,
    funds: m.funds.length,
    donations: m.donations.length,
    incomes: m.incomes.length,
    expenses: m.expenses.length,
    receipts: m.receipts.length,
    donationOutcomes: m.donationOutcomes.length,
    budgets: m.budgets.length,
    corrections: m.corrections.length,
    auditLog: audit.length,
  };
}

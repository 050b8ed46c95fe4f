import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import {
  agendaItems,
  auditLog,
  budgetLines,
  budgets,
  corrections,
  deliberationBodies,
  deliberations,
  donations,
  expenses,
  followupStatuses,
  followups,
  followupUpdates,
  funds,
  incomes,
  organizations,
  receipts,
  residents,
  serviceAudiences,
  serviceCategories,
  services,
  users,
  voteOptions,
} from '../../db/schema';
import { type SeedSummary, seedDemo } from '../../db/seed/demo';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const now = new Date('2026-03-09T02:00:00Z');
const today = '2026-03-09';

/** Every table the public-records seed writes, in a stable order. */
const RECORD_TABLES = {
  organizations,
  services,
  deliberations,
  agendaItems,
  voteOptions,
  followups,
  followupUpdates,
  funds,
  donations,
  incomes,
  expenses,
  receipts,
  budgets,
  corrections,
  auditLog,
};

async function dump(database: Database) {
  const out: Record<string, unknown[]> = {};
  for (const [name, table] of Object.entries(RECORD_TABLES)) {
    const rows = await database.read.select().from(table as typeof organizations);
    out[name] = (rows as Array<Record<string, unknown>>)
      .map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            Buffer.isBuffer(v) || v instanceof ArrayBuffer || ArrayBuffer.isView(v)
              ? Buffer.from(v as Uint8Array).toString('hex')
              : v,
          ]),
        ),
      )
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return out;
}

describe('seedDemo: the public records', () => {
  let t: TestDatabase;
  let twin: TestDatabase;
  let summary: SeedSummary;
  let twinSummary: SeedSummary;

  beforeAll(async () => {
    [t, twin] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    [summary, twinSummary] = await Promise.all([
      seedDemo(t.database, { now, iterations: 1000 }),
      seedDemo(twin.database, { now, iterations: 1000 }),
    ]);
  }, 120_000);
  afterAll(() => {
    t?.cleanup();
    twin?.cleanup();
  });

  it('reports its counts in the seed summary', async () => {
    const r = summary.records;
    expect(r.services).toBe((await t.database.read.select().from(services)).length);
    expect(r.deliberations).toBe((await t.database.read.select().from(deliberations)).length);
    expect(r.donations).toBe((await t.database.read.select().from(donations)).length);
    expect(r.auditLog).toBeGreaterThan(0);
  });

  it('maps the 一核多元 organisations, linking teams and merchant users', async () => {
    const orgs = await t.database.read.select().from(organizations);
    const kinds = (k: string) => orgs.filter((o) => o.kind === k);
    expect(kinds('party_committee')).toHaveLength(1);
    expect(kinds('party_branch')).toHaveLength(10);
    expect(kinds('party_branch').every((b) => b.covers)).toBe(true);
    expect(kinds('residents_committee')).toHaveLength(1);
    expect(kinds('property_company').length).toBeGreaterThanOrEqual(8);
    expect(kinds('social_organization').length).toBeGreaterThanOrEqual(10);
    expect(kinds('self_organization').length).toBeGreaterThanOrEqual(11);
    expect(kinds('volunteer_team').every((o) => o.teamId !== null)).toBe(true);
    const merchantUsers = await t.database.read
      .select({ id: users.id })
      .from(users)
      .where(eq(users.role, 'merchant'));
    expect(
      kinds('merchant')
        .map((m) => m.merchantUserId)
        .sort(),
    ).toEqual(merchantUsers.map((u) => u.id).sort());
    expect(orgs.every((o) => o.description && o.provides)).toBe(true);
  });

  it('offers close to 100 services in every category, with valid audiences', async () => {
    const rows = await t.database.read.select().from(services);
    expect(rows.length).toBeGreaterThanOrEqual(95);
    expect(rows.length).toBeLessThanOrEqual(105);
    expect(new Set(rows.map((s) => s.category))).toEqual(new Set(serviceCategories));
    for (const s of rows) {
      const audiences = JSON.parse(s.audiences) as string[];
      expect(audiences.length).toBeGreaterThan(0);
      for (const a of audiences) expect(serviceAudiences).toContain(a);
      expect(s.howToAsk).not.toMatch(/1[3-9]\d{9}/); // office numbers only, never a mobile
    }
    expect(rows.filter((s) => s.monthlyDay === 9).length).toBeGreaterThanOrEqual(10);
    expect(rows.some((s) => s.deliberationId !== null)).toBe(true);
    expect(new Set(rows.map((s) => s.cost))).toEqual(new Set(['free', 'low_cost', 'paid']));
  });

  it('records 30+ deliberations of all five bodies, with consistent votes', async () => {
    const rows = await t.database.read.select().from(deliberations);
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(new Set(rows.map((d) => d.body))).toEqual(new Set(deliberationBodies));
    expect(rows.filter((d) => d.body === 'building_council').every((d) => d.building)).toBe(true);
    expect(
      rows.every((d) => d.date > '2025-03-09' && d.date <= today && d.present <= d.expected),
    ).toBe(true);
    expect(rows.some((d) => d.present < d.quorum)).toBe(true);
    const items = await t.database.read.select().from(agendaItems);
    const options = await t.database.read.select().from(voteOptions);
    for (const d of rows) {
      const mine = items.filter((i) => i.deliberationId === d.id);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine.length).toBeLessThanOrEqual(4);
      for (const i of mine) {
        const opts = options.filter((o) => o.agendaItemId === i.id);
        expect(opts.length).toBeGreaterThanOrEqual(2);
        expect(opts.length).toBeLessThanOrEqual(4);
        expect(opts.reduce((s, o) => s + o.votes, 0)).toBeLessThanOrEqual(d.present);
      }
    }
  });

  it('follows up in every status, each with a dated timeline that ends where the item stands', async () => {
    const items = await t.database.read.select().from(followups);
    const updates = await t.database.read
      .select()
      .from(followupUpdates)
      .orderBy(asc(followupUpdates.followupId), asc(followupUpdates.date), asc(followupUpdates.id));
    const meetings = new Map(
      (await t.database.read.select().from(deliberations)).map((d) => [d.id, d.date]),
    );
    expect(items.length).toBeGreaterThanOrEqual(55);
    for (const status of followupStatuses)
      expect(items.filter((f) => f.status === status).length).toBeGreaterThanOrEqual(5);
    for (const f of items) {
      const mine = updates.filter((u) => u.followupId === f.id);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine.length).toBeLessThanOrEqual(5);
      const last = mine.at(-1)!;
      expect([last.status, last.progress]).toEqual([f.status, f.progress]);
      expect(mine[0]!.date >= meetings.get(f.deliberationId)!).toBe(true);
      expect(last.date < today).toBe(true);
      for (let i = 1; i < mine.length; i++)
        expect(mine[i]!.progress).toBeGreaterThanOrEqual(mine[i - 1]!.progress);
      if (f.status === 'done') expect(f.progress).toBe(100);
      if (f.status === 'pending') expect(f.progress).toBe(0);
    }
  });

  it('keeps a year of fund activity: donations of every donor type, incomes and expenses', async () => {
    const fundRows = await t.database.read.select().from(funds);
    expect(fundRows.filter((f) => f.kind === 'micro_fund')).toHaveLength(1);
    expect(fundRows.filter((f) => f.kind === 'project').length).toBeGreaterThanOrEqual(2);
    const gifts = await t.database.read.select().from(donations);
    const ins = await t.database.read.select().from(incomes);
    const outs = await t.database.read.select().from(expenses);
    expect(gifts.length).toBeGreaterThanOrEqual(80);
    expect(ins.length).toBeGreaterThan(0);
    expect(outs.length).toBeGreaterThanOrEqual(60);
    for (const f of fundRows) {
      expect(gifts.some((d) => d.fundId === f.id)).toBe(true);
      expect(outs.some((e) => e.fundId === f.id)).toBe(true);
    }
    expect(new Set(gifts.map((d) => d.donorType))).toEqual(
      new Set(['government', 'merchant', 'enterprise', 'individual']),
    );
    expect(new Set(ins.map((i) => i.kind))).toEqual(
      new Set(['enterprise', 'grant', 'interest', 'other']),
    );
    expect(new Set(outs.map((e) => e.budgetLine))).toEqual(new Set(budgetLines));
    const merchantGifts = gifts.filter((d) => d.donorType === 'merchant');
    expect(merchantGifts.every((d) => d.organizationId !== null)).toBe(true);
    expect(outs.some((e) => e.deliberationId !== null)).toBe(true);
    const budgetRows = await t.database.read.select().from(budgets);
    expect(budgetRows).toHaveLength(fundRows.length * 2 * budgetLines.length);
  });

  it('hides about a quarter of individual donors, and says what became of every gift in kind', async () => {
    const gifts = await t.database.read.select().from(donations);
    const individuals = gifts.filter((d) => d.donorType === 'individual');
    const anonymous = individuals.filter((d) => d.anonymous);
    expect(anonymous.length).toBeGreaterThanOrEqual(1);
    expect(anonymous.length / individuals.length).toBeGreaterThan(0.15);
    expect(anonymous.length / individuals.length).toBeLessThan(0.35);
    expect(anonymous.every((d) => d.donorName.length > 0)).toBe(true);
    const inKind = gifts.filter((d) => d.form === 'in_kind');
    expect(inKind.length).toBeGreaterThan(0);
    expect(inKind.every((d) => d.outcome && d.itemDescription && d.quantity)).toBe(true);
  });

  it('has every expense approved by a different staff member than the one who entered it', async () => {
    const outs = await t.database.read.select().from(expenses);
    const staff2 = (
      await t.database.read.select().from(users).where(eq(users.login, 'staff2'))
    )[0]!;
    expect(staff2.role).toBe('accountant');
    for (const e of outs.filter((x) => x.approvedBy !== null)) {
      expect(e.approvedBy).not.toBe(e.createdBy);
      expect(e.approvedBy).toBe(staff2.id);
      expect(e.approvedAt! > e.createdAt).toBe(true);
    }
    expect(outs.filter((e) => e.status === 'published').every((e) => e.approvedBy !== null)).toBe(
      true,
    );
    const files = await t.database.read.select().from(receipts);
    expect(files.length).toBeGreaterThan(0);
    // Every published expense has its receipt scan or the stated reason why there is none.
    const scanned = new Set(files.map((f) => f.expenseId));
    for (const e of outs.filter((x) => x.status === 'published'))
      expect(scanned.has(e.id) || (e.noReceiptReason?.length ?? 0) >= 4, `expense ${e.id}`).toBe(
        true,
      );
    expect(outs.some((e) => e.status === 'published' && e.noReceiptReason)).toBe(true);
    for (const f of files) {
      const bytes = Buffer.from(f.bytes);
      expect(bytes.length).toBeLessThan(2000);
      expect(
        f.mime === 'image/png'
          ? bytes.subarray(1, 4).toString('latin1')
          : bytes.subarray(0, 5).toString('latin1'),
      ).toBe(f.mime === 'image/png' ? 'PNG' : '%PDF-');
    }
  });

  it('never overdraws a fund on any date, whether counting published records or all of them', async () => {
    const [gifts, ins, outs, fixes] = await Promise.all([
      t.database.read.select().from(donations),
      t.database.read.select().from(incomes),
      t.database.read.select().from(expenses),
      t.database.read.select().from(corrections),
    ]);
    expect(fixes.length).toBeGreaterThanOrEqual(3);
    expect(fixes.length).toBeLessThanOrEqual(5);
    for (const onlyPublished of [true, false]) {
      const keep = (r: { status: string }) => !onlyPublished || r.status === 'published';
      const moves = [
        ...gifts
          .filter((d) => d.form === 'money' && keep(d))
          .map((d) => ({ fundId: d.fundId, date: d.date, fen: d.amountFen })),
        ...ins.filter(keep).map((i) => ({ fundId: i.fundId, date: i.date, fen: i.amountFen })),
        ...outs.filter(keep).map((e) => ({ fundId: e.fundId, date: e.date, fen: -e.amountFen })),
        ...fixes.filter(keep).map((c) => ({
          fundId: c.fundId,
          date: c.date,
          fen: c.entity === 'expense' ? -c.amountDeltaFen : c.amountDeltaFen,
        })),
      ];
      const days = [...new Set(moves.map((m) => m.date))].sort();
      const balance = new Map<number, number>();
      for (const day of days) {
        for (const m of moves.filter((x) => x.date === day))
          balance.set(m.fundId, (balance.get(m.fundId) ?? 0) + m.fen);
        for (const [, fen] of balance) expect(fen).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('corrects only published records, and publishes mostly with a handful of drafts', async () => {
    const fixes = await t.database.read.select().from(corrections);
    const tables = { donation: donations, income: incomes, expense: expenses } as const;
    for (const c of fixes) {
      const [target] = await t.database.read
        .select()
        .from(tables[c.entity] as typeof donations)
        .where(eq((tables[c.entity] as typeof donations).id, c.entityId));
      expect(target?.status).toBe('published');
      expect(target?.fundId).toBe(c.fundId);
      expect(c.amountDeltaFen).not.toBe(0);
    }
    const staff1 = (
      await t.database.read.select().from(users).where(eq(users.login, 'staff1'))
    )[0]!;
    for (const table of [organizations, services, deliberations, donations, expenses]) {
      const rows = (await t.database.read.select().from(table as typeof organizations)) as Array<{
        status: string;
        publishedAt: string | null;
        publishedBy: number | null;
        createdAt: string;
      }>;
      const drafts = rows.filter((r) => r.status === 'draft');
      expect(drafts.length).toBeGreaterThanOrEqual(1);
      expect(drafts.length).toBeLessThan(rows.length / 5);
      for (const r of rows.filter((x) => x.status === 'published')) {
        expect(r.publishedBy).toBe(staff1.id);
        expect(r.publishedAt! > r.createdAt).toBe(true);
        expect(r.publishedAt! <= now.toISOString()).toBe(true);
      }
      expect(drafts.every((r) => r.publishedAt === null)).toBe(true);
    }
  });

  it('keeps private residents out of every public text', async () => {
    const people = await t.database.read
      .select({ fullName: residents.fullName, phone: residents.phone })
      .from(residents);
    const gifts = await t.database.read.select().from(donations);
    const secrets = [
      ...people.map((p) => p.fullName),
      ...people.map((p) => p.phone).filter((p): p is string => !!p),
      ...gifts.filter((d) => d.donorType === 'individual').map((d) => d.donorName),
    ];
    const texts = [
      ...(await t.database.read.select().from(organizations)).flatMap((o) => [
        o.name,
        o.description,
        o.provides,
        o.covers,
        o.contact,
      ]),
      ...(await t.database.read.select().from(services)).flatMap((s) => [
        s.title,
        s.description,
        s.schedule,
        s.place,
        s.costNote,
        s.howToAsk,
      ]),
      ...(await t.database.read.select().from(deliberations)).flatMap((d) => [
        d.title,
        d.place,
        d.chair,
        d.building,
        d.summary,
        d.resolution,
      ]),
      ...(await t.database.read.select().from(agendaItems)).flatMap((i) => [
        i.title,
        i.description,
        i.decision,
      ]),
      ...(await t.database.read.select().from(followups)).map((f) => f.title),
      ...(await t.database.read.select().from(followupUpdates)).map((u) => u.note),
      ...gifts.flatMap((d) => [d.itemDescription, d.quantity, d.outcome, d.note]),
      ...(await t.database.read.select().from(expenses)).flatMap((e) => [
        e.description,
        e.payee,
        e.beneficiaries,
      ]),
      ...(await t.database.read.select().from(corrections)).map((c) => c.explanation),
    ].filter((x): x is string => !!x);
    const leaks = secrets.filter((s) => texts.some((text) => text.includes(s)));
    expect(leaks).toEqual([]);
  });

  it('is deterministic: the same `now` gives the same record rows', async () => {
    expect(twinSummary.records).toEqual(summary.records);
    expect(await dump(twin.database)).toEqual(await dump(t.database));
  });
});

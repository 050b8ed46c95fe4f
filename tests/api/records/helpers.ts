import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { type App, createApp } from '../../../functions/app';
import type { PublishEvent } from '../../../functions/http/context';
import { type Clock, call, clock, loginAs } from '../../helpers/api';
import { bodyOf, client } from '../../helpers/client';
import type { Fixture } from '../../helpers/fixture';
import { type SeededDatabase, seededDatabase } from '../../helpers/template';

/** Tables the records routes write: a refused request must leave every one of them as it was. */
export const RECORD_TABLES = [
  'organizations',
  'services',
  'deliberations',
  'agenda_items',
  'vote_options',
  'followups',
  'followup_updates',
  'funds',
  'donations',
  'incomes',
  'expenses',
  'receipts',
  'donation_outcomes',
  'budgets',
  'corrections',
  'audit_log',
  'publish_events',
  'record_versions',
] as const;

export interface Published {
  event: PublishEvent;
  /** What a separate reader saw when the hook ran: committed data only. */
  seen: Promise<{ status: string | undefined; events: number }>;
}

export interface RecordsWorld {
  t: SeededDatabase;
  f: Fixture;
  app: App;
  time: Clock;
  published: Published[];
  staff: string;
  staff2: string;
  resident: string;
  merchant: string;
  cleanup(): void;
  /** JSON request as the first staff member unless another token is given. */
  api(method: string, path: string, body?: unknown, token?: string): ReturnType<typeof call>;
  /** The records routes through the typed client, as the first staff member unless told. */
  records(token?: string): ReturnType<typeof client>['staff']['records'];
  rows<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]>;
  counts(): Promise<Record<string, number>>;
  /** Every row of every records table: compare two to prove nothing changed. */
  dump(): Promise<Record<string, unknown[]>>;
}

const TABLE_OF: Record<string, string> = {
  organization: 'organizations',
  service: 'services',
  deliberation: 'deliberations',
  fund: 'funds',
  donation: 'donations',
  income: 'incomes',
  expense: 'expenses',
  correction: 'corrections',
  budget: 'budgets',
};

export const BASE = '/api/staff/records';

/** The id of the record an answer carries, for tests that reach records by a path they build. */
export const idOf = (res: { body: unknown }): number =>
  z.looseObject({ id: z.number() }).parse(res.body).id;

export async function recordsWorld(): Promise<RecordsWorld> {
  const t = await seededDatabase();
  const time = clock();
  const published: Published[] = [];
  const read = t.database.read;
  const rows = async <T>(query: ReturnType<typeof sql>) => (await read.all(query)) as T[];
  const app = createApp({
    database: t.database,
    now: () => time.now,
    onPublish: (event) => {
      const table = TABLE_OF[event.entity];
      const seen = (async () => {
        const [row] = table
          ? await rows<{ status: string }>(
              sql.raw(`select status from ${table} where id = ${Number(event.id)}`),
            )
          : [];
        const [n] = await rows<{ n: number }>(
          sql`select count(*) as n from publish_events where entity = ${event.entity} and entity_id = ${event.id}`,
        );
        return { status: row?.status, events: Number(n!.n) };
      })();
      published.push({ event, seen });
    },
  });
  const [staff, staff2, resident, merchant] = await Promise.all([
    loginAs(app, 'staff'),
    loginAs(app, 'staff2'),
    loginAs(app, 'r1'),
    loginAs(app, 'm1'),
  ]);
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of RECORD_TABLES)
      out[table] = Number(
        (await rows<{ n: number }>(sql.raw(`select count(*) as n from ${table}`)))[0]!.n,
      );
    return out;
  };
  const dump = async () => {
    const out: Record<string, unknown[]> = {};
    for (const table of RECORD_TABLES)
      out[table] = await rows(sql.raw(`select * from ${table} order by rowid`));
    return out;
  };
  return {
    t,
    f: t.fixture,
    app,
    time,
    published,
    staff,
    staff2,
    resident,
    merchant,
    cleanup: t.cleanup,
    api: (method, path, body, token) =>
      call(app, method, `${BASE}${path}`, { token: token ?? staff, body }),
    records: (token) => client(app, { token: token ?? staff }).staff.records,
    rows,
    counts,
    dump,
  };
}

/** Minimal valid bodies, one per record type (override fields per test). */
export const sample = {
  organization: <E extends object = {}>(extra: E = {} as E) => ({
    kind: 'social_organization' as const,
    name: '阳光社工站',
    description: '专业社工服务',
    provides: '独居老人探访',
    ...extra,
  }),
  service: <E extends object = {}>(providerId: number, extra: E = {} as E) => ({
    category: 'elders' as const,
    title: '免费老花镜',
    description: '每月 9 日为老人验光配镜',
    providerId,
    audiences: ['elders' as const],
    schedule: '每月 9 日上午',
    monthlyDay: 9,
    place: '社区服务中心',
    cost: 'free' as const,
    howToAsk: '到居委会登记',
    ...extra,
  }),
  deliberation: <E extends object = {}>(extra: E = {} as E) => ({
    body: 'residents_council' as const,
    title: '三区停车收费方案',
    date: '2026-03-01',
    place: '社区议事厅',
    chair: '王主任',
    expected: 30,
    present: 25,
    quorum: 16,
    summary: '讨论无物业小区停车收费方案',
    resolution: '通过方案 B',
    agendaItems: [
      {
        title: '停车收费标准',
        description: '两个方案',
        decision: '采用方案 B',
        options: [
          { label: '方案 A', votes: 8 },
          { label: '方案 B', votes: 15 },
          { label: '弃权', votes: 2 },
        ],
      },
    ],
    ...extra,
  }),
  fund: <E extends object = {}>(extra: E = {} as E) => ({
    code: 'micro-fund',
    name: '社区微基金',
    kind: 'micro_fund' as const,
    description: '社区慈善微基金',
    ...extra,
  }),
  donation: <E extends object = {}>(fundId: number, extra: E = {} as E) => ({
    fundId,
    date: '2026-03-02',
    donorType: 'individual' as const,
    donorName: '张先生',
    anonymous: true,
    form: 'money' as const,
    amountFen: 50_000,
    receiptNo: 'D-001',
    ...extra,
  }),
  income: <E extends object = {}>(fundId: number, extra: E = {} as E) => ({
    fundId,
    date: '2026-03-03',
    source: '社区便民洗衣房',
    kind: 'enterprise' as const,
    amountFen: 120_000,
    receiptNo: 'I-001',
    ...extra,
  }),
  expense: <E extends object = {}>(fundId: number, extra: E = {} as E) => ({
    fundId,
    date: '2026-03-04',
    budgetLine: 'service_subsidy' as const,
    description: '独居老人助餐补贴',
    payee: '幸福食堂',
    beneficiaries: '12 户独居老人',
    amountFen: 36_000,
    receiptNo: 'E-001',
    // Publishable as it stands; tests of the receipt rule pass null.
    noReceiptReason: '食堂按月结算，收据随月结单存档',
    ...extra,
  }),
};

/** A fund already published, so money can be published into it: its id. */
export async function publishFund(w: RecordsWorld): Promise<number> {
  const funds = w.records().funds;
  const fund = await bodyOf(await funds.$post({ json: sample.fund() }), 201);
  await funds[':id'].publish.$post({ param: { id: String(fund.id) } });
  return fund.id;
}

import { stringify } from 'csv-stringify/sync';
import { deliberationBodies, followupStatuses } from '../../db/schema/deliberations';
import { budgetLines, donationForms, donorTypes } from '../../db/schema/charity';
import { organizationKinds } from '../../db/schema/organizations';
import { serviceAudiences, serviceCategories, serviceCosts } from '../../db/schema/services';
import type { PublicData } from '../../functions/domain/publishing';
import { paths } from '../../functions/domain/publishing/urls';
import { labels, type LabelGroup } from '../i18n/labels';
import { recordPath } from './charity';

/**
 * 开放数据 (open data): every published collection as JSON and CSV, described once.
 *
 * Each collection is a list of rows from the public projections (PublicData: only published
 * records, only public fields, donors already masked or 匿名) plus field descriptors. The same
 * descriptors produce the JSON (/data/<name>.json), the CSV (/data/<name>.csv), the field
 * documentation (/data/) and the Data Package descriptor (/data/datapackage.json), so the four
 * can never disagree. Nothing here reads the database: a field can only publish what a
 * projection already made public.
 */

export type Bilingual = { zh: string; en: string };

/** Table Schema types (v2); `list` is a '|'-delimited list in CSV and a JSON array in JSON. */
export type FieldType = 'integer' | 'string' | 'boolean' | 'date' | 'datetime' | 'yearmonth' | 'list';

export const units = {
  fen: { zh: '分（0.01 元人民币）', en: 'fen (0.01 CNY)' },
  yuan: { zh: '元人民币（两位小数的文本）', en: 'CNY yuan (text with two decimals)' },
  points: { zh: '积分', en: 'points' },
  percent: { zh: '百分比（0–100）', en: 'percent (0–100)' },
  people: { zh: '人', en: 'people' },
  count: { zh: '个／笔', en: 'count' },
} as const satisfies Record<string, Bilingual>;
export type Unit = keyof typeof units;

export const typeLabels: Record<FieldType, Bilingual> = {
  integer: { zh: '整数', en: 'integer' },
  string: { zh: '文本', en: 'text' },
  boolean: { zh: '布尔值（true／false）', en: 'boolean (true/false)' },
  date: { zh: '日期（YYYY-MM-DD，北京时间）', en: 'date (YYYY-MM-DD, Beijing time)' },
  datetime: { zh: '时间（ISO 8601，UTC）', en: 'date-time (ISO 8601, UTC)' },
  yearmonth: { zh: '年月（YYYY-MM）', en: 'year-month (YYYY-MM)' },
  list: { zh: '列表（CSV 中以 | 分隔）', en: 'list (joined with | in CSV)' },
};

type Scalar = string | number | boolean | null;
export type JsonValue = Scalar | Array<string | number>;

export interface Field<Row> {
  name: string;
  type: FieldType;
  /** For a list: the type of its items. */
  itemType?: 'string' | 'integer';
  title: Bilingual;
  description: Bilingual;
  unit?: Unit;
  /** Allowed values (codes), with labels from the site's i18n file. */
  enumOf?: LabelGroup;
  /** Never empty / null. */
  required?: boolean;
  minimum?: number;
  maximum?: number;
  /** A link to a published page (absolute URL). */
  url?: boolean;
  /** The field names another collection's id (Table Schema foreign key). */
  references?: CollectionName;
  value: (row: Row, ctx: RowContext) => JsonValue;
}

/** What a row's value may need besides the row: the whole published view and the site's origin. */
export interface RowContext {
  data: PublicData;
  site: URL;
}

export const collectionNames = ['services', 'organizations', 'deliberations', 'followups', 'donations', 'expenses', 'merchants', 'points-monthly'] as const;
export type CollectionName = (typeof collectionNames)[number];

export interface Collection<Row = unknown> {
  name: CollectionName;
  title: Bilingual;
  description: Bilingual;
  rows: (data: PublicData) => Row[];
  fields: Array<Field<Row>>;
}

const enumCodes: Record<LabelGroup, readonly string[]> = {
  category: serviceCategories,
  audience: serviceAudiences,
  cost: serviceCosts,
  body: deliberationBodies,
  followupStatus: followupStatuses,
  donorType: donorTypes,
  donationForm: donationForms,
  budgetLine: budgetLines,
  orgKind: organizationKinds,
  fundKind: ['micro_fund', 'project'],
  incomeKind: ['enterprise', 'grant', 'interest', 'other'],
  correctionEntity: ['donation', 'income', 'expense'],
};

/** The allowed codes of a field, in the schema's order, each with its zh/en label. */
export function allowedValues(field: Pick<Field<unknown>, 'enumOf'>): Array<{ code: string; zh: string; en: string }> {
  if (!field.enumOf) return [];
  const group = labels[field.enumOf] as Record<string, { 'zh-cn': string; en: string }>;
  return enumCodes[field.enumOf].map((code) => ({ code, zh: group[code]?.['zh-cn'] ?? code, en: group[code]?.en ?? code }));
}

/** Integer fen → "1234.56" (exact: no floating point). */
export function fenToYuan(fen: number): string {
  const abs = Math.abs(Math.trunc(fen));
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const absolute = (path: string, site: URL) => new URL(path, site).href;

// ——— field helpers: short, so the collection tables below read like documentation ———

type Spec<Row> = Omit<Field<Row>, 'name' | 'type' | 'title' | 'description' | 'value'>;
const f =
  (type: FieldType) =>
  <Row>(name: string, zh: string, en: string, descZh: string, descEn: string, value: Field<Row>['value'], spec: Spec<Row> = {}): Field<Row> => ({
    name,
    type,
    title: { zh, en },
    description: { zh: descZh, en: descEn },
    value,
    ...spec,
  });
const int = f('integer');
const str = f('string');
const bool = f('boolean');
const date = f('date');
const datetime = f('datetime');
const yearmonth = f('yearmonth');
const list = f('list');

function idField<Row extends { id: number }>(descZh: string, descEn: string): Field<Row> {
  return int('id', '编号', 'ID', `${descZh}的编号，长期不变，可用于引用和比对。`, `Stable id of the ${descEn}; safe to reference and compare across downloads.`, (r) => r.id, { required: true, minimum: 1 });
}
function urlField<Row>(descZh: string, descEn: string, path: (row: Row) => string): Field<Row> {
  return str('url', '网页地址', 'Page URL', descZh, descEn, (r, c) => absolute(path(r), c.site), { required: true, url: true });
}
function moneyFields<Row>(name: string, zh: string, en: string, descZh: string, descEn: string, fen: (row: Row, ctx: RowContext) => number): Array<Field<Row>> {
  return [
    int(`${name}Fen`, `${zh}（分）`, `${en} (fen)`, `${descZh}，以分为单位的整数（100 分 = 1 元），以此为准。`, `${descEn}, integer fen (100 fen = 1 yuan); the authoritative figure.`, fen, { unit: 'fen', required: true }),
    str(`${name}Yuan`, `${zh}（元）`, `${en} (yuan)`, `同一金额换算成元的文本，方便阅读。`, `The same amount in yuan, as text, for reading.`, (r, c) => fenToYuan(fen(r, c)), { unit: 'yuan', required: true }),
  ];
}
/** Each deliberation by id, once per published view (a follow-up row names its meeting). */
const deliberationIndex = new WeakMap<PublicData, Map<number, PublicData['deliberations'][number]>>();
function deliberationById(data: PublicData): Map<number, PublicData['deliberations'][number]> {
  let index = deliberationIndex.get(data);
  if (!index) {
    index = new Map();
    // The first of equal ids wins, as a find() over the list would.
    for (const d of data.deliberations) if (!index.has(d.id)) index.set(d.id, d);
    deliberationIndex.set(data, index);
  }
  return index;
}

/** A record's amount after its published corrections (更正) are applied. */
function corrected(data: PublicData, entity: 'donation' | 'expense', id: number, amountFen: number): number {
  return data.charity.corrections.filter((c) => c.entity === entity && c.entityId === id).reduce((s, c) => s + c.amountDeltaFen, amountFen);
}
const published = <Row extends { publishedAt: string | null }>() =>
  datetime<Row>('publishedAt', '公开时间', 'Published at', '工作人员公开这条记录的时间。', 'When staff published this record.', (r) => r.publishedAt);

type Service = PublicData['services'][number];
type Organization = PublicData['organizations'][number];
type Deliberation = PublicData['deliberations'][number];
type Followup = PublicData['followups'][number];
type Donation = PublicData['charity']['donations'][number];
type Expense = PublicData['charity']['expenses'][number];
type Merchant = PublicData['merchants'][number];
type PointsMonth = PublicData['points'][number];

const services: Collection<Service> = {
  name: 'services',
  title: { zh: '服务清单', en: 'Service menu' },
  description: { zh: '社区公开提供的服务：谁提供、面向谁、什么时间、在哪里、怎么申请（你点单我服务）。', en: 'Services offered in the community: by whom, for whom, when, where and how to ask for them.' },
  rows: (d) => d.services,
  fields: [
    idField('服务', 'service'),
    urlField('这项服务的详情页。', 'The service’s page.', (s) => s.url),
    str('category', '类别', 'Category', '服务类别。', 'Service category.', (s) => s.category, { enumOf: 'category', required: true }),
    str('title', '名称', 'Title', '服务名称。', 'Name of the service.', (s) => s.title, { required: true }),
    str('description', '介绍', 'Description', '服务内容介绍。', 'What the service is.', (s) => s.description, { required: true }),
    int('providerId', '提供方编号', 'Provider id', '提供服务的组织（见 organizations）。', 'The organisation providing it (see organizations).', (s) => s.provider.id, { required: true, references: 'organizations' }),
    str('providerName', '提供方', 'Provider', '提供服务的组织名称。', 'Name of the providing organisation.', (s) => s.provider.name, { required: true }),
    str('providerKind', '提供方类型', 'Provider kind', '提供方的类型。', 'Kind of the provider.', (s) => s.provider.kind, { enumOf: 'orgKind', required: true }),
    list('audiences', '服务对象', 'Audiences', '面向哪些人群（可多个）。', 'Who it is for (one or more).', (s) => s.audiences, { itemType: 'string', enumOf: 'audience' }),
    str('schedule', '时间', 'Schedule', '服务时间的文字说明，如“每月 9 日上午”。', 'When, in words, e.g. “mornings of the 9th of each month”.', (s) => s.schedule, { required: true }),
    int('monthlyDay', '每月固定日', 'Day of month', '每月固定在哪一天提供（9 = 志愿服务日）；不固定则为空。', 'Day of the month for monthly services (9 = volunteer day); empty if none.', (s) => s.monthlyDay, { minimum: 1, maximum: 31 }),
    str('place', '地点', 'Place', '服务地点。', 'Where.', (s) => s.place, { required: true }),
    str('cost', '收费', 'Cost', '是否收费。', 'Whether it costs anything.', (s) => s.cost, { enumOf: 'cost', required: true }),
    str('costNote', '收费说明', 'Cost note', '收费的补充说明；可为空。', 'Details of the cost; may be empty.', (s) => s.costNote),
    str('howToAsk', '申请方式', 'How to ask', '居民如何申请这项服务。', 'How a resident asks for it.', (s) => s.howToAsk, { required: true }),
    int('deliberationId', '来源议事编号', 'Deliberation id', '由哪次议事协商决定设立；可为空。', 'The deliberation that created it, if any.', (s) => s.deliberationId, { references: 'deliberations' }),
    published<Service>(),
  ],
};

const organizations: Collection<Organization> = {
  name: 'organizations',
  title: { zh: '组织架构（一核多元）', en: 'Organisations (one core, many actors)' },
  description: { zh: '社区党委、居委会、物业、社会组织、居民自组织、志愿服务队和合伙商户。', en: 'The Party committee, residents’ committee, property companies, social organisations, self-organisations, volunteer teams and partner merchants.' },
  rows: (d) => d.organizations,
  fields: [
    idField('组织', 'organisation'),
    urlField('组织在“组织架构”页上的位置。', 'The organisation’s entry on the organisations page.', (o) => o.url),
    str('kind', '类型', 'Kind', '组织类型。', 'Kind of organisation.', (o) => o.kind, { enumOf: 'orgKind', required: true }),
    str('name', '名称', 'Name', '组织名称。', 'Name.', (o) => o.name, { required: true }),
    int('parentId', '上级组织编号', 'Parent id', '上级组织（如党支部的上级为社区党委）；可为空。', 'The parent organisation (e.g. a Party branch’s committee); may be empty.', (o) => o.parentId, { references: 'organizations' }),
    str('description', '介绍', 'Description', '组织介绍。', 'About the organisation.', (o) => o.description, { required: true }),
    str('provides', '提供什么', 'Provides', '为社区提供什么。', 'What it provides to the community.', (o) => o.provides, { required: true }),
    str('covers', '负责范围', 'Covers', '负责的小区或楼栋；可为空。', 'Compounds or buildings it covers; may be empty.', (o) => o.covers),
    str('contact', '办公联系方式', 'Office contact', '机构的公开办公联系方式（不是个人电话）；可为空。', 'Public office contact (never a private person’s phone); may be empty.', (o) => o.contact),
    int('teamId', '志愿队编号', 'Team id', '对应的志愿服务队；可为空。', 'The volunteer team it runs, if any.', (o) => o.teamId),
    int('merchantId', '商户编号', 'Merchant id', '对应的合伙商户（见 merchants）；可为空。', 'The partner merchant (see merchants), if any.', (o) => o.merchantUserId, { references: 'merchants' }),
  ],
};

const deliberations: Collection<Deliberation> = {
  name: 'deliberations',
  title: { zh: '议事协商', en: 'Deliberations' },
  description: { zh: '居民议事会、楼栋议事会、家物会、居民论坛等的会议记录：议题、表决、决议和跟进。', en: 'Meetings of the residents’ councils, building councils, joint property councils and forums: agenda, votes, resolution and follow-up.' },
  rows: (d) => d.deliberations,
  fields: [
    idField('议事', 'deliberation'),
    urlField('会议记录详情页。', 'The meeting record’s page.', (d) => d.url),
    str('noticeUrl', '公示页地址', 'Notice URL', '可打印张贴在公示栏的公示页。', 'The printable notice for the bulletin board.', (d, c) => absolute(d.noticeUrl, c.site), { required: true, url: true }),
    str('body', '议事机构', 'Body', '召开会议的议事机构。', 'The body that met.', (d) => d.body, { enumOf: 'body', required: true }),
    str('title', '议题', 'Title', '会议主题。', 'Subject of the meeting.', (d) => d.title, { required: true }),
    date('date', '日期', 'Date', '会议日期。', 'Meeting date.', (d) => d.date, { required: true }),
    str('place', '地点', 'Place', '会议地点。', 'Where it met.', (d) => d.place, { required: true }),
    str('chair', '主持', 'Chair', '主持人（职务或机构）。', 'Who chaired (office or body).', (d) => d.chair, { required: true }),
    str('building', '楼栋', 'Building', '楼栋议事会所在楼栋；其他为空。', 'For a building council: the building; otherwise empty.', (d) => d.building),
    int('expected', '应到人数', 'Expected', '应到人数。', 'Members expected.', (d) => d.expected, { unit: 'people', required: true, minimum: 0 }),
    int('present', '实到人数', 'Present', '实到人数。', 'Members present.', (d) => d.present, { unit: 'people', required: true, minimum: 0 }),
    int('quorum', '法定人数', 'Quorum', '会议有效所需人数。', 'Members needed for a valid meeting.', (d) => d.quorum, { unit: 'people', required: true, minimum: 0 }),
    bool('quorate', '达到法定人数', 'Quorate', '实到人数是否达到法定人数。', 'Whether those present reached the quorum.', (d) => d.quorate, { required: true }),
    str('summary', '会议摘要', 'Summary', '会议经过摘要。', 'Summary of the meeting.', (d) => d.summary, { required: true }),
    str('resolution', '决议', 'Resolution', '会议形成的决议。', 'What was resolved.', (d) => d.resolution, { required: true }),
    list('agendaItems', '议程', 'Agenda', '按顺序排列的议程标题。', 'Agenda item titles, in order.', (d) => d.agenda.map((a) => a.title), { itemType: 'string' }),
    list('decisions', '各项决定', 'Decisions', '每个议程的决定，与 agendaItems 一一对应。', 'The decision on each agenda item, aligned with agendaItems.', (d) => d.agenda.map((a) => a.decision), { itemType: 'string' }),
    list('votes', '表决票数', 'Votes', '每个选项的票数，格式“议程序号:选项=票数”。', 'Votes per option, as “item position:option=votes”.', (d) => d.agenda.flatMap((a) => a.options.map((o) => `${a.position}:${o.label}=${o.votes}`)), { itemType: 'string' }),
    list('followupIds', '跟进事项编号', 'Follow-up ids', '会后跟进事项（见 followups）。', 'Follow-up items (see followups).', (d) => d.followups.map((x) => x.id), { itemType: 'integer' }),
    list('servicesCreatedIds', '设立的服务编号', 'Services created', '这次会议决定设立的服务（见 services）。', 'Services this meeting created (see services).', (d) => d.servicesCreated.map((s) => s.id), { itemType: 'integer' }),
    list('expensesApprovedIds', '批准的支出编号', 'Expenses approved', '这次会议批准的基金支出（见 expenses）。', 'Fund expenses this meeting approved (see expenses).', (d) => d.expensesApproved.map((e) => e.id), { itemType: 'integer' }),
    published<Deliberation>(),
  ],
};

const followups: Collection<Followup> = {
  name: 'followups',
  title: { zh: '议事跟进（民有所呼，我有所应）', en: 'Follow-ups' },
  description: { zh: '每项决议的落实情况：谁负责、何时完成、进展到哪一步。', en: 'How each resolution is carried out: who is responsible, by when, and how far it has got.' },
  rows: (d) => d.followups,
  fields: [
    idField('跟进事项', 'follow-up item'),
    urlField('所属会议记录页上的这一项。', 'The item on its meeting’s page.', (x) => x.url),
    int('deliberationId', '议事编号', 'Deliberation id', '所属会议（见 deliberations）。', 'The meeting it follows up (see deliberations).', (x) => x.deliberationId, { required: true, references: 'deliberations' }),
    str('deliberationTitle', '议事议题', 'Deliberation title', '所属会议的主题。', 'Title of that meeting.', (x, c) => deliberationById(c.data).get(x.deliberationId)?.title ?? null, { required: true }),
    int('agendaItemId', '议程编号', 'Agenda item id', '对应的议程；可为空。', 'The agenda item it implements, if any.', (x) => x.agendaItemId),
    str('title', '事项', 'Item', '要落实的事项。', 'What is to be done.', (x) => x.title, { required: true }),
    int('responsibleId', '责任单位编号', 'Responsible id', '负责落实的组织（见 organizations）。', 'The organisation responsible (see organizations).', (x) => x.responsible.id, { required: true, references: 'organizations' }),
    str('responsibleName', '责任单位', 'Responsible', '负责落实的组织名称。', 'Name of the responsible organisation.', (x) => x.responsible.name, { required: true }),
    date('dueDate', '完成时限', 'Due date', '承诺完成的日期。', 'Date it is promised by.', (x) => x.dueDate, { required: true }),
    str('status', '状态', 'Status', '当前状态。', 'Current status.', (x) => x.status, { enumOf: 'followupStatus', required: true }),
    int('progress', '进度', 'Progress', '完成进度。', 'How far along it is.', (x) => x.progress, { unit: 'percent', required: true, minimum: 0, maximum: 100 }),
    int('updatesCount', '进展记录数', 'Updates', '进展记录的条数。', 'Number of progress updates.', (x) => x.updates.length, { unit: 'count', required: true, minimum: 0 }),
    date('lastUpdateDate', '最近进展日期', 'Last update', '最近一次进展的日期；没有则为空。', 'Date of the latest update; empty if none.', (x) => x.updates[x.updates.length - 1]?.date ?? null),
    list('updates', '进展记录', 'Updates', '按时间排列的进展，每条格式“日期 状态 进度% 说明”。', 'Progress timeline, each “date status progress% note”.', (x) => x.updates.map((u) => `${u.date} ${u.status} ${u.progress}% ${u.note}`), { itemType: 'string' }),
  ],
};

const donations: Collection<Donation> = {
  name: 'donations',
  title: { zh: '捐赠（资金与物资）', en: 'Donations (money and in kind)' },
  description: {
    zh: '社区微基金和专项项目收到的捐赠。匿名捐赠者显示为“匿名”，个人捐赠者姓名脱敏（如 张*华）。金额为首次公开的金额；更正另行记录。',
    en: 'Donations to the community micro-fund and project funds. Anonymous donors show as 匿名; private donors’ names are masked (张*华). Amounts are as first published; corrections are recorded separately.',
  },
  rows: (d) => d.charity.donations,
  fields: [
    idField('捐赠', 'donation'),
    urlField('这笔捐赠在所属基金当月收支公示上的位置。', 'This donation on the monthly statement of the fund it went to.', (x) => recordPath('donation', x)),
    int('fundId', '基金编号', 'Fund id', '接收捐赠的基金。', 'The fund that received it.', (x) => x.fundId, { required: true }),
    str('fundCode', '基金代码', 'Fund code', '基金代码（也是其网页地址的一部分）。', 'Fund code (also in its page address).', (x) => x.fundCode, { required: true }),
    date('date', '日期', 'Date', '捐赠日期。', 'Date of the donation.', (x) => x.date, { required: true }),
    str('donorType', '捐赠方类型', 'Donor type', '捐赠方类型。', 'Kind of donor.', (x) => x.donorType, { enumOf: 'donorType', required: true }),
    str('donor', '捐赠方', 'Donor', '捐赠方名称：机构和商户为全称；个人已脱敏；匿名者为“匿名”。', 'Donor: organisations in full; private persons masked; anonymous donors 匿名.', (x) => x.donor, { required: true }),
    bool('anonymous', '匿名', 'Anonymous', '捐赠者是否要求匿名。', 'Whether the donor asked to stay anonymous.', (x) => x.anonymous, { required: true }),
    int('organizationId', '组织编号', 'Organisation id', '合伙商户或机构捐赠时对应的组织（见 organizations）；匿名时为空。', 'The donating organisation or partner merchant (see organizations); empty when anonymous.', (x) => x.organizationId, { references: 'organizations' }),
    str('form', '形式', 'Form', '资金或物资。', 'Money or in kind.', (x) => x.form, { enumOf: 'donationForm', required: true }),
    ...moneyFields<Donation>('amount', '金额', 'Amount', '资金为金额，物资为估值', 'Money: the amount; in kind: the valuation', (x) => x.amountFen),
    int('correctedAmountFen', '更正后金额（分）', 'Corrected amount (fen)', '加上所有已公开更正之后的金额，分。', 'The amount after all published corrections, in fen.', (x, c) => corrected(c.data, 'donation', x.id, x.amountFen), { unit: 'fen', required: true }),
    str('itemDescription', '物资', 'Items', '捐赠的物资；资金捐赠为空。', 'The goods given; empty for money.', (x) => x.itemDescription),
    str('quantity', '数量', 'Quantity', '物资数量。', 'Quantity of goods.', (x) => x.quantity),
    str('outcome', '去向', 'Outcome', '物资的去向（发给了谁、用于什么）。', 'What became of the goods.', (x) => x.outcome),
    str('receiptNo', '收据编号', 'Receipt no.', '收据编号，可凭此核对。', 'Receipt number, for checking.', (x) => x.receiptNo, { required: true }),
    list('correctionIds', '更正编号', 'Corrections', '针对这条记录的更正。', 'Corrections to this record.', (x) => x.correctionIds, { itemType: 'integer' }),
  ],
};

const expenses: Collection<Expense> = {
  name: 'expenses',
  title: { zh: '基金支出', en: 'Fund expenses' },
  description: { zh: '基金的每一笔支出：用途、收款方、受益人（已匿名化）、审批和收据。金额为首次公开的金额；更正另行记录。', en: 'Every payment from a fund: purpose, payee, beneficiaries (anonymised), approval and receipt. Amounts are as first published; corrections are recorded separately.' },
  rows: (d) => d.charity.expenses,
  fields: [
    idField('支出', 'expense'),
    urlField('这笔支出在所属基金当月收支公示上的位置。', 'This expense on the monthly statement of the fund that paid.', (x) => recordPath('expense', x)),
    int('fundId', '基金编号', 'Fund id', '支出的基金。', 'The fund that paid.', (x) => x.fundId, { required: true }),
    str('fundCode', '基金代码', 'Fund code', '基金代码。', 'Fund code.', (x) => x.fundCode, { required: true }),
    date('date', '日期', 'Date', '支出日期。', 'Date of payment.', (x) => x.date, { required: true }),
    str('budgetLine', '预算科目', 'Budget line', '支出所属的预算科目。', 'Budget line it is charged to.', (x) => x.budgetLine, { enumOf: 'budgetLine', required: true }),
    str('description', '用途', 'Purpose', '支出用途。', 'What it paid for.', (x) => x.description, { required: true }),
    str('payee', '收款方', 'Payee', '收款单位。', 'Who was paid.', (x) => x.payee, { required: true }),
    str('beneficiaries', '受益人', 'Beneficiaries', '受益人群，已匿名化（如“3 户独居老人”），从不含姓名。', 'Who benefited, anonymised (“3 elders living alone”), never a name.', (x) => x.beneficiaries),
    ...moneyFields<Expense>('amount', '金额', 'Amount', '支出金额', 'Amount paid', (x) => x.amountFen),
    int('correctedAmountFen', '更正后金额（分）', 'Corrected amount (fen)', '加上所有已公开更正之后的金额，分。', 'The amount after all published corrections, in fen.', (x, c) => corrected(c.data, 'expense', x.id, x.amountFen), { unit: 'fen', required: true }),
    str('receiptNo', '收据编号', 'Receipt no.', '收据或发票编号。', 'Receipt or invoice number.', (x) => x.receiptNo, { required: true }),
    bool('hasReceipt', '有收据扫描件', 'Receipt on file', '是否已上传收据扫描件（扫描件供审计查阅，不公开）。', 'Whether a receipt scan is on file (for auditors, not published).', (x) => x.hasReceipt, { required: true }),
    bool('approved', '已审批', 'Approved', '是否已由另一名工作人员审批。', 'Whether a second staff member approved it.', (x) => x.approved, { required: true }),
    datetime('approvedAt', '审批时间', 'Approved at', '审批时间；未审批为空。', 'When it was approved; empty if not yet.', (x) => x.approvedAt),
    int('deliberationId', '批准议事编号', 'Deliberation id', '批准这笔支出的议事会议；可为空。', 'The deliberation that approved it, if any.', (x) => x.deliberationId, { references: 'deliberations' }),
    list('correctionIds', '更正编号', 'Corrections', '针对这条记录的更正。', 'Corrections to this record.', (x) => x.correctionIds, { itemType: 'integer' }),
  ],
};

const merchants: Collection<Merchant> = {
  name: 'merchants',
  title: { zh: '一刻钟合伙人商户', en: '15-minute partner merchants' },
  description: { zh: '参与“公益换宣传”的合伙商户：承诺的公益服务、捐赠，以及积分兑换情况。', en: 'Merchants in the “charity for publicity” programme: the services they promised, their donations and the points redeemed at their counters.' },
  rows: (d) => d.merchants,
  fields: [
    idField('商户', 'merchant'),
    urlField('商户在“一刻钟合伙人”页上的位置。', 'The merchant’s entry on the partners page.', (m) => m.url),
    int('organizationId', '组织编号', 'Organisation id', '商户在组织架构中的编号（见 organizations）；可为空。', 'The merchant’s organisation (see organizations), if any.', (m) => m.organizationId, { references: 'organizations' }),
    str('shopName', '店名', 'Shop name', '店铺名称。', 'Name of the shop.', (m) => m.shopName, { required: true }),
    str('category', '行业', 'Trade', '经营类别。', 'What the shop does.', (m) => m.category, { required: true }),
    str('address', '店铺地址', 'Shop address', '店铺的营业地址（公开的商户地址，不是居民住址）。', 'The shop’s public business address (never a resident’s).', (m) => m.address, { required: true }),
    str('offer', '公益承诺', 'Offer', '商户承诺提供的公益服务或积分兑换。', 'What the merchant offers the community.', (m) => m.offer, { required: true }),
    datetime('joinedAt', '加入时间', 'Joined at', '加入合伙人计划的时间。', 'When it joined the programme.', (m) => m.joinedAt, { required: true }),
    list('serviceIds', '提供的服务编号', 'Service ids', '商户提供的服务（见 services）。', 'Services it provides (see services).', (m) => m.services.map((s) => s.id), { itemType: 'integer' }),
    list('donationIds', '捐赠编号', 'Donation ids', '商户的捐赠（见 donations）。', 'Its donations (see donations).', (m) => m.donations.map((d) => d.id), { itemType: 'integer' }),
    ...moneyFields<Merchant>('donated', '捐赠合计', 'Donated', '捐赠合计（资金加物资估值）', 'Total donated (money plus in-kind valuation)', (m) => m.donatedFen),
    int('redemptions', '兑换次数', 'Redemptions', '居民在本店兑换积分的次数。', 'Times residents redeemed points here.', (m) => m.redemptions, { unit: 'count', required: true, minimum: 0 }),
    int('pointsRedeemed', '兑换积分', 'Points redeemed', '居民在本店兑换的积分合计。', 'Points residents redeemed here.', (m) => m.pointsRedeemed, { unit: 'points', required: true, minimum: 0 }),
  ],
};

const pointsMonthly: Collection<PointsMonth> = {
  name: 'points-monthly',
  title: { zh: '积分银行月度统计', en: 'Points bank by month' },
  description: { zh: '每月发放、兑换、过期和捐入积分池的积分（按北京时间计月，已扣除冲正）。不含任何个人账户。', en: 'Points issued, redeemed, expired and given to the pool each month (Beijing time, net of reversals). No individual accounts.' },
  rows: (d) => d.points,
  fields: [
    str('id', '编号', 'ID', '月份，即本行的长期编号（YYYY-MM）。', 'The month, which is this row’s stable id (YYYY-MM).', (p) => p.month, { required: true }),
    yearmonth('month', '月份', 'Month', '统计月份。', 'The month.', (p) => p.month, { required: true }),
    int('issued', '发放', 'Issued', '当月发放给志愿者的积分。', 'Points awarded to volunteers.', (p) => p.issued, { unit: 'points', required: true }),
    int('redeemed', '兑换', 'Redeemed', '当月在合伙商户兑换的积分。', 'Points redeemed at partner merchants.', (p) => p.redeemed, { unit: 'points', required: true }),
    int('expired', '过期', 'Expired', '当月过期的积分。', 'Points that lapsed.', (p) => p.expired, { unit: 'points', required: true }),
    int('donatedToPool', '捐入积分池', 'Given to pool', '居民捐给社区积分池的积分。', 'Points residents gave to the community pool.', (p) => p.donatedToPool, { unit: 'points', required: true }),
    int('entries', '账本笔数', 'Ledger entries', '当月账本记录笔数。', 'Ledger entries that month.', (p) => p.entries, { unit: 'count', required: true, minimum: 0 }),
  ],
};

export const collections: Array<Collection<any>> = [services, organizations, deliberations, followups, donations, expenses, merchants, pointsMonthly];

export function getCollection(name: string): Collection<any> {
  const c = collections.find((x) => x.name === name);
  if (!c) throw new Error(`unknown open-data collection ${name}`);
  return c;
}

/** Rows as plain objects, fields in their documented order: the JSON download. */
export function records(collection: Collection<any>, data: PublicData, site: URL): Array<Record<string, JsonValue>> {
  const ctx: RowContext = { data, site };
  return collection.rows(data).map((row) => Object.fromEntries(collection.fields.map((field) => [field.name, field.value(row, ctx)])));
}

/** A JSON array with one record per line: compact, yet readable and diff-friendly. */
export function toJson(collection: Collection<any>, data: PublicData, site: URL): string {
  const lines = records(collection, data, site).map((r) => JSON.stringify(r));
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}

/** Cells a spreadsheet would run as a formula (CSV injection) begin with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: lists joined with '|' (a '|' inside an item becomes '｜'), null empty, text made formula-safe. */
export function csvCell(field: Pick<Field<unknown>, 'type'>, value: JsonValue): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => guard(String(v).replaceAll('|', '｜'))).join('|');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  return field.type === 'string' ? guard(value) : value;
}
const guard = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

/** The CSV download: UTF-8 with BOM (Excel and WPS open it as UTF-8), a header row, CRLF lines. */
export function toCsv(collection: Collection<any>, data: PublicData, site: URL): string {
  const rows = records(collection, data, site).map((r) => collection.fields.map((field) => csvCell(field, r[field.name] as JsonValue)));
  return stringify(rows, { header: true, columns: collection.fields.map((field) => field.name), bom: true, record_delimiter: 'windows' });
}

// ——— Data Package (Frictionless) descriptor ———

function tableField(field: Field<unknown>, format: 'csv' | 'json') {
  const values = allowedValues(field);
  const constraints: Record<string, unknown> = {};
  if (field.required) constraints.required = true;
  if (field.minimum !== undefined) constraints.minimum = field.minimum;
  if (field.maximum !== undefined) constraints.maximum = field.maximum;
  if (values.length > 0 && field.type !== 'list') constraints.enum = values.map((v) => v.code);
  return {
    name: field.name,
    title: `${field.title.zh} ${field.title.en}`,
    type: field.type === 'list' ? (format === 'csv' ? 'list' : 'array') : field.type,
    ...(field.type === 'list' ? (format === 'csv' ? { delimiter: '|', itemType: field.itemType ?? 'string' } : {}) : {}),
    ...(field.url ? { format: 'uri' } : {}),
    // ISO 8601 with milliseconds (2026-03-11T02:56:00.000Z): wider than the default datetime format.
    ...(field.type === 'datetime' ? { format: 'any' } : {}),
    description: `${field.description.zh} ${field.description.en}${values.length > 0 && field.type === 'list' ? ` 取值 Values: ${values.map((v) => v.code).join(', ')}` : ''}`,
    ...(values.length > 0 ? { categories: values.map((v) => ({ value: v.code, label: `${v.zh} ${v.en}` })) } : {}),
    ...(field.unit ? { unit: field.unit, unitDescription: `${units[field.unit].zh} ${units[field.unit].en}` } : {}),
    ...(field.unit === 'fen' || field.unit === 'yuan' ? { currency: 'CNY', columnType: 'value' } : {}),
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
}

function tableSchema(collection: Collection<any>, format: 'csv' | 'json') {
  return {
    fields: collection.fields.map((field) => tableField(field, format)),
    primaryKey: ['id'],
    missingValues: [''],
    foreignKeys: collection.fields
      .filter((field) => field.references && field.type !== 'list')
      // A reference to the same table omits `resource` (Table Schema v2).
      .map((field) => ({ fields: [field.name], reference: { ...(field.references === collection.name ? {} : { resource: field.references }), fields: ['id'] } })),
  };
}

/** /data/datapackage.json: a Data Package (v2) listing every collection in both formats. */
export function dataPackage(data: PublicData, site: URL, communityName: string) {
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: 'linli-open-data',
    title: `${communityName} 公开数据 · Linli open data`,
    description: '社区服务清单、议事协商、慈善捐赠与基金支出、合伙商户和积分银行月度统计，均为已公开记录；居民姓名、电话、住址从不包含。 Published records of the community: services, deliberations, donations and fund expenses, partner merchants and the points bank by month. No resident’s name, phone or address is ever included.',
    homepage: new URL('/data/', site).href,
    keywords: ['社区', '开放数据', 'community', 'open data', 'transparency'],
    licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' }],
    resources: collections.flatMap((c) => {
      const common = { title: `${c.title.zh} ${c.title.en}`, description: `${c.description.zh} ${c.description.en}` };
      return [
        { name: c.name, type: 'table', path: `${c.name}.csv`, format: 'csv', mediatype: 'text/csv', encoding: 'utf-8', ...common, dialect: { header: true, delimiter: ',', lineTerminator: '\r\n', quoteChar: '"' }, schema: tableSchema(c, 'csv'), rows: c.rows(data).length },
        { name: `${c.name}-json`, type: 'table', path: `${c.name}.json`, format: 'json', mediatype: 'application/json', encoding: 'utf-8', ...common, schema: tableSchema(c, 'json'), rows: c.rows(data).length },
      ];
    }),
  };
}

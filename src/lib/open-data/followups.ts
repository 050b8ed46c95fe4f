// The followups collection (议事跟进): /data/followups.json and .csv, with each follow-up's meeting looked up by id.
import type { PublicData } from '../../../functions/domain/publishing';
import { date, idField, int, list, str, urlField } from './fields';
import type { Collection } from './model';

/** Each deliberation by id, once per published view (a follow-up row names its meeting). */
const deliberationIndex = new WeakMap<
  PublicData,
  Map<number, PublicData['deliberations'][number]>
>();
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

type Followup = PublicData['followups'][number];

export const followups: Collection<Followup> = {
  name: 'followups',
  title: { zh: '议事跟进（民有所呼，我有所应）', en: 'Follow-ups' },
  description: {
    zh: '每项决议的落实情况：谁负责、何时完成、进展到哪一步。',
    en: 'How each resolution is carried out: who is responsible, by when, and how far it has got.',
  },
  rows: (d) => d.followups,
  fields: [
    idField('跟进事项', 'follow-up item'),
    urlField('所属会议记录页上的这一项。', 'The item on its meeting’s page.', (x) => x.url),
    int(
      'deliberationId',
      '议事编号',
      'Deliberation id',
      '所属会议（见 deliberations）。',
      'The meeting it follows up (see deliberations).',
      (x) => x.deliberationId,
      { required: true, references: 'deliberations' },
    ),
    str(
      'deliberationTitle',
      '议事议题',
      'Deliberation title',
      '所属会议的主题。',
      'Title of that meeting.',
      (x, c) => deliberationById(c.data).get(x.deliberationId)?.title ?? null,
      { required: true },
    ),
    int(
      'agendaItemId',
      '议程编号',
      'Agenda item id',
      '对应的议程；可为空。',
      'The agenda item it implements, if any.',
      (x) => x.agendaItemId,
    ),
    str('title', '事项', 'Item', '要落实的事项。', 'What is to be done.', (x) => x.title, {
      required: true,
    }),
    int(
      'responsibleId',
      '责任单位编号',
      'Responsible id',
      '负责落实的组织（见 organizations）。',
      'The organisation responsible (see organizations).',
      (x) => x.responsible.id,
      { required: true, references: 'organizations' },
    ),
    str(
      'responsibleName',
      '责任单位',
      'Responsible',
      '负责落实的组织名称。',
      'Name of the responsible organisation.',
      (x) => x.responsible.name,
      { required: true },
    ),
    date(
      'dueDate',
      '完成时限',
      'Due date',
      '承诺完成的日期。',
      'Date it is promised by.',
      (x) => x.dueDate,
      { required: true },
    ),
    str('status', '状态', 'Status', '当前状态。', 'Current status.', (x) => x.status, {
      enumOf: 'followupStatus',
      required: true,
    }),
    int('progress', '进度', 'Progress', '完成进度。', 'How far along it is.', (x) => x.progress, {
      unit: 'percent',
      required: true,
      minimum: 0,
      maximum: 100,
    }),
    int(
      'updatesCount',
      '进展记录数',
      'Updates',
      '进展记录的条数。',
      'Number of progress updates.',
      (x) => x.updates.length,
      { unit: 'count', required: true, minimum: 0 },
    ),
    date(
      'lastUpdateDate',
      '最近进展日期',
      'Last update',
      '最近一次进展的日期；没有则为空。',
      'Date of the latest update; empty if none.',
      (x) => x.updates[x.updates.length - 1]?.date ?? null,
    ),
    list(
      'updates',
      '进展记录',
      'Updates',
      '按时间排列的进展，每条格式“日期 状态 进度% 说明”。',
      'Progress timeline, each “date status progress% note”.',
      (x) => x.updates.map((u) => `${u.date} ${u.status} ${u.progress}% ${u.note}`),
      { itemType: 'string' },
    ),
    str(
      'publication',
      '公开状态',
      'Publication',
      'published：公开中；withdrawn：已撤回（仍列在会议记录页上并注明撤回原因）。status 是落实进展，与此无关。',
      'published, or withdrawn (still listed on its meeting’s page, marked withdrawn with the reason); status is its progress, not this.',
      (x) => x.publication,
      { enumOf: 'publication', required: true },
    ),
  ],
};

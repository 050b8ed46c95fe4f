// The services collection (服务清单): /data/services.json and .csv.
import type { PublicData } from '../../../functions/domain/publishing';
import { idField, int, list, published, status, str, urlField } from './fields';
import type { Collection } from './model';

type Service = PublicData['services'][number];

export const services: Collection<Service> = {
  name: 'services',
  title: { zh: '服务清单', en: 'Service menu' },
  description: {
    zh: '社区公开提供的服务：谁提供、面向谁、什么时间、在哪里、怎么申请（你点单我服务）。',
    en: 'Services offered in the community: by whom, for whom, when, where and how to ask for them.',
  },
  rows: (d) => d.services,
  fields: [
    idField('服务', 'service'),
    urlField('这项服务的详情页。', 'The service’s page.', (s) => s.url),
    str('category', '类别', 'Category', '服务类别。', 'Service category.', (s) => s.category, {
      enumOf: 'category',
      required: true,
    }),
    str('title', '名称', 'Title', '服务名称。', 'Name of the service.', (s) => s.title, {
      required: true,
    }),
    str(
      'description',
      '介绍',
      'Description',
      '服务内容介绍。',
      'What the service is.',
      (s) => s.description,
      { required: true },
    ),
    int(
      'providerId',
      '提供方编号',
      'Provider id',
      '提供服务的组织（见 organizations）。',
      'The organisation providing it (see organizations).',
      (s) => s.provider.id,
      { required: true, references: 'organizations' },
    ),
    str(
      'providerName',
      '提供方',
      'Provider',
      '提供服务的组织名称。',
      'Name of the providing organisation.',
      (s) => s.provider.name,
      { required: true },
    ),
    str(
      'providerKind',
      '提供方类型',
      'Provider kind',
      '提供方的类型。',
      'Kind of the provider.',
      (s) => s.provider.kind,
      { enumOf: 'orgKind', required: true },
    ),
    list(
      'audiences',
      '服务对象',
      'Audiences',
      '面向哪些人群（可多个）。',
      'Who it is for (one or more).',
      (s) => s.audiences,
      { itemType: 'string', enumOf: 'audience' },
    ),
    str(
      'schedule',
      '时间',
      'Schedule',
      '服务时间的文字说明，如“每月 9 日上午”。',
      'When, in words, e.g. “mornings of the 9th of each month”.',
      (s) => s.schedule,
      { required: true },
    ),
    int(
      'monthlyDay',
      '每月固定日',
      'Day of month',
      '每月固定在哪一天提供（9 = 志愿服务日）；不固定则为空。',
      'Day of the month for monthly services (9 = volunteer day); empty if none.',
      (s) => s.monthlyDay,
      { minimum: 1, maximum: 31 },
    ),
    str('place', '地点', 'Place', '服务地点。', 'Where.', (s) => s.place, { required: true }),
    str('cost', '收费', 'Cost', '是否收费。', 'Whether it costs anything.', (s) => s.cost, {
      enumOf: 'cost',
      required: true,
    }),
    str(
      'costNote',
      '收费说明',
      'Cost note',
      '收费的补充说明；可为空。',
      'Details of the cost; may be empty.',
      (s) => s.costNote,
    ),
    str(
      'howToAsk',
      '申请方式',
      'How to ask',
      '居民如何申请这项服务。',
      'How a resident asks for it.',
      (s) => s.howToAsk,
      { required: true },
    ),
    int(
      'deliberationId',
      '来源议事编号',
      'Deliberation id',
      '由哪次议事协商决定设立；可为空。',
      'The deliberation that created it, if any.',
      (s) => s.deliberationId,
      { references: 'deliberations' },
    ),
    status<Service>(),
    published<Service>(),
  ],
};

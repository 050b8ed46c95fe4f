// The satisfaction collection (服务评价): /data/satisfaction.json and .csv.
import type { PublicData } from '../../../functions/domain/publishing';
import { int, str } from './fields';
import type { Collection } from './model';

type Rating = PublicData['satisfaction'][number];

const stars = [1, 2, 3, 4, 5].map((n) =>
  int<Rating>(
    `n${n}`,
    `${n} 星`,
    `${n} stars`,
    `给 ${n} 星的评价条数。`,
    `Ratings of ${n} stars.`,
    (r) => r.distribution[n - 1]!,
    { unit: 'count', required: true, minimum: 0 },
  ),
);

export const satisfaction: Collection<Rating> = {
  name: 'satisfaction',
  title: { zh: '服务评价', en: 'Satisfaction' },
  description: {
    zh: '居民对已完成的“你点单我服务”申请的评价，按服务和按提供方汇总：条数、平均分（一位小数）和 1–5 星分布。不足 5 条评价的不公开。',
    en: 'Residents’ ratings of completed service requests, per service and per provider: count, average (one decimal) and the 1–5 star distribution. Fewer than 5 ratings are not published.',
  },
  rows: (d) => d.satisfaction,
  fields: [
    str(
      'id',
      '编号',
      'ID',
      '本行的长期编号：service-<服务编号> 或 provider-<组织编号>。',
      'Stable id of the row: service-<service id> or provider-<organisation id>.',
      (r) => `${r.kind}-${r.id}`,
      { required: true },
    ),
    str(
      'kind',
      '汇总对象',
      'Per',
      '按服务（service）还是按提供方（provider）汇总。',
      'Whether the row adds up a service or a provider.',
      (r) => r.kind,
      { required: true },
    ),
    int(
      'serviceId',
      '服务编号',
      'Service id',
      '按服务汇总时的服务（见 services）；否则为空。',
      'The service (see services), for a per-service row; empty otherwise.',
      (r) => (r.kind === 'service' ? r.id : null),
      { references: 'services' },
    ),
    int(
      'providerId',
      '提供方编号',
      'Provider id',
      '按提供方汇总时的组织（见 organizations）；否则为空。',
      'The organisation (see organizations), for a per-provider row; empty otherwise.',
      (r) => (r.kind === 'provider' ? r.id : null),
      { references: 'organizations' },
    ),
    str(
      'name',
      '名称',
      'Name',
      '服务或提供方的名称。',
      'Name of the service or provider.',
      (r) => r.name,
      { required: true },
    ),
    int(
      'count',
      '评价条数',
      'Ratings',
      '评价总条数（至少 5 条才公开）。',
      'Number of ratings (published from 5 on).',
      (r) => r.count,
      { unit: 'count', required: true, minimum: 5 },
    ),
    str(
      'average',
      '平均分',
      'Average',
      '平均星级（1–5），一位小数的文本。',
      'Average stars (1–5), as text with one decimal.',
      (r) => r.average.toFixed(1),
      { required: true },
    ),
    ...stars,
  ],
};

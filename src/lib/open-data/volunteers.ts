// The volunteers collections (志愿者): team hours, and the monthly honour roll with masked names only.
import type { PublicData } from '../../../functions/domain/publishing';
import { idField, int, num, str, urlField, yearmonth } from './fields';
import type { Collection } from './model';

type Team = PublicData['teams'][number];

export const volunteers: Collection<Team> = {
  name: 'volunteers',
  title: { zh: '志愿服务队', en: 'Volunteer teams' },
  description: {
    zh: '每支志愿服务队的活动次数、志愿者人数和服务总时长。不含队员名单。',
    en: 'Each volunteer team’s activities, number of volunteers and hours served. No member list.',
  },
  rows: (d) => d.teams,
  fields: [
    idField('志愿服务队', 'volunteer team'),
    urlField(
      '“志愿者”页上的服务队列表。',
      'The teams on the volunteers page.',
      () => '/volunteers/#teams',
    ),
    str('name', '名称', 'Name', '服务队名称。', 'Name of the team.', (t) => t.name, {
      required: true,
    }),
    str(
      'description',
      '介绍',
      'Description',
      '服务队介绍。',
      'About the team.',
      (t) => t.description,
      { required: true },
    ),
    int(
      'activities',
      '活动次数',
      'Activities',
      '服务队组织的活动次数（见 activities）。',
      'Activities the team ran (see activities).',
      (t) => t.activities,
      { unit: 'count', required: true, minimum: 0 },
    ),
    int(
      'volunteers',
      '志愿者人数',
      'Volunteers',
      '参加过服务队活动的不同志愿者人数。',
      'Different volunteers who took part in its activities.',
      (t) => t.volunteers,
      { unit: 'people', required: true, minimum: 0 },
    ),
    num(
      'hours',
      '服务总时长',
      'Hours served',
      '服务队活动的服务小时合计。',
      'Hours served in its activities.',
      (t) => t.hours,
      { unit: 'hours', required: true, minimum: 0 },
    ),
  ],
};

type Honour = PublicData['honour'][number]['people'][number] & { month: string; rank: number };

export const honourRoll: Collection<Honour> = {
  name: 'honour-roll',
  title: { zh: '志愿者光荣榜', en: 'Volunteers’ honour roll' },
  description: {
    zh: '每月服务时长最多的志愿者（只计已发放积分的服务）。姓名已脱敏（如 张*华），不含任何可识别个人的信息。',
    en: 'Each month’s volunteers with the most hours served (service already awarded points). Names are masked (张*华); nothing identifies a person.',
  },
  rows: (d) =>
    d.honour.flatMap((m) => m.people.map((p, i) => ({ ...p, month: m.month, rank: i + 1 }))),
  fields: [
    str(
      'id',
      '编号',
      'ID',
      '月份和名次组成的编号（YYYY-MM-名次）。',
      'Month and rank (YYYY-MM-rank).',
      (h) => `${h.month}-${h.rank}`,
      { required: true, pattern: '[0-9]{4}-[0-9]{2}-[0-9]+' },
    ),
    urlField(
      '“志愿者”页上的光荣榜。',
      'The honour roll on the volunteers page.',
      () => '/volunteers/#honour',
    ),
    yearmonth('month', '月份', 'Month', '统计月份。', 'The month.', (h) => h.month, {
      required: true,
    }),
    int(
      'rank',
      '名次',
      'Rank',
      '当月按服务时长的名次（时长相同按登记先后）。',
      'Rank that month by hours served.',
      (h) => h.rank,
      { required: true, minimum: 1 },
    ),
    str(
      'name',
      '姓名（脱敏）',
      'Name (masked)',
      '志愿者姓名，已脱敏：只留姓和末字。',
      'The volunteer’s name, masked: first and last character only.',
      (h) => h.name,
      { required: true },
    ),
    num(
      'hours',
      '服务时长',
      'Hours served',
      '当月服务小时。',
      'Hours served that month.',
      (h) => h.hours,
      { unit: 'hours', required: true, minimum: 0 },
    ),
    int(
      'activities',
      '活动次数',
      'Activities',
      '当月参加的活动次数。',
      'Activities taken part in that month.',
      (h) => h.activities,
      { unit: 'count', required: true, minimum: 0 },
    ),
  ],
};

// The activities collection (志愿活动): /data/activities.json and .csv, the public part of each activity.
import type { PublicData } from '../../../functions/domain/publishing';
import { date, idField, int, num, str } from './fields';
import type { Collection } from './model';

type Activity = PublicData['activities'][number];

export const activities: Collection<Activity> = {
  name: 'activities',
  title: { zh: '志愿活动', en: 'Volunteer activities' },
  description: {
    zh: '社区组织的志愿活动：什么、何时、何地、多少人参加、服务多少小时。不含参加者是谁。',
    en: 'Volunteer activities in the community: what, when, where, how many took part and hours served. Never who took part.',
  },
  rows: (d) => d.activities,
  fields: [
    idField('活动', 'activity'),
    str('title', '名称', 'Title', '活动名称。', 'Name of the activity.', (a) => a.title, {
      required: true,
    }),
    date('date', '日期', 'Date', '活动日期。', 'Date of the activity.', (a) => a.date, {
      required: true,
    }),
    str('place', '地点', 'Place', '活动地点。', 'Where it takes place.', (a) => a.place, {
      required: true,
    }),
    str('status', '状态', 'Status', '活动状态。', 'Where the activity stands.', (a) => a.status, {
      enumOf: 'activityStatus',
      required: true,
    }),
    str(
      'typeCode',
      '活动类型代码',
      'Type code',
      '活动类型的代码。',
      'Code of the kind of work.',
      (a) => a.typeCode,
      { required: true },
    ),
    str(
      'type',
      '活动类型',
      'Type',
      '活动类型的中文名称。',
      'The kind of work, in Chinese.',
      (a) => a.typeZh,
      { required: true },
    ),
    str(
      'typeEn',
      '活动类型（英文）',
      'Type (English)',
      '活动类型的英文名称。',
      'The kind of work, in English.',
      (a) => a.typeEn,
      { required: true },
    ),
    int(
      'teamId',
      '志愿队编号',
      'Team id',
      '组织活动的志愿服务队（见 volunteers）；可为空。',
      'The volunteer team running it (see volunteers), if any.',
      (a) => a.teamId,
      { references: 'volunteers' },
    ),
    num(
      'hours',
      '计划时长',
      'Planned hours',
      '每位志愿者的计划服务时长。',
      'Planned hours for each volunteer.',
      (a) => a.hours,
      { unit: 'hours', required: true, minimum: 0 },
    ),
    int(
      'pointsPerHour',
      '每小时积分',
      'Points per hour',
      '创建活动时的积分规则：每服务一小时得多少积分；未设则为空。',
      'The earning rule when the activity was created: points per hour served; empty if none.',
      (a) => a.pointsPerHour,
      { unit: 'points', minimum: 0 },
    ),
    int(
      'volunteers',
      '参加人数',
      'Volunteers',
      '登记参加的志愿者人数。',
      'Volunteers registered as taking part.',
      (a) => a.volunteers,
      { unit: 'people', required: true, minimum: 0 },
    ),
    num(
      'hoursServed',
      '服务总时长',
      'Hours served',
      '所有参加者登记的服务小时合计。',
      'Hours served, all volunteers together.',
      (a) => a.hoursServed,
      { unit: 'hours', required: true, minimum: 0 },
    ),
    int(
      'pointsAwarded',
      '已发积分',
      'Points awarded',
      '为这次活动已发放的积分合计。',
      'Points awarded for this activity so far, all volunteers together.',
      (a) => a.pointsAwarded,
      { unit: 'points', required: true, minimum: 0 },
    ),
    int(
      'deliberationId',
      '来自议事编号',
      'Deliberation id',
      '这次活动落实的议事会议；可为空。',
      'The deliberation this activity follows from, if any.',
      (a) => a.deliberationId,
      { references: 'deliberations' },
    ),
    int(
      'serviceId',
      '服务编号',
      'Service id',
      '这次活动提供的服务（见 services）；可为空。',
      'The service this activity delivers (see services), if any.',
      (a) => a.serviceId,
      { references: 'services' },
    ),
  ],
};

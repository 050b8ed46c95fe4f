/**
 * Public-site strings of a volunteer activity's own page and the volunteers page's activity list.
 * [zh-CN, English] pairs, merged in site.ts.
 */
import type { Pairs } from './pairs';

export const activitiesSitePairs = {
  'activity.back': ['返回志愿者', 'Back to volunteers'],
  'activity.kind': ['志愿活动', 'Volunteer activity'],
  'activity.type': ['活动类型', 'Kind of work'],
  'activity.when': ['日期', 'Date'],
  'activity.place': ['地点', 'Place'],
  'activity.team': ['组织队伍', 'Organised by'],
  'activity.community': ['社区居委会', 'The residents’ committee'],
  'activity.status': ['状态', 'Status'],
  'activity.plannedHours': ['计划时长', 'Planned length'],
  'activity.hoursValue': ['{hours} 小时', '{hours} hours'],
  'activity.served': ['服务情况', 'Service given'],
  'activity.volunteers': ['参加人数', 'volunteers'],
  'activity.hoursServed': ['服务时长（小时）', 'hours served'],
  'activity.points': ['发放积分', 'points awarded'],
  'activity.servedNote': [
    '只公开合计，不公开参加者姓名。',
    'Only totals are published, never who took part.',
  ],
  'activity.fromDeliberation': ['来自议事', 'From the deliberation'],
  'activity.forService': ['落实服务', 'Carries out the service'],
  'activity.description': [
    '{date}在{place}的志愿活动：{n} 人参加，服务 {hours} 小时，发放 {points} 积分。',
    'Volunteer activity on {date} at {place}: {n} volunteers, {hours} hours served, {points} points awarded.',
  ],
  'vol.activities': ['志愿活动', 'Volunteer activities'],
  'vol.recentActivities': ['近期的志愿活动', 'Recent and coming activities'],
  'vol.earlierActivities': ['更早的志愿活动', 'Earlier activities'],
} as const satisfies Pairs;

/**
 * Public-site strings of what followed from a deliberation and of published satisfaction.
 * [zh-CN, English] pairs, merged in site.ts.
 */
import type { Pairs } from './pairs';

export const chainSitePairs = {
  'chain.title': ['议事之后', 'What followed'],
  'chain.intro': [
    '从居民诉求到议事决定，再到资金、志愿时长和积分：这次议事带来的后续。',
    'From residents’ needs to this decision, then money, volunteer hours and points: what came of it.',
  ],
  'chain.requests': ['条居民诉求提到本次议事', 'residents’ requests name this meeting'],
  'chain.followups': ['项跟进事项已完成', 'follow-up items done'],
  'chain.expenses': ['本次议事批准的支出', 'spending approved by this meeting'],
  'chain.activities': ['场志愿活动', 'volunteer activities'],
  'chain.hours': ['志愿服务时长（小时）', 'volunteer hours'],
  'chain.points': ['发放积分', 'points awarded'],
  'chain.activityList': ['落实本次议事的志愿活动', 'Volunteer activities carrying it out'],
  'chain.activityFacts': [
    '{n} 人参加 · {hours} 小时 · {points} 积分',
    '{n} volunteers · {hours} hours · {points} points',
  ],
  'chain.fromDeliberation': ['来自议事', 'From the deliberation'],
  'satisfaction.title': ['服务评价', 'Satisfaction'],
  'satisfaction.notEnough': ['评价不足 5 条，暂不显示', 'Fewer than 5 ratings: not shown yet'],
  'satisfaction.average': [
    '平均 {avg} 分（满分 5 分），共 {n} 条评价',
    'Average {avg} out of 5, from {n} ratings',
  ],
  'satisfaction.caption': ['各星级的评价数', 'Ratings by stars'],
  'satisfaction.stars': ['星级', 'Stars'],
  'satisfaction.count': ['条数', 'Ratings'],
  'satisfaction.star': ['{n} 星', '{n} stars'],
  'satisfaction.note': [
    '来自已完成的“你点单我服务”申请的居民评价。',
    'From residents’ ratings of completed service requests.',
  ],
} satisfies Pairs;

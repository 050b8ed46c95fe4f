/** Public-site strings of the partner merchants pages. [zh-CN, English] pairs, merged in site.ts. */
import type { Pairs } from './pairs';

export const merchantsSitePairs = {
  'merchants.title': ['一刻钟合伙人', 'Fifteen-minute partners'],
  'merchants.intro': [
    '“公益换宣传”：这些商户为居民提供公益服务、向社区捐赠、在店里接受积分兑换；社区在这里公开他们做的每一件事，作为回报和感谢。',
    '“Charity for publicity”: these shops give free services to residents, donate to the community and accept volunteer points at their counters; in return the community publishes everything they have done.',
  ],
  'merchant.hours': ['营业时间', 'Opening hours'],
  'merchant.suspended': [
    '暂停中：社区已暂停本店的积分兑换，恢复后会在这里更新。',
    'Paused: the community has paused points redemption at this shop; this page will say when it resumes.',
  ],
  'merchant.offer': ['公益承诺', 'Pledge'],
  'merchant.joined': ['加入时间', 'Joined'],
  'merchant.services': ['提供的服务', 'Services offered'],
  'merchant.donations': ['捐赠', 'Donations'],
  'merchant.redemptions': ['积分兑换', 'Points redeemed'],
  'merchant.redemptionsText': [
    '接受兑换 {n} 次，共 {points} 积分',
    '{n} redemptions accepted, {points} points in all',
  ],
  'merchant.donated': ['累计捐赠（含物资估值）', 'Donated in all (goods at value)'],
  'merchant.catalogue': ['积分可兑换', 'What points buy here'],
  'merchant.itemPoints': ['{n} 积分', '{n} points'],
} as const satisfies Pairs;

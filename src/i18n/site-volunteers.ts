/**
 * Public-site strings of the volunteers page: teams and the monthly honour roll. [zh-CN, English]
 * pairs, merged in site.ts.
 */
import type { Pairs } from './pairs';

export const volunteersSitePairs = {
  'vol.title': ['志愿者', 'Volunteers'],
  'vol.intro': [
    '志愿服务换积分，积分到合伙商户兑换。感谢每一位志愿者！光荣榜上的姓名已做隐去处理。',
    'Volunteers earn points for their service and redeem them at partner merchants. Thank you, every one of you! Names on the honour roll are partly hidden.',
  ],
  'vol.teams': ['志愿服务队', 'Volunteer teams'],
  'vol.honour': ['每月光荣榜', 'Monthly honour roll'],
  'vol.honourMonth': ['{month}光荣榜', 'Honour roll, {month}'],
  'vol.earlier': ['更早的光荣榜', 'Earlier honour rolls'],
  'vol.hoursValue': ['{hours} 小时', '{hours} h'],
} as const satisfies Pairs;

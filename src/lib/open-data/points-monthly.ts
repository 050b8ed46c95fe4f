// The points-monthly collection (积分银行月度统计): /data/points-monthly.json and .csv.
import type { PublicData } from '../../../functions/domain/publishing';
import { int, str, yearmonth } from './fields';
import type { Collection } from './model';

type PointsMonth = PublicData['points'][number];

export const pointsMonthly: Collection<PointsMonth> = {
  name: 'points-monthly',
  title: { zh: '积分银行月度统计', en: 'Points bank by month' },
  description: {
    zh: '每月发放、兑换、过期和捐入积分池的积分（按北京时间计月，已扣除冲正）。不含任何个人账户。',
    en: 'Points issued, redeemed, expired and given to the pool each month (Beijing time, net of reversals). No individual accounts.',
  },
  rows: (d) => d.points,
  fields: [
    str(
      'id',
      '编号',
      'ID',
      '月份，即本行的长期编号（YYYY-MM）。',
      'The month, which is this row’s stable id (YYYY-MM).',
      (p) => p.month,
      { required: true },
    ),
    yearmonth('month', '月份', 'Month', '统计月份。', 'The month.', (p) => p.month, {
      required: true,
    }),
    int(
      'issued',
      '发放',
      'Issued',
      '当月发放给志愿者的积分。',
      'Points awarded to volunteers.',
      (p) => p.issued,
      { unit: 'points', required: true },
    ),
    int(
      'redeemed',
      '兑换',
      'Redeemed',
      '当月在合伙商户兑换的积分。',
      'Points redeemed at partner merchants.',
      (p) => p.redeemed,
      { unit: 'points', required: true },
    ),
    int('expired', '过期', 'Expired', '当月过期的积分。', 'Points that lapsed.', (p) => p.expired, {
      unit: 'points',
      required: true,
    }),
    int(
      'donatedToPool',
      '捐入积分池',
      'Given to pool',
      '居民捐给社区积分池的积分。',
      'Points residents gave to the community pool.',
      (p) => p.donatedToPool,
      { unit: 'points', required: true },
    ),
    int(
      'entries',
      '账本笔数',
      'Ledger entries',
      '当月账本记录笔数。',
      'Ledger entries that month.',
      (p) => p.entries,
      { unit: 'count', required: true, minimum: 0 },
    ),
  ],
};

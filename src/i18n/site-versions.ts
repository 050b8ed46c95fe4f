/**
 * Public-site strings of revisions, withdrawals and version histories. [zh-CN, English] pairs,
 * merged in site.ts.
 */
import type { Pairs } from './pairs';

export const versionsSitePairs = {
  'version.revised': ['修订于 {date}：{reason}', 'Revised on {date}: {reason}'],
  'version.withdrawn': ['已撤回（{date}）：{reason}', 'Withdrawn on {date}: {reason}'],
  'version.withdrawnTag': ['已撤回', 'Withdrawn'],
  'version.historyLink': ['查看修订记录', 'See the version history'],
  'version.historyTitle': ['{title}：修订记录', '{title}: version history'],
  'version.historyIntro': [
    '这条公开记录的每一个版本：何时、为何、改了什么。旧版本不会被覆盖。',
    'Every version of this public record: when, why, and what changed. No version is ever overwritten.',
  ],
  'version.number': ['第 {n} 版', 'Version {n}'],
  'version.kind.published': ['首次发布', 'First published'],
  'version.kind.revised': ['修订', 'Revised'],
  'version.kind.withdrawn': ['撤回', 'Withdrawn'],
  'version.reason': ['说明', 'Reason'],
  'version.field': ['字段', 'Field'],
  'version.from': ['原内容', 'Before'],
  'version.to': ['新内容', 'After'],
  'version.noRequest': [
    '此服务已撤回，不再受理申请。',
    'This service has been withdrawn and can no longer be requested.',
  ],
  'version.back': ['返回记录', 'Back to the record'],
  'version.feedRevised': ['修订：{title}', 'Revised: {title}'],
  'version.feedWithdrawn': ['撤回：{title}', 'Withdrawn: {title}'],
} as const satisfies Pairs;

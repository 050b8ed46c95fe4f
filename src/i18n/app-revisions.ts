/**
 * Revising and withdrawing published records in the staff console. [zh-CN, English] pairs,
 * merged in app.ts.
 */
import type { Pairs } from './pairs';

export const revisionPairs = {
  'staff.rec.withdrawn': ['已撤回', 'Withdrawn'],
  'staff.rev.publishedNote': [
    '已公开的记录只能“修订”（写明修订说明，保留旧版本）或“撤回”；金额有误请登记“更正”。',
    'A published record is revised (with a reason; old versions are kept) or withdrawn; a wrong amount is fixed by a correction.',
  ],
  'staff.rev.withdrawnNote': [
    '此记录已撤回：公开页面保留并注明撤回原因，不能再修改。',
    'This record is withdrawn: its public page stays, marked with the reason; it cannot be changed.',
  ],
  'staff.rev.revise': ['修订', 'Revise'],
  'staff.rev.withdraw': ['撤回', 'Withdraw'],
  'staff.rev.reason': ['修订说明（公开显示）', 'Reason for the revision (shown publicly)'],
  'staff.rev.moneyReason': ['更正说明（公开显示）', 'Correction note (shown publicly)'],
  'staff.rev.withdrawReason': ['撤回原因（公开显示）', 'Reason for withdrawing (shown publicly)'],
  'staff.rev.reasonNeeded': ['请写明原因', 'Please give the reason'],
  'staff.rev.withdrawSure': [
    '确定撤回？页面将保留并标注“已撤回”及原因。',
    'Withdraw it? Its page stays, marked withdrawn with the reason.',
  ],
  'staff.rev.withdrawYes': ['确认撤回', 'Yes, withdraw'],
  'staff.rev.save': ['保存修订（立即公开）', 'Save the revision (public at once)'],
  'staff.rev.revised': [
    '已修订，网站将更新并显示修订说明。',
    'Revised: the site will show the change and its reason.',
  ],
  'staff.rev.withdrawnNow': ['已撤回。', 'Withdrawn.'],
  'staff.rev.history': ['版本记录', 'Versions'],
  'staff.rev.version': ['第 {n} 版 · {kind} · {at}', 'Version {n} · {kind} · {at}'],
} as const satisfies Pairs;

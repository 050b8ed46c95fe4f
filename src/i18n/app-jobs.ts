/**
 * The jobs that run by themselves, as staff see them in the ledger panel, and the expiry notice
 * on the resident's phone. [zh-CN, English] pairs, merged in app.ts.
 */
import type { Pairs } from './pairs';

export const jobPairs = {
  'staff.jobs.title': ['自动运行的任务', 'Jobs that run by themselves'],
  'staff.jobs.intro': [
    '以下任务由系统按时自动运行，无需手动操作；错过的会在系统恢复后补上一次。',
    'The system runs these on time by itself; one missed while it was down runs once when it is back.',
  ],
  'staff.jobs.job': ['任务', 'Job'],
  'staff.jobs.last': ['上次运行', 'Last run'],
  'staff.jobs.result': ['结果', 'Result'],
  'staff.jobs.next': ['下次运行', 'Next run'],
  'staff.jobs.refresh': ['刷新任务状态', 'Refresh the jobs'],
  'staff.jobs.name.expiry': ['积分到期处理（每年 1 月 1 日）', 'Points expiry (each 1 January)'],
  'staff.jobs.name.backup': ['数据库备份（每晚）', 'Database backup (nightly)'],
  'staff.jobs.name.verify': ['账本校验（每晚）', 'Ledger check (nightly)'],
  'staff.jobs.never': ['尚未运行', 'Not run yet'],
  'staff.jobs.running': ['正在运行……', 'Running…'],
  'staff.jobs.dueNow': ['已到时间，马上运行', 'Due: runs shortly'],
  'staff.jobs.expired': [
    '✓ 完成：{n} 分积分到期，共 {entries} 条账目',
    '✓ Done: {n} points expired in {entries} entries',
  ],
  'staff.jobs.expiredNone': [
    '✓ 完成：没有需要到期处理的积分',
    '✓ Done: no points were due to expire',
  ],
  'staff.jobs.backedUp': [
    '✓ 完成：已备份，保留最近 {kept} 份',
    '✓ Done: backed up; the last {kept} are kept',
  ],
  'staff.jobs.backupService': [
    '✓ 无需复制文件：数据库由 Turso 时间点恢复保护',
    '✓ No file to copy: Turso point-in-time restore protects this database',
  ],
  'staff.jobs.verifyOk': ['✓ 账本校验通过（共 {n} 条账目）', '✓ Ledger verified ({n} entries)'],
  'staff.jobs.verifyBad': ['⚠ 账本校验未通过：{problem}', '⚠ Ledger check failed: {problem}'],
  'staff.jobs.verifyBadEntry': ['账目 #{id}：{message}', 'entry #{id}: {message}'],
  'staff.jobs.verifyAlert': [
    '账本校验发现问题。请立即告知系统管理员（可运行 npm run verify 查看详情）。',
    'The ledger check found a problem. Tell the administrator at once (npm run verify gives the details).',
  ],
  'staff.jobs.failed': [
    '⚠ 运行失败：{message}（会自动重试）',
    '⚠ The run failed: {message} (it is retried by itself)',
  ],
  'me.expiryNotice': [
    '您有 {n} 分将于 {date} 过期，请尽快使用',
    'You have {n} points that expire on {date}: please use them soon',
  ],
} as const satisfies Pairs;

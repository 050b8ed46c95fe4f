/**
 * The statement like a bank's: counterparty and item on each line, month headings, the filter by
 * kind and the CSV download on the phone, the code screen's "used" answer, and the staff desk's
 * printed statement. [zh-CN, English] pairs, merged in app.ts.
 */
import type { Pairs } from './pairs';

export const statementPairs = {
  'stmt.filter': ['按类型查看', 'Show'],
  'stmt.filter.all': ['全部记录', 'All entries'],
  'stmt.csv': ['下载对账单 CSV', 'Download statement (CSV)'],
  'stmt.csvHint': ['全部积分记录，可用 Excel 或 WPS 打开。', 'Every entry, for Excel or WPS.'],
  'stmt.emptyKind': ['没有这类记录。', 'No entries of this kind.'],
  'stmt.cp.merchant': ['商户：{name}', 'Shop: {name}'],
  'stmt.cp.resident': ['邻居：{name}', 'Neighbour: {name}'],
  'stmt.cp.activity': ['活动：{name}', 'Activity: {name}'],
  'stmt.cp.community': ['社区：{name}', 'Community: {name}'],
  'stmt.cp.pool': ['社区积分池', 'Community points pool'],
  'stmt.item': ['{name} × {qty}（每件 {unit} 分）', '{name} × {qty} ({unit} points each)'],

  'code.used': [
    '商户已兑换 {n} 分：{shop}。现在余额 {balance} 分。',
    'The shop redeemed {n} points: {shop}. Your balance is now {balance} points.',
  ],
  'code.usedItem': [
    '商户已兑换 {n} 分：{shop}，{item}。现在余额 {balance} 分。',
    'The shop redeemed {n} points: {shop}, {item}. Your balance is now {balance} points.',
  ],

  'print.action': ['打印最近 20 笔', 'Print the last 20 entries'],
  'print.title': ['积分对账单', 'Points statement'],
  'print.resident': ['居民', 'Resident'],
  'print.card': ['积分卡号', 'Card'],
  'print.noCard': ['无积分卡', 'no card'],
  'print.balance': ['当前余额', 'Balance now'],
  'print.printedAt': ['打印时间', 'Printed'],
  'print.lines': ['最近 {n} 笔记录', 'The last {n} entries'],
  'print.paper': ['纸张', 'Paper'],
  'print.a4': ['A4 纸', 'A4 page'],
  'print.receipt': ['小票（80 毫米宽）', 'Receipt (80 mm wide)'],
  'print.print': ['打印', 'Print'],
  'print.back': ['返回工作台', 'Back to the console'],
  'print.col.party': ['对方', 'Counterparty'],
  'print.col.item': ['商品', 'Item'],
  'print.missing': [
    '请从工作台的居民详情打开此页。',
    'Open this page from a resident in the staff console.',
  ],
} as const satisfies Pairs;

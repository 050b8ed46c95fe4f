/**
 * Public-site strings of charity and the micro-funds: donations, income, expenses, budgets,
 * corrections, monthly statements. [zh-CN, English] pairs, merged in site.ts.
 */
import type { Pairs } from './pairs';

export const charitySitePairs = {
  'charity.title': ['慈善与微基金', 'Charity and the community fund'],
  'charity.intro': [
    '社区收到的每一笔捐赠和收入、花出去的每一笔钱、捐赠物资的去向，都在这里公开。已公开的记录不修改；发现错误时另发更正，并写明更正说明。',
    'Every donation and income the community receives, every yuan it spends and what became of donated goods, published. Published records are never edited; a mistake gets a published correction that explains itself.',
  ],
  'charity.funds': ['基金', 'Funds'],
  'fund.balance': ['结余', 'Balance'],
  'fund.in': ['累计收入', 'Money in'],
  'fund.out': ['累计支出', 'Money out'],
  'fund.inKind': ['物资捐赠估值', 'In-kind gifts (valued)'],
  'fund.inKindNote': [
    '物资按估值登记，不计入资金结余。',
    'Goods are recorded at their value and are not part of the cash balance.',
  ],
  'charity.balanceChart': ['各基金月末结余（元）', 'Fund balances at month end (yuan)'],
  'fund.balanceChart': [
    '月度收支与结余（元）',
    'Money in and out per month, and the balance (yuan)',
  ],
  'series.in': ['收入', 'In'],
  'series.out': ['支出', 'Out'],
  'series.balance': ['月末结余', 'Month-end balance'],
  'series.planned': ['预算', 'Budget'],
  'series.actual': ['实际支出', 'Spent'],
  'charity.donations': ['捐赠', 'Donations'],
  'charity.incomes': ['其他收入', 'Other income'],
  'charity.expenses': ['支出', 'Expenses'],
  'charity.inKind': ['捐赠物资及去向', 'Goods donated and what became of them'],
  'charity.budget': ['预算与实际', 'Budget vs actual'],
  'charity.budgetChart': ['{year} 年预算与实际支出（元）', 'Budget and spending in {year} (yuan)'],
  'charity.corrections': ['更正登记', 'Corrections register'],
  'charity.correctionsIntro': [
    '已公开的记录不改动。更正是一条新的公开记录，写明更正哪一笔、金额变化和原因。',
    'Published records are never altered. A correction is a new published record naming the record it corrects, the change in amount and why.',
  ],
  'charity.statements': ['月度收支公示', 'Monthly statements'],
  'charity.statementsIntro': [
    '每个有收支的月份一份，可打印张贴。',
    'One for each month with activity, ready to print for the notice board.',
  ],
  'charity.anonymous': ['匿名', 'Anonymous'],
  'charity.outcomePending': ['去向待登记', 'Not yet recorded'],
  'charity.receiptYes': ['有凭证', 'Receipt on file'],
  'charity.receiptNo': ['无凭证', 'No receipt'],
  'charity.receiptScans': [
    '票据扫描件 {n} 份（{kinds}，存档供审计查阅）',
    '{n} receipt scan(s) ({kinds}, on file for auditors)',
  ],
  'charity.receiptPdf': ['PDF', 'PDF'],
  'charity.receiptImage': ['图片', 'image'],
  'charity.noReceiptReason': ['无票据原因：', 'Why there is no receipt: '],
  'charity.outcomesLater': ['后续去向', 'What became of it'],
  'charity.approved': ['已审批', 'Approved'],
  'charity.unapproved': ['待审批', 'Awaiting approval'],
  'charity.seeCorrection': ['更正 #{id}', 'Correction #{id}'],
  'charity.back': ['返回慈善与微基金', 'Back to charity and the fund'],
  'charity.recent': [
    '以下为最近 {n} 个月（{period}）的明细。',
    'The tables below list the records of the last {n} months ({period}).',
  ],
  'charity.recentStatements': [
    '更早的明细见各基金的月度公示：',
    'Earlier records are in each fund’s monthly statements:',
  ],
  'fund.recentStatements': [
    '更早的明细见本基金的月度公示',
    'Earlier records are in this fund’s monthly statements',
  ],
  'charity.recentData': ['全部记录可下载开放数据', 'Every record can be downloaded as open data'],
  'charity.period': ['{from}—{to}', '{from} to {to}'],
  'fund.statement.title': ['{fund} {month}收支公示', '{fund}: statement for {month}'],
  'fund.statement.summary': ['收支汇总', 'Summary'],
  'fund.statement.opening': ['月初结余', 'Opening balance'],
  'fund.statement.in': ['本月收入', 'Money in'],
  'fund.statement.out': ['本月支出', 'Money out'],
  'fund.statement.closing': ['月末结余', 'Closing balance'],
  'fund.statement.inKindNote': [
    '本月物资捐赠估值 {amount}（不计入资金结余）。',
    'Goods donated this month, valued at {amount} (not part of the cash balance).',
  ],
} as const satisfies Pairs;

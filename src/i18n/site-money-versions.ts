/**
 * Public-site strings of withdrawn and revised money records (funds, donations, incomes, expenses,
 * budget lines) and their fund's history page. [zh-CN, English] pairs, merged in site.ts.
 */
import type { Pairs } from './pairs';

export const moneyVersionsSitePairs = {
  'charity.fundWithdrawnNote': [
    '此基金已撤回，不计入总额；其页面和记录保留备查。',
    'This fund has been withdrawn and counts in no total; its page and records stay for the record.',
  ],
  'charity.historyIntro': [
    '这个基金及其每一笔捐赠、收入、支出和预算的每一个版本：何时、为何、改了什么。旧版本不会被覆盖。',
    'Every version of this fund and of each of its donations, incomes, expenses and budget lines: when, why, and what changed. No version is ever overwritten.',
  ],
  'charity.historyNone': ['尚无修订或撤回。', 'Nothing has been revised or withdrawn yet.'],
  'charity.history.fund': ['基金：{name}', 'Fund: {name}'],
  'charity.history.donation': ['捐赠 #{id}', 'Donation #{id}'],
  'charity.history.income': ['收入 #{id}', 'Income #{id}'],
  'charity.history.expense': ['支出 #{id}', 'Expense #{id}'],
  'charity.history.budget': ['预算 #{id}', 'Budget line #{id}'],
  'charity.feed.fund': ['基金 {name}', 'Fund {name}'],
  'charity.feed.budget': ['预算 #{id}', 'Budget line #{id}'],
} as const satisfies Pairs;

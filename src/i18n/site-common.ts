/**
 * Public-site strings shared by several pages: navigation, common phrases, filters, charts, printed
 * notices, table column headings. [zh-CN, English] pairs, merged in site.ts.
 */
import type { Pairs } from './pairs';

export const commonSitePairs = {
  // the frame of every page: name, navigation, accessibility, language, footer
  'site.name': ['邻里', 'Linli'],
  'site.tagline': ['社区公开透明与志愿积分平台', 'Community transparency and volunteer points'],
  'nav.home': ['首页', 'Home'],
  'nav.services': ['服务清单', 'Services'],
  'nav.deliberations': ['议事协商', 'Deliberations'],
  'nav.charity': ['慈善与微基金', 'Charity & fund'],
  'nav.merchants': ['一刻钟合伙人', 'Partner merchants'],
  'nav.volunteers': ['志愿者', 'Volunteers'],
  'nav.verify': ['账本核验', 'Verify the ledger'],
  'nav.me': ['我的积分', 'My points'],
  'a11y.skip': ['跳到主要内容', 'Skip to main content'],
  'a11y.large': ['长辈版（大字）', 'Large text'],
  'a11y.standard': ['标准版', 'Standard text'],
  'lang.switch': ['English', '中文'],
  'footer.about': [
    '本站数据来自社区积分账本与公开记录，居民姓名均已脱敏。',
    'Figures come from the community points ledger and public records; residents’ names are masked.',
  ],

  // navigation
  'nav.organizations': ['一核多元', 'Who does what'],
  'nav.menu': ['菜单', 'Menu'],

  // common phrases
  'site.common.none': ['暂无公开记录。', 'Nothing published yet.'],
  'common.print': ['打印本页', 'Print this page'],
  'common.toc': ['本页目录', 'On this page'],
  'common.asOf': ['数据截至 {date}', 'Figures as of {date}'],
  'common.scrollHint': [
    '表格较宽，请左右滑动查看。',
    'This table is wide: swipe sideways to see all of it.',
  ],

  // filters
  'filter.heading': ['筛选', 'Filter'],
  'filter.any': ['全部', 'All'],
  'filter.reset': ['清除筛选', 'Clear filters'],
  'filter.count': ['显示 {n} 项，共 {total} 项', 'Showing {n} of {total}'],
  'filter.empty': [
    '没有符合条件的项目，请更换或清除筛选条件。',
    'Nothing matches. Change or clear the filters.',
  ],

  // charts
  'chart.data': ['图表数据（表格）', 'Chart data (table)'],
  'chart.alt': ['{title}。图表数据见下方表格。', '{title}. The chart data is in the table below.'],
  'chart.month': ['月份', 'Month'],

  // printed notices
  'notice.kicker': ['公示', 'Public notice'],
  'notice.scan': ['手机扫码查看在线记录', 'Scan with a phone to open the online record'],
  'notice.posted': ['公示日期：{date}', 'Posted {date}'],
  'notice.contact': [
    '如有疑问或意见，请到社区服务大厅反映。',
    'Questions or comments: please come to the community service hall.',
  ],
  'notice.printHint': ['用 A4 纸打印后张贴在公示栏。', 'Print on A4 paper for the notice board.'],
  'notice.online': ['查看在线记录', 'Open the online record'],

  // table column headings
  'col.date': ['日期', 'Date'],
  'col.fund': ['基金', 'Fund'],
  'col.donor': ['捐赠方', 'Donor'],
  'col.donorType': ['类型', 'Type'],
  'col.amount': ['金额', 'Amount'],
  'col.receiptNo': ['收据号', 'Receipt no.'],
  'col.item': ['物品', 'Goods'],
  'col.quantity': ['数量', 'Quantity'],
  'col.value': ['估值', 'Value'],
  'col.outcome': ['去向', 'What became of them'],
  'col.source': ['来源', 'Source'],
  'col.kind': ['类别', 'Kind'],
  'col.budgetLine': ['预算科目', 'Budget line'],
  'col.description': ['用途', 'Purpose'],
  'col.payee': ['收款方', 'Paid to'],
  'col.beneficiaries': ['受益对象', 'Beneficiaries'],
  'col.voucher': ['凭证与审批', 'Receipt and approval'],
  'col.basis': ['议事依据', 'Decided by'],
  'col.notes': ['更正', 'Corrections'],
  'col.record': ['被更正的记录', 'Record corrected'],
  'col.delta': ['金额变动', 'Change'],
  'col.explanation': ['更正说明', 'Explanation'],
  'col.year': ['年度', 'Year'],
  'col.planned': ['预算', 'Budget'],
  'col.actual': ['实际', 'Actual'],
  'col.rate': ['执行率', 'Spent'],
  'col.activities': ['活动次数', 'Activities'],
  'col.volunteers': ['志愿者人数', 'Volunteers'],
  'col.hours': ['服务时长（小时）', 'Hours served'],
  'col.month': ['月份', 'Month'],
  'col.status': ['状态', 'Status'],
} as const satisfies Pairs;

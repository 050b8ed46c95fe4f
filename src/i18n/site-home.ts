/**
 * Public-site strings of the home page: entry points, community figures and charts, the
 * 9th-of-the-month day. [zh-CN, English] pairs, merged in site.ts.
 */
import type { Pairs } from './pairs';

export const homeSitePairs = {
  'home.title': ['首页', 'Home'],
  'home.h1': [
    '邻里 · 社区公开透明与志愿积分平台',
    'Linli · community transparency and volunteer points',
  ],
  'home.intro': [
    '志愿服务换积分，积分在“一刻钟合伙人”商户兑换；社区的服务、议事和资金使用向所有人公开。',
    "Volunteers earn points for their service and redeem them at partner merchants; the community's services, deliberations and spending are open to everyone.",
  ],
  'home.large.title': ['字太小？请用长辈版', 'Text too small? Use large text'],
  'home.large.text': [
    '长辈版的字更大、按钮更大，每一页都有效，下次打开会记住。',
    'Large text makes words and buttons bigger on every page, and is remembered next time.',
  ],
  'home.large.on': ['打开长辈版（大字）', 'Switch to large text'],
  'home.large.off': ['回到标准版', 'Back to standard text'],
  'home.large.active': ['长辈版已打开', 'Large text is on'],
  'home.entries': ['我想……', 'I want to…'],
  'entry.me': ['查我的积分', 'Check my points'],
  'entry.me.desc': [
    '积分余额和每一笔明细；没有手机也可以凭积分卡到商户查询和兑换。',
    'Your balance and every entry; without a phone, use your points card at a partner counter.',
  ],
  'entry.services': ['找服务', 'Find a service'],
  'entry.services.desc': [
    '就业、上学、看病、养老、法律、调解……谁提供、怎么申请。',
    'Jobs, schooling, health, elder care, legal aid, mediation… who offers it and how to ask.',
  ],
  'entry.deliberations': ['看议事结果', 'See what was decided'],
  'entry.deliberations.desc': [
    '开了什么会、怎么投的票、决定落实得怎么样。',
    'Which meetings were held, how people voted, and how far the decisions have got.',
  ],
  'entry.charity': ['看钱怎么花', 'See how money is spent'],
  'entry.charity.desc': [
    '捐赠、微基金收支、每一笔支出和更正。',
    'Donations, the community fund, every expense and every correction.',
  ],
  'entry.merchants': ['一刻钟合伙人', 'Partner merchants'],
  'entry.merchants.desc': [
    '支持社区的商户：公益服务、捐赠和积分兑换。',
    'Shops that support the community: free services, donations and points redemption.',
  ],
  'entry.organizations': ['一核多元', 'Who does what'],
  'entry.organizations.desc': [
    '社区党委、居委会、物业、社会组织、志愿队各做什么。',
    "The Party committee, residents' committee, property companies, social organisations and teams.",
  ],
  'entry.volunteers': ['志愿者光荣榜', 'Volunteer honour roll'],
  'entry.volunteers.desc': [
    '志愿服务队、服务时长和每月光荣榜。',
    'Volunteer teams, hours served and the monthly honour roll.',
  ],
  'entry.verify': ['核验积分账本', 'Verify the points ledger'],
  'entry.verify.desc': [
    '任何人都能核对账本没有被改动。',
    'Anyone can check that the ledger has not been altered.',
  ],
  'home.glance': ['社区概况', 'At a glance'],
  'home.services': ['在册服务', 'Services listed'],
  'home.deliberationsCount': ['公开议事', 'Deliberations published'],
  'home.followupsDone': ['已落实事项', 'Follow-up items done'],
  'home.followupsOpen': ['未完成事项', 'Follow-up items open'],
  'home.fundBalance': ['基金结余合计', 'Fund balances in total'],
  'home.merchantsCount': ['合伙商户', 'Partner merchants'],
  'home.charts': ['数据图表', 'Charts'],
  'home.chart.points': ['每月积分发放与兑换', 'Points issued and redeemed per month'],
  'home.chart.funds': ['各基金月末结余（元）', 'Fund balances at month end (yuan)'],
  'home.chart.followups': ['议事落实事项状态', 'Follow-up items by status'],
  'series.issued': ['发放积分', 'Issued'],
  'series.redeemed': ['兑换积分', 'Redeemed'],
  'series.items': ['事项数', 'Items'],
  'home.ninth': ['每月 9 日志愿服务日', 'The 9th: monthly volunteer day'],
  'home.ninth.intro': [
    '每月 9 日，合伙商户和志愿队集中为居民提供免费服务。',
    'On the 9th of every month partner merchants and volunteer teams offer free services to residents.',
  ],
  'home.ninth.next': ['下一次：{date}', 'Next: {date}'],
  'home.ninth.today': ['就在今天：{date}', 'Today: {date}'],
  'home.ninth.all': ['查看全部 {n} 项 9 日服务', 'All {n} services on the 9th'],
  'home.latest': ['最新议事', 'Latest deliberations'],
  'home.allDeliberations': ['全部议事记录', 'All deliberations'],

  // the points bank's figures
  'home.points': ['积分银行', 'Points bank'],
  'home.issued': ['累计发放积分', 'Points issued'],
  'home.redeemed': ['累计兑换积分', 'Points redeemed'],
  'home.outstanding': ['居民持有积分', 'Points held by residents'],
  'home.volunteers': ['参与志愿者', 'Volunteers'],
  'home.hours': ['志愿服务时长（小时）', 'Volunteer hours'],
  'home.pool': ['社区积分池', 'Community pool'],
  'home.ledger': ['账本共 {n} 笔，最新哈希', '{n} ledger entries; latest hash'],
} as const satisfies Pairs;

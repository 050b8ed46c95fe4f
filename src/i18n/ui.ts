/** Interface strings, Chinese first. Pages pick with t(locale, key). */
import { siteEn, siteZh } from './site';
import { fill, type Vars } from './translate';

export const locales = ['zh-cn', 'en'] as const;
export type Locale = (typeof locales)[number];

export const ui = {
  'zh-cn': {
    'site.name': '邻里',
    'site.tagline': '社区公开透明与志愿积分平台',
    'nav.home': '首页',
    'nav.services': '服务清单',
    'nav.deliberations': '议事协商',
    'nav.charity': '慈善与微基金',
    'nav.merchants': '一刻钟合伙人',
    'nav.volunteers': '志愿者',
    'nav.verify': '账本核验',
    'nav.me': '我的积分',
    'a11y.skip': '跳到主要内容',
    'a11y.large': '长辈版（大字）',
    'a11y.standard': '标准版',
    'lang.switch': 'English',
    'home.points': '积分银行',
    'home.issued': '累计发放积分',
    'home.redeemed': '累计兑换积分',
    'home.outstanding': '居民持有积分',
    'home.volunteers': '参与志愿者',
    'home.hours': '志愿服务时长（小时）',
    'home.pool': '社区积分池',
    'home.ledger': '账本共 {n} 笔，最新哈希',
    'footer.about': '本站数据来自社区积分账本与公开记录，居民姓名均已脱敏。',
    ...siteZh,
  },
  en: {
    'site.name': 'Linli',
    'site.tagline': 'Community transparency and volunteer points',
    'nav.home': 'Home',
    'nav.services': 'Services',
    'nav.deliberations': 'Deliberations',
    'nav.charity': 'Charity & fund',
    'nav.merchants': 'Partner merchants',
    'nav.volunteers': 'Volunteers',
    'nav.verify': 'Verify the ledger',
    'nav.me': 'My points',
    'a11y.skip': 'Skip to main content',
    'a11y.large': 'Large text',
    'a11y.standard': 'Standard text',
    'lang.switch': '中文',
    'home.points': 'Points bank',
    'home.issued': 'Points issued',
    'home.redeemed': 'Points redeemed',
    'home.outstanding': 'Points held by residents',
    'home.volunteers': 'Volunteers',
    'home.hours': 'Volunteer hours',
    'home.pool': 'Community pool',
    'home.ledger': '{n} ledger entries; latest hash',
    'footer.about': 'Figures come from the community points ledger and public records; residents’ names are masked.',
    ...siteEn,
  },
} as const;

export type UiKey = keyof (typeof ui)['zh-cn'];

export function t(locale: Locale, key: UiKey, vars: Vars = {}): string {
  return fill(ui[locale][key] ?? ui['zh-cn'][key], vars);
}

export function localeFromPath(pathname: string): Locale {
  return pathname.startsWith('/en/') || pathname === '/en' ? 'en' : 'zh-cn';
}

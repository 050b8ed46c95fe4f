/**
 * Public-site strings of the page frame that search engines, feed readers and sharing read: the
 * search link, the feeds' names, the 404 page and the note on records written only in Chinese.
 * [zh-CN, English] pairs, merged in site.ts.
 */
import type { Pairs } from './pairs';

export const metaSitePairs = {
  'nav.search': ['搜索', 'Search'],
  'filter.apply': ['筛选', 'Apply'],
  'common.tableRegion': ['（表格）', '(table)'],
  'feed.deliberations': ['议事协商（RSS）', 'Deliberations (RSS)'],
  'feed.charity': ['慈善与微基金（RSS）', 'Charity and funds (RSS)'],
  'search.description': [
    '在{name}的服务、议事、基金和组织中搜索。',
    'Search the services, deliberations, funds and organisations of {name}.',
  ],
  'notFound.title': ['找不到这个页面', 'Page not found'],
  'notFound.lead': [
    '这个地址没有页面：可能输错了，或者记录已经移动。',
    'There is no page at this address: it may be mistyped, or the record has moved.',
  ],
  'notFound.home': ['回到首页', 'Go to the home page'],
  'notFound.search': ['搜索本站', 'Search this site'],
  'record.chineseOnly': ['这条记录只有中文。', 'This record is in Chinese only.'],
} as const satisfies Pairs;

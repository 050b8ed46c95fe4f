/**
 * Console strings of the chain links (what a request, activity or award batch comes from) and of
 * the records' optional English title and summary. [zh-CN, English] pairs, merged in app.ts.
 */
import type { Pairs } from './pairs';

export const chainPairs = {
  'staff.chain.deliberation': ['来自议事', 'From deliberation'],
  'staff.chain.service': ['落实服务', 'For service'],
  'staff.chain.none': ['无', 'None'],
  'staff.chain.linked': ['来自议事', 'From deliberation'],
  'staff.rec.f.titleEn': ['英文标题', 'English title'],
  'staff.rec.f.summaryEn': ['英文摘要', 'English summary'],
} as const satisfies Pairs;

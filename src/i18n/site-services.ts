/**
 * Public-site strings of the service list and service pages. [zh-CN, English] pairs, merged in
 * site.ts.
 */
import type { Pairs } from './pairs';

export const servicesSitePairs = {
  'services.title': ['服务清单', 'Service menu'],
  'services.intro': [
    '社区提供的服务：谁提供、为谁服务、什么时间、怎么申请。“你点单，我服务”：提出需求后，社区派单，服务方接单，完成后请给我们反馈。',
    'What the community offers: who provides it, for whom, when, and how to ask. “You order, we serve”: ask, the community dispatches, a provider takes it — then tell us how it went.',
  ],
  'services.category': ['类别', 'Category'],
  'services.audience': ['服务对象', 'For'],
  'services.provider': ['提供方', 'Provider'],
  'services.freeOnly': ['只看免费服务', 'Free services only'],
  'services.ninthOnly': ['只看每月 9 日的服务', 'Only services on the 9th'],
  'service.provider': ['提供方', 'Provider'],
  'service.audience': ['服务对象', 'For'],
  'service.when': ['时间', 'When'],
  'service.place': ['地点', 'Where'],
  'service.cost': ['费用', 'Cost'],
  'service.howToAsk': ['怎么申请', 'How to ask'],
  'service.ninth': ['每月 9 日', 'Every 9th'],
  'service.fromDeliberation': ['根据议事决定设立', 'Set up by decision of'],
  'service.more': ['{name}的其他服务', 'More from {name}'],
  'service.published': ['发布于 {date}', 'Published {date}'],
  'service.request': ['申请此服务', 'Request this service'],
  'service.back': ['返回服务清单', 'Back to the service menu'],
} as const satisfies Pairs;

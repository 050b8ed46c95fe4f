/**
 * Service request strings ("you ask, we serve"): asking and rating on /me/, also reused by the
 * staff console. [zh-CN, English] pairs, merged in app.ts.
 */
import type { Pairs } from './pairs';

export const requestPairs = {
  'req.title': ['你点单我服务', 'You ask, we serve'],
  'req.intro': [
    '从社区服务清单里选一项，社区会派给服务方，您可以随时查看进度，完成后请评价。',
    'Pick a service from the community menu; staff pass it to a provider, you follow its progress and rate it when done.',
  ],
  'req.service': ['想要的服务', 'Service'],
  'req.pick': ['请选择……', 'Choose…'],
  'req.pickMissing': ['请选择一项服务。', 'Please choose a service.'],
  'req.detail': ['具体需要', 'What you need'],
  'req.detailHint': [
    '例如：什么时候方便、家里情况。不要写身份证号等敏感信息。',
    'For example when suits you. No ID numbers or other sensitive details.',
  ],
  'req.date': ['希望的日期', 'Preferred date'],
  'req.submit': ['提交申请', 'Send request'],
  'req.sent': ['已提交“{title}”，社区会尽快派单。', 'Sent “{title}”. Staff will pass it on soon.'],
  'req.mine': ['我的申请', 'My requests'],
  'req.none': ['还没有申请过服务。', 'No requests yet.'],
  'req.progress': ['办理进度', 'Progress'],
  'req.asked': ['{date} 申请', 'asked {date}'],
  'req.provider': ['服务方：{name}', 'provider: {name}'],
  'req.details': ['查看详情', 'Details'],
  'req.preferred': ['希望日期：{date}', 'Preferred date: {date}'],
  'req.cancel': ['撤回申请', 'Withdraw request'],
  'req.cancelled': ['已撤回“{title}”。', 'Withdrew “{title}”.'],
  'req.rate': ['服务满意吗？', 'How was the service?'],
  'req.stars': ['{n} 星', '{n} stars'],
  'req.comment': ['评价', 'Comment'],
  'req.sendRating': ['提交评价', 'Send rating'],
  'req.rateMissing': ['请选择 1 到 5 星。', 'Choose 1 to 5 stars.'],
  'req.thanks': ['谢谢您的评价。', 'Thank you for your feedback.'],
  'req.rated': ['已评价：{n} 星', 'Rated: {n} stars'],
  'req.status.submitted': ['已提交', 'Submitted'],
  'req.status.dispatched': ['已派单', 'Dispatched'],
  'req.status.accepted': ['已接单', 'Accepted'],
  'req.status.done': ['已完成', 'Done'],
  'req.status.cancelled': ['已取消', 'Cancelled'],
  'req.status.declined': ['已拒单', 'Declined'],
  'req.event.submitted': ['提交', 'Submitted'],
  'req.event.dispatched': ['派单', 'Dispatched'],
  'req.event.accepted': ['接单', 'Accepted'],
  'req.event.done': ['办结', 'Done'],
  'req.event.declined': ['拒单', 'Declined'],
  'req.event.cancelled': ['取消', 'Cancelled'],
  'req.event.rated': ['评价', 'Rated'],
} as const satisfies Pairs;

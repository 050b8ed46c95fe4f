/**
 * Strings of the resident phone app (/me/): balance, redeem code, statement, giving points.
 * [zh-CN, English] pairs, merged in app.ts.
 */
import type { Pairs } from './pairs';

export const residentPairs = {
  // page
  'me.title': ['我的积分', 'My points'],
  'me.intro': [
    '查看积分余额和明细，到店出示兑换码，报名志愿活动，申请社区服务。',
    'Your balance and statement, a code for the shop counter, volunteer activities and community services.',
  ],
  'me.hello': ['{name}，您好', 'Hello, {name}'],
  'me.balance': ['积分余额', 'Points balance'],
  'me.jump': ['本页内容', 'On this page'],
  'me.expiring.none': ['暂无即将到期的积分。', 'No points are about to expire.'],
  'me.expiring.line': [
    '有 {n} 分将于 {date} 到期，请在此之前使用。',
    '{n} points expire on {date}: use them before then.',
  ],
  'me.sum.earned': ['累计获得', 'Earned'],
  'me.sum.redeemed': ['累计兑换', 'Redeemed'],
  'me.sum.given': ['转出', 'Given'],
  'me.sum.received': ['转入', 'Received'],
  'me.sum.hours': ['服务时长（小时）', 'Hours served'],
  'me.sum.activities': ['参加活动', 'Activities'],
  'me.code.title': ['到店兑换', 'Redeem at a shop'],

  // redeem code
  'code.intro': [
    '在“一刻钟合伙人”商户结账时，出示兑换码，商户扫码或输入 6 位数字即可兑换。',
    'At a partner shop’s counter, show a code: the shop scans it or types the 6 digits.',
  ],
  'code.show': ['出示兑换码', 'Show a code'],
  'code.again': ['换一个新码', 'New code'],
  'code.heading': ['请出示给商户', 'Show this to the shop'],
  'code.qrAlt': ['兑换码二维码，数字 {code}', 'QR code of the redeem code {code}'],
  'code.digitsLabel': ['兑换码 {code}', 'Redeem code {code}'],
  'code.left': ['还剩 {time} 有效', 'Valid for {time}'],
  'code.expired': ['已过期', 'Expired'],
  'code.expiredHint': ['兑换码已过期，请点“换一个新码”。', 'The code has expired. Tap “New code”.'],
  'code.howto': [
    '一次有效，5 分钟内使用。请不要把兑换码发给别人。',
    'Single use, valid for 5 minutes. Do not send it to anyone.',
  ],
  'code.failed': ['没能取得兑换码。', 'Could not get a code.'],

  // statement
  'statement.title': ['积分明细', 'Statement'],
  'statement.more': ['加载更多明细', 'Show more'],
  'statement.empty': ['还没有积分记录。', 'No points yet.'],
  'statement.loaded': ['又加载了 {n} 条。', '{n} more loaded.'],
  'statement.after': ['余额 {n} 分', 'balance {n}'],

  // giving points
  'give.title': ['转赠积分', 'Give points'],
  'give.intro': [
    '把积分送给邻居，或捐给社区积分池（用于帮扶困难居民）。',
    'Give points to a neighbour, or to the community pool that helps residents in need.',
  ],
  'give.to': ['送给', 'Give to'],
  'give.toNeighbour': ['邻居', 'A neighbour'],
  'give.toPool': ['社区积分池', 'The community pool'],
  'give.poolName': ['社区积分池', 'the community pool'],
  'give.who': ['邻居的登录名或积分卡号', 'Neighbour’s login or card number'],
  'give.whoHint': [
    '卡号以字母 C 开头。找到后只显示对方的部分姓名。',
    'Card numbers start with the letter C. You will see only part of their name.',
  ],
  'give.whoMissing': [
    '请填写邻居的登录名或积分卡号。',
    'Enter the neighbour’s login or card number.',
  ],
  'give.find': ['查找邻居', 'Find neighbour'],
  'give.found': ['找到：{name}', 'Found: {name}'],
  'give.notFound': [
    '没有找到这位邻居，请核对登录名或卡号。',
    'No such neighbour. Check the login or card number.',
  ],
  'give.self': ['不能转给自己。', 'You cannot give points to yourself.'],
  'give.points': ['送出积分', 'Points to give'],
  'give.pointsInvalid': ['请填写大于 0 的整数。', 'Enter a whole number above 0.'],
  'give.tooMany': ['您的余额只有 {balance} 分。', 'Your balance is {balance} points.'],
  'give.memo': ['留言', 'Message'],
  'give.next': ['下一步：确认', 'Next: confirm'],
  'give.confirmTitle': ['请确认', 'Please confirm'],
  'give.confirmLine': ['把 {n} 分送给 {name}？', 'Give {n} points to {name}?'],
  'give.final': ['送出后不能撤回。', 'This cannot be undone.'],
  'give.confirm': ['确认送出', 'Confirm and give'],
  'give.done': [
    '已把 {n} 分送给 {name}。您的余额：{balance} 分。',
    'Gave {n} points to {name}. Your balance: {balance} points.',
  ],
} as const satisfies Pairs;

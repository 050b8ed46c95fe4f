/**
 * Strings shared by all signed-in pages (/me/, /counter/, /staff/): buttons and states, points,
 * network and API errors, ledger entry kinds. [zh-CN, English] pairs, merged in app.ts.
 */
import type { Pairs } from './pairs';

export const commonPairs = {
  // buttons and page states
  'common.loading': ['正在加载……', 'Loading…'],
  'common.retry': ['重试', 'Try again'],
  'common.retryNow': ['立即重试', 'Retry now'],
  'common.retrying': [
    '网络不稳定，第 {n} 次重试，{s} 秒后再试……',
    'Connection unstable: retry {n}, next in {s} s…',
  ],
  'common.sending': ['正在提交……', 'Sending…'],
  'common.next': ['下一步', 'Next'],
  'common.back': ['返回修改', 'Go back and change'],
  'common.optional': ['选填', 'Optional'],
  'common.refresh': ['刷新', 'Refresh'],
  'common.reload': ['重新加载', 'Reload'],
  'common.noscript': [
    '此页面需要开启 JavaScript 才能登录和查询积分。',
    'This page needs JavaScript to sign in and show your points.',
  ],
  'common.bootFailed': [
    '页面没有加载完整，可能是网络不好。',
    'The page did not load completely — perhaps a weak connection.',
  ],
  'common.failedTitle': ['暂时连不上', 'Cannot connect right now'],
  'common.save': ['保存', 'Save'],
  'common.cancel': ['取消', 'Cancel'],
  'common.search': ['搜索', 'Search'],
  'common.close': ['关闭', 'Close'],
  'common.yes': ['是', 'Yes'],
  'common.no': ['否', 'No'],
  'common.none': ['暂无', 'None'],
  'common.more': ['加载更多', 'Load more'],
  'common.saved': ['已保存。', 'Saved.'],
  'common.required': ['此项必填', 'Required'],
  'common.confirm': ['确认', 'Confirm'],

  // points
  'pts.unit': ['分', 'points'],
  'pts.n': ['{n} 分', '{n} points'],
  'pts.signed': ['{n} 分', '{n} pts'],

  // network
  'net.offline': [
    '网络已断开。恢复后会自动重试，已填写的内容不会丢失。',
    'You are offline. We will retry when the connection is back; nothing you typed is lost.',
  ],
  'net.unreachable': [
    '连不上服务器，请检查网络后重试。',
    'Cannot reach the server. Check the connection and try again.',
  ],
  'net.server': [
    '服务器暂时出错，请稍后重试。',
    'The server had a problem. Please try again shortly.',
  ],
  'net.retrying': ['正在重试……', 'Retrying…'],

  // API error codes
  'err.network': [
    '网络连接失败，请检查网络后重试。',
    'The connection failed. Check the network and try again.',
  ],
  'err.server': [
    '服务器暂时出错，请稍后重试。',
    'The server had a problem. Please try again shortly.',
  ],
  'err.generic': ['操作没有成功', 'That did not work'],
  'err.invalid_credentials': [
    '登录名或密码不对，请再试一次。',
    'Wrong login or password. Please try again.',
  ],
  'err.too_many_attempts': [
    '尝试次数太多，请 15 分钟后再试。',
    'Too many attempts. Please try again in 15 minutes.',
  ],
  'err.unauthorized': ['登录已过期，请重新登录。', 'Your session has ended. Please sign in again.'],
  'err.forbidden': ['当前账号不能进行此操作。', 'This account may not do that.'],
  'err.insufficient_points': [
    '积分不足：居民的余额不够兑换这么多积分。',
    'Not enough points: the resident’s balance is lower than that.',
  ],
  'err.code_invalid': [
    '兑换码不对：请核对 6 位数字，或请居民刷新兑换码。',
    'Unknown code: check the 6 digits, or ask the resident for a new code.',
  ],
  'err.code_expired': [
    '兑换码已过期：请居民在手机上点“换一个新码”。',
    'The code has expired: ask the resident to tap “New code”.',
  ],
  'err.code_used': [
    '这个兑换码已经用过了：请居民换一个新码。',
    'This code has already been used: ask the resident for a new one.',
  ],
  'err.pin_invalid': [
    '积分卡密码不对，请居民再输一次（连续错 5 次会锁卡 15 分钟）。',
    'Wrong card PIN. Ask the resident to enter it again (5 wrong PINs lock the card for 15 minutes).',
  ],
  'err.card_locked': [
    '这张积分卡密码错误太多次，已锁定 15 分钟；可请社区工作人员重设密码。',
    'Too many wrong PINs: the card is locked for 15 minutes. Community staff can reset the PIN.',
  ],
  'err.card_invalid': ['没有这张积分卡，请核对卡号。', 'No such card. Check the card number.'],
  'err.idempotency_mismatch': [
    '这笔兑换的内容有变，请重新确认。',
    'This redemption changed; please confirm it again.',
  ],
  'err.invalid_recipient': ['不能转给这个账户。', 'Points cannot be given to that account.'],
  'err.daily_cap_exceeded': [
    '超过了当日积分上限：{message}',
    'Over the daily points cap: {message}',
  ],

  // ledger entry kinds
  'kind.earn': ['获得', 'Earned'],
  'kind.redeem': ['兑换', 'Redeemed'],
  'kind.transfer_out': ['转出', 'Given'],
  'kind.transfer_in': ['转入', 'Received'],
  'kind.reversal': ['冲正', 'Reversed'],
  'kind.expiry': ['过期', 'Expired'],
} as const satisfies Pairs;

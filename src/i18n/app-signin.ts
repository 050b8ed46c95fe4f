/**
 * Sign-in strings of the signed-in pages (/me/, /counter/, /staff/), as [zh-CN, English] pairs
 * (merged into app.ts).
 */
import type { Pairs } from './pairs';

export const signinPairs = {
  'signin.title': ['登录', 'Sign in'],
  'signin.login': ['登录名', 'Login'],
  'signin.password': ['密码', 'Password'],
  'signin.submit': ['登录', 'Sign in'],
  'signin.busy': ['正在登录……', 'Signing in…'],
  'signin.missing': ['请填写登录名和密码。', 'Please enter your login and password.'],
  'signin.expired': ['登录已过期，请重新登录。', 'Your session has ended. Please sign in again.'],
  'signin.out': ['退出登录', 'Sign out'],
  'signin.switch': ['退出并换个账号登录', 'Sign out and use another account'],
  'signin.wrongTitle': ['这个账号不能用在此页', 'This account does not fit this page'],
  'signin.wrong.me': [
    '本机登录的是商户或工作人员账号。查积分请用居民账号登录。',
    'This device is signed in with a merchant or staff account. Sign in as a resident to see points.',
  ],
  'signin.wrong.counter': [
    '本机登录的不是商户账号。柜台兑换请用商户账号登录。',
    'This device is not signed in with a merchant account.',
  ],
  'signin.wrong.staff': [
    '本机登录的不是社区工作人员账号。',
    'This device is not signed in with a community staff account.',
  ],
  'signin.hint.me': [
    '用居民账号登录一次，本机会保持登录 90 天；在公用手机上用完请点“退出登录”。',
    'Sign in once as a resident: this phone stays signed in for 90 days. On a shared phone, sign out when done.',
  ],
  'signin.hint.counter': [
    '用商户账号登录。登录后可扫码或输入兑换码为居民兑换积分。',
    'Sign in with the shop’s merchant account to redeem residents’ points.',
  ],
  'signin.hint.staff': ['社区工作人员登录。', 'Community staff sign-in.'],
  'signin.noPhone': [
    '没有智能手机？请到社区服务站领取纸质积分卡，凭卡号和密码在合伙商户兑换。',
    'No smartphone? Ask the community office for a paper points card and use its number and PIN at partner shops.',
  ],
} as const satisfies Pairs;

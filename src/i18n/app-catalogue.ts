/**
 * What points buy, on /me/: the items the resident can get now, and a service chosen from its
 * public page ("申请此服务"). [zh-CN, English] pairs, merged in app.ts.
 */
import type { Pairs } from './pairs';

export const cataloguePairs = {
  'afford.title': ['现在可兑换', 'You can get now'],
  'afford.intro': [
    '合作商户用积分可换的东西，只列出您现有积分够换的。到店后出示兑换码或积分卡即可。',
    'Items at partner shops that your points cover now. Show your code or points card at the counter.',
  ],
  'afford.points': ['{n} 积分', '{n} points'],
  'afford.shop': ['查看{name}的介绍', 'About {name}'],
  'afford.noneYet': [
    '您的积分还不够兑换任何商品：最便宜的是{shop}的“{item}”，需要 {n} 积分，还差 {short} 积分。',
    'Your points do not cover any item yet: the cheapest is “{item}” at {shop}, {n} points — {short} more to go.',
  ],
  'afford.empty': [
    '合作商户暂时没有上架可兑换的商品。',
    'No partner shop lists items for points at the moment.',
  ],
  'afford.more': [
    '另有 {n} 件需要更多积分，见商户介绍页。',
    '{n} more items need more points: see the shops’ pages.',
  ],
  'req.chosen': [
    '已为您选好“{title}”，填写具体需要后提交即可。',
    '“{title}” is chosen for you: say what you need and send.',
  ],
  'req.notOffered': [
    '您从服务页选择的服务现在不在服务清单上（可能已停止提供），请从下面的清单中另选。',
    'The service you chose on its page is no longer on the menu (it may have been withdrawn). Please pick one from the list below.',
  ],
} as const satisfies Pairs;

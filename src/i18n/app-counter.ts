/**
 * Strings of the merchant counter (/counter/): scanning codes, paper cards, redeeming, shop items
 * and totals. [zh-CN, English] pairs, merged in app.ts.
 */
import type { Pairs } from './pairs';

export const counterPairs = {
  'counter.title': ['商户柜台', 'Shop counter'],
  'counter.intro': [
    '扫居民的兑换码，或输入 6 位数字、积分卡号和密码：先看到居民和余额，再兑换积分。',
    'Scan a resident’s code, or type its 6 digits, or a paper card number and PIN: see who and their balance first, then redeem.',
  ],
  'counter.step1': ['1 · 居民出示兑换码', '1 · The resident’s code'],
  'counter.step2': ['2 · 兑换多少积分', '2 · How many points'],
  'counter.step3': ['3 · 请确认', '3 · Confirm'],
  'counter.scan': ['扫码', 'Scan'],
  'counter.stopScan': ['停止扫码', 'Stop scanning'],
  'counter.scanning': [
    '请把居民手机上的二维码对准镜头。',
    'Hold the QR code on the resident’s phone in front of the camera.',
  ],
  'counter.scanOther': [
    '这不是兑换码或积分卡的二维码，请再扫一次。',
    'That is not a redeem code or card QR. Scan again.',
  ],
  'counter.camera': ['摄像头画面', 'Camera view'],
  'counter.noCamera': [
    '此设备不能用摄像头扫码，请输入 6 位数字。',
    'This device cannot scan with its camera: type the 6 digits.',
  ],
  'counter.balanceOnly': ['只查余额', 'Balance only'],
  'counter.balanceOnlyHint': [
    '居民只想知道余额时用：只查询，不兑换。',
    'When the resident only wants their balance: nothing is redeemed.',
  ],
  'counter.balanceTitle': ['居民的积分余额', 'The resident’s balance'],
  'counter.balanceDone': ['完成', 'Done'],
  'counter.toAmount': ['接着兑换积分', 'Redeem points now'],
  'counter.balance': ['现有积分', 'Balance'],
  'counter.expiry': ['即将到期', 'Expiring'],
  'counter.expiryLine': ['{n} 分将于 {on} 到期', '{n} points expire on {on}'],
  'counter.noExpiry': ['没有即将到期的积分', 'No points due to expire'],
  'counter.looking': ['正在查询……', 'Looking up…'],
  'counter.kept': [
    '已保留刚才填写的 {n} 分，查到居民后可以直接确认。',
    'The {n} points typed earlier are kept: confirm them once the resident is found.',
  ],
  'counter.keptItem': [
    '已保留刚才选的“{item}” × {q}（{n} 分）。',
    'Kept from before: “{item}” × {q} ({n} points).',
  ],
  'counter.quantity': ['数量', 'Quantity'],
  'counter.quantityInvalid': [
    '数量是 1 到 99 的整数。',
    'The quantity is a whole number from 1 to 99.',
  ],
  'counter.itemTotal': ['{item} × {q} = {n} 分', '{item} × {q} = {n} points'],
  'counter.overBalance': [
    '超过了居民的余额：居民现有 {balance} 分，请改小兑换积分。',
    'More than the resident has: the balance is {balance} points. Enter a smaller amount.',
  ],
  'counter.item': ['商品', 'Item'],
  'counter.lineItem': ['{item} × {q}（每件 {n} 分）', '{item} × {q} ({n} points each)'],
  'counter.shop': ['商户', 'Shop'],
  'counter.print': ['打印小票', 'Print receipt'],
  'counter.wait.min': ['{n} 分钟', '{n} min'],
  'counter.wait.hours': ['约 {n} 小时', 'about {n} h'],
  'counter.wait.later': ['稍后', 'a while'],
  'counter.code': ['或输入 6 位兑换码', 'Or type the 6-digit code'],
  'counter.codeHint': [
    '居民手机上二维码下方的 6 位数字。',
    'The 6 digits under the QR code on the resident’s phone.',
  ],
  'counter.codeInvalid': ['兑换码是 6 位数字。', 'The code is 6 digits.'],
  'counter.or': ['居民没有手机？', 'No phone?'],
  'counter.useCard': ['用纸质积分卡', 'Use a paper card'],
  'counter.useCode': ['改用兑换码', 'Use a code instead'],
  'counter.card': ['积分卡号', 'Card number'],
  'counter.cardHint': ['卡正面的卡号，字母 C 开头。', 'On the front of the card, starting with C.'],
  'counter.cardInvalid': [
    '卡号是字母 C 加 4 到 8 位数字。',
    'A card number is C and 4 to 8 digits.',
  ],
  'counter.pin': [
    '积分卡密码（4 位数字，请居民自己输入）',
    'Card PIN (4 digits, typed by the resident)',
  ],
  'counter.pinHint': [
    '连续输错 5 次会锁卡 15 分钟。',
    '5 wrong PINs lock the card for 15 minutes.',
  ],
  'counter.pinInvalid': ['密码是 4 位数字。', 'The PIN is 4 digits.'],
  'counter.byCode': ['兑换码 {code}', 'Code {code}'],
  'counter.byCard': ['积分卡 {card}', 'Card {card}'],
  'counter.change': ['更换', 'Change'],
  'counter.items': ['本店兑换商品', 'This shop’s items'],
  'counter.points': ['兑换积分', 'Points'],
  'counter.pointsInvalid': ['请填写大于 0 的整数。', 'Enter a whole number above 0.'],
  'counter.note': ['备注', 'Note'],
  'counter.toConfirm': ['下一步：确认', 'Next: confirm'],
  'counter.redeemN': ['兑换 {n} 分', 'Redeem {n} points'],
  'counter.confirm': ['确认兑换 {n} 分', 'Confirm: redeem {n} points'],
  'counter.sending': ['正在兑换……', 'Redeeming…'],
  'counter.retrying': [
    '{why} 第 {n} 次重试，{s} 秒后自动再试。不会重复扣分。',
    '{why} Retry {n}, next in {s} s. Points are never taken twice.',
  ],
  'counter.resumed': [
    '上次的兑换还没有得到结果，正在用同一笔单号继续提交，不会重复扣分。',
    'The last redemption had no answer yet: sending it again with the same reference — points are never taken twice.',
  ],
  'counter.edit': ['返回修改', 'Go back and change'],
  'counter.done': ['✓ 兑换成功', '✓ Redeemed'],
  'counter.resident': ['居民', 'Resident'],
  'counter.redeemed': ['兑换', 'Redeemed'],
  'counter.balanceAfter': ['居民剩余积分', 'Resident’s balance now'],
  'counter.time': ['时间', 'Time'],
  'counter.receiptNo': ['单号', 'Reference'],
  'counter.next': ['下一位', 'Next customer'],
  'counter.totals': ['今日与本月', 'Today and this month'],
  'counter.today': ['今日兑换', 'Today'],
  'counter.month': ['本月兑换', 'This month'],
  'counter.count': ['{n} 笔', '{n} redemptions'],
  'counter.reversals': ['冲正 {n} 笔', '{n} reversed'],
  'counter.recent': ['最近的兑换', 'Recent redemptions'],
  'counter.noneYet': ['还没有兑换记录。', 'No redemptions yet.'],
  'counter.items.title': ['管理本店兑换商品', 'Manage your items'],
  'counter.items.name': ['商品名称', 'Item name'],
  'counter.items.points': ['商品所需积分', 'Points price'],
  'counter.items.add': ['添加商品', 'Add item'],
  'counter.items.new': ['添加一件商品', 'Add an item'],
  'counter.items.none': [
    '还没有兑换商品。居民也可以直接按积分兑换。',
    'No items yet. Residents can also redeem plain points.',
  ],
  'counter.items.off': ['暂停兑换', 'Pause'],
  'counter.items.on': ['恢复兑换', 'Offer again'],
  'counter.items.offShort': ['已暂停', 'paused'],
  'counter.items.remove': ['删除', 'Remove'],
  'counter.items.removeAsk': ['确定删除“{name}”？', 'Remove “{name}”?'],
  'counter.items.cancel': ['取消', 'Cancel'],
  'counter.items.editPrice': ['修改积分', 'Change price'],
  'counter.items.newPrice': ['“{name}”的新积分价', 'New points price of “{name}”'],
  'counter.items.save': ['保存', 'Save'],
  'counter.items.priced': ['“{name}”现在是 {n} 分。', '“{name}” now costs {n} points.'],
  'counter.items.removed': ['已删除“{name}”。', 'Removed “{name}”.'],
  'counter.items.added': ['已添加“{name}”。', 'Added “{name}”.'],
  'counter.pub.title': ['本店的公开记录', 'Your public record'],
  'counter.pub.redemptions': ['累计兑换笔数', 'Redemptions'],
  'counter.pub.points': ['累计兑换积分', 'Points redeemed'],
  'counter.pub.services': ['提供的公益服务', 'Free services offered'],
  'counter.pub.donations': ['捐赠次数', 'Donations'],
  'counter.pub.link': ['查看公开页面上的本店记录', 'See your shop on the public page'],

  // what went wrong at the counter, and what to do next
  'counter.err.pin_invalid': [
    '卡号或密码不对：请核对卡号，再请居民自己输入一次密码。',
    'Wrong card number or PIN: check the card number, then ask the resident to type the PIN again.',
  ],
  'counter.err.triesLeft': ['此卡还可以再试 {n} 次。', 'This card has {n} tries left.'],
  'counter.err.card_locked': [
    '这张积分卡因密码连续输错已锁定，请 {wait}后再试；或请居民带身份证到社区服务站重设密码。现在不要再输密码。',
    'This card is locked after too many wrong PINs. Try again in {wait}, or the resident brings ID to the community service station to reset the PIN. Do not type the PIN again now.',
  ],
  'counter.err.too_many_attempts': [
    '本柜台输错兑换码或密码的次数太多，已暂停 {wait}，社区已收到提醒。',
    'This counter typed too many wrong codes or PINs: it is paused for {wait}, and the community has been alerted.',
  ],
  'counter.err.scanStillWorks': [
    '在此期间，扫描居民手机上的二维码仍可以兑换。',
    'Meanwhile, scanning the QR code on the resident’s phone still works.',
  ],
  'counter.err.insufficient_points': [
    '积分不足：居民现有 {balance} 分，请改小兑换积分。',
    'Not enough points: the resident has {balance} points. Enter a smaller amount.',
  ],
  'counter.err.insufficient_unknown': [
    '积分不足：居民的余额不够，请改小兑换积分。',
    'Not enough points: the resident’s balance is lower. Enter a smaller amount.',
  ],
  'counter.err.code_expired': [
    '兑换码已过期：请居民在手机上点“换一个新码”，再扫码或输入新码。',
    'The code has expired: ask the resident to tap “New code” on the phone, then scan or type the new one.',
  ],
  'counter.err.code_used': [
    '这个兑换码已经用过了：请居民在手机上换一个新码。',
    'This code has already been used: ask the resident for a new code on the phone.',
  ],
  'counter.err.code_invalid': [
    '没有这个兑换码：请核对 6 位数字，或改为扫码。',
    'No such code: check the 6 digits, or scan the QR code instead.',
  ],
  'counter.err.item_price_mismatch': [
    '商品的积分价刚刚变了：请重新选择商品。',
    'The item’s price has just changed: pick the item again.',
  ],
  'counter.err.item_invalid': [
    '这件商品已暂停或已删除：请重新选择，或直接填写积分。',
    'That item is paused or removed: pick another, or type the points.',
  ],
  'counter.err.moved_away': [
    '这位居民已迁出，积分账户已停用，不能兑换。',
    'This resident has moved away: the points account is closed, nothing can be redeemed.',
  ],
  'counter.err.merchant_suspended': [
    '本店的积分兑换已被社区暂停：请联系社区服务站了解原因和恢复办法。',
    'The community has paused redemptions at this shop: contact the community service station.',
  ],

  // staff console: counters that used up their guessing budget
  'counterAlerts.title': ['柜台输错次数过多', 'Counters with too many wrong codes or PINs'],
  'counterAlerts.intro': [
    '以下商户柜台在近 7 天内输错兑换码或密码太多次，已被自动暂停。请联系商户核实是否有人在猜码。',
    'These counters typed too many wrong codes or PINs in the last 7 days and were paused automatically. Check with the shop whether someone was guessing.',
  ],
  'counterAlerts.line': ['{shop}：{at} 起暂停至 {until}', '{shop}: paused from {at} until {until}'],
  'counterAlerts.burst': ['10 分钟内输错 {n} 次', '{n} wrong in 10 minutes'],
  'counterAlerts.daily': ['24 小时内输错 {n} 次', '{n} wrong in 24 hours'],

  // camera
  'scan.denied': [
    '没有摄像头权限。请在浏览器设置里允许使用摄像头，或直接输入 6 位数字。',
    'No camera permission. Allow the camera in the browser settings, or type the 6 digits.',
  ],
  'scan.noCamera': ['没有找到摄像头，请输入 6 位数字。', 'No camera found: type the 6 digits.'],
  'scan.failed': [
    '摄像头没能启动，请输入 6 位数字。',
    'The camera did not start: type the 6 digits.',
  ],
} as const satisfies Pairs;

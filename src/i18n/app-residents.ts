/**
 * A resident's life at the staff desk (console, residents panel): correcting their record, their
 * statement and expiry schedule, moving away, a temporary password, and acting for a resident who
 * has only a paper card. [zh-CN, English] pairs, merged in app.ts.
 */
import type { Pairs } from './pairs';

export const residentLifePairs = {
  'life.status': ['状态', 'Status'],
  'life.living': ['在册', 'Registered'],
  'life.movedAway': ['已迁出（{date}）', 'Moved away ({date})'],
  'life.movedBadge': ['已迁出', 'moved away'],
  'life.mustChange': ['临时密码，待居民修改', 'temporary password, to be changed'],
  'life.members': ['同住户', 'Same household'],

  'life.edit': ['修改资料', 'Edit details'],
  'life.editHint': [
    '只改需要改的项。换了住址会并入该地址的住户（没有则新建）。',
    'Change only what needs changing. A new address joins the household there (or starts one).',
  ],
  'life.phoneHint': [
    '11 位手机号；清空则删除手机号。',
    '11-digit mobile number; empty removes it.',
  ],
  'life.save': ['保存修改', 'Save changes'],
  'life.saved': ['已保存。', 'Saved.'],
  'life.noChange': ['没有改动。', 'Nothing changed.'],
  'life.phoneInvalid': [
    '手机号须为 11 位数字，以 1 开头。',
    'A mobile number is 11 digits starting with 1.',
  ],

  'life.statement': ['积分明细', 'Statement'],
  'life.balanceNow': ['当前积分：{n}', 'Balance: {n}'],
  'life.expiring': ['到期安排', 'Expiry schedule'],
  'life.expiringLine': [
    '{date} 到期 {n} 分（到期前未用完的部分）',
    '{n} points lapse on {date} if not spent first',
  ],
  'life.noExpiry': ['暂无将要到期的积分。', 'No points due to lapse.'],
  'life.col.date': ['日期', 'Date'],
  'life.col.kind': ['类型', 'Kind'],
  'life.col.points': ['积分', 'Points'],
  'life.col.after': ['余额', 'Balance'],
  'life.col.memo': ['说明', 'Note'],
  'life.noEntries': ['还没有积分记录。', 'No entries yet.'],

  'life.move': ['登记迁出', 'Record moving away'],
  'life.moveHint': [
    '居民搬离社区时登记：积分一次性转出，积分卡、兑换码和登录停用；记录全部保留，仍可查到。',
    'When a resident leaves: their points are passed on at once, their card, codes and sign-in stop; every record is kept and they can still be found.',
  ],
  'life.moveTo': ['积分转给', 'Points go to'],
  'life.pool': ['社区积分池', 'the community pool'],
  'life.member': ['家庭成员 {name}', 'household member {name}'],
  'life.noMembers': [
    '同一住址没有其他在册居民，积分只能转入社区积分池。',
    'Nobody else lives at this address, so the points can go only to the community pool.',
  ],
  'life.reason': ['迁出原因', 'Reason'],
  'life.reasonHint': [
    '例如：搬到外地、入住养老院。',
    'E.g. moved to another city, moved into a care home.',
  ],
  'life.moveNext': ['下一步：确认', 'Next: confirm'],
  'life.moveConfirmText': [
    '请确认：{name} 的 {n} 积分将一次性转给{to}；积分卡、兑换码和登录将停用。登记后不能撤销。',
    'Please confirm: {name}’s {n} points go to {to} in one entry; the card, codes and sign-in stop. This cannot be undone.',
  ],
  'life.moveConfirm': ['确认迁出', 'Confirm moving away'],
  'life.moved': ['已登记迁出：{n} 积分已转给{to}。', 'Recorded: {n} points went to {to}.'],

  'life.pwd': ['重设登录密码', 'Reset the sign-in password'],
  'life.pwdHint': [
    '生成一个临时密码，居民下次登录时须改成自己的密码；已登录的设备会退出。',
    'Makes a temporary password the resident must change at the next sign-in; signed-in devices are signed out.',
  ],
  'life.pwdGo': ['生成临时密码', 'Make a temporary password'],
  'life.pwdDone': [
    '登录名 {login} 的临时密码，只显示这一次，请抄给居民：',
    'Temporary password for login {login}, shown only this once — write it down for the resident:',
  ],

  'life.behalf': ['代居民办理', 'On the resident’s behalf'],
  'life.behalfHint': [
    '为只有纸质积分卡的居民代办；每一笔都记录为您代办。',
    'For a resident with only a paper card; each one is recorded as done by you for them.',
  ],
  'life.gift': ['代转赠积分', 'Give points for them'],
  'life.giftTo': ['转给邻居', 'To neighbour'],
  'life.giftPoints': ['积分', 'Points'],
  'life.giftPointsInvalid': [
    '请填 1 到当前余额之间的整数。',
    'Enter a whole number from 1 up to the balance.',
  ],
  'life.giftReason': ['附言', 'Note'],
  'life.giftGo': ['代为转赠', 'Give'],
  'life.giftDone': [
    '已代转给 {to} {n} 分，余额 {balance} 分。',
    'Gave {n} points to {to}; balance now {balance}.',
  ],
  'life.pickNeighbour': [
    '请先从建议中选择一位邻居。',
    'Pick a neighbour from the suggestions first.',
  ],
  'life.signup': ['代报名活动', 'Sign up for an activity'],
  'life.activity': ['活动', 'Activity'],
  'life.activityLine': ['{date} {title}（{place}）', '{date} {title} ({place})'],
  'life.noActivities': ['近期没有可报名的活动。', 'No upcoming activities to sign up for.'],
  'life.signupGo': ['代为报名', 'Sign up'],
  'life.signupDone': [
    '已为 {name} 报名「{title}」（{date}）。',
    'Signed {name} up for “{title}” ({date}).',
  ],
  'life.signupAlready': [
    '{name} 已经报名过「{title}」。',
    '{name} was already signed up for “{title}”.',
  ],
  'life.request': ['代申请服务', 'Ask for a service'],
  'life.service': ['服务', 'Service'],
  'life.noServices': [
    '服务清单里还没有已发布的服务。',
    'The service menu has no published services yet.',
  ],
  'life.note': ['具体需要', 'What they need'],
  'life.requestGo': ['代为申请', 'Send request'],
  'life.requestDone': [
    '已代为申请「{title}」，可在“服务申请”中跟进。',
    'Requested “{title}”; follow it under Requests.',
  ],
  'life.pickFirst': ['请先选择一项。', 'Please choose one first.'],

  'err.moved_away': [
    '该居民已迁出，积分账户已停用。',
    'This resident has moved away; their points account is closed.',
  ],
} as const satisfies Pairs;

/**
 * Strings of accounts and merchants on the signed-in pages: changing one's password (every page),
 * the console's accounts panel (admins) and merchants panel (staff), and the counter's own shop
 * profile. [zh-CN, English] pairs, merged into app.ts.
 */
import type { Pairs } from './pairs';

export const accountPairs = {
  // one's own password
  'password.change': ['修改密码', 'Change password'],
  'password.forcedTitle': ['请先设置您自己的密码', 'First, choose your own password'],
  'password.forcedHint': [
    '您用的是管理员给的临时密码。设置一个只有您知道的新密码后，才能继续使用。',
    'You signed in with a temporary password from an administrator. Choose a new one only you know to go on.',
  ],
  'password.temporary': ['临时密码', 'Temporary password'],
  'password.current': ['当前密码', 'Current password'],
  'password.new': ['新密码', 'New password'],
  'password.rule': [
    '至少 8 位，不要全是同一个字符。',
    'At least 8 characters, not all the same one.',
  ],
  'password.repeat': ['再输入一次新密码', 'New password again'],
  'password.submit': ['保存新密码', 'Save the new password'],
  'password.missing': ['请把三项都填上。', 'Please fill in all three.'],
  'password.short': ['新密码至少要 {n} 位。', 'The new password needs at least {n} characters.'],
  'password.mismatch': [
    '两次输入的新密码不一样，请再输一次。',
    'The two new passwords differ. Please type them again.',
  ],
  'password.same': [
    '新密码不能和当前密码一样。',
    'The new password must differ from the current one.',
  ],
  'password.wrongCurrent': [
    '当前密码不对，请再试一次。',
    'The current password is wrong. Please try again.',
  ],
  'password.done': [
    '密码已修改。其他设备上的登录已退出。',
    'Password changed. Other devices have been signed out.',
  ],

  // API errors
  'err.merchant_suspended': [
    '本店的积分兑换已被社区暂停，暂时不能兑换。请联系社区服务站了解原因和恢复办法。',
    'The community has paused points redemption at this shop. Please contact the community service station.',
  ],
  'err.last_admin': [
    '这是唯一一个启用中的管理员，不能停用。请先另建一个管理员账号。',
    'This is the only enabled administrator. Create another administrator first.',
  ],
  'err.own_account': [
    '不能对自己的账号这样操作，请另一位管理员来做。',
    'You cannot do this to your own account; ask another administrator.',
  ],
  'err.login_taken': [
    '这个登录名已经有人用了，请换一个。',
    'That login is taken. Please choose another.',
  ],
  'err.account_disabled': [
    '这个账号已停用，请联系社区管理员。',
    'This account is disabled. Please contact the community administrator.',
  ],
  'err.password_change_required': [
    '请先修改临时密码。',
    'Please change the temporary password first.',
  ],

  // roles and statuses in words
  'role.staff': ['工作人员', 'Staff'],
  'role.accountant': ['会计（第二签名人）', 'Accountant (second signer)'],
  'role.admin': ['管理员', 'Administrator'],
  'role.merchant': ['合伙商户', 'Partner merchant'],
  'role.resident': ['居民', 'Resident'],
  'status.active': ['启用中', 'Active'],
  'status.disabled': ['已停用', 'Disabled'],

  // console: accounts (admins)
  'staff.tab.accounts': ['账号管理', 'Accounts'],
  'acc.list': ['账号', 'Accounts'],
  'acc.filterRole': ['角色', 'Role'],
  'acc.allRoles': ['全部角色', 'All roles'],
  'acc.search': ['查找', 'Search'],
  'acc.searchHint': [
    '登录名、姓名或店名的一部分。',
    'Part of the login, the name or the shop’s name.',
  ],
  'acc.name': ['姓名 / 称呼', 'Name'],
  'acc.role': ['角色', 'Role'],
  'acc.status': ['状态', 'Status'],
  'acc.lastSignIn': ['上次登录', 'Last sign-in'],
  'acc.never': ['从未登录', 'Never'],
  'acc.mustChange': ['待改临时密码', 'Temporary password not yet changed'],
  'acc.actions': ['操作', 'Actions'],
  'acc.none': ['没有符合的账号。', 'No account matches.'],
  'acc.create': ['新建账号', 'New account'],
  'acc.createHint': [
    '居民由工作人员在“居民”中登记，不在这里建。',
    'Residents are registered by staff under “Residents”, not here.',
  ],
  'acc.login': ['登录名', 'Login'],
  'acc.loginHint': [
    '3–32 位小写字母、数字、_ . -，建好后不能改。',
    '3–32 lowercase letters, digits, _ . -; it cannot change later.',
  ],
  'acc.password': ['初始密码', 'First password'],
  'acc.passwordHint': [
    '至少 8 位。请当面告诉本人。',
    'At least 8 characters. Tell the person in person.',
  ],
  'acc.mustChangeBox': [
    '首次登录时要求本人改密码',
    'Ask the person to choose a new password at the first sign-in',
  ],
  'acc.shop': ['店铺资料（公开）', 'Shop profile (public)'],
  'acc.created': ['已建账号 {login}（{role}）。', 'Created {login} ({role}).'],
  'acc.rename': ['改名', 'Rename'],
  'acc.newName': ['新的姓名 / 称呼', 'New name'],
  'acc.renamed': ['已改名为 {name}。', 'Renamed to {name}.'],
  'acc.disable': ['停用', 'Disable'],
  'acc.enable': ['启用', 'Enable'],
  'acc.disableAsk': [
    '停用 {name}（{login}）？停用后此账号立即退出所有设备，不能再登录；记录都会保留。',
    'Disable {name} ({login})? The account is signed out everywhere at once and cannot sign in; its records stay.',
  ],
  'acc.disableYes': ['确认停用', 'Yes, disable'],
  'acc.disabled': [
    '{name} 已停用，所有登录已退出。',
    '{name} is disabled and signed out everywhere.',
  ],
  'acc.enabled': ['{name} 已启用，可以重新登录。', '{name} is enabled and may sign in again.'],
  'acc.reset': ['重设密码', 'Reset password'],
  'acc.resetAsk': [
    '为 {name}（{login}）生成临时密码？原密码立即失效，此账号退出所有设备，下次登录须改成自己的密码。',
    'Make a temporary password for {name} ({login})? The old one stops working, the account is signed out everywhere and must choose its own password at the next sign-in.',
  ],
  'acc.resetYes': ['确认重设', 'Yes, reset'],
  'acc.temporary': [
    '{name} 的临时密码（只显示这一次，请抄下交给本人）：',
    'Temporary password for {name} (shown only this once; write it down for the person):',
  ],

  // console: merchants (staff)
  'staff.tab.merchants': ['合伙商户', 'Merchants'],
  'mer.list': ['一刻钟合伙人', 'Fifteen-minute partners'],
  'mer.shopName': ['店名', 'Shop name'],
  'mer.category': ['行业', 'Trade'],
  'mer.address': ['店铺地址', 'Shop address'],
  'mer.hours': ['营业时间', 'Opening hours'],
  'mer.hoursHint': ['例如“每天 8:00–20:00”。', 'E.g. “Daily 8:00–20:00”.'],
  'mer.offer': ['为居民提供什么（公益承诺）', 'What it offers residents (its pledge)'],
  'mer.status': ['状态', 'Status'],
  'mer.active': ['正常兑换', 'Redeeming'],
  'mer.paused': ['已暂停兑换', 'Redemptions paused'],
  'mer.suspended': ['已暂停：{reason}', 'Paused: {reason}'],
  'mer.accountDisabled': ['账号已停用', 'Account disabled'],
  'mer.none': [
    '还没有合伙商户。管理员可在“账号管理”中新建。',
    'No partner merchants yet. An administrator can add them under “Accounts”.',
  ],
  'mer.edit': ['编辑资料', 'Edit profile'],
  'mer.saved': ['已保存；公开页面随后更新。', 'Saved; the public page follows shortly.'],
  'mer.suspend': ['暂停兑换', 'Pause redemptions'],
  'mer.reason': [
    '暂停原因（只给工作人员看，公开页面只写“暂停”）',
    'Why (staff only; the public page just says paused)',
  ],
  'mer.suspendYes': ['确认暂停', 'Yes, pause'],
  'mer.suspendedDone': ['{shop} 已暂停兑换。', 'Redemptions at {shop} are paused.'],
  'mer.reinstate': ['恢复兑换', 'Resume redemptions'],
  'mer.reinstated': ['{shop} 已恢复兑换。', 'Redemptions at {shop} are back on.'],

  // the counter's own shop profile
  'counter.profile.edit': ['修改本店公开资料', 'Edit the shop’s public profile'],
  'counter.profile.suspended': [
    '社区已暂停本店的积分兑换，暂时不能为居民兑换。请联系社区服务站。',
    'The community has paused points redemption at this shop. Please contact the community service station.',
  ],
  'counter.profile.hours': ['营业时间：{hours}', 'Opening hours: {hours}'],
} as const satisfies Pairs;

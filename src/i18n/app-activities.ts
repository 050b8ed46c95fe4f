/**
 * Volunteer activity strings: sign-up on /me/, also reused by the staff console. [zh-CN, English]
 * pairs, merged in app.ts.
 */
import type { Pairs } from './pairs';

export const activityPairs = {
  'act.title': ['志愿活动', 'Volunteer activities'],
  'act.upcoming': ['可以报名的活动', 'Open for sign-up'],
  'act.mine': ['我参加的活动', 'My activities'],
  'act.none': ['近期没有可报名的活动。', 'No activities to sign up for right now.'],
  'act.mineNone': ['还没有参加过活动。', 'You have not joined an activity yet.'],
  'act.ninth': ['每月 9 日志愿服务日', 'Volunteer day (the 9th)'],
  'act.when': ['时间', 'When'],
  'act.where': ['地点', 'Where'],
  'act.what': ['类型', 'Type'],
  'act.reward': ['时长与积分', 'Hours and points'],
  'act.signupsN': ['已报名 {n} 人', '{n} signed up'],
  'act.more': ['更多活动', 'More activities'],
  'act.hours': ['{n} 小时', '{n} h'],
  'act.points': ['约 {n} 分', 'about {n} points'],
  'act.signup': ['报名', 'Sign up'],
  'act.cancel': ['取消报名', 'Cancel sign-up'],
  'act.checkedIn': ['已签到', 'Checked in'],
  'act.youreIn': ['您已报名。', 'You are signed up.'],
  'act.signedUp': [
    '已报名“{title}”。当天到场签到后才有积分。',
    'Signed up for “{title}”. Points come after you check in on the day.',
  ],
  'act.cancelled': ['已取消“{title}”的报名。', 'Cancelled your sign-up for “{title}”.'],
  'act.status.signed_up': ['已报名', 'Signed up'],
  'act.status.missed': ['未到场', 'Did not attend'],
  'act.status.checked_in': ['已签到，待发积分', 'Checked in, points to come'],
  'act.status.awarded': ['积分已发放', 'Points awarded'],
  'act.status.reversed': ['积分已冲正', 'Points reversed'],
} as const satisfies Pairs;

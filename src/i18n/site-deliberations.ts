/**
 * Public-site strings of deliberations: meetings, votes, resolutions and follow-ups.
 * [zh-CN, English] pairs, merged in site.ts.
 */
import type { Pairs } from './pairs';

export const deliberationsSitePairs = {
  'delibs.title': ['议事协商', 'Deliberations'],
  'delibs.intro': [
    '居民议事会、楼栋议事会、家物会、居民论坛的会议记录：谁参加、议了什么、怎么投票、决定了什么，以及落实到哪一步。民有所呼，我有所应。',
    "Records of the residents' councils, building councils, joint property councils and forums: who attended, what was discussed, how people voted, what was decided, and how far it has got.",
  ],
  'delibs.body': ['议事机构', 'Body'],
  'delibs.year': ['年份', 'Year'],
  'delibs.status': ['落实状态', 'Follow-up status'],
  'delib.when': ['时间', 'Date'],
  'delib.place': ['地点', 'Place'],
  'delib.chair': ['主持人', 'Chair'],
  'delib.building': ['楼栋', 'Building'],
  'delib.attendance': ['出席情况', 'Attendance'],
  'delib.attendanceText': [
    '应到 {expected} 人，实到 {present} 人，法定人数 {quorum} 人。',
    '{expected} expected, {present} present; quorum {quorum}.',
  ],
  'delib.quorate': ['达到法定人数', 'Quorum reached'],
  'delib.notQuorate': ['未达到法定人数', 'Quorum not reached'],
  'delib.present': ['实到', 'Present'],
  'delib.quorumMark': ['法定人数', 'Quorum'],
  'delib.summary': ['会议概要', 'Summary'],
  'delib.agenda': ['议题与表决', 'Agenda and votes'],
  'delib.item': ['议题 {n}', 'Item {n}'],
  'delib.decision': ['表决结果', 'Decision'],
  'delib.noVote': ['本议题未付诸表决。', 'This item was not put to a vote.'],
  'delib.votesChart': ['议题 {n} 表决票数', 'Votes on item {n}'],
  'vote.option': ['选项', 'Option'],
  'vote.votes': ['票数', 'Votes'],
  'vote.share': ['占比', 'Share'],
  'vote.total': ['合计', 'Total'],
  'delib.resolution': ['决议', 'Resolution'],
  'delib.followups': ['落实情况', 'Follow-up'],
  'delib.followupsSummary': ['共 {total} 项，已完成 {done} 项。', '{done} of {total} items done.'],
  'delib.noFollowups': [
    '本次会议没有需要落实的事项。',
    'Nothing from this meeting needed follow-up.',
  ],
  'followup.responsible': ['责任单位', 'Responsible'],
  'followup.due': ['完成时限', 'Due'],
  'followup.progress': ['进度', 'Progress'],
  'followup.timeline': ['进展记录', 'Updates'],
  'followup.noUpdates': ['尚无进展记录。', 'No updates yet.'],
  'followup.overdue': ['已超过完成时限', 'Past its due date'],
  'delib.links': ['相关记录', 'Related records'],
  'delib.services': ['因本次议事设立的服务', 'Services set up by this meeting'],
  'delib.expenses': ['本次议事批准的支出', 'Spending approved by this meeting'],
  'delib.notice': ['打印公示版', 'Printable notice'],
  'delib.back': ['返回议事列表', 'Back to deliberations'],
  'delib.cardFollowups': ['落实：已完成 {done} / {total} 项', 'Follow-up: {done} of {total} done'],
} as const satisfies Pairs;

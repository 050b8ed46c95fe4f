// The deliberations collection (议事协商): /data/deliberations.json and .csv.
import type { PublicData } from '../../../functions/domain/publishing';
import type { Collection } from './model';
import { absolute, bool, date, idField, int, list, published, status, str, urlField } from './fields';

type Deliberation = PublicData['deliberations'][number];

export const deliberations: Collection<Deliberation> = {
  name: 'deliberations',
  title: { zh: '议事协商', en: 'Deliberations' },
  description: { zh: '居民议事会、楼栋议事会、家物会、居民论坛等的会议记录：议题、表决、决议和跟进。', en: 'Meetings of the residents’ councils, building councils, joint property councils and forums: agenda, votes, resolution and follow-up.' },
  rows: (d) => d.deliberations,
  fields: [
    idField('议事', 'deliberation'),
    urlField('会议记录详情页。', 'The meeting record’s page.', (d) => d.url),
    str('noticeUrl', '公示页地址', 'Notice URL', '可打印张贴在公示栏的公示页。', 'The printable notice for the bulletin board.', (d, c) => absolute(d.noticeUrl, c.site), { required: true, url: true }),
    str('body', '议事机构', 'Body', '召开会议的议事机构。', 'The body that met.', (d) => d.body, { enumOf: 'body', required: true }),
    str('title', '议题', 'Title', '会议主题。', 'Subject of the meeting.', (d) => d.title, { required: true }),
    date('date', '日期', 'Date', '会议日期。', 'Meeting date.', (d) => d.date, { required: true }),
    str('place', '地点', 'Place', '会议地点。', 'Where it met.', (d) => d.place, { required: true }),
    str('chair', '主持', 'Chair', '主持人（职务或机构）。', 'Who chaired (office or body).', (d) => d.chair, { required: true }),
    str('building', '楼栋', 'Building', '楼栋议事会所在楼栋；其他为空。', 'For a building council: the building; otherwise empty.', (d) => d.building),
    int('expected', '应到人数', 'Expected', '应到人数。', 'Members expected.', (d) => d.expected, { unit: 'people', required: true, minimum: 0 }),
    int('present', '实到人数', 'Present', '实到人数。', 'Members present.', (d) => d.present, { unit: 'people', required: true, minimum: 0 }),
    int('quorum', '法定人数', 'Quorum', '会议有效所需人数。', 'Members needed for a valid meeting.', (d) => d.quorum, { unit: 'people', required: true, minimum: 0 }),
    bool('quorate', '达到法定人数', 'Quorate', '实到人数是否达到法定人数。', 'Whether those present reached the quorum.', (d) => d.quorate, { required: true }),
    str('summary', '会议摘要', 'Summary', '会议经过摘要。', 'Summary of the meeting.', (d) => d.summary, { required: true }),
    str('resolution', '决议', 'Resolution', '会议形成的决议。', 'What was resolved.', (d) => d.resolution, { required: true }),
    list('agendaItems', '议程', 'Agenda', '按顺序排列的议程标题。', 'Agenda item titles, in order.', (d) => d.agenda.map((a) => a.title), { itemType: 'string' }),
    list('decisions', '各项决定', 'Decisions', '每个议程的决定，与 agendaItems 一一对应。', 'The decision on each agenda item, aligned with agendaItems.', (d) => d.agenda.map((a) => a.decision), { itemType: 'string' }),
    list('followupIds', '跟进事项编号', 'Follow-up ids', '会后跟进事项（见 followups）。', 'Follow-up items (see followups).', (d) => d.followups.map((x) => x.id), { itemType: 'integer' }),
    list('servicesCreatedIds', '设立的服务编号', 'Services created', '这次会议决定设立的服务（见 services）。', 'Services this meeting created (see services).', (d) => d.servicesCreated.map((s) => s.id), { itemType: 'integer' }),
    list('expensesApprovedIds', '批准的支出编号', 'Expenses approved', '这次会议批准的基金支出（见 expenses）。', 'Fund expenses this meeting approved (see expenses).', (d) => d.expensesApproved.map((e) => e.id), { itemType: 'integer' }),
    status<Deliberation>(),
    published<Deliberation>(),
  ],
};

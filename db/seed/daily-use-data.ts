// biome-ignore-all format: seed data, one row per line, to be read down like a table
/** The demo's daily-use data: what partner shops offer, and the lives of sample service requests. */
import type { ServiceRequestParty, ServiceRequestStatus } from '../schema';

/** What partner shops give for points, by shop category; the rest get the generic list. */
export const ITEMS: Record<string, Array<[string, number, string?]>> = {
  眼镜: [['眼镜清洗保养', 10], ['眼镜鼻托更换', 20], ['老花镜一副', 120, '限 60 岁以上老人']],
  餐饮: [['早餐套餐（豆浆油条）', 15], ['炒粉一份', 25], ['饺子一斤', 40]],
  超市: [['东北大米 5 斤', 60, '每人每月限 1 袋'], ['花生油 1 升', 45], ['洗衣液 2 千克', 35], ['挂面 1 千克', 15]],
  水果: [['时令水果 1 斤', 12], ['水果拼盘', 30]],
  生鲜: [['新鲜蔬菜 2 斤', 10], ['土鸡蛋 10 个', 25]],
  理发: [['男士理发', 20], ['老人洗剪吹', 25]],
  药店: [['口罩一盒', 15], ['血压计电池', 8], ['创可贴一盒', 6]],
  洗衣: [['羽绒服干洗', 50], ['床单被套清洗', 30]],
  维修: [['小家电检修', 20], ['更换插座面板', 15]],
  文具: [['作业本 10 本', 12], ['文具套装', 30]],
};
export const GENERIC: Array<[string, number, string?]> = [['积分抵扣 10 元', 100], ['小礼品一份', 20]];

/** One request's life: the states it went through, and who acted on each. */
export type Step = { event: ServiceRequestStatus | 'rated'; party: ServiceRequestParty; org: 'provider' | null; note: string; after: number };

export const RESIDENT_PLANS: Array<{ status: ServiceRequestStatus; steps: Step[]; rating?: [number, string] }> = [
  { status: 'submitted', steps: [] },
  { status: 'submitted', steps: [] },
  { status: 'submitted', steps: [] },
  { status: 'dispatched', steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '请三日内联系居民', after: 20 }] },
  { status: 'dispatched', steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '已电话告知服务方', after: 6 }] },
  { status: 'dispatched', steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '', after: 30 }] },
  { status: 'accepted', steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '', after: 4 }, { event: 'accepted', party: 'provider', org: 'provider', note: '已约好周六上午上门', after: 22 }] },
  { status: 'accepted', steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '', after: 18 }, { event: 'accepted', party: 'provider', org: 'provider', note: '安排志愿者对接', after: 5 }] },
  {
    status: 'done',
    steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '', after: 3 }, { event: 'accepted', party: 'provider', org: 'provider', note: '', after: 20 }, { event: 'done', party: 'provider', org: 'provider', note: '已上门服务', after: 50 }, { event: 'rated', party: 'resident', org: 'provider', note: '5 星：服务很周到', after: 30 }],
    rating: [5, '服务很周到'],
  },
  {
    status: 'done',
    steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '', after: 8 }, { event: 'accepted', party: 'provider', org: 'provider', note: '', after: 8 }, { event: 'done', party: 'provider', org: 'provider', note: '已完成', after: 72 }, { event: 'rated', party: 'resident', org: 'provider', note: '4 星：来得有点晚', after: 10 }],
    rating: [4, '来得有点晚'],
  },
  { status: 'done', steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '', after: 2 }, { event: 'accepted', party: 'provider', org: 'provider', note: '', after: 3 }, { event: 'done', party: 'provider', org: 'provider', note: '已办结，待居民评价', after: 26 }] },
  { status: 'cancelled', steps: [{ event: 'cancelled', party: 'resident', org: null, note: '家人已经安排好了', after: 5 }] },
  { status: 'cancelled', steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '', after: 4 }, { event: 'accepted', party: 'provider', org: 'provider', note: '', after: 6 }, { event: 'cancelled', party: 'staff', org: null, note: '居民住院，服务暂停', after: 30 }] },
  { status: 'declined', steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '', after: 10 }, { event: 'declined', party: 'provider', org: 'provider', note: '本月名额已满，下月优先安排', after: 16 }] },
];

export const BUILDING_ISSUES: Array<{ title: string; detail: string; status: ServiceRequestStatus; steps: Step[] }> = [
  { title: '楼道声控灯不亮', detail: '2 单元 3–6 楼声控灯坏了，老人晚上上下楼不安全。', status: 'submitted', steps: [] },
  { title: '单元门禁失灵', detail: '1 单元门禁刷卡无反应，门一直开着。', status: 'dispatched', steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '请物业两日内修复', after: 5 }] },
  { title: '屋顶漏水', detail: '顶楼 702 室雨天漏水，怀疑屋面防水层老化。', status: 'accepted', steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '', after: 3 }, { event: 'accepted', party: 'provider', org: 'provider', note: '物业已接单，雨停后勘查', after: 20 }] },
  { title: '楼道堆物清理', detail: '楼梯间堆放旧家具和纸箱，堵塞消防通道。', status: 'done', steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '', after: 2 }, { event: 'accepted', party: 'provider', org: 'provider', note: '', after: 4 }, { event: 'done', party: 'provider', org: 'provider', note: '已清理并张贴告示', after: 48 }] },
  { title: '飞线充电整治', detail: '多户从窗口拉电线给电动车充电，存在火灾隐患。', status: 'done', steps: [{ event: 'dispatched', party: 'residents_committee', org: 'provider', note: '', after: 6 }, { event: 'accepted', party: 'provider', org: 'provider', note: '', after: 10 }, { event: 'done', party: 'provider', org: 'provider', note: '已拆除飞线 12 处，引导至集中充电棚', after: 96 }] },
  { title: '化粪池外溢', detail: '楼后化粪池外溢，气味很大。', status: 'cancelled', steps: [{ event: 'cancelled', party: 'owners_committee', org: null, note: '已由市政部门处理，撤回工单', after: 8 }] },
];

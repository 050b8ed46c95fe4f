// biome-ignore-all format: seed data, one record per line, to be read down like a table
/**
 * The demo community's public records, part 4: 慈善资源 and 社区微基金 — funds, the donors and
 * payees, and the hand-written flows of a year (recurring flows are generated in records.ts).
 * Amounts are in yuan here (converted to fen when seeded). Beneficiaries are counts, never names;
 * individual donors' names are generated into `donorName` only (staff-only).
 */
export type FundKey = 'micro' | 'lift' | 'reno';
type Line = 'service_subsidy' | 'infrastructure' | 'activities' | 'emergency_aid' | 'operations';
type DonorType = 'government' | 'merchant' | 'enterprise' | 'individual';

export const FUNDS: Array<{ key: FundKey; code: string; name: string; kind: 'micro_fund' | 'project'; description: string; createdDaysAgo: number }> = [
  {
    key: 'micro',
    code: 'micro-fund',
    name: '幸福里社区微基金',
    kind: 'micro_fund',
    description: '接收爱心捐赠、社会企业运营收益和项目资助，用于社区公益服务补贴、活动、小型设施和临时救助，形成“运营—反哺—提升服务”的循环。年度预算和决算由居民代表大会审议，收支逐笔公示。',
    createdDaysAgo: 365,
  },
  {
    key: 'lift',
    code: 'lift-heping-3-2',
    name: '和平小区 3 栋 2 单元加装电梯项目',
    kind: 'project',
    description: '经楼栋议事会表决设立：归集业主分摊款、财政补贴和定向慈善捐赠，支付设计、管线迁改、土建和电梯设备款；2 户特困老人的分摊款由慈善资源解决。收支按月公示。',
    createdDaysAgo: 329,
  },
  {
    key: 'reno',
    code: 'renovation',
    name: '老旧小区微改造项目',
    kind: 'project',
    description: '街道老旧小区微改造专项资金和驻区企业捐赠，按居民代表大会确定的“安全类项目优先”安排：充电棚、楼道照明、路灯、投放点洗手池、楼道扶手等。',
    createdDaysAgo: 296,
  },
];

export interface DonationSpec {
  fund: FundKey;
  daysAgo: number;
  donorType: DonorType;
  donor: string;
  /** Organisation key (records-data.ts) or `m:<shop>` for a partner merchant. */
  org?: string;
  yuan: number;
  inKind?: { item: string; quantity: string; outcome: string };
  /** Outcome entries told after publishing: days after the gift, what happened. */
  later?: Array<[number, string]>;
  anonymous?: boolean;
  note?: string;
  tag?: string;
}

export interface IncomeSpec {
  fund: FundKey;
  daysAgo: number;
  source: string;
  kind: 'enterprise' | 'grant' | 'interest' | 'other';
  yuan: number;
  tag?: string;
}

export interface ExpenseSpec {
  fund: FundKey;
  daysAgo: number;
  line: Line;
  description: string;
  payee: string;
  beneficiaries?: string;
  yuan: number;
  deliberation?: string;
  /** The scan's kind; without one and without `noReceipt`, a PNG or PDF is made up by turns. */
  receipt?: 'png' | 'pdf';
  /** Why there is no receipt scan (published in its place). */
  noReceipt?: string;
  draft?: boolean;
  tag?: string;
}

const gift = (item: string, quantity: string, outcome: string) => ({ item, quantity, outcome });

export const DONATIONS: DonationSpec[] = [
  // Government-led projects (政府主导项目)
  { fund: 'micro', daysAgo: 30, donorType: 'government', donor: '区民政局', yuan: 6750, inKind: gift('春节慰问品（大米、食用油）', '45 份', '春节前慰问低保户和特困人员 45 户') },
  { fund: 'micro', daysAgo: 58, donorType: 'government', donor: '幸福路街道办事处', yuan: 4000, inKind: gift('家用灭火器', '40 具', '配发到 10 个小区的微型消防站') },
  { fund: 'micro', daysAgo: 210, donorType: 'government', donor: '区残疾人联合会', yuan: 7400, inKind: gift('轮椅、助行器', '轮椅 6 辆、助行器 10 副', '存放社区康复室免费借用'), later: [[12, '登记入库，在社区康复室开放免费借用'], [150, '已借出 9 件次，其中 2 辆轮椅长期借给独居老人']] },
  { fund: 'lift', daysAgo: 250, donorType: 'government', donor: '区慈善总会', yuan: 20000, note: '定向资助 2 户特困老人的电梯分摊款' },
  { fund: 'micro', daysAgo: 180, donorType: 'government', donor: '区图书馆', yuan: 15000, inKind: gift('图书', '1,000 册', '社区图书阅览室挂牌区图书馆分馆，可通借通还') },
  // Community–enterprise cooperation (社企合作)
  { fund: 'micro', daysAgo: 320, donorType: 'enterprise', donor: '邕州农商银行幸福路支行', yuan: 10000, note: '社企共建，支持社区微基金' },
  { fund: 'reno', daysAgo: 180, donorType: 'enterprise', donor: '邕州农商银行幸福路支行', yuan: 20000, note: '定向用于老旧小区微改造' },
  { fund: 'micro', daysAgo: 28, donorType: 'enterprise', donor: '惠民超市连锁有限公司', yuan: 9000, inKind: gift('大米 10 公斤、花生油 5 升', '60 份', '春节前发放给低保户、独居老人和困难家庭 60 户') },
  { fund: 'micro', daysAgo: 52, donorType: 'enterprise', donor: '惠民超市连锁有限公司', yuan: 4500, inKind: gift('棉被', '30 床', '“暖冬”行动发放给困难家庭和独居老人'), later: [[5, '已发放给 14 户困难家庭'], [9, '已发放给 16 位独居老人，30 床全部发完']] },
  { fund: 'micro', daysAgo: 212, donorType: 'enterprise', donor: '幸福路供电所', yuan: 3000, inKind: gift('LED 节能灯泡', '200 个', '党员电工在 9 日志愿服务日为独居老人家中更换 126 个，其余存放社区备用') },
  { fund: 'micro', daysAgo: 270, donorType: 'enterprise', donor: '邕州书城', yuan: 12000, inKind: gift('儿童读物和绘本', '600 册', '充实社区图书阅览室和四点半课堂图书角') },
  { fund: 'reno', daysAgo: 230, donorType: 'enterprise', donor: '南宁恒达建材有限公司', yuan: 8000 },
  { fund: 'lift', daysAgo: 240, donorType: 'enterprise', donor: '南宁桂安物业服务有限公司', org: 'pm1', yuan: 10000, note: '支持和平小区加装电梯' },
  { fund: 'micro', daysAgo: 156, donorType: 'enterprise', donor: '广西锦绣家园物业服务有限公司', org: 'pm3', yuan: 6000, inKind: gift('中秋月饼', '200 盒', '中秋邻里月饼会分送独居老人和环卫工人') },
  { fund: 'micro', daysAgo: 138, donorType: 'enterprise', donor: '桂花街农贸市场管理有限公司', yuan: 5000, note: '支持长者饭堂助餐' },
  { fund: 'micro', daysAgo: 60, donorType: 'enterprise', donor: '绿城燃气公司南湖营业厅', yuan: 7500, inKind: gift('燃气泄漏报警器', '50 个', '为 50 户独居老人家庭免费安装') },
  { fund: 'micro', daysAgo: 250, donorType: 'enterprise', donor: '南宁鑫源药业有限公司', yuan: 3600, inKind: gift('防暑降温药品', '300 份', '高温天发放给环卫工人、快递员和执勤的红袖章队员') },
  // 一刻钟合伙人: 公益换宣传 (besides the 9th-day gifts generated month by month)
  { fund: 'micro', daysAgo: 200, donorType: 'merchant', donor: '明亮眼镜店', org: 'm:明亮眼镜店', yuan: 1000, note: '公益换宣传：店庆义卖所得' },
  { fund: 'micro', daysAgo: 131, donorType: 'merchant', donor: '福满楼饺子馆', org: 'm:福满楼饺子馆', yuan: 840, inKind: gift('饺子', '42 份', '重阳节为 42 户独居老人送饺子上门') },
  { fund: 'micro', daysAgo: 90, donorType: 'merchant', donor: '邻家便利超市', org: 'm:邻家便利超市', yuan: 2000, note: '公益换宣传：年度捐赠' },
  { fund: 'micro', daysAgo: 64, donorType: 'merchant', donor: '老街烧烤', org: 'm:老街烧烤', yuan: 800, note: '年末公益义卖所得' },
  { fund: 'micro', daysAgo: 190, donorType: 'merchant', donor: '晨光文具店', org: 'm:晨光文具店', yuan: 2400, inKind: gift('书包和文具套装', '40 套', '开学前发放给 40 名困难家庭学生') },
  { fund: 'micro', daysAgo: 120, donorType: 'merchant', donor: '小小绘本馆', org: 'm:小小绘本馆', yuan: 3600, inKind: gift('绘本', '120 册', '捐赠四点半课堂图书角') },
  // Individuals named here (the rest are generated): residents of the lift unit, and a typo corrected later.
  { fund: 'lift', daysAgo: 275, donorType: 'individual', donor: '刘建国', yuan: 2000, note: '本单元住户自愿多捐' },
  { fund: 'lift', daysAgo: 260, donorType: 'individual', donor: '陈淑珍', yuan: 500, anonymous: true, note: '捐赠人要求匿名' },
  { fund: 'lift', daysAgo: 200, donorType: 'individual', donor: '黄卫东', yuan: 1000 },
  { fund: 'lift', daysAgo: 120, donorType: 'individual', donor: '周玉兰', yuan: 3000, note: '本单元住户自愿多捐' },
  { fund: 'micro', daysAgo: 220, donorType: 'individual', donor: '莫志强', yuan: 2000, tag: 'typo' },
  { fund: 'micro', daysAgo: 1, donorType: 'individual', donor: '韦海燕', yuan: 300, note: '待核对银行回单' },
];

/** The 9th-day gifts of the 一刻钟合伙人 merchants: `{n}` is the number given that day. */
export const MERCHANT_GIFTS: Array<{ shop: string; item: string; unit: string; min: number; max: number; each: number; outcome: string }> = [
  { shop: '明亮眼镜店', item: '老花镜（含验光）', unit: '副', min: 12, max: 30, each: 35, outcome: '9 日志愿服务日为 {n} 位 60 岁以上老人免费验光、配老花镜' },
  { shop: '老街烧烤', item: '炒粉', unit: '份', min: 40, max: 80, each: 10, outcome: '9 日为环卫工人和低保户免费送出炒粉 {n} 份' },
  { shop: '阿强理发店', item: '上门义剪服务', unit: '人次', min: 8, max: 20, each: 20, outcome: '为 {n} 位独居、失能老人上门理发' },
  { shop: '康宁大药房', item: '血压血糖检测（含试纸）', unit: '人次', min: 30, max: 60, each: 8, outcome: '9 日为 {n} 人次老人免费测血压血糖，异常的已提醒就医' },
  { shop: '平安家电维修', item: '小家电检修服务和小配件', unit: '件', min: 15, max: 35, each: 25, outcome: '9 日在社区广场免费检修小家电 {n} 件' },
  { shop: '快修鞋铺', item: '修鞋服务', unit: '双', min: 10, max: 25, each: 15, outcome: '为老人和低保户免费修鞋 {n} 双' },
  { shop: '墨香书法班', item: '公益书法课', unit: '课时', min: 4, max: 8, each: 80, outcome: '为低保家庭孩子免费开设书法课 {n} 课时' },
  { shop: '爱心午托班', item: '免费午托名额', unit: '人·月', min: 3, max: 6, each: 600, outcome: '为 {n} 名低保家庭儿童提供一个月免费午托' },
  { shop: '巧手裁缝铺', item: '衣物缝补', unit: '件', min: 15, max: 40, each: 10, outcome: '9 日为老人免费缝补衣物 {n} 件' },
  { shop: '阳光照相馆', item: '全家福拍摄和冲印', unit: '户', min: 3, max: 8, each: 120, outcome: '为 {n} 户高龄老人家庭拍摄全家福' },
  { shop: '健康推拿馆', item: '公益推拿', unit: '人次', min: 10, max: 24, each: 50, outcome: '为持证残疾人免费推拿 {n} 人次' },
  { shop: '便民开锁配钥匙', item: '配钥匙和锁芯更换', unit: '把', min: 10, max: 30, each: 12, outcome: '为老人免费配钥匙 {n} 把' },
];

/** Small gifts from individuals, in kind (爱心传递). */
export const PERSONAL_GIFTS = [
  gift('儿童绘本', '30 册', '送四点半课堂图书角'),
  gift('冬衣', '20 件', '经公益互助会清洗后转赠困难家庭'),
  gift('轮椅', '1 辆', '存放社区康复室免费借用'),
  gift('大米', '10 袋', '发放给 10 户独居老人'),
  gift('老年手机', '3 部', '送给没有智能手机的独居老人'),
  gift('手工编织的帽子和围巾', '50 套', '冬季送给环卫工人和独居老人'),
];
export const PERSONAL_GIFT_VALUES = [600, 800, 650, 600, 900, 1000];
export const PERSONAL_AMOUNTS = [50, 100, 100, 200, 200, 300, 500, 500, 600, 800, 1000, 1000, 2000];
export const PERSONAL_NOTES = ['爱心传递', '退休教师捐赠', '“邻里”平台捐赠', '为长者饭堂', '为四点半课堂', null, null, null] as const;

export const INCOMES: IncomeSpec[] = [
  { fund: 'micro', daysAgo: 364, source: '上年度结余转入', kind: 'other', yuan: 38650 },
  { fund: 'micro', daysAgo: 330, source: '街道社区治理创新项目资金', kind: 'grant', yuan: 30000 },
  { fund: 'micro', daysAgo: 205, source: '区民政局“五社联动”示范项目补助', kind: 'grant', yuan: 50000 },
  { fund: 'micro', daysAgo: 240, source: '党群服务中心培训教室社会化运营收益反哺', kind: 'enterprise', yuan: 2860, tag: 'venue' },
  { fund: 'micro', daysAgo: 70, source: '党群服务中心培训教室社会化运营收益反哺', kind: 'enterprise', yuan: 3120 },
  { fund: 'micro', daysAgo: 195, source: '纺织厂宿舍停车收费结余（第一季度，祥和物业代收，自管小组核对）', kind: 'other', yuan: 3860 },
  { fund: 'micro', daysAgo: 105, source: '纺织厂宿舍停车收费结余（第二季度，祥和物业代收，自管小组核对）', kind: 'other', yuan: 4240 },
  { fund: 'lift', daysAgo: 300, source: '3 栋 2 单元业主第一期分摊款（14 户）', kind: 'other', yuan: 180000 },
  { fund: 'lift', daysAgo: 150, source: '3 栋 2 单元业主第二期分摊款（14 户）', kind: 'other', yuan: 120000 },
  { fund: 'lift', daysAgo: 20, source: '区住房和城乡建设局既有住宅加装电梯财政补贴', kind: 'grant', yuan: 150000 },
  { fund: 'reno', daysAgo: 290, source: '街道老旧小区微改造专项资金（第一批）', kind: 'grant', yuan: 120000 },
  { fund: 'reno', daysAgo: 70, source: '街道老旧小区微改造专项资金（第二批）', kind: 'grant', yuan: 60000 },
];

const HIDDEN = '受助家庭（名单存档，不公开）';

export const EXPENSES: ExpenseSpec[] = [
  // 加装电梯
  { fund: 'lift', daysAgo: 285, line: 'infrastructure', description: '房屋结构检测和电梯设计费', payee: '广西建科检测设计有限公司', yuan: 18000, deliberation: 'lift_vote', receipt: 'pdf' },
  { fund: 'lift', daysAgo: 210, line: 'infrastructure', description: '地下燃气、给水管线迁改', payee: '邕城管线工程有限公司', yuan: 36000, deliberation: 'lift_vote' },
  { fund: 'lift', daysAgo: 160, line: 'infrastructure', description: '电梯设备预付款（合同价 30%）', payee: '广西快捷电梯工程有限公司', yuan: 96000, deliberation: 'lift_vote' },
  { fund: 'lift', daysAgo: 145, line: 'service_subsidy', description: '一楼住户采光补偿（按协议）', payee: '一楼住户 2 户（协议存档）', beneficiaries: '一楼住户 2 户', yuan: 10000, deliberation: 'lift_build', noReceipt: '补偿款按协议直接转给住户，住户不开发票；签字协议和转账记录存档备查' },
  { fund: 'lift', daysAgo: 135, line: 'infrastructure', description: '土建施工（基础、井道、连廊）进度款', payee: '邕城建筑工程有限公司', yuan: 68000, deliberation: 'lift_build' },
  { fund: 'lift', daysAgo: 80, line: 'infrastructure', description: '电梯设备到货款（合同价 30%）', payee: '广西快捷电梯工程有限公司', yuan: 96000, deliberation: 'lift_build' },
  { fund: 'lift', daysAgo: 48, line: 'operations', description: '特种设备检验检测费', payee: '区特种设备检验所', yuan: 4500 },
  { fund: 'lift', daysAgo: 15, line: 'infrastructure', description: '电梯设备尾款（合同价 40%，留 5% 质保金）', payee: '广西快捷电梯工程有限公司', yuan: 112000, deliberation: 'lift_build' },
  // 老旧小区微改造
  { fund: 'reno', daysAgo: 232, line: 'infrastructure', description: '和平小区北门电动车充电棚（含 40 个智能充电口）', payee: '南宁安充新能源科技有限公司', yuan: 32000, deliberation: 'ebike', receipt: 'png' },
  { fund: 'reno', daysAgo: 226, line: 'service_subsidy', description: '南湖新村 7 栋屋面防水低保户分摊补助', payee: '南湖新村 7 栋专项维修资金账户', beneficiaries: '3 户低保家庭', yuan: 6400, deliberation: 'roof7' },
  { fund: 'reno', daysAgo: 190, line: 'infrastructure', description: '铁路新村 5 栋声控 LED 楼道灯 42 盏', payee: '邕城五金机电商行', yuan: 4800, deliberation: 'lights5' },
  { fund: 'reno', daysAgo: 170, line: 'infrastructure', description: '6 处垃圾投放点加装洗手池', payee: '南宁绿洁环境工程有限公司', yuan: 9600, deliberation: 'garbage' },
  { fund: 'reno', daysAgo: 150, line: 'infrastructure', description: '照明盲区 18 盏太阳能路灯采购安装', payee: '广西光耀照明工程有限公司', yuan: 39600, deliberation: 'streetlights', receipt: 'pdf', tag: 'lights' },
  { fund: 'reno', daysAgo: 95, line: 'infrastructure', description: '南湖新村集中充电棚预付款（30%）', payee: '南宁安充新能源科技有限公司', yuan: 15000, deliberation: 'ebike' },
  { fund: 'reno', daysAgo: 65, line: 'operations', description: '微改造项目设计和造价咨询费', payee: '广西正衡工程咨询有限公司', yuan: 6000 },
  { fund: 'reno', daysAgo: 14, line: 'infrastructure', description: '楼道不锈钢扶手预付款（首批 8 个楼道）', payee: '南宁宏达不锈钢制品厂', yuan: 8000, deliberation: 'handrails' },
  { fund: 'reno', daysAgo: 2, line: 'infrastructure', description: '南湖新村充电棚供电接入工程（待审批）', payee: '幸福路供电所', yuan: 12000, deliberation: 'ebike', draft: true },
  // 社区微基金: activities, aid, facilities, running costs (monthly subsidies are generated)
  { fund: 'micro', daysAgo: 300, line: 'activities', description: '邻里节百家宴活动物资', payee: '邻家便利超市', yuan: 1860 },
  { fund: 'micro', daysAgo: 282, line: 'activities', description: '端午包粽子邻里活动物资', payee: '绿色菜篮子', yuan: 1240 },
  { fund: 'micro', daysAgo: 281, line: 'activities', description: '六一儿童节社区游园奖品和物料', payee: '晨光文具店', yuan: 2350 },
  { fund: 'micro', daysAgo: 240, line: 'activities', description: '暑期防溺水安全教育宣传品和救生圈', payee: '南宁安泰劳保用品商行', yuan: 1680 },
  { fund: 'micro', daysAgo: 200, line: 'activities', description: '志愿者培训和志愿服务意外保险', payee: '某保险公司南宁分公司（团体意外险）', yuan: 2400 },
  { fund: 'micro', daysAgo: 165, line: 'activities', description: '群众文化艺术节演出音响租赁和服装', payee: '南宁声光文化传播有限公司', yuan: 4800 },
  { fund: 'micro', daysAgo: 154, line: 'activities', description: '中秋“邻里月饼会”活动物资', payee: '邻家便利超市', yuan: 980 },
  { fund: 'micro', daysAgo: 131, line: 'activities', description: '重阳敬老慰问品', payee: '惠民超市连锁有限公司', beneficiaries: '42 户 80 岁以上独居老人', yuan: 4200, deliberation: 'chongyang', receipt: 'png', tag: 'chongyang' },
  { fund: 'micro', daysAgo: 25, line: 'activities', description: '春节写春联送福和团圆饭活动物资', payee: '邻家便利超市', yuan: 2650 },
  { fund: 'micro', daysAgo: 10, line: 'activities', description: '年度优秀志愿者表彰证书和纪念品', payee: '晨光文具店', yuan: 1800 },
  { fund: 'micro', daysAgo: 320, line: 'emergency_aid', description: '失业困难家庭临时救助', payee: HIDDEN, beneficiaries: '1 户失业困难家庭', yuan: 1000, noReceipt: '临时救助款直接发给受助家庭，没有商业票据；受助人签收单含个人信息，存档备查不公开' },
  { fund: 'micro', daysAgo: 252, line: 'emergency_aid', description: '火灾受灾家庭临时救助', payee: HIDDEN, beneficiaries: '1 户受灾家庭', yuan: 3000, noReceipt: '临时救助款直接发给受助家庭，没有商业票据；受助人签收单含个人信息，存档备查不公开' },
  { fund: 'micro', daysAgo: 188, line: 'emergency_aid', description: '大病困难家庭临时救助', payee: HIDDEN, beneficiaries: '1 户因病致困家庭', yuan: 2000, noReceipt: '临时救助款直接发给受助家庭，没有商业票据；受助人签收单含个人信息，存档备查不公开' },
  { fund: 'micro', daysAgo: 100, line: 'emergency_aid', description: '暴雨后危房住户临时安置补助', payee: HIDDEN, beneficiaries: '2 户危房住户', yuan: 1600 },
  { fund: 'micro', daysAgo: 46, line: 'emergency_aid', description: '冬季临时救助（一档，每户 2,000 元）', payee: HIDDEN, beneficiaries: '4 户因病致困家庭', yuan: 8000, deliberation: 'winter', receipt: 'png' },
  { fund: 'micro', daysAgo: 46, line: 'emergency_aid', description: '冬季临时救助（二档，每户 1,000 元）', payee: HIDDEN, beneficiaries: '6 户困难家庭', yuan: 6000, deliberation: 'winter' },
  { fund: 'micro', daysAgo: 45, line: 'emergency_aid', description: '冬季临时救助（三档，每户 500 元）', payee: HIDDEN, beneficiaries: '4 户临时困难家庭', yuan: 2000, deliberation: 'winter' },
  { fund: 'micro', daysAgo: 280, line: 'infrastructure', description: '四点半课堂护栏和照明改造', payee: '邕城五金机电商行', beneficiaries: '四点半课堂 30 名儿童', yuan: 6800, deliberation: 'kids430' },
  { fund: 'micro', daysAgo: 262, line: 'infrastructure', description: '宠物便便箱 3 个及取袋器', payee: '南宁绿洁环境工程有限公司', yuan: 1350, deliberation: 'dogs' },
  { fund: 'micro', daysAgo: 215, line: 'activities', description: '手持分贝仪 2 台（广场舞音量抽测）', payee: '邕城五金机电商行', yuan: 760, deliberation: 'dance' },
  { fund: 'micro', daysAgo: 122, line: 'infrastructure', description: '长者饭堂送餐保温箱 10 个', payee: '南宁厨达设备商行', yuan: 1500, deliberation: 'meals' },
  { fund: 'micro', daysAgo: 112, line: 'infrastructure', description: '社区康复室轮椅维修配件', payee: '阳光助残康复服务社（代购）', yuan: 900 },
  { fund: 'micro', daysAgo: 340, line: 'operations', description: '捐赠收据印制和公示栏更新', payee: '南宁彩印图文店', yuan: 680 },
  { fund: 'micro', daysAgo: 178, line: 'operations', description: '微基金公示栏制作（4 块）', payee: '南宁彩印图文店', yuan: 1200 },
  { fund: 'micro', daysAgo: 98, line: 'operations', description: '微基金年度财务审计费（第三方）', payee: '广西诚信会计师事务所', yuan: 3000, receipt: 'pdf', tag: 'audit' },
  { fund: 'micro', daysAgo: 30, line: 'operations', description: '“邻里”平台短信通知费', payee: '通信运营商', yuan: 450 },
];

export interface CorrectionSpec {
  entity: 'donation' | 'income' | 'expense';
  tag: string;
  daysAfter: number;
  yuanDelta: number;
  explanation: string;
  draft?: boolean;
}

export const CORRECTIONS: CorrectionSpec[] = [
  { entity: 'expense', tag: 'chongyang', daysAfter: 6, yuanDelta: 36.5, explanation: '发票金额为 4,236.50 元，录入时漏记运费 36.50 元，补记差额。' },
  { entity: 'income', tag: 'venue', daysAfter: 9, yuanDelta: -180, explanation: '银行回单金额为 2,680.00 元，录入时数字颠倒为 2,860.00 元，更正减少 180.00 元。' },
  { entity: 'donation', tag: 'typo', daysAfter: 4, yuanDelta: -1800, explanation: '捐赠人实际转账 200.00 元，录入时多打了一个 0，更正减少 1,800.00 元，收据已作废重开。' },
  { entity: 'expense', tag: 'lights', daysAfter: 21, yuanDelta: -420, explanation: '供应商退回 1 套损坏的灯杆配件款 420.00 元，冲减支出。' },
  { entity: 'expense', tag: 'audit', daysAfter: 70, yuanDelta: 200, explanation: '审计费尾款 200.00 元（合同总价 3,200.00 元），待复核后公示。', draft: true },
];

/** 社区微基金 annual plan by budget line (yuan), as the residents' congress approved it. */
export const MICRO_BUDGET: Record<Line, number> = {
  service_subsidy: 45000,
  infrastructure: 20000,
  activities: 30000,
  emergency_aid: 20000,
  operations: 5000,
};

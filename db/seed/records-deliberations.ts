// biome-ignore-all format: seed data, one record per line, to be read down like a table
/**
 * The demo community's public records, part 3: 议事协商 — a year of meetings of the five bodies,
 * with their agenda, votes, resolutions and follow-up timelines ("民有所呼，我有所应").
 * `daysAgo` places a meeting relative to the seed's `now`; `{Y}` and `{Q}` in a title become the
 * meeting's year and quarter. Vote tallies never exceed `present`. Chairs are roles, never names.
 */
import type { FollowupStatus } from '../schema';

export type Body = 'residents_council' | 'building_council' | 'joint_property_council' | 'residents_forum' | 'residents_congress';

export interface ItemSpec {
  title: string;
  description: string;
  decision: string;
  options: Array<[label: string, votes: number]>;
}

export interface FollowupSpec {
  title: string;
  /** Index of the agenda item it follows up, if one. */
  item: number | null;
  /** Responsible organisation key (records-data.ts). */
  by: string;
  /** Due this many days after the meeting. */
  due: number;
  status: FollowupStatus;
  progress: number;
  /** The timeline, oldest first: one followup_update per note (1–5). */
  notes: string[];
}

export interface DeliberationSpec {
  key: string;
  body: Body;
  daysAgo: number;
  title: string;
  place: string;
  chair: string;
  building?: string;
  expected: number;
  quorum: number;
  present: number;
  summary: string;
  resolution: string;
  draft?: boolean;
  items: ItemSpec[];
  followups: FollowupSpec[];
}

/** 同意 / 反对 / 弃权. */
export const yna = (yes: number, no: number, abstain: number): ItemSpec['options'] => [
  ['同意', yes],
  ['反对', no],
  ['弃权', abstain],
];

export const item = (title: string, description: string, decision: string, options: ItemSpec['options']): ItemSpec => ({ title, description, decision, options });

export const fu = (title: string, itemIndex: number | null, by: string, due: number, status: FollowupStatus, progress: number, notes: string[]): FollowupSpec => ({
  title,
  item: itemIndex,
  by,
  due,
  status,
  progress,
  notes,
});

export const HALL = '社区党群服务中心二楼议事厅';
export const ROOM3 = '社区党群服务中心三楼会议室';
export const COUNCIL = { expected: 25, quorum: 13 };
export const CONGRESS = { expected: 65, quorum: 44 };
export const JPC = { expected: 17, quorum: 9 };

export const DELIBERATIONS_A: DeliberationSpec[] = [
  {
    key: 'nineday', body: 'residents_council', daysAgo: 356, title: '设立“9 日志愿服务日”和“一刻钟合伙人”公益换宣传机制', place: HALL, chair: '社区党委书记', ...COUNCIL, present: 22,
    summary: '议事会成员 22 人到会，12 家商户代表和 3 家社会组织列席。社区通报了前期走访 600 余家商户、20 余家表达公益意愿的情况，讨论把每月 9 日固定为志愿服务日，以及“商家提供公益服务、社区负责对外宣传”的合作方式。',
    resolution: '一、每月 9 日为社区志愿服务日，党员志愿服务队、社会组织和“一刻钟合伙人”商家集中在社区广场和店内提供服务；二、社区通过公众号、公示栏和网格群宣传履约商家的公益行为，不做商业广告；三、社区党委牵头签约，居委会负责需求对接和服务反馈。',
    items: [
      item('设立每月 9 日志愿服务日', '每月固定一天集中提供义诊、便民维修、验光配镜等服务，便于老人记住。', '同意 21 票，超过到会成员半数，通过。', yna(21, 0, 1)),
      item('“公益换宣传”合作规则', '商家按约定提供公益服务，社区宣传其公益行为；不得借公益名义推销商品。', '同意 20 票，通过；连续 3 个月未履约的商户暂停宣传。', yna(20, 1, 1)),
    ],
    followups: [
      fu('与首批 12 家商户签订“一刻钟合伙人”协议', 1, 'party', 30, 'done', 100, ['完成 20 家意向商户走访，确定首批 12 家', '12 家商户签约，服务内容列入服务清单', '党群服务中心门口设置“一刻钟合伙人”公示牌']),
    ],
  },
  {
    key: 'budget', body: 'residents_congress', daysAgo: 346, title: '{Y} 年居民代表大会：微基金年度预算和为民办实事项目票决', place: ROOM3, chair: '社区党委书记、居委会主任', ...CONGRESS, present: 58,
    summary: '应到居民代表 65 人，实到 58 人，超过三分之二。会议听取社区微基金上年度收支情况，审议本年度预算，并从居民需求清单中票决为民办实事项目。',
    resolution: '通过本年度社区微基金预算（服务补贴 4.5 万元、活动 3 万元、基础设施 2 万元、临时救助 2 万元、运行 0.5 万元）；开办四点半课堂列为为民办实事项目；老旧小区微改造资金按方案 A 先安排安全类项目。',
    items: [
      item('审议社区微基金年度预算', '预算按服务补贴、基础设施、活动、临时救助、运行五个科目编制，结余滚存下年。', '同意 52 票，通过。', yna(52, 2, 4)),
      item('为民办实事项目：开办四点半课堂', '双职工家庭和低保家庭反映孩子放学后无人看管，拟在党群服务中心三楼开办四点半课堂。', '同意 55 票，列入本年度为民办实事项目。', yna(55, 1, 2)),
      item('老旧小区微改造资金安排', '方案 A：先做屋面防水、楼道照明、充电设施等安全类项目；方案 B：先做道路硬化和绿化提升。', '方案 A 得 41 票，超过半数，按方案 A 安排。', [['方案 A：安全类项目优先', 41], ['方案 B：环境提升优先', 13], ['弃权', 4]]),
    ],
    followups: [
      fu('向街道申报老旧小区微改造项目', 2, 'rc', 60, 'done', 100, ['整理 20 个小区的问题清单和项目预算', '申报材料报送街道', '街道批复第一批微改造资金，设立老旧小区微改造项目基金']),
    ],
  },
  {
    key: 'jpc1', body: 'joint_property_council', daysAgo: 338, title: '{Y} 年{Q}家物会联席会议：垃圾分类和楼道堆物', place: ROOM3, chair: '社区党委书记', ...JPC, present: 15,
    summary: '辖区 17 家物业服务企业 15 家到会。通报垃圾分类“撤桶并点”方案和楼道堆物消防隐患排查情况，优秀物业经理介绍了定时定点投放的经验。',
    resolution: '各小区按“撤桶并点”设置定时定点投放点，全社区 12 处；开展为期一个月的楼道堆物清理专项行动，物业与红袖章巡防队联合排查。',
    items: [
      item('设置定时定点投放点', '撤除楼道垃圾桶，全社区设置 12 处定时定点投放点，早晚各两小时投放。', '同意 13 票，通过。', yna(13, 1, 1)),
      item('楼道堆物清理专项行动', '物业逐栋排查，红袖章巡防队配合劝导，限期一个月。', '同意 15 票，全票通过。', yna(15, 0, 0)),
    ],
    followups: [
      fu('全社区设置 12 处定时定点投放点', 0, 'pm3', 60, 'done', 100, ['各物业上报投放点位', '点位在各小区公示', '12 处投放点建成，撤除楼道垃圾桶']),
    ],
  },
  {
    key: 'lift_vote', body: 'building_council', daysAgo: 330, title: '和平小区 3 栋 2 单元加装电梯表决会', building: '和平小区 3 栋 2 单元', place: '和平小区活动室', chair: '第一党支部书记', expected: 18, quorum: 12, present: 17,
    summary: '本单元 18 户，17 户参加表决（含 2 户书面委托）。社区介绍了加装电梯政策、财政补贴标准和设计方案，调解社工就低层住户的采光、噪音顾虑作了说明。按规定，加装电梯须参与表决的业主达三分之二以上，并经参与表决者四分之三以上同意。',
    resolution: '同意加装电梯 14 户，超过参与表决户数的四分之三，表决通过。费用按楼层系数分摊（方案 A），一楼住户不出资并获适当补偿；2 户特困老人的分摊款由社区链接慈善资源解决；设立加装电梯项目基金，收支按月公示。',
    items: [
      item('是否加装电梯', '预计总造价约 46 万元，可申请财政补贴 15 万元，其余由二至七楼住户分摊。', '同意 14 户（82%），超过四分之三，通过。', yna(14, 2, 1)),
      item('费用分摊方案', '方案 A：按楼层系数分摊，楼层越高分摊越多，一楼不出资；方案 B：二至七楼平均分摊。', '方案 A 得 13 户，通过。', [['方案 A：按楼层系数分摊', 13], ['方案 B：平均分摊', 3], ['弃权', 1]]),
    ],
    followups: [
      fu('办理加装电梯规划报建手续', 0, 'rc', 90, 'done', 100, ['收集住户签字的意愿书和分摊协议', '完成房屋结构检测和设计方案', '规划报建获批']),
      fu('为 2 户特困老人链接慈善资源解决分摊款', 1, 'so_sw', 120, 'done', 100, ['核实 2 户特困老人家庭情况', '区慈善总会同意定向资助', '资助款进入加装电梯项目基金，分摊款补齐']),
    ],
  },
  {
    key: 'parkforum', body: 'residents_forum', daysAgo: 310, title: '居民论坛：无物业小区停车难怎么办', place: '纺织厂宿舍小区空地', chair: '社区党委副书记', expected: 100, quorum: 50, present: 68,
    summary: '纺织厂宿舍、农机厂宿舍居民 68 人参加。两个小区无物业管理，外来车辆长期占位，消防通道经常被堵。居民代表、第五党支部、社区民警和两家物业公司先后发言。',
    resolution: '多数居民支持引入第三方管理并实行停车收费。由社区和第五党支部起草停车收费方案，提交纺织厂宿舍楼栋议事会表决。',
    items: [
      item('停车管理方式（意向调查）', '引入第三方物业管理停车、由居民自管小组管理，或维持现状。', '支持引入第三方管理的居民占多数，意见提交楼栋议事会。', [['引入第三方管理', 41], ['居民自管', 18], ['维持现状', 7]]),
    ],
    followups: [
      fu('起草纺织厂宿舍停车收费方案', 0, 'b5', 21, 'done', 100, ['走访 3 家物业公司了解托管报价', '形成按月收费和按次收费两个备选方案', '方案在小区公示栏公示征求意见 7 天']),
    ],
  },
  {
    key: 'kids430', body: 'residents_council', daysAgo: 300, title: '四点半课堂开班方案和收费标准', place: HALL, chair: '居委会主任', ...COUNCIL, present: 20,
    summary: '落实居民代表大会票决的为民办实事项目。童心儿童发展服务中心介绍课堂运营方案，议事会讨论招生范围、收费标准和志愿者安排。',
    resolution: '四点半课堂先开一个班 30 人；低保、残疾人家庭儿童免费，其他家庭每月 100 元材料费，不足部分由社区微基金补贴；由童心儿童发展服务中心运营，第三党支部党员教师和大学生志愿者辅导。',
    items: [
      item('开班方案', '上学日 16:30–18:30，一个班 30 人，社工带班。', '同意 19 票，通过。', yna(19, 0, 1)),
      item('收费标准', '低保、残疾人家庭免费；其他家庭每月 100 元材料费，微基金每生每月补贴约 50 元。', '同意 16 票，通过。', yna(16, 2, 2)),
    ],
    followups: [
      fu('四点半课堂场地改造和开班', 0, 'so_child', 30, 'done', 100, ['三楼活动室加装护栏和照明', '首批招生 30 人，其中低保家庭儿童 7 人', '正式开班']),
      fu('争取第二间教室扩至两个班', 0, 'rc', 120, 'blocked', 20, ['报名 52 人，超出一个班容量', '向驻区单位借用教室', '驻区单位教室另作他用，扩班暂缓，先按困难程度排队']),
    ],
  },
  {
    key: 'parkvote', body: 'building_council', daysAgo: 290, title: '纺织厂宿舍停车收费方案表决会', building: '纺织厂宿舍（1–8 栋）', place: '纺织厂宿舍小区空地', chair: '第五党支部书记', expected: 120, quorum: 80, present: 96,
    summary: '全小区 120 户，到会及书面委托 96 户，超过三分之二。会上介绍了第三方管理单位的报价、车位划线图和两个收费方案，居民自管小组就结余公示提出了要求。',
    resolution: '通过方案 A：月租 60 元/车位，临时停车 2 小时内免费；引入祥和物业进行第三方停车管理；收费扣除管理成本后的结余每季度公示，转入社区微基金，专用于本小区维修。',
    items: [
      item('停车收费方案', '方案 A：月租 60 元/车位，临时停车 2 小时内免费；方案 B：按次收费，每次 5 元。', '方案 A 得 62 户，超过到会户数半数，通过。', [['方案 A：月租 60 元/车位', 62], ['方案 B：按次 5 元', 24], ['弃权', 10]]),
      item('收费结余的用途', '扣除管理成本后的结余转入社区微基金，专用于本小区公共设施维修，每季度公示。', '同意 81 户，通过。', yna(81, 9, 6)),
    ],
    followups: [
      fu('车位划线和道闸安装', 0, 'pm9', 45, 'done', 100, ['划设车位 86 个、消防通道标线 3 处', '车牌识别道闸安装调试完成', '停车收费正式启动']),
      fu('停车收费结余每季度公示并转入微基金', 1, 'self_textile', 365, 'in_progress', 50, ['自管小组核对第一季度收支', '第一季度结余公示，转入微基金', '第二季度结余公示，转入微基金']),
    ],
  },
  {
    key: 'dogs', body: 'residents_council', daysAgo: 280, title: '制定《文明养犬公约》', place: HALL, chair: '居委会副主任', ...COUNCIL, present: 22,
    summary: '近三个月社区收到犬只扰民、不牵绳、粪便不清理投诉 37 件。议事会邀请养犬居民代表、文明劝导队和社区民警参加。',
    resolution: '通过《文明养犬公约》：出门牵绳、及时清理粪便、大型犬避开早晚上学高峰、7:00 前和 22:00 后不在楼道遛狗；在 3 个小区设置宠物便便箱；成立文明养犬自律会。',
    items: [
      item('《文明养犬公约》', '牵绳、清粪、避峰、防疫四条约定。', '同意 19 票，通过。', yna(19, 2, 1)),
      item('设置宠物便便箱', '在和平小区、南湖新村、桂花苑各设 1 处，费用从微基金基础设施科目列支。', '同意 20 票，通过。', yna(20, 1, 1)),
    ],
    followups: [
      fu('安装宠物便便箱', 1, 'pm3', 45, 'done', 100, ['采购便便箱 3 个和取袋器', '安装完成，文明养犬自律会负责日常补袋']),
    ],
  },
  {
    key: 'ebike', body: 'joint_property_council', daysAgo: 248, title: '{Y} 年{Q}家物会联席会议：电动车充电安全', place: ROOM3, chair: '社区党委书记', ...JPC, present: 16,
    summary: '17 家物业服务企业 16 家到会，消防救援站和供电所列席。通报辖区 2 起电动车充电起火隐患，讨论飞线充电整治和集中充电设施建设。',
    resolution: '开展一个月的飞线充电和电动车进楼入户专项整治；在和平小区、南湖新村、锦江苑各建一处集中充电棚，和平小区先行，资金从老旧小区微改造项目列支。',
    items: [
      item('飞线充电和进楼入户专项整治', '各物业每周巡查楼道，红袖章巡防队夜间巡查。', '全票通过。', yna(16, 0, 0)),
      item('建设集中充电棚', '和平小区北门、南湖新村 9 栋旁、锦江苑地面停车场各建一处，智能充电桩每小时 0.5 元。', '同意 14 票，通过。', yna(14, 1, 1)),
    ],
    followups: [
      fu('和平小区北门充电棚建设', 1, 'pm1', 60, 'done', 100, ['选址公示 7 天', '充电棚和 40 个充电口建成', '消防验收通过，投入使用']),
      fu('南湖新村集中充电棚建设', 1, 'pm3', 150, 'in_progress', 60, ['楼栋长征求意见确定选址', '支付预付款，基础施工', '棚体安装完成，等待供电接入']),
      fu('锦江苑集中充电棚选址', 1, 'pm5', 90, 'blocked', 20, ['提出地面停车场东侧选址', '部分业主以占用车位为由反对', '协商未果，暂缓，提交下一次家物会']),
    ],
  },
  {
    key: 'roof7', body: 'building_council', daysAgo: 236, title: '南湖新村 7 栋屋面漏水维修协商会', building: '南湖新村 7 栋', place: '南湖新村 7 栋楼下', chair: '第四党支部书记', expected: 48, quorum: 32, present: 39,
    summary: '7 栋顶层 6 户长期漏水，雨季尤其严重。动用专项维修资金须经三分之二以上业主参与表决。物业提供了两家施工单位的报价。',
    resolution: '同意使用专项维修资金进行屋面整体防水，选择施工单位 A（报价 8.6 万元，保修 5 年）；低保户应分摊部分由老旧小区微改造资金补助。',
    items: [
      item('使用专项维修资金进行屋面防水', '整体铺设防水卷材，按建筑面积分摊。', '同意 33 户，超过参与表决户数四分之三，通过。', yna(33, 3, 3)),
      item('选择施工单位', 'A：报价 8.6 万元，保修 5 年；B：报价 7.9 万元，保修 3 年。', '选择 A，得 25 户。', [['A：8.6 万元，保修 5 年', 25], ['B：7.9 万元，保修 3 年', 12], ['弃权', 2]]),
    ],
    followups: [
      fu('屋面防水施工', 1, 'pm3', 75, 'done', 100, ['维修资金划拨到位', '施工进场，搭设安全防护', '防水卷材铺设完成，闭水试验合格', '楼栋长和顶层住户验收，雨后回访无渗漏']),
    ],
  },
  {
    key: 'dance', body: 'residents_forum', daysAgo: 222, title: '居民论坛：广场舞的音量和时段', place: '社区广场', chair: '社区党委副书记', expected: 80, quorum: 40, present: 57,
    summary: '广场周边 3 栋楼住户反映晚间音乐扰民，舞蹈队也希望有稳定的活动场地。双方代表、文明劝导队和 57 名居民参加。',
    resolution: '广场舞时段定为每晚 19:30–21:00（方案 A）；使用定向音箱，音量不超过 60 分贝，由文明劝导队用分贝仪抽测并公示；社区协调将舞蹈队北队移至南广场。',
    items: [
      item('活动时段', 'A：19:30–21:00；B：19:00–20:30。', '方案 A 得 33 票，通过。', [['A：19:30–21:00', 33], ['B：19:00–20:30', 18], ['弃权', 6]]),
      item('音量约定', '使用定向音箱，音量不超过 60 分贝；超标先劝导，再次超标暂停活动一周。', '同意 48 票，通过。', yna(48, 5, 4)),
    ],
    followups: [
      fu('采购分贝仪，每周抽测并公示', 1, 't_civility', 30, 'done', 100, ['舞蹈队南北两队签订文明跳舞承诺书', '采购手持分贝仪 2 台', '每周抽测两次，结果在广场公示栏公示，连续达标']),
      fu('协调舞蹈队北队移至南广场', 0, 'rc', 60, 'blocked', 30, ['与南广场管理方（开发商）接洽', '管理方要求承担夜间照明电费，未达成一致', '暂缓，继续寻找替代场地']),
    ],
  },
  {
    key: 'lights5', body: 'building_council', daysAgo: 200, title: '铁路新村 5 栋楼道灯和单元门禁改造', building: '铁路新村 5 栋', place: '铁路新村 5 栋楼下', chair: '楼栋长（赵*）', expected: 30, quorum: 16, present: 23,
    summary: '5 栋楼道灯多处损坏，单元门常年敞开。物业管理站提出更换声控 LED 灯和加装门禁两项方案。',
    resolution: '同意将楼道灯全部更换为声控 LED 灯，费用由老旧小区微改造资金承担；门禁采用 IC 卡方案（方案 A），分摊方式待进一步协商后实施。',
    items: [
      item('更换声控 LED 楼道灯', '共 42 盏，约 4,800 元，由微改造资金承担。', '同意 21 户，通过。', yna(21, 1, 1)),
      item('单元门禁方案', 'A：IC 卡门禁；B：人脸识别门禁。每户分摊约 120 元。', '方案 A 得 12 户，超过到会户数半数，通过；分摊方式待再议。', [['A：IC 卡门禁', 12], ['B：人脸识别门禁', 8], ['弃权', 3]]),
    ],
    followups: [
      fu('更换楼道灯', 0, 'pm6', 30, 'done', 100, ['采购声控 LED 灯 42 盏', '安装完成，楼栋长验收']),
      fu('安装单元门禁', 1, 'pm6', 90, 'blocked', 20, ['门禁报价确认', '2 户不同意分摊，另有 3 户未缴费', '调解社工介入协商，暂缓安装']),
    ],
  },
  {
    key: 'garbage', body: 'residents_forum', daysAgo: 186, title: '居民论坛：垃圾分类“撤桶并点”回头看', place: '社区党群服务中心二楼多功能室', chair: '居委会主任', expected: 90, quorum: 45, present: 58,
    summary: '“撤桶并点”半年来，居民对投放点偏远、投放时间短、没有洗手池意见较多。文明劝导队通报了桶边督导情况。',
    resolution: '保留 12 处定时定点投放点，早晚投放时间各延长半小时；在 6 处主要投放点加装洗手池（微改造资金）；继续宣传厨余垃圾破袋投放。',
    items: [
      item('延长投放时间', '早上延至 6:30–9:00，晚上延至 18:00–20:30。', '同意 44 票，通过。', yna(44, 9, 5)),
      item('投放点加装洗手池', '在 6 处主要投放点加装洗手池，约 1 万元。', '同意 50 票，通过。', yna(50, 4, 4)),
    ],
    followups: [
      fu('投放点加装洗手池', 1, 'pm3', 60, 'done', 100, ['确定 6 处点位', '洗手池安装完成并通水']),
      fu('厨余垃圾破袋投放宣传', 0, 't_civility', 120, 'in_progress', 70, ['桶边督导志愿者增至 24 人', '入户发放宣传单 2,000 份', '抽查破袋投放率由 45% 提升到 70%']),
    ],
  },
  {
    key: 'wall2', body: 'building_council', daysAgo: 172, title: '桂花苑 2 栋外墙脱落和空调冷凝水问题', building: '桂花苑 2 栋', place: '桂花苑业委会活动室', chair: '桂花苑业委会主任', expected: 40, quorum: 27, present: 31,
    summary: '2 栋外墙瓷砖多处空鼓脱落，存在高空坠物隐患；部分住户空调冷凝水滴落到楼下阳台引发纠纷。按“三单制”由业委会下单、居委会派单、物业接单。',
    resolution: '外墙修缮使用专项维修资金；空调冷凝水统一加装排水立管，每户自费 80 元，困难户由公益互助会资助。',
    items: [
      item('外墙修缮使用专项维修资金', '空鼓瓷砖铲除重贴约 320 平方米。', '同意 27 户，通过。', yna(27, 2, 2)),
      item('加装空调冷凝水排水立管', '统一加装排水立管，每户自费 80 元。', '同意 20 户，通过。', yna(20, 8, 3)),
    ],
    followups: [
      fu('外墙空鼓瓷砖修缮', 0, 'pm2', 60, 'done', 100, ['拉设警戒线，设置安全通道', '修缮完成，业委会验收']),
      fu('加装空调冷凝水排水立管', 1, 'pm2', 90, 'in_progress', 65, ['收取费用 26 户', '完成 3 个单元', '剩余 1 个单元待 2 户同意后施工']),
    ],
  },
  {
    key: 'streetlights', body: 'residents_council', daysAgo: 165, title: '路灯照明盲区整改', place: HALL, chair: '社区党委副书记', ...COUNCIL, present: 21,
    summary: '第四、第八党支部排查出南湖新村、建设里 11 处照明盲区，近期夜间发生老人摔倒 2 起。',
    resolution: '在照明盲区增设 18 盏太阳能路灯，资金从老旧小区微改造项目列支；同时协调供电所和市政部门将建设里巷道接入市政照明。',
    items: [item('增设 18 盏太阳能路灯', '每盏约 2,200 元，共约 3.96 万元。', '同意 20 票，通过。', yna(20, 0, 1))],
    followups: [
      fu('太阳能路灯采购安装', 0, 'rc', 45, 'done', 100, ['三家比价，选定供应商', '18 盏路灯安装完成', '夜间验收，照明盲区消除']),
      fu('协调建设里巷道接入市政照明', 0, 'b8', 120, 'blocked', 40, ['向供电所和市政部门提交申请', '巷道产权不清，市政部门暂不受理', '等待街道协调产权认定']),
    ],
  },
  {
    key: 'threeorders', body: 'joint_property_council', daysAgo: 143, title: '{Y} 年{Q}家物会联席会议：推行“三单制”', place: ROOM3, chair: '社区党委书记', ...JPC, present: 16,
    summary: '通报桂花苑“三单制”试点：业委会下单、居委会派单、物业接单，报修平均办结时间由 9 天缩短到 4 天。讨论在全社区推广，以及无物业小区托管。',
    resolution: '在有业委会的小区全面推行“三单制”，工单在“邻里”平台留痕；祥和物业试点托管农机厂宿舍；每季度开展物业服务满意度测评。',
    items: [
      item('全社区推行“三单制”', '统一工单模板，限时接单、限时办结，办结后居民评价。', '同意 15 票，通过。', yna(15, 0, 1)),
      item('祥和物业试点托管农机厂宿舍', '参照纺织厂宿舍模式，先托管停车和保洁。', '同意 11 票，通过。', yna(11, 2, 3)),
    ],
    followups: [
      fu('“三单制”工单台账上线', 0, 'rc', 30, 'done', 100, ['统一工单模板', '台账上线，各物业指定接单人']),
      fu('农机厂宿舍托管试点', 1, 'pm9', 120, 'blocked', 40, ['入户征求意见，同意率 68%', '托管方案公示', '部分住户拒缴保洁费，托管暂停，待楼栋议事会再议']),
      fu('物业服务满意度季度测评', 0, 'so_property', 365, 'in_progress', 50, ['设计测评问卷', '第一次测评完成，回收问卷 1,260 份，结果在家物会通报']),
    ],
  },
  {
    key: 'lift_build', body: 'building_council', daysAgo: 155, title: '和平小区 3 栋 2 单元加装电梯施工协调会', building: '和平小区 3 栋 2 单元', place: '和平小区活动室', chair: '第一党支部书记', expected: 18, quorum: 12, present: 17,
    summary: '电梯基础施工即将开始。讨论施工期间的临时通道、施工时段、一楼住户补偿和第二期分摊款缴纳。',
    resolution: '施工时段为工作日 8:00–12:00、14:30–18:00；一楼 2 户各补偿 5,000 元，从项目基金列支；第二期分摊款本月底前缴入项目基金。',
    items: [
      item('施工时段和临时通道', '施工期间在单元东侧设临时通道，夜间和午休不施工。', '同意 16 户，通过。', yna(16, 0, 1)),
      item('一楼住户补偿', '一楼 2 户不出资且采光受影响，各补偿 5,000 元。', '同意 15 户，通过。', yna(15, 1, 1)),
    ],
    followups: [
      fu('电梯土建和设备安装', 0, 'pm1', 110, 'done', 100, ['基础开挖和井道施工', '设备进场安装', '特种设备检验合格，电梯投入使用']),
      fu('申请加装电梯财政补贴', 0, 'rc', 150, 'done', 100, ['准备竣工验收材料', '补贴申请提交区住建局', '财政补贴到账，进入项目基金']),
      fu('签订电梯维保合同和运行费用分摊协议', 0, 'pm1', 160, 'in_progress', 60, ['征集 3 家维保单位报价', '维保合同签订', '运行电费分摊办法征求意见中']),
    ],
  },
];

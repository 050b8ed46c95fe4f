// biome-ignore-all format: seed data, one record per line, to be read down like a table
/**
 * The demo community's public records, part 1: the 一核多元 map of organisations.
 * Fictional, shaped after the communities in the source papers (H community, Changsha; D community,
 * Guangxi). Office numbers are fictional public lines; no private person appears anywhere here.
 */
import type { OrganizationKind } from '../schema';

/** Public office lines (fictional). Never a private person's phone. */
export const PHONES = {
  center: '0771-5602368',
  service: '0771-5602366',
  mediation: '0771-5602369',
  elders: '0771-5602371',
} as const;

/** How to ask for a service, in the words used on the 公示栏. */
export const ASK = {
  center: '到社区党群服务中心一楼便民服务大厅登记',
  phone: `拨打社区服务电话 ${PHONES.service}（工作日 8:30–17:30）`,
  grid: '联系所在小区网格员或楼栋长代为登记',
  order: '在“邻里”平台“你点单我服务”下单，社区派单、服务方接单，完成后请留下服务反馈',
  store9: '每月 9 日直接到店，出示身份证或社区服务卡即可',
  points: '到店出示志愿积分卡或“邻里”积分二维码',
  walkIn: '开放时间内直接前往，无需预约',
} as const;

export interface OrgSpec {
  key: string;
  kind: OrganizationKind;
  name: string;
  parent?: string;
  description: string;
  provides: string;
  covers?: string;
  contact?: string;
  /** volunteer_team: the `teams` row of the same name. */
  team?: string;
  /** Not yet public (the staff console's drafts). */
  draft?: boolean;
  /** Created this many days after the seed's start (default: a few days). */
  joinedDay?: number;
}

const branch = (n: number, cn: string, covers: string, members: number, focus: string, provides: string): OrgSpec => ({
  key: `b${n}`,
  kind: 'party_branch',
  name: `幸福里社区第${cn}党支部`,
  parent: 'party',
  covers,
  description: `党员 ${members} 名，按小区划分党小组，每个楼栋设党员中心户。${focus}`,
  provides,
  contact: `社区党群服务中心 ${PHONES.center}`,
});

export const ORGANIZATIONS: OrgSpec[] = [
  {
    key: 'party',
    kind: 'party_committee',
    name: '中共幸福里社区委员会（社区党委）',
    covers: '全社区 20 个小区、3 条沿街商业街',
    description: '社区的领导核心，下设 10 个党支部、党员 456 名。统筹居委会、17 家物业服务企业、社会组织、驻区单位和“一刻钟合伙人”商家共建共治，议事协商事项先经党委会研究把关。',
    provides: '把方向、定议题：召集居民议事会、家物会和居民代表大会；组织党员亮身份、认领服务岗位；牵头“需求清单 + 服务反馈”机制，督办议定事项直至办结。',
    contact: `社区党群服务中心 ${PHONES.center}`,
  },
  branch(1, '一', '和平小区 1–12 栋', 48, '以离退休党员为主，牵头和平小区 3 栋加装电梯的意愿征询和邻里协调。', '党员结对 23 户独居老人，每周电话问候、每月上门；协调加装电梯中的低层住户意见。'),
  branch(2, '二', '桂花苑、金桂园', 44, '支部书记兼任桂花苑业委会委员，推动“三单制”落地。', '组织党员参与楼道清理和外墙隐患排查；协助业委会“下单”。'),
  branch(3, '三', '南湖新村 1–14 栋', 51, '党员中有 9 名在职教师，组建学业帮扶小组。', '党员教师为困难家庭孩子提供“一对一”学业帮扶；参与四点半课堂值守。'),
  branch(4, '四', '南湖新村 15–26 栋、南湖花园', 47, '辖区楼栋多、老人多，支部划分 6 个党小组包楼到户。', '包楼党员收集漏水、照明、化粪池等问题并上报社区；协助雨季排水巡查。'),
  branch(5, '五', '纺织厂宿舍、农机厂宿舍', 42, '两个小区均为无物业的老旧小区（“三无小区”），支部牵头推动引入第三方管理和停车收费方案。', '组织居民开会、宣传方案、入户征求意见，推动停车收费方案表决和结余公示。'),
  branch(6, '六', '铁路新村、粮食局宿舍', 45, '铁路系统退休党员较多，红袖章巡防队的骨干来自本支部。', '夜间巡防、消防通道巡查；楼道灯和门禁改造的意见征集。'),
  branch(7, '七', '幸福家园、锦江苑', 43, '商品房小区，在职党员多，推行“双报到”周末服务。', '在职党员周末认领志愿岗位；协调电动车集中充电设施选址。'),
  branch(8, '八', '建设里、电业局宿舍、荔园', 46, '电业局宿舍党员多为电力系统退休职工。', '党员电工每月 9 日义务检修楼道线路、拆除飞线；协助路灯盲区排查。'),
  branch(9, '九', '东风小区、翠竹园、书香门第', 44, '支部联合调解社工开展“党员和事佬”调解。', '参与邻里纠纷调解、楼上漏水等矛盾的上门劝和；文明养犬劝导。'),
  branch(10, '十', '邕江明珠、滨湖雅居、桂林路商住楼及沿街商户', 46, '非公企业和社会组织联合党支部，联系“一刻钟合伙人”商家。', '发动商户党员参与 9 日志愿服务日；组织党员律师开展“法律明白人”培训。'),
  {
    key: 'rc',
    kind: 'residents_committee',
    name: '幸福里社区居民委员会',
    parent: 'party',
    covers: '全社区',
    description: '居民自治组织，居委会委员 7 名，社区工作人员 16 名，每个小区配网格员。服务 13,000 户、约 35,000 名居民。',
    provides: '搭建议事协商平台；受理居民诉求并“派单”；办理社保认证、低保、高龄津贴、残疾人补贴等便民事项；发布服务清单、议事结果和资金公示。',
    contact: `社区党群服务中心一楼便民服务大厅 ${PHONES.service}`,
  },
  // 17 property companies meet the community in the quarterly 家物会; ten of them are listed here.
  ...(
    [
      ['pm1', '南宁桂安物业服务有限公司', '和平小区、幸福家园', '服务和平小区加装电梯施工期间的场地协调和秩序维护。'],
      ['pm2', '邕城物业管理有限公司', '桂花苑、金桂园', '桂花苑推行业委会下单、居委会派单、物业接单的“三单制”试点单位。'],
      ['pm3', '广西锦绣家园物业服务有限公司', '南湖新村、南湖花园', '负责南湖新村 26 栋楼的保洁、维修和垃圾分类投放点管理。'],
      ['pm4', '金盾物业服务有限公司', '邕江明珠、滨湖雅居', '高层住宅小区，配备微型消防站，参与社区消防联合检查。'],
      ['pm5', '万家和物业服务有限公司', '锦江苑、翠竹园', '锦江苑电动车集中充电棚选址的协调方之一。'],
      ['pm6', '铁路新村物业管理站', '铁路新村', '原铁路分局后勤单位转制，服务铁路新村 32 栋老旧住宅。'],
      ['pm7', '安居乐物业服务有限公司', '东风小区、书香门第', '配合调解社工处理楼上漏水等邻里纠纷中的维修环节。'],
      ['pm8', '宏远物业管理有限公司', '荔园、桂林路商住楼', '商住混合楼宇，负责沿街商铺的门前三包协调。'],
      ['pm10', '城建物业服务有限公司', '建设里、电业局宿舍', '负责建设里楼道堆物清理和飞线充电整治。'],
    ] as const
  ).map(
    ([key, name, covers, note]): OrgSpec => ({
      key,
      kind: 'property_company',
      name,
      covers,
      description: `辖区 17 家物业服务企业之一，参加每季度一次的家物会联席会议。${note}`,
      provides: '公共区域保洁、绿化、设施维修；受理“三单制”报修工单；配合社区开展消防、垃圾分类和停车整治。',
      contact: '物业服务中心（见各小区公示栏）',
    }),
  ),
  {
    key: 'pm9',
    kind: 'property_company',
    name: '祥和物业服务有限公司',
    covers: '纺织厂宿舍（第三方管理）、农机厂宿舍（托管试点）',
    description: '经纺织厂宿舍楼栋议事会表决引入的第三方管理单位，负责停车秩序、道闸和公共区域保洁；停车收费结余每季度公示并转入社区微基金。',
    provides: '无物业小区的停车管理、门岗和保洁；车位划线和道闸维护；停车收费的代收与公示。',
    contact: '纺织厂宿舍门岗值班室',
    joinedDay: 95,
  },
  ...(
    [
      ['so_med', '仁心社区医疗志愿服务中心', '由社区卫生服务站医生和退休医护人员发起注册的医疗类社会组织。', '每月 9 日义诊、慢病管理小组、健康讲座、家庭医生签约协助和急救培训。', '社区卫生服务站'],
      ['so_elder', '颐康居家养老服务中心', '民办非企业单位，承接社区日间照料中心和长者饭堂的社会化运营，部分收益反哺社区微基金。', '长者饭堂助餐与送餐、日间照料、助浴、上门探访和紧急呼叫设备维护。', `社区日间照料中心 ${PHONES.elders}`],
      ['so_child', '童心儿童发展服务中心', '儿童类社会组织，持有校外托管资质，社工和大学生志愿者组成服务团队。', '四点半课堂、暑期托管、家庭教育讲座和儿童友好空间。', '社区四点半课堂（党群服务中心三楼）'],
      ['so_legal', '邕正公益法律服务中心', '法律类社会组织，5 名执业律师轮流在社区坐班。', '公益法律咨询、法律援助申请指导、普法讲座、合同审看和青少年法治课堂。', '社区法律服务室'],
      ['so_mediate', '和声社会工作服务社', '调解类社会工作机构，持证社工 6 名，驻社区调解室。', '邻里纠纷、家庭矛盾、租赁纠纷调解；协助楼栋议事会开展协商。', `社区调解室 ${PHONES.mediation}`],
      ['so_property', '安居物业服务促进会', '物业类社会组织，由辖区物业企业和业委会代表共同发起。', '老旧小区物业服务提升、业委会委员培训、物业纠纷法律咨询。', '社区党群服务中心二楼'],
      ['so_jobs', '启航就业创业服务中心', '就业类社会组织，与街道劳动保障站合作。', '社区招聘会、职业技能培训、简历指导和创业政策咨询。', '社区党群服务中心一楼就业服务窗口'],
      ['so_disab', '阳光助残康复服务社', '助残类社会组织，承接区残联康复项目。', '康复器材借用、残疾儿童康复转介、辅助性就业和助残文体活动。', '社区康复室'],
      ['so_culture', '书香阅读推广协会', '文化类社会组织，负责社区图书阅览室的日常运营。', '图书借阅、读书会、盲人读报和亲子阅读推广。', '社区图书阅览室'],
      ['so_sw', '邻里社会工作服务中心', '社区社工站的承接机构，“五社联动”的枢纽：链接社区、社会组织、社工、志愿者和慈善资源。', '需求摸排、个案帮扶、心理支持、志愿者培训和慈善资源对接。', '社区社工站'],
    ] as const
  ).map(([key, name, description, provides, contact]): OrgSpec => ({ key, kind: 'social_organization', name, description, provides, contact })),
  {
    key: 'so_mind',
    kind: 'social_organization',
    name: '暖心心理健康服务社（筹）',
    description: '正在办理登记的心理服务类社会组织，拟由社区社工站孵化。',
    provides: '拟提供心理咨询、哀伤辅导和青少年心理成长小组。',
    contact: '社区社工站',
    draft: true,
  },
  ...(
    [
      ['self_redwhite', '红白喜事理事会', '居民自发成立，倡导婚丧事简办。', '红白喜事简办咨询、借用桌椅、协调场地，劝导燃放烟花爆竹和占道搭棚。'],
      ['self_mutual', '公益互助会', '热心居民组成的互助组织，运营爱心衣物捐赠点。', '爱心衣物和生活用品的收集与转赠，传统节日邻里活动。'],
      ['self_swa', '居民社工协会', '取得社工证的居民和社区工作人员组成的志愿协会。', '协助入户走访、需求摸排和简历指导等志愿服务。'],
      ['self_choir', '夕阳红合唱团', '60 余名老年居民组成，连续多年参加群众文化艺术节。', '每周排练，节庆演出，带动老人走出家门。'],
      ['self_dance', '幸福里舞蹈队', '广场舞爱好者组成，分南、北两支队伍。', '每晚广场舞，遵守居民论坛协商确定的时段和音量约定。'],
      ['self_art', '书画社', '退休教师和书画爱好者组成。', '每周公益书画课，春节义写春联。'],
      ['self_taichi', '太极拳协会', '晨练爱好者组成，会长为退休体育教师。', '每天晨练教学，参加社区运动会。'],
      ['self_leaders', '楼栋长联谊会', '全社区 186 名楼栋长的联络组织。', '收集楼栋居民诉求，召集楼栋议事会，协助通知和入户征求意见。'],
      ['self_owners', '桂花苑业主委员会', '依法选举产生的业主自治组织。', '“三单制”中负责“下单”：汇总业主报修和意见，监督物业服务。'],
      ['self_textile', '纺织厂宿舍居民自管小组', '纺织厂宿舍引入第三方管理前由居民推选的自管小组，现负责监督停车收费和结余使用。', '监督第三方管理，每季度核对停车收费结余并在小区公示栏公示。'],
      ['self_dog', '文明养犬自律会', '按居民议事会通过的《文明养犬公约》成立的养犬居民自律组织。', '文明养犬宣传、便便箱维护、遛狗纠纷的劝导与协调。'],
      ['self_model', '劳模创新工作室', '由社区劳动模范牵头，“有命名、有牌匾、有团队、有设施、有制度”。', '技能传帮带、疑难诉求攻坚，带动居民参与公益服务。'],
    ] as const
  ).map(([key, name, description, provides]): OrgSpec => ({ key, kind: 'self_organization', name, parent: 'rc', description, provides, contact: `社区党群服务中心 ${PHONES.center}` })),
  ...(
    [
      ['t_patrol', '红袖章巡防队', 'rc', '巡逻守护、消防通道巡查、文明劝导、清洁家园和义卖，也帮扶老弱病残。'],
      ['t_party', '党员志愿服务队', 'party', '每月 9 日志愿服务日便民维修、义诊协助；应对突发任务的核心补充力量。'],
      ['t_moms', '妈妈帮', 'rc', '儿童临时托管、亲子活动，协助四点半课堂。'],
      ['t_silver', '银龄互助队', 'rc', '低龄老人帮助高龄、独居老人：探访、陪诊、代购送餐。'],
      ['t_youth', '青年志愿者服务队', 'rc', '周末清洁、老年人智能手机课、周末辅导和社区电影放映。'],
      ['t_civility', '文明劝导队', 'rc', '垃圾分类指导、文明养犬劝导、广场舞音量劝导。'],
    ] as const
  ).map(([key, team, parent, provides]): OrgSpec => ({ key, kind: 'volunteer_team', name: team, team, parent, description: '', provides, contact: `社区党群服务中心 ${PHONES.center}` })),
];

/** Merchants are keyed `m:<shop name>`; their rows come from the `merchants` table. */
export const merchantKey = (shopName: string) => `m:${shopName}`;

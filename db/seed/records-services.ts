// biome-ignore-all format: seed data, one record per line, to be read down like a table
/**
 * The demo community's public records, part 2: the 服务清单 — close to 100 services for jobs,
 * schooling, health, elders, disability, legal aid, mediation, children, culture and daily life.
 * Providers are organisation keys from records-data.ts (`m:<shop>` for partner merchants).
 */
import { ASK, PHONES } from './records-data';

type Category = 'jobs' | 'schooling' | 'health' | 'elders' | 'disability' | 'legal' | 'mediation' | 'children' | 'culture' | 'living';
type Audience = 'everyone' | 'elders_alone' | 'elders' | 'low_income' | 'children' | 'disabled' | 'job_seekers' | 'families';

export interface ServiceSpec {
  category: Category;
  title: string;
  description: string;
  provider: string;
  audiences: Audience[];
  schedule: string;
  monthlyDay?: number;
  place: string;
  cost: 'free' | 'low_cost' | 'paid';
  costNote?: string;
  howToAsk: string;
  /** Key of the deliberation that created this service. */
  deliberation?: string;
  draft?: boolean;
}

const s = (
  category: Category,
  title: string,
  provider: string,
  audiences: Audience[],
  schedule: string,
  place: string,
  cost: ServiceSpec['cost'],
  howToAsk: string,
  description: string,
  extra: Partial<ServiceSpec> = {},
): ServiceSpec => ({ category, title, provider, audiences, schedule, place, cost, howToAsk, description, ...extra });

const CENTER = '社区党群服务中心';
const NINE = { monthlyDay: 9 };

export const SERVICES: ServiceSpec[] = [
  // 就业
  s('jobs', '就业岗位信息发布', 'rc', ['job_seekers', 'everyone'], '每周一更新', `${CENTER}一楼及各小区公示栏`, 'free', ASK.walkIn, '汇总辖区商户、驻区单位和街道劳动保障站的招聘信息，每周一在公示栏和居民群发布。'),
  s('jobs', '失业登记与就业援助', 'rc', ['job_seekers', 'low_income'], '工作日 8:30–17:30', `${CENTER}一楼就业服务窗口`, 'free', ASK.center, '办理失业登记、就业困难人员认定，为零就业家庭提供“一对一”就业援助。'),
  s('jobs', '社区小型招聘会', 'so_jobs', ['job_seekers'], '每月第二个周六上午 9:00–11:30', '社区广场', 'free', ASK.walkIn, '邀请周边商超、物业、家政企业现场招聘，提供保洁、保安、收银、育婴等岗位。'),
  s('jobs', '职业技能培训（育婴员、养老护理员、电工）', 'so_jobs', ['job_seekers', 'low_income'], '每季度开班，每期 15 天', '社区市民学校', 'low_cost', ASK.center, '取证类技能培训，结业后推荐就业。', { costNote: '符合补贴条件的免费，其他学员收取教材费 200 元' }),
  s('jobs', '简历指导与模拟面试', 'self_swa', ['job_seekers'], '每月第一个周三 19:00–21:00', `${CENTER}二楼多功能室`, 'free', ASK.order, '居民社工协会志愿者帮助修改简历、练习面试，优先服务应届毕业生和失业人员。'),
  s('jobs', '新就业群体“暖心驿站”', 'rc', ['job_seekers', 'everyone'], '每天 7:00–22:00', `${CENTER}东侧驿站`, 'free', ASK.walkIn, '为外卖骑手、快递员、网约车司机提供休息、饮水、手机充电和微波炉加热。'),
  s('jobs', '创业担保贷款政策咨询', 'so_jobs', ['job_seekers'], '预约，每周四下午', `${CENTER}一楼就业服务窗口`, 'free', ASK.phone, '讲解创业担保贷款、一次性创业补贴的申请条件并协助准备材料。'),
  s('jobs', '公益性岗位推荐', 'rc', ['low_income', 'job_seekers', 'disabled'], '岗位空缺时公示报名', `${CENTER}一楼就业服务窗口`, 'free', ASK.center, '保洁、巡防、楼道管理等公益性岗位，优先安置就业困难人员和低保家庭成员。'),
  s('jobs', '残疾人辅助性就业推荐', 'so_disab', ['disabled', 'job_seekers'], '工作日', '社区康复室', 'free', ASK.phone, '评估就业能力，推荐手工坊、电商客服等辅助性就业岗位并跟踪稳岗。'),
  s('jobs', '劳模“技能传帮带”', 'self_model', ['job_seekers'], '每月 15 日下午', '劳模创新工作室', 'free', ASK.center, '劳模带徒弟：家电维修、水电安装等实用技能，学员可跟岗实践。'),
  // 就学
  s('schooling', '四点半课堂（作业辅导）', 'so_child', ['children', 'families', 'low_income'], '上学日 16:30–18:30', '社区四点半课堂（党群服务中心三楼）', 'low_cost', ASK.center, '放学后作业辅导、阅读和兴趣活动，社工带班，大学生志愿者和党员教师辅导。', { costNote: '低保、残疾人家庭儿童免费；其他家庭每月 100 元材料费（微基金补贴其余成本）', deliberation: 'kids430' }),
  s('schooling', '低保家庭儿童公益书法课', 'm:墨香书法班', ['children', 'low_income'], '每周六上午 9:30–11:00', '墨香书法班教室', 'free', ASK.center, '“一刻钟合伙人”商户为低保家庭孩子免费开设书法课，提供笔墨纸砚。'),
  s('schooling', '低保家庭儿童免费午托', 'm:爱心午托班', ['children', 'low_income'], '上学日 11:30–14:00', '爱心午托班', 'free', ASK.center, '午餐、午休和作业辅导，每学期 6 个免费名额，由社区按困难程度推荐。'),
  s('schooling', '入学政策咨询', 'rc', ['families', 'children'], '每年 5–7 月集中咨询，其余时间预约', `${CENTER}一楼便民服务大厅`, 'free', ASK.phone, '解答学区划分、随迁子女入学材料、居住证办理等问题。'),
  s('schooling', '暑期托管班', 'so_child', ['children', 'families'], '7–8 月工作日 8:30–17:30', '社区四点半课堂', 'low_cost', ASK.center, '暑期看护、作业辅导、防溺水教育和兴趣课。', { costNote: '每周 150 元，低保家庭免费' }),
  s('schooling', '大学生志愿者周末辅导', 't_youth', ['children', 'low_income'], '每周六 14:30–16:30', `${CENTER}三楼`, 'free', ASK.order, '周边高校志愿者辅导数学、英语，重点服务困难家庭孩子。'),
  s('schooling', '困难家庭学生助学申请', 'rc', ['low_income', 'children'], '每年 8–9 月受理', `${CENTER}一楼便民服务大厅`, 'free', ASK.center, '协助申请教育救助和慈善助学金，微基金对特殊困难学生给予补充资助。'),
  s('schooling', '家庭教育讲座', 'so_child', ['families'], '每月最后一个周日上午', `${CENTER}二楼多功能室`, 'free', ASK.walkIn, '青春期沟通、电子产品使用、隔代教养等主题讲座和家长沙龙。'),
  s('schooling', '开学季文具捐赠', 'm:晨光文具店', ['children', 'low_income'], '每年 2 月、8 月及每月 9 日', '晨光文具店', 'free', ASK.store9, '为困难家庭学生免费提供书包和文具套装。', NINE),
  s('schooling', '党员“一对一”学业帮扶', 'b3', ['children', 'low_income'], '每周日 15:00–17:00', '南湖新村党员活动室', 'free', ASK.grid, '第三党支部在职党员教师结对困难家庭孩子，辅导功课、陪伴成长。'),
  // 就医
  s('health', '9 日义诊', 'so_med', ['elders', 'everyone'], '每月 9 日上午 8:30–11:30', '社区广场', 'free', ASK.walkIn, '内科、中医、眼科医生现场问诊，党员志愿服务队协助测量、引导。', { ...NINE, deliberation: 'nineday' }),
  s('health', '免费测血压血糖', 'm:康宁大药房', ['elders'], '每月 9 日全天', '康宁大药房', 'free', ASK.store9, '免费测量血压、血糖并建立记录卡，异常结果提醒就医。', NINE),
  s('health', '家庭医生签约服务', 'so_med', ['elders', 'everyone', 'disabled'], '工作日 8:00–17:00', '社区卫生服务站', 'free', ASK.walkIn, '协助签约家庭医生，65 岁以上老人每年一次免费体检。'),
  s('health', '慢性病健康管理小组', 'so_med', ['elders'], '每月第二个周四下午', '社区卫生服务站', 'free', ASK.center, '高血压、糖尿病患者自我管理小组：饮食、用药、运动指导。'),
  s('health', '季节性健康讲座', 'so_med', ['everyone', 'elders'], '每月一次，时间见公示栏', `${CENTER}二楼多功能室`, 'free', ASK.walkIn, '流感防治、防跌倒、夏季防中暑等讲座。'),
  s('health', '心理健康咨询', 'so_sw', ['everyone', 'families'], '预约，每周二、周五下午', '社区社工站心理咨询室', 'free', ASK.phone, '持证心理咨询师一对一咨询，严格保密。'),
  s('health', '儿童预防接种提醒与预约', 'so_med', ['children', 'families'], '每周三上午', '社区卫生服务站', 'free', ASK.walkIn, '核对接种本、提醒补种，协助预约接种门诊。'),
  s('health', '老人陪诊', 't_silver', ['elders_alone', 'elders'], '预约，提前 2 天', '上门接送至医院', 'free', ASK.order, '银龄互助队陪同独居、高龄老人挂号、就诊、取药。'),
  s('health', '心肺复苏与 AED 培训', 'so_med', ['everyone'], '每季度一期', `${CENTER}二楼多功能室`, 'free', ASK.center, '急救员带教心肺复苏、海姆立克法和社区 AED 使用，合格者发证。'),
  // 为老
  s('elders', '免费验光配老花镜', 'm:明亮眼镜店', ['elders'], '每月 9 日 9:00–17:00', '明亮眼镜店', 'free', ASK.store9, '为 60 岁以上老人免费验光、配老花镜，每人每年一副。', NINE),
  s('elders', '独居老人探访', 't_silver', ['elders_alone'], '每周至少一次', '上门', 'free', ASK.grid, '探访聊天、检查水电燃气安全、了解需求并反馈社区。'),
  s('elders', '长者饭堂助餐', 'so_elder', ['elders', 'elders_alone', 'low_income'], '每天 11:00–12:30', '社区长者饭堂', 'low_cost', ASK.walkIn, '两荤一素一汤，行动不便老人可送餐上门。', { costNote: '60 岁以上每餐 12 元；80 岁以上及低保老人每餐 6 元（差额由微基金补贴）' }),
  s('elders', '上门义剪', 'm:阿强理发店', ['elders_alone', 'disabled'], '每月 9 日', '上门', 'free', ASK.grid, '为独居、失能老人和重度残疾人上门理发。', NINE),
  s('elders', '老年人智能手机课', 't_youth', ['elders'], '每周四 15:00–16:30', '社区市民学校', 'free', ASK.walkIn, '手把手教视频通话、健康码、网上缴费和防诈骗。'),
  s('elders', '高龄老人全家福拍摄', 'm:阳光照相馆', ['elders'], '每月 9 日，预约', '阳光照相馆', 'free', ASK.center, '为 80 岁以上老人家庭免费拍摄并冲印全家福。', NINE),
  s('elders', '日间照料', 'so_elder', ['elders'], '工作日 8:30–17:30', '社区日间照料中心', 'low_cost', ASK.phone, '午休、康复训练、文娱活动和健康监测。', { costNote: '每月 300 元，含午餐；低保老人减半' }),
  s('elders', '助浴服务', 'so_elder', ['elders_alone', 'disabled'], '预约，周一至周六', '上门或日间照料中心助浴间', 'paid', ASK.phone, '两名护理员上门助浴，配备防滑垫和折叠浴椅。', { costNote: '每次 40 元，低保和特困老人由微基金补贴 30 元' }),
  s('elders', '重阳节送饺子', 'm:福满楼饺子馆', ['elders_alone'], '每年重阳节', '上门', 'free', ASK.grid, '重阳节为独居老人送上热饺子，志愿者陪同上门。'),
  s('elders', '免费缝补衣物', 'm:巧手裁缝铺', ['elders'], '每月 9 日', '巧手裁缝铺', 'free', ASK.store9, '为老人免费缝补、改衣，冬季免费钉扣换拉链。', NINE),
  s('elders', '为老人免费配钥匙', 'm:便民开锁配钥匙', ['elders', 'elders_alone'], '每月 9 日', '便民开锁配钥匙店', 'free', ASK.store9, '为老人免费配钥匙、更换老旧门锁锁芯（锁芯成本价）。', NINE),
  s('elders', '独居老人紧急呼叫设备', 'rc', ['elders_alone'], '预约安装', '上门', 'free', ASK.phone, '政府购买服务：安装一键呼叫器和烟感报警器，24 小时响应。'),
  s('elders', '党员结对独居老人', 'b1', ['elders_alone'], '每周电话问候，每月上门一次', '上门', 'free', ASK.grid, '第一党支部党员结对和平小区独居老人，节假日必访。'),
  // 助残
  s('disability', '残疾人公益推拿', 'm:健康推拿馆', ['disabled'], '每周二、周五下午及每月 9 日', '健康推拿馆', 'free', ASK.store9, '为持证残疾人免费推拿理疗，每人每月 2 次。', NINE),
  s('disability', '康复器材借用', 'so_disab', ['disabled', 'elders'], '工作日', '社区康复室', 'free', ASK.center, '轮椅、助行器、坐便椅等免费借用，押金全免。'),
  s('disability', '残疾人证与补贴代办', 'rc', ['disabled'], '工作日', `${CENTER}一楼便民服务大厅`, 'free', ASK.center, '代办残疾人证申领、两项补贴申请和年审，行动不便的可上门办理。'),
  s('disability', '残疾儿童康复转介', 'so_disab', ['disabled', 'children'], '预约', '社区康复室', 'free', ASK.phone, '评估后转介定点康复机构，协助申请康复救助。'),
  s('disability', '家庭无障碍改造申请', 'rc', ['disabled', 'elders'], '每年 3 月、9 月集中受理', `${CENTER}一楼便民服务大厅`, 'free', ASK.center, '加装扶手、坡道、防滑地面等，符合条件的家庭免费改造。'),
  s('disability', '助残文体活动', 'so_disab', ['disabled'], '每周三下午', '社区康复室', 'free', ASK.walkIn, '轮椅太极、手工编织、读书会，让残疾朋友走出家门。'),
  s('disability', '助残志愿者上门', 't_party', ['disabled'], '预约', '上门', 'free', ASK.order, '党员志愿者代购、代办、陪同出行。'),
  s('disability', '视障居民读报', 'so_culture', ['disabled', 'elders'], '每周一上午 9:30', '社区图书阅览室', 'free', ASK.walkIn, '志愿者为视障和不识字老人读报、讲新闻。'),
  // 法律
  s('legal', '律师坐班公益咨询', 'so_legal', ['everyone'], '每周三 14:30–17:30', '社区法律服务室', 'free', ASK.walkIn, '执业律师现场解答婚姻家庭、房屋租赁、劳动用工等问题。'),
  s('legal', '法律援助申请指导', 'so_legal', ['low_income', 'disabled', 'elders'], '预约', '社区法律服务室', 'free', ASK.phone, '判断是否符合法律援助条件，协助准备申请材料并转介。'),
  s('legal', '遗嘱与赡养咨询', 'so_legal', ['elders'], '每月第一个周五上午', '社区法律服务室', 'free', ASK.center, '遗嘱订立、房产继承、赡养纠纷咨询。'),
  s('legal', '防诈骗普法讲座', 'so_legal', ['elders', 'everyone'], '每月一次', `${CENTER}二楼多功能室`, 'free', ASK.walkIn, '结合真实案例讲解养老诈骗、电信诈骗的识别与应对。'),
  s('legal', '租房与装修合同审看', 'so_legal', ['everyone'], '预约', '社区法律服务室', 'free', ASK.order, '签约前帮您看合同，提示风险条款。'),
  s('legal', '物业纠纷法律咨询', 'so_property', ['everyone'], '每季度家物会后一周内', `${CENTER}二楼`, 'free', ASK.center, '物业费、维修资金使用、业委会选举等问题咨询。'),
  s('legal', '青少年法治课堂', 'so_legal', ['children'], '学期内每月一次', '社区四点半课堂', 'free', ASK.walkIn, '校园欺凌、网络安全、自我保护主题课堂。'),
  s('legal', '“法律明白人”培训', 'b10', ['everyone'], '每季度一期', `${CENTER}二楼多功能室`, 'free', ASK.center, '党员律师为楼栋长、网格员讲授常用法律知识。'),
  // 调解
  s('mediation', '邻里纠纷调解', 'so_mediate', ['everyone'], '工作日，紧急情况随时', '社区调解室', 'free', `拨打社区调解室电话 ${PHONES.mediation}`, '持证调解社工主持，噪音、漏水、占道等纠纷先调解后跟进。'),
  s('mediation', '家庭矛盾调解', 'so_mediate', ['families'], '预约', '社区调解室', 'free', `拨打社区调解室电话 ${PHONES.mediation}`, '婚姻、赡养、分家等家庭矛盾的调解和情绪疏导。'),
  s('mediation', '物业诉求“三单制”协调', 'rc', ['everyone'], '受理后 3 个工作日内答复', `${CENTER}一楼便民服务大厅`, 'free', ASK.order, '业委会下单、居委会派单、物业接单，社区跟踪到办结。'),
  s('mediation', '楼栋议事会协商', 'self_leaders', ['everyone'], '按需召开', '各小区活动室', 'free', ASK.grid, '楼栋公共事务由楼栋长召集议事会协商表决，社区派员列席。'),
  s('mediation', '“和事佬”上门劝和', 't_patrol', ['everyone'], '随时', '上门', 'free', ASK.grid, '红袖章骨干和党员“和事佬”上门劝和，防止小矛盾激化。'),
  s('mediation', '租赁纠纷调解', 'so_mediate', ['everyone'], '预约', '社区调解室', 'free', `拨打社区调解室电话 ${PHONES.mediation}`, '房东与租户押金、维修、提前退租纠纷调解。'),
  s('mediation', '停车纠纷协调', 'self_textile', ['everyone'], '随时', '纺织厂宿舍门岗', 'free', ASK.grid, '按停车收费方案协调占位、堵车等纠纷。', { deliberation: 'parkvote' }),
  s('mediation', '文明养犬劝导与纠纷调解', 'self_dog', ['everyone'], '每天早晚遛狗高峰', '各小区', 'free', ASK.grid, '按《文明养犬公约》劝导不牵绳、不清理粪便，调解犬只扰民纠纷。', { deliberation: 'dogs' }),
  s('mediation', '广场舞时段与音量协调', 't_civility', ['everyone'], '每晚 19:30–21:00', '社区广场', 'free', ASK.grid, '按居民论坛约定的时段和音量劝导，分贝仪现场测量并公示。', { deliberation: 'dance' }),
  // 儿童
  s('children', '周末亲子阅读', 'm:小小绘本馆', ['children', 'families'], '每周六、周日上午 10:00–11:30', '小小绘本馆', 'free', ASK.walkIn, '绘本故事会和亲子共读，每场 15 组家庭。'),
  s('children', '妈妈帮临时托管', 't_moms', ['children', 'families'], '预约，工作日', '社区儿童之家', 'free', ASK.order, '家长临时有事时，妈妈帮志愿者帮忙照看孩子 2–3 小时。'),
  s('children', '儿童友好空间', 'so_child', ['children'], '周末 9:00–17:00', '社区儿童之家', 'free', ASK.walkIn, '游戏室、绘本角、乐高区开放，社工驻场。'),
  s('children', '暑期防溺水安全教育', 't_youth', ['children'], '每年 6–8 月', '各小区活动室', 'free', ASK.walkIn, '防溺水、防触电、交通安全情景课堂，志愿者暑期巡河。'),
  s('children', '困境儿童关爱', 'rc', ['children', 'low_income'], '每月探访', '上门', 'free', ASK.grid, '儿童主任每月探访困境儿童，链接助学、心理和生活帮扶资源。'),
  s('children', '周末科学小实验', 'so_child', ['children'], '每月第二个周六下午', '社区四点半课堂', 'free', ASK.center, '简单安全的科学实验，激发孩子的好奇心。'),
  s('children', '儿童心理成长小组', 'so_sw', ['children', 'families'], '寒暑假各一期', '社区社工站', 'free', ASK.phone, '社工带领的小组活动：情绪管理、人际交往。'),
  s('children', '六一儿童节社区游园', 'rc', ['children', 'families'], '每年 6 月 1 日前后', '社区广场', 'free', ASK.walkIn, '游园闯关、跳蚤市场、才艺展示。'),
  // 文化
  s('culture', '群众文化艺术节', 'rc', ['everyone'], '每年 10 月', '社区广场', 'free', ASK.walkIn, '连续举办十多届的社区文艺盛会，居民自编自演。'),
  s('culture', '夕阳红合唱团排练', 'self_choir', ['elders', 'everyone'], '每周二、周四上午 9:00–11:00', `${CENTER}二楼多功能室`, 'free', ASK.walkIn, '欢迎爱唱歌的居民加入，无需基础。'),
  s('culture', '广场舞', 'self_dance', ['everyone'], '每晚 19:30–21:00', '社区广场', 'free', ASK.walkIn, '按居民论坛约定使用定向音箱，音量不超过 60 分贝。', { deliberation: 'dance' }),
  s('culture', '公益书画课', 'self_art', ['everyone', 'elders'], '每周三上午 9:30–11:00', '社区市民学校', 'free', ASK.walkIn, '书法、国画入门，春节前义写春联。'),
  s('culture', '太极拳晨练', 'self_taichi', ['everyone'], '每天 6:30–7:30', '社区广场北侧', 'free', ASK.walkIn, '二十四式太极拳教学，雨天暂停。'),
  s('culture', '社区图书阅览室', 'so_culture', ['everyone'], '周二至周日 9:00–20:00', '社区图书阅览室', 'free', ASK.walkIn, '藏书 1.2 万册，可办理借书证，与区图书馆通借通还。'),
  s('culture', '邻里节百家宴', 'rc', ['everyone'], '每年 5 月', '社区广场', 'free', ASK.grid, '各家带一道拿手菜，邻里相识相助。'),
  s('culture', '传统节日邻里活动', 'self_mutual', ['everyone'], '端午、中秋、冬至、春节', `${CENTER}`, 'free', ASK.walkIn, '包粽子、做月饼、包饺子，送给独居老人。'),
  s('culture', '红色故事宣讲', 'party', ['everyone'], '每月主题党日', `${CENTER}二楼多功能室`, 'free', ASK.walkIn, '老党员讲社区变迁和身边好人好事。'),
  // 生活
  s('living', '9 日免费炒粉', 'm:老街烧烤', ['low_income', 'everyone'], '每月 9 日 11:00–13:00', '老街烧烤', 'free', ASK.store9, '为环卫工人、低保户免费提供一份炒粉。', NINE),
  s('living', '小家电免费检修', 'm:平安家电维修', ['elders', 'everyone'], '每月 9 日上午', '社区广场', 'free', ASK.store9, '电饭锅、电风扇、电热水壶等免费检修，小配件成本价。', NINE),
  s('living', '免费修鞋', 'm:快修鞋铺', ['elders', 'low_income'], '每月 9 日', '快修鞋铺', 'free', ASK.store9, '为老人和低保户免费修鞋、换鞋跟。', NINE),
  s('living', '积分兑换米面油', 'm:邻家便利超市', ['everyone'], '营业时间 7:30–22:30', '邻家便利超市', 'low_cost', ASK.points, '志愿积分兑换大米、食用油、面条等生活用品。', { costNote: '用志愿服务积分兑换，不收现金' }),
  s('living', '电动车集中充电棚', 'pm1', ['everyone'], '24 小时', '和平小区北门充电棚', 'paid', ASK.walkIn, '智能充电桩，充满自动断电，配备监控和灭火器。', { costNote: '每小时 0.5 元，扫码支付', deliberation: 'ebike' }),
  s('living', '纺织厂宿舍停车管理', 'pm9', ['everyone'], '24 小时', '纺织厂宿舍', 'paid', '到纺织厂宿舍门岗办理月卡', '车牌识别道闸、车位划线、夜间巡查；结余每季度公示。', { costNote: '月租 60 元/车位，临时停车 2 小时内免费', deliberation: 'parkvote' }),
  s('living', '垃圾分类上门指导', 't_civility', ['everyone'], '每天 7:00–9:00、18:00–20:00', '各小区投放点', 'free', ASK.walkIn, '桶边督导、上门指导，可回收物每月第一个周六集中回收。'),
  s('living', '社保认证与居住证代办', 'rc', ['everyone', 'elders'], '工作日 8:30–17:30', `${CENTER}一楼便民服务大厅`, 'free', ASK.center, '养老金资格认证、居住证、老年优待证等代办。'),
  s('living', '物业报修“三单制”', 'pm2', ['everyone'], '24 小时受理', '桂花苑物业服务中心', 'free', '向业委会或楼栋长反映，由业委会下单', '公共部位报修经业委会下单、居委会派单、物业接单，限时办结。'),
  s('living', '9 日便民维修', 't_party', ['elders_alone', 'elders'], '每月 9 日上午', '社区广场及上门', 'free', ASK.order, '党员志愿者换灯泡、通下水、修水龙头，材料由微基金承担。', { ...NINE, deliberation: 'nineday' }),
  s('living', '夜间平安巡防', 't_patrol', ['everyone'], '每晚 19:00–22:00', '全社区', 'free', ASK.walkIn, '红袖章队员分片巡逻，检查门窗、消防通道和电动车充电。'),
  s('living', '红白喜事简办服务', 'self_redwhite', ['families'], '按需', `${CENTER}`, 'low_cost', ASK.center, '借用桌椅灶具、协调场地、简办流程指导。', { costNote: '桌椅借用每套 5 元清洁费' }),
  s('living', '爱心衣物捐赠点', 'self_mutual', ['low_income', 'everyone'], '每月 9 日集中整理发放', `${CENTER}西侧爱心屋`, 'free', ASK.walkIn, '八成新以上衣物清洗后转赠困难家庭。', NINE),
  // Drafts: not public until staff publish them.
  s('health', '社区心理热线（试运行）', 'so_mind', ['everyone'], '每晚 19:00–21:00', '电话服务', 'free', ASK.phone, '拟由暖心心理健康服务社开通，登记完成后上线。', { draft: true }),
  s('living', '楼道扶手安装报名', 'rc', ['elders', 'disabled'], '报名至安装完成', '各小区', 'free', ASK.grid, '微改造项目在老楼楼道加装扶手，首批 8 个楼道。', { draft: true, deliberation: 'handrails' }),
];

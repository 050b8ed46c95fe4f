import type { budgetLines, donationForms, donorTypes, fundKinds } from '../../db/schema/charity';
import type { deliberationBodies, followupStatuses } from '../../db/schema/deliberations';
import type { organizationKinds } from '../../db/schema/organizations';
import type { serviceAudiences, serviceCategories, serviceCosts } from '../../db/schema/services';
import type { Locale } from './ui';

/**
 * zh/en labels of every enum code the published records carry. Typed against the schema's code
 * lists (types only: nothing from db/ reaches the page bundle), so a new code fails the typecheck
 * until it has a label in both languages.
 */
type Labels<T extends readonly string[]> = Record<T[number], { 'zh-cn': string; en: string }>;

const category: Labels<typeof serviceCategories> = {
  jobs: { 'zh-cn': '就业', en: 'Jobs' },
  schooling: { 'zh-cn': '上学', en: 'Schooling' },
  health: { 'zh-cn': '健康', en: 'Health' },
  elders: { 'zh-cn': '养老助老', en: 'Elder care' },
  disability: { 'zh-cn': '助残', en: 'Disability' },
  legal: { 'zh-cn': '法律', en: 'Legal aid' },
  mediation: { 'zh-cn': '调解', en: 'Mediation' },
  children: { 'zh-cn': '儿童', en: 'Children' },
  culture: { 'zh-cn': '文体', en: 'Culture & sport' },
  living: { 'zh-cn': '生活便民', en: 'Daily living' },
};

const audience: Labels<typeof serviceAudiences> = {
  everyone: { 'zh-cn': '全体居民', en: 'Everyone' },
  elders_alone: { 'zh-cn': '独居老人', en: 'Elders living alone' },
  elders: { 'zh-cn': '老年人', en: 'Elders' },
  low_income: { 'zh-cn': '低保户', en: 'Low-income households' },
  children: { 'zh-cn': '儿童', en: 'Children' },
  disabled: { 'zh-cn': '残疾人', en: 'People with disabilities' },
  job_seekers: { 'zh-cn': '求职者', en: 'Job seekers' },
  families: { 'zh-cn': '家庭', en: 'Families' },
};

const cost: Labels<typeof serviceCosts> = {
  free: { 'zh-cn': '免费', en: 'Free' },
  low_cost: { 'zh-cn': '低偿', en: 'Low cost' },
  paid: { 'zh-cn': '收费', en: 'Paid' },
};

const body: Labels<typeof deliberationBodies> = {
  residents_council: { 'zh-cn': '居民议事会', en: "Residents' council" },
  building_council: { 'zh-cn': '楼栋议事会', en: 'Building council' },
  joint_property_council: { 'zh-cn': '家物会', en: 'Joint property council' },
  residents_forum: { 'zh-cn': '居民论坛', en: "Residents' forum" },
  residents_congress: { 'zh-cn': '居民代表大会', en: "Residents' congress" },
};

const followupStatus: Labels<typeof followupStatuses> = {
  pending: { 'zh-cn': '未开始', en: 'Not started' },
  in_progress: { 'zh-cn': '进行中', en: 'In progress' },
  done: { 'zh-cn': '已完成', en: 'Done' },
  blocked: { 'zh-cn': '受阻', en: 'Blocked' },
};

const donorType: Labels<typeof donorTypes> = {
  government: { 'zh-cn': '政府', en: 'Government' },
  merchant: { 'zh-cn': '商户', en: 'Merchant' },
  enterprise: { 'zh-cn': '企业', en: 'Enterprise' },
  individual: { 'zh-cn': '个人', en: 'Individual' },
};

const donationForm: Labels<typeof donationForms> = {
  money: { 'zh-cn': '资金', en: 'Money' },
  in_kind: { 'zh-cn': '物资', en: 'In kind' },
};

const budgetLine: Labels<typeof budgetLines> = {
  service_subsidy: { 'zh-cn': '服务补贴', en: 'Service subsidies' },
  infrastructure: { 'zh-cn': '设施改造', en: 'Infrastructure' },
  activities: { 'zh-cn': '社区活动', en: 'Activities' },
  emergency_aid: { 'zh-cn': '应急救助', en: 'Emergency aid' },
  operations: { 'zh-cn': '运营管理', en: 'Operations' },
};

const orgKind: Labels<typeof organizationKinds> = {
  party_committee: { 'zh-cn': '社区党委', en: 'Community Party committee' },
  party_branch: { 'zh-cn': '党支部', en: 'Party branches' },
  residents_committee: { 'zh-cn': '居民委员会', en: "Residents' committee" },
  property_company: { 'zh-cn': '物业服务企业', en: 'Property companies' },
  social_organization: { 'zh-cn': '社会组织', en: 'Social organisations' },
  self_organization: { 'zh-cn': '居民自组织', en: "Residents' self-organisations" },
  volunteer_team: { 'zh-cn': '志愿服务队', en: 'Volunteer teams' },
  merchant: { 'zh-cn': '一刻钟合伙人商户', en: 'Partner merchants' },
};

const fundKind: Labels<typeof fundKinds> = {
  micro_fund: { 'zh-cn': '社区微基金', en: 'Community micro-fund' },
  project: { 'zh-cn': '专项项目', en: 'Project fund' },
};

/** Income kinds are an inline enum on the incomes table. */
const incomeKind: Labels<readonly ['enterprise', 'grant', 'interest', 'other']> = {
  enterprise: { 'zh-cn': '社会企业收入', en: 'Social-enterprise income' },
  grant: { 'zh-cn': '资助', en: 'Grant' },
  interest: { 'zh-cn': '利息', en: 'Interest' },
  other: { 'zh-cn': '其他', en: 'Other' },
};

/** Which record a correction names. */
const correctionEntity: Labels<readonly ['donation', 'income', 'expense']> = {
  donation: { 'zh-cn': '捐赠', en: 'Donation' },
  income: { 'zh-cn': '收入', en: 'Income' },
  expense: { 'zh-cn': '支出', en: 'Expense' },
};

/** Where a volunteer activity stands (an inline enum on the activities table). */
const activityStatus: Labels<readonly ['planned', 'open', 'closed']> = {
  planned: { 'zh-cn': '筹备中', en: 'Planned' },
  open: { 'zh-cn': '进行中', en: 'Open' },
  closed: { 'zh-cn': '已结束', en: 'Closed' },
};

/** Whether a public record is still in force or withdrawn (kept, marked, with the reason). */
const publication: Labels<readonly ['published', 'withdrawn']> = {
  published: { 'zh-cn': '公开中', en: 'Published' },
  withdrawn: { 'zh-cn': '已撤回', en: 'Withdrawn' },
};

export const labels = {
  category,
  audience,
  cost,
  body,
  followupStatus,
  donorType,
  donationForm,
  budgetLine,
  orgKind,
  fundKind,
  incomeKind,
  correctionEntity,
  activityStatus,
  publication,
};
export type LabelGroup = keyof typeof labels;

/** The label of a code; an unknown code (newer data than this build) shows as itself. */
export function label(locale: Locale, group: LabelGroup, code: string): string {
  const entry = (labels[group] as Record<string, { 'zh-cn': string; en: string }>)[code];
  return entry ? entry[locale] : code;
}

/** The codes of a group, in their declared order (for filter options and grouped lists). */
export function codes(group: LabelGroup): string[] {
  return Object.keys(labels[group]);
}

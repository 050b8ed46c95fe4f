/**
 * The words the staff console shows for the codes the API sends (ledger entry and account kinds,
 * audit actions and record types, award batch states, roles). [zh-CN, English] pairs, merged in
 * app.ts. The code lists are typed against the schema and the audit trail (types only: nothing
 * from db/ or functions/ reaches the page bundle), so a new code fails the typecheck until it has
 * a word here; tests/domain/i18n/console-labels.test.ts also checks every record type the code audits.
 */
import type {
  accountKinds,
  awardBatchKinds,
  awardBatchStatuses,
  entryKinds,
  roles,
} from '../../db/schema';
import type { AuditAction } from '../../functions/domain/records/audit';
import type { Pairs } from './pairs';

/** Exactly one pair per code of U, under `prefix`. */
type Coded<P extends string, U extends string> = {
  readonly [K in U as `${P}${K}`]: readonly [zh: string, en: string];
};

const entryKindPairs = {
  'lbl.entry.kind.award': ['发放积分', 'Points awarded'],
  'lbl.entry.kind.redemption': ['商户兑换', 'Redeemed at a shop'],
  'lbl.entry.kind.transfer': ['转赠', 'Transfer'],
  'lbl.entry.kind.donation': ['捐入积分池', 'Donated to the pool'],
  'lbl.entry.kind.reversal': ['冲正', 'Reversal'],
  'lbl.entry.kind.expiry': ['积分到期', 'Expiry'],
} as const satisfies Coded<'lbl.entry.kind.', (typeof entryKinds)[number]>;

const accountKindPairs = {
  'lbl.account.kind.resident': ['居民', 'Resident'],
  'lbl.account.kind.merchant': ['商户', 'Merchant'],
  'lbl.account.kind.pool': ['社区积分池', 'Community pool'],
  'lbl.account.kind.issuance': ['积分发行（系统）', 'Issuance (system)'],
  'lbl.account.kind.expiry': ['到期积分（系统）', 'Expired points (system)'],
} as const satisfies Coded<'lbl.account.kind.', (typeof accountKinds)[number]>;

const auditActionPairs = {
  'lbl.audit.action.create': ['新建', 'Created'],
  'lbl.audit.action.update': ['修改', 'Changed'],
  'lbl.audit.action.publish': ['公开', 'Published'],
  'lbl.audit.action.approve': ['审批通过', 'Approved'],
  'lbl.audit.action.upload_receipt': ['上传票据', 'Receipt uploaded'],
  'lbl.audit.action.add_update': ['更新进展', 'Progress update'],
  'lbl.audit.action.set_budget': ['设定预算', 'Budget set'],
  'lbl.audit.action.add_outcome': ['登记去向', 'Outcome added'],
  'lbl.audit.action.revise': ['修订', 'Revised'],
  'lbl.audit.action.withdraw': ['撤回', 'Withdrawn'],
} as const satisfies Coded<'lbl.audit.action.', AuditAction>;

/** Record types the audit trail names (audit() calls take a free string; the label test scans them). */
export const AUDIT_ENTITIES = [
  'account',
  'activity',
  'activity_signup',
  'activity_type',
  'award_batch',
  'budget',
  'correction',
  'deliberation',
  'donation',
  'expense',
  'followup',
  'fund',
  'income',
  'merchant',
  'organization',
  'pool_grant',
  'resident',
  'resident_import',
  'service',
  'service_request',
  'settings',
  'team',
  'team_member',
] as const;

const auditEntityPairs = {
  'lbl.audit.entity.account': ['账号', 'Account'],
  'lbl.audit.entity.activity': ['志愿活动', 'Activity'],
  'lbl.audit.entity.activity_signup': ['活动报名', 'Activity sign-up'],
  'lbl.audit.entity.activity_type': ['活动类型', 'Activity type'],
  'lbl.audit.entity.merchant': ['合作商户', 'Partner shop'],
  'lbl.audit.entity.pool_grant': ['公益池发放', 'Pool grant'],
  'lbl.audit.entity.settings': ['社区设置', 'Community settings'],
  'lbl.audit.entity.team': ['志愿服务队', 'Volunteer team'],
  'lbl.audit.entity.team_member': ['服务队成员', 'Team member'],
  'lbl.audit.entity.award_batch': ['积分发放批次', 'Award batch'],
  'lbl.audit.entity.budget': ['预算', 'Budget'],
  'lbl.audit.entity.correction': ['更正', 'Correction'],
  'lbl.audit.entity.deliberation': ['议事协商', 'Deliberation'],
  'lbl.audit.entity.donation': ['捐赠', 'Donation'],
  'lbl.audit.entity.expense': ['支出', 'Expense'],
  'lbl.audit.entity.followup': ['议定事项跟进', 'Follow-up'],
  'lbl.audit.entity.fund': ['基金', 'Fund'],
  'lbl.audit.entity.income': ['基金收入', 'Income'],
  'lbl.audit.entity.organization': ['组织', 'Organisation'],
  'lbl.audit.entity.resident': ['居民', 'Resident'],
  'lbl.audit.entity.resident_import': ['居民批量导入', 'Resident import'],
  'lbl.audit.entity.service': ['服务清单', 'Service'],
  'lbl.audit.entity.service_request': ['服务申请', 'Service request'],
} as const satisfies Coded<'lbl.audit.entity.', (typeof AUDIT_ENTITIES)[number]>;

const batchPairs = {
  'lbl.batch.status.pending': ['待审批', 'Awaiting approval'],
  'lbl.batch.status.applied': ['已发放', 'Awarded'],
  'lbl.batch.status.rejected': ['已退回', 'Returned'],
  'lbl.batch.kind.activity': ['活动积分', 'Activity points'],
  'lbl.batch.kind.manual': ['单独发放', 'Individual award'],
} as const satisfies Coded<'lbl.batch.status.', (typeof awardBatchStatuses)[number]> &
  Coded<'lbl.batch.kind.', (typeof awardBatchKinds)[number]>;

const rolePairs = {
  'lbl.role.resident': ['居民', 'Resident'],
  'lbl.role.merchant': ['商户', 'Merchant'],
  'lbl.role.staff': ['社区工作人员', 'Staff'],
  'lbl.role.accountant': ['会计（第二签）', 'Accountant (second signature)'],
  'lbl.role.admin': ['管理员', 'Administrator'],
} as const satisfies Coded<'lbl.role.', (typeof roles)[number]>;

export const consoleLabelPairs = {
  ...entryKindPairs,
  ...accountKindPairs,
  ...auditActionPairs,
  ...auditEntityPairs,
  ...batchPairs,
  ...rolePairs,
  'lbl.anyEntity': ['全部类型', 'All record types'],
  'lbl.anyAction': ['全部操作', 'All actions'],
  'lbl.anyActor': ['全部人员', 'Everyone'],
  'lbl.disabled': ['已停用', 'disabled'],
  'lbl.system': ['系统', 'System'],
  'lbl.noActivities': ['这段时间没有这样的活动。', 'No such activities in this period.'],
} as const satisfies Pairs;

// The allowed codes of each enumerated field (from the database schema), with their zh/en labels.

import { budgetLines, donationForms, donorTypes } from '../../../db/schema/charity';
import { deliberationBodies, followupStatuses } from '../../../db/schema/deliberations';
import { organizationKinds } from '../../../db/schema/organizations';
import { serviceAudiences, serviceCategories, serviceCosts } from '../../../db/schema/services';
import { type LabelGroup, labels } from '../../i18n/labels';
import type { Field } from './model';

const enumCodes: Record<LabelGroup, readonly string[]> = {
  category: serviceCategories,
  audience: serviceAudiences,
  cost: serviceCosts,
  body: deliberationBodies,
  followupStatus: followupStatuses,
  donorType: donorTypes,
  donationForm: donationForms,
  budgetLine: budgetLines,
  orgKind: organizationKinds,
  fundKind: ['micro_fund', 'project'],
  incomeKind: ['enterprise', 'grant', 'interest', 'other'],
  correctionEntity: ['donation', 'income', 'expense'],
  activityStatus: ['planned', 'open', 'closed'],
  publication: ['published', 'withdrawn'],
};

/** The allowed codes of a field, in the schema's order, each with its zh/en label. */
export function allowedValues(
  field: Pick<Field<unknown>, 'enumOf'>,
): Array<{ code: string; zh: string; en: string }> {
  if (!field.enumOf) return [];
  const group = labels[field.enumOf] as Record<string, { 'zh-cn': string; en: string }>;
  return enumCodes[field.enumOf].map((code) => ({
    code,
    zh: group[code]?.['zh-cn'] ?? code,
    en: group[code]?.en ?? code,
  }));
}

// The corrections collection (更正): /data/corrections.json and .csv.
import type { PublicData } from '../../../functions/domain/publishing';
import { recordPath } from '../charity';
import { date, fiscalYearField, idField, int, moneyFields, str, urlField } from './fields';
import type { Collection } from './model';
import { fundFields } from './money-records';

type Correction = PublicData['charity']['corrections'][number];

export const corrections: Collection<Correction> = {
  name: 'corrections',
  title: { zh: '更正', en: 'Corrections' },
  description: {
    zh: '已公开的金额从不改写：发现错误时公开一条更正，写明原因和差额（可正可负）。更正后的金额 = 原金额 + 各条更正的差额。',
    en: 'A published amount is never rewritten: a mistake gets a published correction stating why and the difference (positive or negative). Corrected amount = original amount + the corrections’ differences.',
  },
  rows: (d) => d.charity.corrections,
  fields: [
    idField('更正', 'correction'),
    urlField(
      '这条更正在所属基金当月收支公示上的位置。',
      'This correction on the monthly statement of its fund.',
      (x) => recordPath('correction', x),
    ),
    ...fundFields<Correction>('所属基金', 'The fund'),
    str(
      'entity',
      '更正对象类型',
      'Corrected record type',
      '被更正记录的类型：捐赠（见 donations）、收入（见 incomes）或支出（见 expenses）。',
      'Type of the corrected record: a donation (see donations), income (see incomes) or expense (see expenses).',
      (x) => x.entity,
      { enumOf: 'correctionEntity', required: true },
    ),
    int(
      'entityId',
      '更正对象编号',
      'Corrected record id',
      '被更正记录的编号，在 entity 所指的数据集中。',
      'Id of the corrected record, in the collection entity names.',
      (x) => x.entityId,
      { required: true, minimum: 1 },
    ),
    date('date', '日期', 'Date', '更正日期。', 'Date of the correction.', (x) => x.date, {
      required: true,
    }),
    fiscalYearField<Correction>((x) => x.date),
    ...moneyFields<Correction>(
      'amountDelta',
      '差额',
      'Difference',
      '更正的差额（负数为减少）',
      'The difference (negative lowers the amount)',
      (x) => x.amountDeltaFen,
    ),
    str(
      'explanation',
      '更正说明',
      'Explanation',
      '为什么更正。',
      'Why it was corrected.',
      (x) => x.explanation,
      { required: true },
    ),
  ],
};

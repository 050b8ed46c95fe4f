// The incomes collection (其他收入): /data/incomes.json and .csv.
import type { PublicData } from '../../../functions/domain/publishing';
import { recordPath } from '../charity';
import { date, fiscalYearField, idField, moneyFields, status, str, urlField } from './fields';
import type { Collection } from './model';
import { correctedAmountField, correctionIdsField, fundFields } from './money-records';

type Income = PublicData['charity']['incomes'][number];

export const incomes: Collection<Income> = {
  name: 'incomes',
  title: { zh: '其他收入', en: 'Other incomes' },
  description: {
    zh: '捐赠以外进入基金的资金：社会企业收入、资助、利息等。金额为首次公开的金额；更正另行记录。',
    en: 'Money into a fund other than donations: social-enterprise income, grants, interest. Amounts are as first published; corrections are recorded separately.',
  },
  rows: (d) => d.charity.incomes,
  fields: [
    idField('收入', 'income'),
    urlField(
      '这笔收入在所属基金当月收支公示上的位置。',
      'This income on the monthly statement of its fund.',
      (x) => recordPath('income', x),
    ),
    ...fundFields<Income>('收到这笔收入的基金', 'The fund that received it'),
    date('date', '日期', 'Date', '收入日期。', 'Date received.', (x) => x.date, { required: true }),
    fiscalYearField<Income>((x) => x.date),
    str('kind', '类型', 'Kind', '收入类型。', 'Kind of income.', (x) => x.kind, {
      enumOf: 'incomeKind',
      required: true,
    }),
    str(
      'source',
      '来源',
      'Source',
      '资金来源（机构名称）。',
      'Where the money came from (an organisation).',
      (x) => x.source,
      { required: true },
    ),
    ...moneyFields<Income>(
      'amount',
      '金额',
      'Amount',
      '收入金额',
      'Amount received',
      (x) => x.amountFen,
    ),
    correctedAmountField<Income>('income'),
    str(
      'receiptNo',
      '收据编号',
      'Receipt no.',
      '收据编号，可凭此核对。',
      'Receipt number, for checking.',
      (x) => x.receiptNo,
      { required: true },
    ),
    correctionIdsField<Income>(),
    status<Income>(),
  ],
};

// The donations collection (捐赠): /data/donations.json and .csv.
import type { PublicData } from '../../../functions/domain/publishing';
import { recordPath } from '../charity';
import {
  bool,
  date,
  fiscalYearField,
  idField,
  int,
  list,
  moneyFields,
  status,
  str,
  urlField,
} from './fields';
import type { Collection } from './model';
import { correctedAmountField, correctionIdsField, fundFields } from './money-records';

type Donation = PublicData['charity']['donations'][number];

export const donations: Collection<Donation> = {
  name: 'donations',
  title: { zh: '捐赠（资金与物资）', en: 'Donations (money and in kind)' },
  description: {
    zh: '社区微基金和专项项目收到的捐赠。匿名捐赠者显示为“匿名”，个人捐赠者姓名脱敏（如 张*华）。金额为首次公开的金额；更正另行记录。',
    en: 'Donations to the community micro-fund and project funds. Anonymous donors show as 匿名; private donors’ names are masked (张*华). Amounts are as first published; corrections are recorded separately.',
  },
  rows: (d) => d.charity.donations,
  fields: [
    idField('捐赠', 'donation'),
    urlField(
      '这笔捐赠在所属基金当月收支公示上的位置。',
      'This donation on the monthly statement of the fund it went to.',
      (x) => recordPath('donation', x),
    ),
    ...fundFields<Donation>('接收捐赠的基金', 'The fund that received it'),
    date('date', '日期', 'Date', '捐赠日期。', 'Date of the donation.', (x) => x.date, {
      required: true,
    }),
    fiscalYearField<Donation>((x) => x.date),
    str(
      'donorType',
      '捐赠方类型',
      'Donor type',
      '捐赠方类型。',
      'Kind of donor.',
      (x) => x.donorType,
      { enumOf: 'donorType', required: true },
    ),
    str(
      'donor',
      '捐赠方',
      'Donor',
      '捐赠方名称：机构和商户为全称；个人已脱敏；匿名者为“匿名”。',
      'Donor: organisations in full; private persons masked; anonymous donors 匿名.',
      (x) => x.donor,
      { required: true },
    ),
    bool(
      'anonymous',
      '匿名',
      'Anonymous',
      '捐赠者是否要求匿名。',
      'Whether the donor asked to stay anonymous.',
      (x) => x.anonymous,
      { required: true },
    ),
    int(
      'organizationId',
      '组织编号',
      'Organisation id',
      '合伙商户或机构捐赠时对应的组织（见 organizations）；匿名时为空。',
      'The donating organisation or partner merchant (see organizations); empty when anonymous.',
      (x) => x.organizationId,
      { references: 'organizations' },
    ),
    str('form', '形式', 'Form', '资金或物资。', 'Money or in kind.', (x) => x.form, {
      enumOf: 'donationForm',
      required: true,
    }),
    ...moneyFields<Donation>(
      'amount',
      '金额',
      'Amount',
      '资金为金额，物资为估值',
      'Money: the amount; in kind: the valuation',
      (x) => x.amountFen,
    ),
    correctedAmountField<Donation>('donation'),
    str(
      'itemDescription',
      '物资',
      'Items',
      '捐赠的物资；资金捐赠为空。',
      'The goods given; empty for money.',
      (x) => x.itemDescription,
    ),
    str('quantity', '数量', 'Quantity', '物资数量。', 'Quantity of goods.', (x) => x.quantity),
    str(
      'outcome',
      '去向',
      'Outcome',
      '物资的去向（发给了谁、用于什么）。',
      'What became of the goods.',
      (x) => x.outcome,
    ),
    list(
      'outcomes',
      '后续去向',
      'Later outcomes',
      '公开后按日期登记的去向，每条格式“日期 说明”。',
      'Outcome entries added after publishing, in date order, each “date text”.',
      (x) => x.outcomes.map((o) => `${o.date} ${o.text}`),
      { itemType: 'string' },
    ),
    str(
      'receiptNo',
      '收据编号',
      'Receipt no.',
      '收据编号，可凭此核对。',
      'Receipt number, for checking.',
      (x) => x.receiptNo,
      { required: true },
    ),
    correctionIdsField<Donation>(),
    status<Donation>(),
  ],
};

// The expenses collection (基金支出): /data/expenses.json and .csv.
import type { PublicData } from '../../../functions/domain/publishing';
import { recordPath } from '../charity';
import {
  bool,
  date,
  datetime,
  fiscalYearField,
  idField,
  int,
  moneyFields,
  status,
  str,
  urlField,
} from './fields';
import type { Collection } from './model';
import { correctedAmountField, correctionIdsField, fundFields } from './money-records';

type Expense = PublicData['charity']['expenses'][number];

export const expenses: Collection<Expense> = {
  name: 'expenses',
  title: { zh: '基金支出', en: 'Fund expenses' },
  description: {
    zh: '基金的每一笔支出：用途、收款方、受益人（已匿名化）、审批和收据。金额为首次公开的金额；更正另行记录。',
    en: 'Every payment from a fund: purpose, payee, beneficiaries (anonymised), approval and receipt. Amounts are as first published; corrections are recorded separately.',
  },
  rows: (d) => d.charity.expenses,
  fields: [
    idField('支出', 'expense'),
    urlField(
      '这笔支出在所属基金当月收支公示上的位置。',
      'This expense on the monthly statement of the fund that paid.',
      (x) => recordPath('expense', x),
    ),
    ...fundFields<Expense>('支出的基金', 'The fund that paid'),
    date('date', '日期', 'Date', '支出日期。', 'Date of payment.', (x) => x.date, {
      required: true,
    }),
    fiscalYearField<Expense>((x) => x.date),
    str(
      'budgetLine',
      '预算科目',
      'Budget line',
      '支出所属的预算科目。',
      'Budget line it is charged to.',
      (x) => x.budgetLine,
      { enumOf: 'budgetLine', required: true },
    ),
    str('description', '用途', 'Purpose', '支出用途。', 'What it paid for.', (x) => x.description, {
      required: true,
    }),
    str('payee', '收款方', 'Payee', '收款单位。', 'Who was paid.', (x) => x.payee, {
      required: true,
    }),
    str(
      'beneficiaries',
      '受益人',
      'Beneficiaries',
      '受益人群，已匿名化（如“3 户独居老人”），从不含姓名。',
      'Who benefited, anonymised (“3 elders living alone”), never a name.',
      (x) => x.beneficiaries,
    ),
    ...moneyFields<Expense>(
      'amount',
      '金额',
      'Amount',
      '支出金额',
      'Amount paid',
      (x) => x.amountFen,
    ),
    correctedAmountField<Expense>('expense'),
    str(
      'receiptNo',
      '收据编号',
      'Receipt no.',
      '收据或发票编号。',
      'Receipt or invoice number.',
      (x) => x.receiptNo,
      { required: true },
    ),
    bool(
      'hasReceipt',
      '有收据扫描件',
      'Receipt on file',
      '是否已上传收据扫描件（扫描件供审计查阅，不公开）。',
      'Whether a receipt scan is on file (for auditors, not published).',
      (x) => x.hasReceipt,
      { required: true },
    ),
    int(
      'receiptCount',
      '收据扫描件数',
      'Receipt scans',
      '已上传的收据扫描件份数。',
      'Number of receipt scans on file.',
      (x) => x.receipts.length,
      { unit: 'count', required: true, minimum: 0 },
    ),
    str(
      'noReceiptReason',
      '无收据原因',
      'Why no receipt',
      '没有收据扫描件时说明的原因；有扫描件时为空。',
      'The stated reason when there is no receipt scan; empty otherwise.',
      (x) => x.noReceiptReason,
    ),
    bool(
      'approved',
      '已审批',
      'Approved',
      '是否已由另一名工作人员审批。',
      'Whether a second staff member approved it.',
      (x) => x.approved,
      { required: true },
    ),
    datetime(
      'approvedAt',
      '审批时间',
      'Approved at',
      '审批时间；未审批为空。',
      'When it was approved; empty if not yet.',
      (x) => x.approvedAt,
    ),
    int(
      'deliberationId',
      '批准议事编号',
      'Deliberation id',
      '批准这笔支出的议事会议；可为空。',
      'The deliberation that approved it, if any.',
      (x) => x.deliberationId,
      { references: 'deliberations' },
    ),
    correctionIdsField<Expense>(),
    status<Expense>(),
  ],
};

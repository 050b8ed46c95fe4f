// The funds collection (基金): /data/funds.json and .csv, one row per published or withdrawn fund with its totals.
import type { PublicData } from '../../../functions/domain/publishing';
import { idField, moneyFields, status, str, urlField, yearmonth } from './fields';
import type { Collection } from './model';

type Fund = PublicData['charity']['funds'][number];

export const funds: Collection<Fund> = {
  name: 'funds',
  title: { zh: '基金', en: 'Funds' },
  description: {
    zh: '社区微基金和专项项目基金：累计收入、支出和现金余额（已计入更正）。物资捐赠只估值，不计入现金余额。已撤回的基金和记录保留（status 为 withdrawn），不计入任何合计。',
    en: 'The community micro-fund and project funds: money in, money out and cash balance to date (corrections included). In-kind gifts are valued but never enter the cash balance. Withdrawn funds and records keep their rows (status withdrawn) and count in no total.',
  },
  rows: (d) => d.charity.funds,
  fields: [
    idField('基金', 'fund'),
    urlField('基金的收支公示页。', 'The fund’s page of accounts.', (f) => f.url),
    str(
      'code',
      '基金代码',
      'Fund code',
      '基金代码（也是其网页地址的一部分）。',
      'Fund code (also in its page address).',
      (f) => f.code,
      { required: true },
    ),
    str('name', '名称', 'Name', '基金名称。', 'Name of the fund.', (f) => f.name, {
      required: true,
    }),
    str('kind', '类型', 'Kind', '基金类型。', 'Kind of fund.', (f) => f.kind, {
      enumOf: 'fundKind',
      required: true,
    }),
    str(
      'description',
      '介绍',
      'Description',
      '基金的用途和来源。',
      'What the fund is for and where its money comes from.',
      (f) => f.description,
      { required: true },
    ),
    yearmonth(
      'periodStart',
      '起始月份',
      'Period start',
      '下列合计所涵盖的第一个月（首笔收支所在月）；尚无收支为空。',
      'First month the totals below cover (the month of the first movement); empty if none yet.',
      (f) => f.months[0]?.month ?? null,
    ),
    yearmonth(
      'periodEnd',
      '截止月份',
      'Period end',
      '下列合计所涵盖的最后一个月；尚无收支为空。',
      'Last month the totals below cover; empty if none yet.',
      (f) => f.months[f.months.length - 1]?.month ?? null,
    ),
    ...moneyFields<Fund>(
      'in',
      '累计收入',
      'Money in',
      '累计收到的资金（捐赠、收入及其更正）',
      'Money received to date (donations, incomes and their corrections)',
      (f) => f.inFen,
    ),
    ...moneyFields<Fund>(
      'out',
      '累计支出',
      'Money out',
      '累计支出（含更正）',
      'Money paid out to date (corrections included)',
      (f) => f.outFen,
    ),
    ...moneyFields<Fund>(
      'balance',
      '现金余额',
      'Cash balance',
      '现金余额 = 累计收入 − 累计支出',
      'Cash balance = money in − money out',
      (f) => f.balanceFen,
    ),
    ...moneyFields<Fund>(
      'inKindValue',
      '物资估值',
      'In-kind value',
      '收到物资的估值合计（不计入现金余额）',
      'Valuation of goods received (not in the cash balance)',
      (f) => f.inKindValueFen,
    ),
    status<Fund>(),
  ],
};

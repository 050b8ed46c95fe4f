// Field builders shared by every collection: typed field constructors, ids, page URLs, money and publishedAt.
import type { Field, FieldType, RowContext } from './model';

/** Integer fen → "1234.56" (exact: no floating point). */
export function fenToYuan(fen: number): string {
  const abs = Math.abs(Math.trunc(fen));
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const absolute = (path: string, site: URL) => new URL(path, site).href;

// ——— field helpers: short, so the collection tables below read like documentation ———

type Spec<Row> = Omit<Field<Row>, 'name' | 'type' | 'title' | 'description' | 'value'>;
const f =
  (type: FieldType) =>
  <Row>(
    name: string,
    zh: string,
    en: string,
    descZh: string,
    descEn: string,
    value: Field<Row>['value'],
    spec: Spec<Row> = {},
  ): Field<Row> => ({
    name,
    type,
    title: { zh, en },
    description: { zh: descZh, en: descEn },
    value,
    ...spec,
  });
export const int = f('integer');
export const num = f('number');
export const str = f('string');
export const bool = f('boolean');
export const date = f('date');
export const datetime = f('datetime');
export const yearmonth = f('yearmonth');
export const list = f('list');

export function idField<Row extends { id: number }>(descZh: string, descEn: string): Field<Row> {
  return int(
    'id',
    '编号',
    'ID',
    `${descZh}的编号，长期不变，可用于引用和比对。`,
    `Stable id of the ${descEn}; safe to reference and compare across downloads.`,
    (r) => r.id,
    { required: true, minimum: 1 },
  );
}
export function urlField<Row>(
  descZh: string,
  descEn: string,
  path: (row: Row) => string,
): Field<Row> {
  return str('url', '网页地址', 'Page URL', descZh, descEn, (r, c) => absolute(path(r), c.site), {
    required: true,
    url: true,
  });
}
export function moneyFields<Row>(
  name: string,
  zh: string,
  en: string,
  descZh: string,
  descEn: string,
  fen: (row: Row, ctx: RowContext) => number,
): Array<Field<Row>> {
  return [
    int(
      `${name}Fen`,
      `${zh}（分）`,
      `${en} (fen)`,
      `${descZh}，以分为单位的整数（100 分 = 1 元），以此为准。`,
      `${descEn}, integer fen (100 fen = 1 yuan); the authoritative figure.`,
      fen,
      { unit: 'fen', required: true },
    ),
    str(
      `${name}Yuan`,
      `${zh}（元）`,
      `${en} (yuan)`,
      `同一金额换算成元的文本，方便阅读。`,
      `The same amount in yuan, as text, for reading.`,
      (r, c) => fenToYuan(fen(r, c)),
      { unit: 'yuan', required: true, pattern: '-?[0-9]+\\.[0-9]{2}' },
    ),
  ];
}
/** published, or withdrawn: a withdrawn record keeps its row (and its page), marked so. */
export const status = <Row extends { status: 'published' | 'withdrawn' }>() =>
  str<Row>(
    'status',
    '状态',
    'Status',
    'published：公开中；withdrawn：已撤回（页面保留并注明撤回原因）。',
    'published, or withdrawn (its page stays, marked withdrawn with the reason).',
    (r) => r.status,
    { enumOf: 'publication', required: true },
  );

export const published = <Row extends { publishedAt: string | null }>() =>
  datetime<Row>(
    'publishedAt',
    '公开时间',
    'Published at',
    '工作人员公开这条记录的时间。',
    'When staff published this record.',
    (r) => r.publishedAt,
  );

/** The fiscal period of an amount: the calendar year of its date (Beijing time), as budgets are set. */
export function fiscalYearField<Row>(dateOf: (row: Row) => string): Field<Row> {
  return int(
    'fiscalYear',
    '会计年度',
    'Fiscal year',
    '金额所属的会计年度：日期所在的公历年（1 月 1 日至 12 月 31 日），与年度预算对应。',
    'The fiscal period of the amount: the calendar year of its date (1 January to 31 December), as the yearly budgets are set.',
    (r) => Number(dateOf(r).slice(0, 4)),
    { unit: 'year', required: true, minimum: 2000 },
  );
}

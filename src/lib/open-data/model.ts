// The open-data vocabulary: field and collection types, units, type labels and collection names.
import type { PublicData } from '../../../functions/domain/publishing';
import type { LabelGroup } from '../../i18n/labels';

export type Bilingual = { zh: string; en: string };

/** Table Schema types (v2); `list` is a '|'-delimited list in CSV and a JSON array in JSON. */
export type FieldType =
  | 'integer'
  | 'number'
  | 'string'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'yearmonth'
  | 'list';

export const units = {
  fen: { zh: '分（0.01 元人民币）', en: 'fen (0.01 CNY)' },
  yuan: { zh: '元人民币（两位小数的文本）', en: 'CNY yuan (text with two decimals)' },
  points: { zh: '积分', en: 'points' },
  percent: { zh: '百分比（0–100）', en: 'percent (0–100)' },
  people: { zh: '人', en: 'people' },
  count: { zh: '个／笔', en: 'count' },
  hours: { zh: '小时', en: 'hours' },
  year: {
    zh: '年（公历，1 月 1 日至 12 月 31 日）',
    en: 'calendar year (1 January to 31 December)',
  },
} as const satisfies Record<string, Bilingual>;
export type Unit = keyof typeof units;

export const typeLabels: Record<FieldType, Bilingual> = {
  integer: { zh: '整数', en: 'integer' },
  number: { zh: '数（可带小数）', en: 'number (may have decimals)' },
  string: { zh: '文本', en: 'text' },
  boolean: { zh: '布尔值（true／false）', en: 'boolean (true/false)' },
  date: { zh: '日期（YYYY-MM-DD，北京时间）', en: 'date (YYYY-MM-DD, Beijing time)' },
  datetime: { zh: '时间（ISO 8601，UTC）', en: 'date-time (ISO 8601, UTC)' },
  yearmonth: { zh: '年月（YYYY-MM）', en: 'year-month (YYYY-MM)' },
  list: { zh: '列表（CSV 中以 | 分隔）', en: 'list (joined with | in CSV)' },
};

type Scalar = string | number | boolean | null;
export type JsonValue = Scalar | Array<string | number>;

export interface Field<Row> {
  name: string;
  type: FieldType;
  /** For a list: the type of its items. */
  itemType?: 'string' | 'integer';
  title: Bilingual;
  description: Bilingual;
  unit?: Unit;
  /** Allowed values (codes), with labels from the site's i18n file. */
  enumOf?: LabelGroup;
  /** Never empty / null. */
  required?: boolean;
  minimum?: number;
  maximum?: number;
  /** A regular expression the whole text matches (Table Schema `pattern`). */
  pattern?: string;
  /** A link to a published page (absolute URL). */
  url?: boolean;
  /** The field names another collection's id (Table Schema foreign key). */
  references?: CollectionName;
  value: (row: Row, ctx: RowContext) => JsonValue;
}

/** What a row's value may need besides the row: the whole published view and the site's origin. */
export interface RowContext {
  data: PublicData;
  site: URL;
}

/**
 * Every collection's name, in publishing order. To add one: its name here, its descriptor in a file
 * of its own, and its entry in `byName` in collections.ts (the compiler insists on the last).
 */
export const collectionNames = [
  'services',
  'organizations',
  'deliberations',
  'vote-tallies',
  'followups',
  'funds',
  'budgets',
  'donations',
  'incomes',
  'expenses',
  'corrections',
  'merchants',
  'items',
  'activities',
  'volunteers',
  'honour-roll',
  'points-monthly',
  'satisfaction',
  'versions',
] as const;
export type CollectionName = (typeof collectionNames)[number];

export interface Collection<Row = unknown> {
  name: CollectionName;
  title: Bilingual;
  description: Bilingual;
  rows: (data: PublicData) => Row[];
  fields: Array<Field<Row>>;
}

// The Data Package (Frictionless, v2) descriptor for /data/datapackage.json, built from the field descriptors.
import type { PublicData } from '../../../functions/domain/publishing';
import { collections } from './collections';
import { allowedValues } from './enums';
import { type Collection, type Field, units } from './model';

/** A regular expression for one list item: an enum's codes, an integer, or any text without '|'. */
function itemPattern(field: Field<unknown>, codes: string[]): string {
  if (codes.length > 0) return `(${codes.join('|')})`;
  return field.itemType === 'integer' ? '-?[0-9]+' : '[^|]*';
}

/**
 * One field of a table schema. A list is a JSON array in JSON (its items' type as `jsonSchema`);
 * in CSV, where the profiles have no list type, it is a string of items joined with '|', its form
 * stated by a `pattern`.
 */
function tableField(field: Field<unknown>, format: 'csv' | 'json') {
  const values = allowedValues(field);
  const codes = values.map((v) => v.code);
  const isList = field.type === 'list';
  const constraints: Record<string, unknown> = {};
  if (field.required) constraints.required = true;
  if (field.minimum !== undefined) constraints.minimum = field.minimum;
  if (field.maximum !== undefined) constraints.maximum = field.maximum;
  if (field.pattern !== undefined) constraints.pattern = field.pattern;
  if (codes.length > 0 && !isList) constraints.enum = codes;
  if (isList && format === 'csv')
    constraints.pattern = `(${itemPattern(field, codes)}(\\|${itemPattern(field, codes)})*)?`;
  if (isList && format === 'json') {
    const item =
      codes.length > 0 ? { type: 'string', enum: codes } : { type: field.itemType ?? 'string' };
    constraints.jsonSchema = { type: 'array', items: item };
  }
  return {
    name: field.name,
    title: `${field.title.zh} ${field.title.en}`,
    type: isList ? (format === 'csv' ? 'string' : 'array') : field.type,
    ...(field.url ? { format: 'uri' } : {}),
    // ISO 8601 with milliseconds (2026-03-11T02:56:00.000Z): wider than the default datetime format.
    ...(field.type === 'datetime' ? { format: 'any' } : {}),
    description: `${field.description.zh} ${field.description.en}${isList ? `${format === 'csv' ? ' 以 | 分隔的列表 A list joined with |.' : ''}${codes.length > 0 ? ` 取值 Values: ${codes.join(', ')}` : ''}` : ''}`,
    ...(codes.length > 0 && !isList
      ? { categories: values.map((v) => ({ value: v.code, label: `${v.zh} ${v.en}` })) }
      : {}),
    ...(field.unit
      ? { unit: field.unit, unitDescription: `${units[field.unit].zh} ${units[field.unit].en}` }
      : {}),
    ...(field.unit === 'fen' || field.unit === 'yuan'
      ? { currency: 'CNY', columnType: 'value' }
      : {}),
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
}

function tableSchema(collection: Collection<any>, format: 'csv' | 'json') {
  const foreignKeys = collection.fields
    .filter((field) => field.references && field.type !== 'list')
    // A reference to the same table omits `resource` (Table Schema v2); the JSON resources refer to each other.
    .map((field) => {
      const target =
        field.references === collection.name
          ? {}
          : { resource: format === 'csv' ? field.references! : `${field.references}-json` };
      return { fields: [field.name], reference: { ...target, fields: ['id'] } };
    });
  return {
    fields: collection.fields.map((field) => tableField(field, format)),
    primaryKey: ['id'],
    missingValues: [''],
    // The profile wants at least one foreign key when the property is there.
    ...(foreignKeys.length > 0 ? { foreignKeys } : {}),
  };
}

/** /data/datapackage.json: a Data Package (v2) listing every collection in both formats. */
export function dataPackage(data: PublicData, site: URL, communityName: string) {
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: 'linli-open-data',
    title: `${communityName} 公开数据 · Linli open data`,
    description:
      '社区服务清单、组织架构、议事协商及表决结果、议事跟进、慈善基金（预算、捐赠、收入、支出、更正）、合伙商户及积分可兑换的商品、志愿活动与志愿服务队、志愿者光荣榜（姓名已脱敏）和积分银行月度统计，均为已公开记录；居民姓名、电话、住址从不包含。 Published records of the community: services, organisations, deliberations with their vote tallies and follow-ups, charity funds (budgets, donations, incomes, expenses, corrections), partner merchants and what points buy, volunteer activities and teams, the volunteers’ honour roll (names masked) and the points bank by month. No resident’s full name, phone or address is ever included.',
    homepage: new URL('/data/', site).href,
    keywords: ['社区', '开放数据', 'community', 'open data', 'transparency'],
    licenses: [
      {
        name: 'CC-BY-4.0',
        path: 'https://creativecommons.org/licenses/by/4.0/',
        title: 'Creative Commons Attribution 4.0',
      },
    ],
    resources: collections.flatMap((c) => {
      const common = {
        title: `${c.title.zh} ${c.title.en}`,
        description: `${c.description.zh} ${c.description.en}`,
      };
      return [
        {
          name: c.name,
          type: 'table',
          path: `${c.name}.csv`,
          format: 'csv',
          mediatype: 'text/csv',
          encoding: 'utf-8',
          ...common,
          dialect: { header: true, delimiter: ',', lineTerminator: '\r\n', quoteChar: '"' },
          schema: tableSchema(c, 'csv'),
          rows: c.rows(data).length,
        },
        {
          name: `${c.name}-json`,
          type: 'table',
          path: `${c.name}.json`,
          format: 'json',
          mediatype: 'application/json',
          encoding: 'utf-8',
          ...common,
          schema: tableSchema(c, 'json'),
          rows: c.rows(data).length,
        },
      ];
    }),
  };
}

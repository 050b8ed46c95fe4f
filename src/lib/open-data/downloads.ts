// The downloads themselves: a collection's rows as JSON records, the JSON file and the formula-safe CSV file.
import { stringify } from 'csv-stringify/sync';
import type { PublicData } from '../../../functions/domain/publishing';
import type { Collection, Field, JsonValue, RowContext } from './model';

/** Rows as plain objects, fields in their documented order: the JSON download. */
export function records(
  collection: Collection<any>,
  data: PublicData,
  site: URL,
): Array<Record<string, JsonValue>> {
  const ctx: RowContext = { data, site };
  return collection
    .rows(data)
    .map((row) =>
      Object.fromEntries(collection.fields.map((field) => [field.name, field.value(row, ctx)])),
    );
}

/** A JSON array with one record per line: compact, yet readable and diff-friendly. */
export function toJson(collection: Collection<any>, data: PublicData, site: URL): string {
  const lines = records(collection, data, site).map((r) => JSON.stringify(r));
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}

/** Cells a spreadsheet would run as a formula (CSV injection) begin with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: lists joined with '|' (a '|' inside an item becomes '｜'), null empty, text made formula-safe. */
export function csvCell(field: Pick<Field<unknown>, 'type'>, value: JsonValue): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value))
    return value.map((v) => guard(String(v).replaceAll('|', '｜'))).join('|');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  return field.type === 'string' ? guard(value) : value;
}
/** A plain negative number (a yuan difference such as -12.50) is data, not a formula: kept as it is. */
const PLAIN_NUMBER = /^-[0-9]+(\.[0-9]+)?$/;
const guard = (text: string) =>
  FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;

/** The CSV download: UTF-8 with BOM (Excel and WPS open it as UTF-8), a header row, CRLF lines. */
export function toCsv(collection: Collection<any>, data: PublicData, site: URL): string {
  const rows = records(collection, data, site).map((r) =>
    collection.fields.map((field) => csvCell(field, r[field.name] as JsonValue)),
  );
  return stringify(rows, {
    header: true,
    columns: collection.fields.map((field) => field.name),
    bom: true,
    record_delimiter: 'windows',
  });
}

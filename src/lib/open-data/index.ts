// Entry point of the open-data module: re-exports the public API of the files in this folder.
/**
 * 开放数据 (open data): every published collection as JSON and CSV, described once.
 *
 * Each collection is a list of rows from the public projections (PublicData: only published
 * records, only public fields, donors already masked or 匿名) plus field descriptors. The same
 * descriptors produce the JSON (/data/<name>.json), the CSV (/data/<name>.csv), the field
 * documentation (/data/) and the Data Package descriptor (/data/datapackage.json), so the four
 * can never disagree. Nothing here reads the database: a field can only publish what a
 * projection already made public.
 */

export { collections, getCollection } from './collections';
export { dataPackage } from './datapackage';
export { csvCell, records, toCsv, toJson } from './downloads';
export { allowedValues } from './enums';
export { fenToYuan } from './fields';
export type {
  Bilingual,
  Collection,
  CollectionName,
  Field,
  FieldType,
  JsonValue,
  RowContext,
  Unit,
} from './model';
export { collectionNames, typeLabels, units } from './model';

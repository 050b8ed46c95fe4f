import Ajv from 'ajv';
import { parse } from 'csv-parse/sync';

/**
 * A small Table Schema (v2) checker over the built files: what frictionless would report for the
 * portal's resources. Reads each cell as its field's type, then the field's constraints, the primary
 * key and the foreign keys between resources. Covers the parts of the standard the package uses:
 * an unknown type or format is reported, not skipped.
 */

interface Constraints {
  required?: boolean;
  unique?: boolean;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  pattern?: string;
  jsonSchema?: object;
}
export interface TableField {
  name: string;
  type: string;
  format?: string;
  constraints?: Constraints;
}
export interface TableResource {
  name: string;
  path: string;
  format: 'csv' | 'json';
  schema: {
    fields: TableField[];
    primaryKey?: string[];
    missingValues?: string[];
    foreignKeys?: Array<{ fields: string[]; reference: { resource?: string; fields: string[] } }>;
  };
}

type Cell = string | number | boolean | null | unknown[];
/** Thrown by a cast: the cell is not a value of the field's type. */
class NotOfType extends Error {}

const isDate = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

/** A CSV cell (always text) as the field's logical value; a JSON value is checked as it is. */
function cast(field: TableField, raw: Cell, csv: boolean): unknown {
  const text = typeof raw === 'string' ? raw : undefined;
  const fail = (): never => {
    throw new NotOfType(`not a ${field.type}${field.format ? ` (${field.format})` : ''}`);
  };
  switch (field.type) {
    case 'integer':
      if (csv) return text !== undefined && /^[+-]?[0-9]+$/.test(text) ? Number(text) : fail();
      return Number.isInteger(raw) ? raw : fail();
    case 'number':
      if (csv)
        return text !== undefined &&
          /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)
          ? Number(text)
          : fail();
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : fail();
    case 'boolean':
      if (!csv) return typeof raw === 'boolean' ? raw : fail();
      if (['true', 'True', 'TRUE', '1'].includes(text!)) return true;
      if (['false', 'False', 'FALSE', '0'].includes(text!)) return false;
      return fail();
    case 'string': {
      if (typeof raw !== 'string') return fail();
      if (field.format === 'uri') {
        try {
          new URL(raw);
        } catch {
          fail();
        }
      } else if (field.format && field.format !== 'default') fail();
      return raw;
    }
    case 'date': {
      const m =
        typeof raw === 'string' && (field.format ?? 'default') === 'default'
          ? /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(raw)
          : null;
      return m && isDate(+m[1]!, +m[2]!, +m[3]!) ? raw : fail();
    }
    case 'yearmonth': {
      const m = typeof raw === 'string' ? /^([0-9]{4})-([0-9]{2})$/.exec(raw) : null;
      return m && +m[2]! >= 1 && +m[2]! <= 12 ? raw : fail();
    }
    case 'datetime': {
      if (typeof raw !== 'string') return fail();
      const format = field.format ?? 'default';
      if (
        format === 'default' &&
        !/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:?[0-9]{2})?$/.test(
          raw,
        )
      )
        return fail();
      if (format !== 'default' && format !== 'any') return fail();
      return Number.isNaN(Date.parse(raw)) ? fail() : raw;
    }
    case 'array':
      if (csv) {
        try {
          raw = JSON.parse(text ?? '') as Cell;
        } catch {
          fail();
        }
      }
      return Array.isArray(raw) ? raw : fail();
    default:
      throw new NotOfType(`type ${field.type} is not known to this checker`);
  }
}

/** Rows of a resource as cells keyed by field name: CSV text (header checked), or the JSON records. */
function rowsOf(
  resource: TableResource,
  body: string,
  errors: string[],
): Array<Record<string, Cell>> {
  const names = resource.schema.fields.map((f) => f.name);
  if (resource.format === 'json') return JSON.parse(body) as Array<Record<string, Cell>>;
  const [header, ...lines] = parse(body, { bom: true, relax_column_count: true }) as string[][];
  if (JSON.stringify(header) !== JSON.stringify(names))
    errors.push(`${resource.name}: header ${JSON.stringify(header)} is not the schema's fields`);
  return lines.map((cells, i) => {
    if (cells.length !== names.length)
      errors.push(
        `${resource.name} row ${i + 2}: ${cells.length} cells for ${names.length} fields`,
      );
    return Object.fromEntries(names.map((n, j) => [n, cells[j] ?? '']));
  });
}

/**
 * Every row of every resource against its table schema, then the foreign keys; `read(path)` gives
 * a resource's file. Returns the problems found, each naming resource, row and field.
 */
export function checkTables(resources: TableResource[], read: (path: string) => string): string[] {
  const errors: string[] = [];
  const ajv = new Ajv({ strict: false });
  const values = new Map<string, Array<Record<string, unknown>>>();
  for (const r of resources) {
    const csv = r.format === 'csv';
    const missing = r.schema.missingValues ?? [''];
    const rows = rowsOf(r, read(r.path), errors);
    const typed: Array<Record<string, unknown>> = [];
    const uniques = new Map<string, Set<string>>();
    rows.forEach((row, i) => {
      const out: Record<string, unknown> = {};
      const where = (f: TableField) =>
        `${r.name} row ${csv ? i + 2 : i} ${f.name}=${JSON.stringify(row[f.name])}`;
      for (const f of r.schema.fields) {
        const raw = row[f.name];
        const c = f.constraints ?? {};
        if (raw === undefined || raw === null || (csv && missing.includes(raw as string))) {
          out[f.name] = null;
          if (c.required) errors.push(`${where(f)}: required`);
          continue;
        }
        let v: unknown;
        try {
          v = cast(f, raw, csv);
        } catch (e) {
          if (!(e instanceof NotOfType)) throw e;
          errors.push(`${where(f)}: ${e.message}`);
          continue;
        }
        out[f.name] = v;
        if (c.enum && !c.enum.includes(v)) errors.push(`${where(f)}: not in enum`);
        if (c.pattern !== undefined && !new RegExp(`^(?:${c.pattern})$`, 'u').test(String(v)))
          errors.push(`${where(f)}: does not match ${c.pattern}`);
        if (c.minimum !== undefined && (v as number) < c.minimum)
          errors.push(`${where(f)}: below ${c.minimum}`);
        if (c.maximum !== undefined && (v as number) > c.maximum)
          errors.push(`${where(f)}: above ${c.maximum}`);
        if (c.jsonSchema && !ajv.validate(c.jsonSchema, v))
          errors.push(`${where(f)}: ${ajv.errorsText()}`);
        if (c.unique) {
          const seen = uniques.get(f.name) ?? new Set();
          if (seen.has(JSON.stringify(v))) errors.push(`${where(f)}: not unique`);
          uniques.set(f.name, seen.add(JSON.stringify(v)));
        }
      }
      typed.push(out);
    });
    const key = r.schema.primaryKey ?? [];
    if (key.length > 0) {
      const seen = new Set<string>();
      for (const row of typed) {
        const k = JSON.stringify(key.map((n) => row[n]));
        if (key.some((n) => row[n] === null))
          errors.push(`${r.name}: primary key ${k} has an empty part`);
        if (seen.has(k)) errors.push(`${r.name}: primary key ${k} repeated`);
        seen.add(k);
      }
    }
    values.set(r.name, typed);
  }
  for (const r of resources) {
    for (const fk of r.schema.foreignKeys ?? []) {
      const targetName = fk.reference.resource ?? r.name;
      const target = values.get(targetName);
      if (!target) {
        errors.push(`${r.name}: foreign key to unknown resource ${targetName}`);
        continue;
      }
      const keys = new Set(target.map((t) => JSON.stringify(fk.reference.fields.map((n) => t[n]))));
      for (const row of values.get(r.name)!) {
        const parts = fk.fields.map((n) => row[n]);
        // A foreign key with an empty part points nowhere, which the standard allows.
        if (parts.some((p) => p === null)) continue;
        if (!keys.has(JSON.stringify(parts)))
          errors.push(
            `${r.name} #${JSON.stringify(row.id)}: ${fk.fields.join(',')}=${parts.join(',')} not in ${targetName}`,
          );
      }
    }
  }
  return errors;
}

import { parse } from 'csv-parse/sync';

/**
 * Reading a spreadsheet (CSV) for a bulk import of residents or paper cards, and checking it row by
 * row against its columns. Pure: text or rows in, validated records or every problem found out. Nothing is imported unless the whole file is good,
 * so the checks here cover everything the database would refuse (duplicates included).
 */

/** One CSV record with the (1-based) line of the file it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A problem with the file; `message` is zh-CN, `en` the English gloss. */
export interface ImportIssue {
  line: number;
  message: string;
  en: string;
}

export type Validated<T> = { ok: true; records: T[] } | { ok: false; issues: ImportIssue[] };

/** `第 7 行：手机号格式错误 (line 7: invalid phone)` */
export function formatIssue(issue: ImportIssue): string {
  return `第 ${issue.line} 行：${issue.message} (line ${issue.line}: ${issue.en})`;
}

/**
 * Parses CSV text (UTF-8 already decoded; a leading BOM is dropped; \n, \r\n or \r line ends).
 * Blank lines, and lines of nothing but separators, are skipped. Throws CsvSyntaxError with the
 * line of a malformed record (an unclosed quote and the like).
 */
export function parseCsv(text: string): CsvRow[] {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(normalized, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: '\n',
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string };
    throw new CsvSyntaxError(
      e.lines ?? 0,
      e.code === 'CSV_QUOTE_NOT_CLOSED' ? '引号未闭合' : 'CSV 格式错误',
      e.message ?? String(error),
    );
  }
  const rows: CsvRow[] = [];
  for (const { record, info } of records) {
    if (record.every((c) => c.trim() === '')) continue;
    // info.lines is where the record ends; a quoted field may span lines.
    const inner = record.reduce((n, c) => n + c.split('\n').length - 1, 0);
    rows.push({ line: info.lines - inner, cells: record });
  }
  return rows;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly zh: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'CsvSyntaxError';
  }

  get issue(): ImportIssue {
    return { line: this.line, message: this.zh, en: `malformed CSV: ${this.message}` };
  }
}
export interface ColumnSpec {
  name: string;
  zh: string;
  required: boolean;
}

interface Table {
  header: Map<string, number>;
  rows: CsvRow[];
}

/** Checks the header row: every required column once, no unknown column. */
function readHeader(
  rows: CsvRow[],
  columns: ColumnSpec[],
  issues: ImportIssue[],
): Table | undefined {
  const [first, ...rest] = rows;
  if (!first) {
    issues.push({
      line: 1,
      message: '文件是空的，第一行须为表头',
      en: 'the file is empty; the first row must be the header',
    });
    return undefined;
  }
  const header = new Map<string, number>();
  const known = new Set(columns.map((c) => c.name));
  first.cells.forEach((raw, i) => {
    const name = raw
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase();
    if (name === '') return;
    if (!known.has(name))
      issues.push({
        line: first.line,
        message: `未知的列「${raw.trim()}」`,
        en: `unknown column "${raw.trim()}"`,
      });
    else if (header.has(name))
      issues.push({
        line: first.line,
        message: `列「${name}」重复`,
        en: `duplicate column "${name}"`,
      });
    else header.set(name, i);
  });
  for (const c of columns) {
    if (c.required && !header.has(c.name))
      issues.push({
        line: first.line,
        message: `缺少必需的列「${c.name}」（${c.zh}）`,
        en: `missing required column "${c.name}"`,
      });
  }
  if (issues.length > 0) return undefined;
  return { header, rows: rest };
}

function cell(table: Table, row: CsvRow, name: string): string {
  const i = table.header.get(name);
  return i === undefined ? '' : (row.cells[i] ?? '').trim();
}

function extraCells(table: Table, row: CsvRow): boolean {
  const width = Math.max(...table.header.values()) + 1;
  return row.cells.slice(width).some((c) => c.trim() !== '');
}

/** Records the first line each value was seen on; reports later repeats. */
export class Seen {
  private readonly first = new Map<string, number>();

  repeat(value: string, line: number): number | undefined {
    const at = this.first.get(value);
    if (at === undefined) this.first.set(value, line);
    return at;
  }
}

/** Lookup of what the database already holds (a Set does). */
export interface Lookup {
  has(value: string): boolean;
}

/**
 * Reads the header, then checks each row with `check`, which reports the row's problems into
 * `issues` and returns its record; a record is kept only when its row added no problem.
 * `empty` is the problem of a file with a header and no rows.
 */
export function validateRows<T>(
  rows: CsvRow[],
  columns: ColumnSpec[],
  empty: Omit<ImportIssue, 'line'>,
  check: (get: (name: string) => string, line: number, issues: ImportIssue[]) => T | undefined,
): Validated<T> {
  const issues: ImportIssue[] = [];
  const table = readHeader(rows, columns, issues);
  if (!table) return { ok: false, issues };
  if (table.rows.length === 0) return { ok: false, issues: [{ line: rows[0]!.line, ...empty }] };
  const records: T[] = [];
  for (const row of table.rows) {
    const { line } = row;
    const before = issues.length;
    if (extraCells(table, row))
      issues.push({ line, message: '该行的列数多于表头', en: 'more cells than header columns' });
    const record = check((name) => cell(table, row, name), line, issues);
    if (issues.length === before && record) records.push(record);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, records };
}

import { parse } from 'csv-parse/sync';

/**
 * Bulk import of residents and paper cards from a spreadsheet (CSV). Pure: text or rows in,
 * validated records or every problem found out. Nothing is imported unless the whole file is good,
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

export const LOGIN_PATTERN = /^[a-z0-9_.-]{3,32}$/;
export const PHONE_PATTERN = /^1\d{10}$/;
export const CARD_PATTERN = /^C\d{4,8}$/;
export const PIN_PATTERN = /^\d{4}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
const TEXT_MAX = 64;

/**
 * Parses CSV text (UTF-8 already decoded; a leading BOM is dropped; \n, \r\n or \r line ends).
 * Blank lines, and lines of nothing but separators, are skipped. Throws CsvSyntaxError with the
 * line of a malformed record (an unclosed quote and the like).
 */
export function parseCsv(text: string): CsvRow[] {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(normalized, { info: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: '\n' }) as unknown as typeof records;
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string };
    throw new CsvSyntaxError(e.lines ?? 0, e.code === 'CSV_QUOTE_NOT_CLOSED' ? '引号未闭合' : 'CSV 格式错误', e.message ?? String(error));
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

interface ColumnSpec {
  name: string;
  zh: string;
  required: boolean;
}

interface Table {
  header: Map<string, number>;
  rows: CsvRow[];
}

/** Checks the header row: every required column once, no unknown column. */
function readHeader(rows: CsvRow[], columns: ColumnSpec[], issues: ImportIssue[]): Table | undefined {
  const [first, ...rest] = rows;
  if (!first) {
    issues.push({ line: 1, message: '文件是空的，第一行须为表头', en: 'the file is empty; the first row must be the header' });
    return undefined;
  }
  const header = new Map<string, number>();
  const known = new Set(columns.map((c) => c.name));
  first.cells.forEach((raw, i) => {
    const name = raw.replace(/^\uFEFF/, '').trim().toLowerCase();
    if (name === '') return;
    if (!known.has(name)) issues.push({ line: first.line, message: `未知的列「${raw.trim()}」`, en: `unknown column "${raw.trim()}"` });
    else if (header.has(name)) issues.push({ line: first.line, message: `列「${name}」重复`, en: `duplicate column "${name}"` });
    else header.set(name, i);
  });
  for (const c of columns) {
    if (c.required && !header.has(c.name)) issues.push({ line: first.line, message: `缺少必需的列「${c.name}」（${c.zh}）`, en: `missing required column "${c.name}"` });
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
class Seen {
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
function validateRows<T>(
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
    if (extraCells(table, row)) issues.push({ line, message: '该行的列数多于表头', en: 'more cells than header columns' });
    const record = check((name) => cell(table, row, name), line, issues);
    if (issues.length === before && record) records.push(record);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, records };
}

// ---------------------------------------------------------------------------------------------
// Residents

export const RESIDENT_COLUMNS: ColumnSpec[] = [
  { name: 'login', zh: '登录名', required: true },
  { name: 'full_name', zh: '姓名', required: true },
  { name: 'phone', zh: '手机号', required: true },
  { name: 'compound', zh: '小区', required: true },
  { name: 'building', zh: '楼栋', required: true },
  { name: 'unit', zh: '单元', required: true },
  { name: 'door', zh: '门牌', required: true },
  { name: 'password', zh: '初始密码', required: false },
  { name: 'card', zh: '卡号', required: false },
  { name: 'pin', zh: '卡密码', required: false },
];

export interface HouseholdKey {
  compound: string;
  building: string;
  unit: string;
  door: string;
}

export interface ResidentRecord {
  line: number;
  login: string;
  fullName: string;
  /** Empty in the file (a resident without a mobile phone) → null. */
  phone: string | null;
  household: HouseholdKey;
  password: string | null;
  card: { cardNo: string; pin: string } | null;
}

export interface ExistingPeople {
  /** Every login in use (residents, merchants, staff). */
  logins: Lookup;
  /** Every card number issued. */
  cards: Lookup;
}

/** Normalizes what people type for a card number: ` c0001 ` → `C0001`. */
export function normalizeCard(value: string): string {
  return value.trim().toUpperCase();
}

function checkCard(cardNo: string, pin: string, line: number, issues: ImportIssue[]): void {
  if (!CARD_PATTERN.test(cardNo)) issues.push({ line, message: `卡号格式错误（应为 C 加 4–8 位数字，如 C0001）：${cardNo}`, en: `invalid card number "${cardNo}" (C followed by 4–8 digits)` });
  if (!PIN_PATTERN.test(pin)) issues.push({ line, message: '卡密码格式错误（应为 4 位数字）', en: 'invalid PIN (4 digits)' });
}

/** A well-formed card number must be new: not earlier in the file, not issued already. */
function checkCardIsNew(cardNo: string, line: number, cardNos: Seen, issued: Lookup, issues: ImportIssue[]): void {
  const dup = cardNos.repeat(cardNo, line);
  if (dup !== undefined) issues.push({ line, message: `卡号 ${cardNo} 与第 ${dup} 行重复`, en: `card ${cardNo} repeats line ${dup}` });
  else if (issued.has(cardNo)) issues.push({ line, message: `卡号 ${cardNo} 已被使用`, en: `card ${cardNo} is already issued` });
}

/**
 * Validates a residents file: columns login, full_name, phone, compound, building, unit, door, and
 * optionally password and card + pin. Reports every problem, each with its line.
 */
export function validateResidents(rows: CsvRow[], existing: ExistingPeople): Validated<ResidentRecord> {
  const logins = new Seen();
  const cardNos = new Seen();
  return validateRows(rows, RESIDENT_COLUMNS, { message: '文件中没有居民数据', en: 'no residents in the file' }, (get, line, issues) => {
    const login = get('login');
    if (!login) issues.push({ line, message: '缺少登录名', en: 'missing login' });
    else if (!LOGIN_PATTERN.test(login)) issues.push({ line, message: `登录名格式错误（3–32 位小写字母、数字或 _ . -）：${login}`, en: `invalid login "${login}" ([a-z0-9_.-]{3,32})` });
    else {
      const dup = logins.repeat(login, line);
      if (dup !== undefined) issues.push({ line, message: `登录名 ${login} 与第 ${dup} 行重复`, en: `login "${login}" repeats line ${dup}` });
      else if (existing.logins.has(login)) issues.push({ line, message: `登录名 ${login} 已被使用`, en: `login "${login}" is already taken` });
    }

    const fullName = get('full_name').replace(/\s+/g, ' ');
    if (!fullName) issues.push({ line, message: '缺少姓名', en: 'missing full name' });
    else if (Array.from(fullName).length > TEXT_MAX) issues.push({ line, message: `姓名过长（最多 ${TEXT_MAX} 个字）`, en: `full name longer than ${TEXT_MAX} characters` });

    const phone = get('phone').replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
    if (phone && !PHONE_PATTERN.test(phone)) issues.push({ line, message: '手机号格式错误', en: 'invalid phone' });

    const household = { compound: get('compound'), building: get('building'), unit: get('unit'), door: get('door') };
    for (const c of RESIDENT_COLUMNS.filter((c) => c.name in household)) {
      const value = household[c.name as keyof HouseholdKey];
      if (!value) issues.push({ line, message: `缺少${c.zh}`, en: `missing ${c.name}` });
      else if (Array.from(value).length > TEXT_MAX) issues.push({ line, message: `${c.zh}过长（最多 ${TEXT_MAX} 个字）`, en: `${c.name} longer than ${TEXT_MAX} characters` });
    }

    const password = get('password');
    if (password && (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)) {
      issues.push({ line, message: `初始密码长度须为 ${PASSWORD_MIN}–${PASSWORD_MAX} 位`, en: `password must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters` });
    }

    const cardNo = normalizeCard(get('card'));
    const pin = get('pin');
    if (cardNo || pin) {
      if (!cardNo) issues.push({ line, message: '填写了卡密码但缺少卡号', en: 'PIN given without a card number' });
      else if (!pin) issues.push({ line, message: '填写了卡号但缺少卡密码', en: 'card number given without a PIN' });
      else {
        checkCard(cardNo, pin, line, issues);
        if (CARD_PATTERN.test(cardNo)) checkCardIsNew(cardNo, line, cardNos, existing.cards, issues);
      }
    }

    return { line, login, fullName, phone: phone || null, household, password: password || null, card: cardNo ? { cardNo, pin } : null };
  });
}

// ---------------------------------------------------------------------------------------------
// Paper cards for existing residents

export const CARD_COLUMNS: ColumnSpec[] = [
  { name: 'login', zh: '登录名', required: true },
  { name: 'card', zh: '卡号', required: true },
  { name: 'pin', zh: '卡密码', required: true },
];

export interface CardRecord {
  line: number;
  login: string;
  residentId: number;
  cardNo: string;
  pin: string;
}

export interface ExistingCards {
  /** login → the resident, and the card they already hold, if any. Logins of non-residents are absent. */
  residents: { get(login: string): { id: number; card: string | null } | undefined };
  /** Logins that exist but are not residents (merchants, staff): named in the message. */
  otherLogins: Lookup;
  cards: Lookup;
}

/** Validates a cards file (login, card, pin): one new card per existing resident who has none. */
export function validateCards(rows: CsvRow[], existing: ExistingCards): Validated<CardRecord> {
  const logins = new Seen();
  const cardNos = new Seen();
  return validateRows(rows, CARD_COLUMNS, { message: '文件中没有卡片数据', en: 'no cards in the file' }, (get, line, issues) => {
    const login = get('login');
    let resident: { id: number; card: string | null } | undefined;
    if (!login) issues.push({ line, message: '缺少登录名', en: 'missing login' });
    else {
      const dup = logins.repeat(login, line);
      resident = existing.residents.get(login);
      if (dup !== undefined) issues.push({ line, message: `登录名 ${login} 与第 ${dup} 行重复`, en: `login "${login}" repeats line ${dup}` });
      else if (!resident) {
        if (existing.otherLogins.has(login)) issues.push({ line, message: `${login} 不是居民账号`, en: `"${login}" is not a resident` });
        else issues.push({ line, message: `居民 ${login} 不存在`, en: `no resident with login "${login}"` });
      } else if (resident.card) issues.push({ line, message: `居民 ${login} 已有卡 ${resident.card}`, en: `resident "${login}" already holds card ${resident.card}` });
    }

    const cardNo = normalizeCard(get('card'));
    const pin = get('pin');
    if (!cardNo) issues.push({ line, message: '缺少卡号', en: 'missing card number' });
    if (!pin) issues.push({ line, message: '缺少卡密码', en: 'missing PIN' });
    if (cardNo && pin) checkCard(cardNo, pin, line, issues);
    if (CARD_PATTERN.test(cardNo)) checkCardIsNew(cardNo, line, cardNos, existing.cards, issues);

    return resident && { line, login, residentId: resident.id, cardNo, pin };
  });
}

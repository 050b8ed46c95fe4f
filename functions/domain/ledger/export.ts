import { stringify } from 'csv-stringify/sync';
import { SYSTEM_ACCOUNTS } from './accounts';
import type { ExportedEntry } from './verify';

/**
 * The ledger export formats, written page by page and read back entry by entry, so neither side
 * ever holds the whole ledger. Both carry every fact the hash chain covers plus prev_hash, hash and
 * each posting's balance_after, so anyone can replay the file with LedgerChecker and compare the
 * head with GET /api/public/ledger/head.
 *
 * JSON: one document, one entry per line (so it streams both ways yet is plain JSON):
 *   {"format":"linli-ledger","version":1,"exportedAt":"…","entries":[
 *   {"id":1,…,"postings":[{"accountId":1,"amount":-30,"balanceAfter":-30},…],"prevHash":"…","hash":"…"},
 *   …
 *   ],"entryCount":2,"head":"…"}
 *
 * CSV: a header row, then one row per posting (entry fields repeated on each of its rows).
 */

export const EXPORT_FORMAT = 'linli-ledger';
export const EXPORT_VERSION = 1;

export interface ExportEntry extends ExportedEntry {
  postings: Array<{ accountId: number; amount: number; balanceAfter: number }>;
}

/** Which accounts may run negative when replaying a file: the system accounts have the same ids in every database. */
export function fileAccountKinds(): Map<number, string> {
  return new Map(Object.entries(SYSTEM_ACCOUNTS).map(([kind, id]) => [id, kind]));
}

/** A file that is not a readable export; `line` is where reading stopped. */
export class ExportFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
    /** The entry being read, when known. */
    readonly entryId: number | null = null,
  ) {
    super(message);
    this.name = 'ExportFormatError';
  }
}

// ---------------------------------------------------------------------------------------------
// JSON

export function jsonPreamble(exportedAt: string): string {
  return `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"exportedAt":${JSON.stringify(exportedAt)},"entries":[\n`;
}

/** Separates two entry lines. */
export const JSON_SEPARATOR = ',\n';

export function jsonEntry(e: ExportEntry): string {
  return JSON.stringify({
    id: e.id,
    at: e.at,
    kind: e.kind,
    memo: e.memo,
    actorId: e.actorId,
    activityId: e.activityId,
    reversesId: e.reversesId,
    postings: e.postings.map((p) => ({
      accountId: p.accountId,
      amount: p.amount,
      balanceAfter: p.balanceAfter,
    })),
    prevHash: e.prevHash,
    hash: e.hash,
  });
}

export function jsonTrailer(entryCount: number, head: string): string {
  return `${entryCount > 0 ? '\n' : ''}],"entryCount":${entryCount},"head":${JSON.stringify(head)}}\n`;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isIntOrNull = (v: unknown): v is number | null => v === null || isInt(v);

/** Checks the shape of one decoded JSON entry. */
export function decodeJsonEntry(value: unknown, line: number): ExportEntry {
  const o = value as Record<string, unknown> | null;
  const id = typeof o === 'object' && o !== null && isInt(o.id) ? o.id : null;
  const bad = (what: string) => new ExportFormatError(line, `entry ${id ?? '?'}: ${what}`, id);
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw bad('not an object');
  if (id === null) throw bad('id must be an integer');
  for (const k of ['at', 'kind', 'memo', 'prevHash', 'hash'] as const)
    if (typeof o[k] !== 'string') throw bad(`${k} must be a string`);
  for (const k of ['actorId', 'activityId', 'reversesId'] as const)
    if (!isIntOrNull(o[k])) throw bad(`${k} must be an integer or null`);
  if (!Array.isArray(o.postings)) throw bad('postings must be an array');
  const postings = o.postings.map((p: Record<string, unknown> | null) => {
    if (
      !p ||
      typeof p !== 'object' ||
      !isInt(p.accountId) ||
      !isInt(p.amount) ||
      !isInt(p.balanceAfter)
    )
      throw bad('each posting needs integer accountId, amount and balanceAfter');
    return { accountId: p.accountId, amount: p.amount, balanceAfter: p.balanceAfter };
  });
  return {
    id,
    at: o.at as string,
    kind: o.kind as string,
    memo: o.memo as string,
    actorId: o.actorId as number | null,
    activityId: o.activityId as number | null,
    reversesId: o.reversesId as number | null,
    postings,
    prevHash: o.prevHash as string,
    hash: o.hash as string,
  };
}

export interface ExportSummary {
  entryCount: number;
  head: string;
}

/**
 * Reads the JSON layout line by line (as written by jsonPreamble/jsonEntry/jsonTrailer).
 * `line` returns the entry on that line, if any; `end` returns the trailer's claims.
 */
export class JsonExportReader {
  private state: 'start' | 'entries' | 'done' = 'start';
  private summary: ExportSummary | undefined;

  /** Whether a first line looks like this layout (otherwise the file may be re-formatted JSON). */
  static recognizes(firstLine: string): boolean {
    return (
      firstLine
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .endsWith('"entries":[') && firstLine.includes(`"format":"${EXPORT_FORMAT}"`)
    );
  }

  line(text: string, lineNo: number): ExportEntry | undefined {
    const t = text.trim();
    if (this.state === 'start') {
      if (!JsonExportReader.recognizes(t))
        throw new ExportFormatError(lineNo, 'not a Linli ledger export (JSON)');
      const meta = parseJson(`${t}]}`, lineNo) as { version?: unknown };
      if (meta.version !== EXPORT_VERSION)
        throw new ExportFormatError(lineNo, `unsupported export version ${String(meta.version)}`);
      this.state = 'entries';
      return undefined;
    }
    if (this.state === 'done') {
      if (t !== '') throw new ExportFormatError(lineNo, 'text after the end of the export');
      return undefined;
    }
    if (t === '') return undefined;
    if (t.startsWith(']')) {
      const trailer = parseJson(`{${t.slice(2)}`, lineNo) as Record<string, unknown>;
      if (!t.startsWith('],') || !isInt(trailer.entryCount) || typeof trailer.head !== 'string')
        throw new ExportFormatError(lineNo, 'malformed end of export (entryCount, head)');
      this.summary = { entryCount: trailer.entryCount, head: trailer.head };
      this.state = 'done';
      return undefined;
    }
    return decodeJsonEntry(parseJson(t.endsWith(',') ? t.slice(0, -1) : t, lineNo), lineNo);
  }

  /** The trailer's claims; throws if the file stopped before its end (truncated). */
  end(lineNo: number): ExportSummary {
    if (!this.summary)
      throw new ExportFormatError(
        lineNo,
        'the export is truncated (no closing "]" with entryCount and head)',
      );
    return this.summary;
  }
}

/** A whole JSON document (e.g. re-formatted by another tool): its entries and trailer. */
export function decodeJsonDocument(doc: unknown): {
  entries: ExportEntry[];
  summary?: ExportSummary;
} {
  const o = doc as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || o.format !== EXPORT_FORMAT || !Array.isArray(o.entries))
    throw new ExportFormatError(1, 'not a Linli ledger export (JSON)');
  if (o.version !== EXPORT_VERSION)
    throw new ExportFormatError(1, `unsupported export version ${String(o.version)}`);
  const entries = o.entries.map((e, i) => decodeJsonEntry(e, i + 1));
  const summary =
    isInt(o.entryCount) && typeof o.head === 'string'
      ? { entryCount: o.entryCount, head: o.head }
      : undefined;
  return summary ? { entries, summary } : { entries };
}

function parseJson(text: string, lineNo: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ExportFormatError(lineNo, `invalid JSON: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

export const CSV_COLUMNS = [
  'entry_id',
  'at',
  'kind',
  'memo',
  'actor_id',
  'activity_id',
  'reverses_id',
  'account_id',
  'amount',
  'balance_after',
  'prev_hash',
  'hash',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * The header row. A UTF-8 byte-order mark goes first so that spreadsheet programs (Excel on a
 * Chinese Windows) read the memos as UTF-8; readers drop it.
 */
export function csvHeader(): string {
  return `\uFEFF${stringify([[...CSV_COLUMNS]], { record_delimiter: '\n' })}`;
}

const optional = (v: number | null) => (v === null ? '' : String(v));

/** The rows of a page of entries: one per posting, in posting order. */
export function csvRows(entries: ExportEntry[]): string {
  const rows: string[][] = [];
  for (const e of entries) {
    for (const p of e.postings) {
      rows.push([
        String(e.id),
        e.at,
        e.kind,
        e.memo,
        optional(e.actorId),
        optional(e.activityId),
        optional(e.reversesId),
        String(p.accountId),
        String(p.amount),
        String(p.balanceAfter),
        e.prevHash,
        e.hash,
      ]);
    }
  }
  return rows.length === 0 ? '' : stringify(rows, { record_delimiter: '\n' });
}

const ENTRY_FIELDS = [
  'at',
  'kind',
  'memo',
  'actor_id',
  'activity_id',
  'reverses_id',
  'prev_hash',
  'hash',
] as const;

/**
 * Gathers CSV rows (as objects keyed by CSV_COLUMNS) back into entries: the rows of one entry are
 * consecutive and must repeat the same entry fields.
 */
export class CsvExportAssembler {
  private current: { entry: ExportEntry; row: Record<CsvColumn, string> } | undefined;

  /** Checks the header (any column order, nothing missing or unknown). */
  static checkHeader(columns: string[], lineNo: number): void {
    const names = columns.map((c) => c.replace(/^\uFEFF/, '').trim());
    const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
    const unknown = names.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
    if (missing.length > 0 || unknown.length > 0) {
      throw new ExportFormatError(
        lineNo,
        `not a Linli ledger export (CSV): ${missing.length ? `missing ${missing.join(', ')}` : ''}${missing.length && unknown.length ? '; ' : ''}${unknown.length ? `unknown ${unknown.join(', ')}` : ''}`,
      );
    }
  }

  /** Adds a row; returns the previous entry when this row starts a new one. */
  push(row: Record<CsvColumn, string>, lineNo: number): ExportEntry | undefined {
    const id = int(row.entry_id, 'entry_id', lineNo, null);
    const posting = {
      accountId: int(row.account_id, 'account_id', lineNo, id),
      amount: int(row.amount, 'amount', lineNo, id),
      balanceAfter: int(row.balance_after, 'balance_after', lineNo, id),
    };
    if (this.current && this.current.entry.id === id) {
      const first = this.current.row;
      const differs = ENTRY_FIELDS.find((f) => row[f] !== first[f]);
      if (differs)
        throw new ExportFormatError(lineNo, `entry ${id}: its rows disagree on ${differs}`, id);
      this.current.entry.postings.push(posting);
      return undefined;
    }
    const done = this.current?.entry;
    this.current = {
      row,
      entry: {
        id,
        at: row.at,
        kind: row.kind,
        memo: row.memo,
        actorId: intOrNull(row.actor_id, 'actor_id', lineNo, id),
        activityId: intOrNull(row.activity_id, 'activity_id', lineNo, id),
        reversesId: intOrNull(row.reverses_id, 'reverses_id', lineNo, id),
        prevHash: row.prev_hash,
        hash: row.hash,
        postings: [posting],
      },
    };
    return done;
  }

  /** The last entry, at the end of the file. */
  end(): ExportEntry | undefined {
    const done = this.current?.entry;
    this.current = undefined;
    return done;
  }
}

function int(
  text: string | undefined,
  column: string,
  lineNo: number,
  entryId: number | null,
): number {
  const t = (text ?? '').trim();
  const n = Number(t);
  if (!/^-?\d+$/.test(t) || !Number.isSafeInteger(n)) {
    throw new ExportFormatError(
      lineNo,
      `${entryId === null ? '' : `entry ${entryId}: `}${column} must be an integer, found "${t}"`,
      entryId,
    );
  }
  return n;
}

function intOrNull(
  text: string | undefined,
  column: string,
  lineNo: number,
  entryId: number,
): number | null {
  return (text ?? '').trim() === '' ? null : int(text, column, lineNo, entryId);
}

import { createReadStream, type ReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import {
  CsvExportAssembler,
  decodeJsonDocument,
  type ExportEntry,
  ExportFormatError,
  type ExportSummary,
  fileAccountKinds,
  JsonExportReader,
} from '../domain/ledger/export';
import { LedgerChecker, type Problem } from '../domain/ledger/verify';
import { CliError } from './cli-support';

export interface FileReport {
  format: 'json' | 'csv';
  ok: boolean;
  /** Entries that passed, in order. */
  entries: number;
  /** The recomputed head after the last entry that passed. */
  head: string;
  problem?: Problem & { line?: number };
}

/** A re-formatted (not line-per-entry) JSON export is read whole; beyond this size, refuse. */
const WHOLE_JSON_LIMIT = 256 * 1024 * 1024;

/**
 * `verify --file export.json|export.csv`: replays an exported ledger through LedgerChecker,
 * streaming (millions of entries in flat memory), and reports the recomputed head or the first bad
 * entry. The format is told by the content (a JSON export starts with "{").
 */
export async function verifyExportFile(
  path: string,
  onProgress?: (bytes: number, total: number) => void,
): Promise<FileReport> {
  let size: number;
  let firstChar: string;
  try {
    size = (await stat(path)).size;
    const handle = await open(path, 'r');
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    await handle.close();
    firstChar = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()
      .charAt(0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT'
        ? `找不到文件：${path} (file not found)`
        : `无法读取文件 ${path}：${(error as Error).message}`,
    );
  }
  const format = firstChar === '{' ? 'json' : 'csv';
  const checker = new LedgerChecker(fileAccountKinds());
  const report = (problem?: FileReport['problem']): FileReport => ({
    format,
    ok: !problem,
    entries: checker.count,
    head: checker.head,
    ...(problem ? { problem } : {}),
  });
  const check = async (entry: ExportEntry, line?: number) => {
    const problem = await checker.check(entry);
    return problem ? { ...problem, ...(line === undefined ? {} : { line }) } : undefined;
  };

  let stream: ReadStream | undefined;
  try {
    if (format === 'json') {
      stream = createReadStream(path, { encoding: 'utf8' });
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      const reader = new JsonExportReader();
      let lineNo = 0;
      for await (const text of lines) {
        lineNo++;
        if (lineNo === 1 && !JsonExportReader.recognizes(text)) {
          lines.close();
          return await verifyWholeJson(path, size, checker, report, check);
        }
        const entry = reader.line(text, lineNo);
        if (entry) {
          const problem = await check(entry, lineNo);
          if (problem) return report(problem);
          if (checker.count % 2000 === 0) onProgress?.(stream!.bytesRead, size);
        }
      }
      const problem = trailerProblem(reader.end(lineNo), checker);
      return report(problem);
    }

    stream = createReadStream(path);
    const parser = stream.pipe(
      parse({ bom: true, columns: true, info: true, skip_empty_lines: true }),
    );
    const assembler = new CsvExportAssembler();
    let headerChecked = false;
    let lastLine = 0;
    // Typed as the assembler's row: checkHeader below refuses a file whose columns are not exactly the export's.
    for await (const { record, info } of parser as AsyncIterable<{
      record: Parameters<CsvExportAssembler['push']>[0];
      info: { lines: number };
    }>) {
      if (!headerChecked) {
        CsvExportAssembler.checkHeader(Object.keys(record), 1);
        headerChecked = true;
      }
      lastLine = info.lines;
      const entry = assembler.push(record, info.lines);
      if (entry) {
        const problem = await check(entry);
        if (problem) return report(problem);
        if (checker.count % 2000 === 0) onProgress?.(stream!.bytesRead, size);
      }
    }
    const last = assembler.end();
    if (last) {
      const problem = await check(last, lastLine);
      if (problem) return report(problem);
    }
    if (!headerChecked) {
      // No data rows: still insist on a proper header (an empty ledger exports just the header).
      const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
      CsvExportAssembler.checkHeader(text.split(','), 1);
    }
    return report();
  } catch (error) {
    if (error instanceof ExportFormatError) {
      const context =
        error.entryId === null && checker.count > 0 ? ` (after entry ${checker.count})` : '';
      return report({
        entryId: error.entryId,
        message: `${error.message}${context}`,
        line: error.line,
      });
    }
    const csv = error as { code?: string; lines?: number; message?: string };
    if (typeof csv.code === 'string' && csv.code.startsWith('CSV_'))
      return report({
        entryId: null,
        message: `malformed CSV: ${csv.message}`,
        ...(csv.lines ? { line: csv.lines } : {}),
      });
    throw error;
  } finally {
    stream?.destroy();
  }
}

async function verifyWholeJson(
  path: string,
  size: number,
  checker: LedgerChecker,
  report: (problem?: FileReport['problem']) => FileReport,
  check: (entry: ExportEntry) => Promise<Problem | undefined>,
): Promise<FileReport> {
  if (size > WHOLE_JSON_LIMIT)
    throw new CliError(
      '该 JSON 文件不是 export-ledger 的逐行格式，且太大，无法整体读取。(not the line-per-entry export layout, and too large to read whole)',
    );
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    return report({ entryId: null, message: `invalid JSON: ${(error as Error).message}` });
  }
  const { entries, summary } = decodeJsonDocument(doc);
  for (const entry of entries) {
    const problem = await check(entry);
    if (problem) return report(problem);
  }
  return report(summary ? trailerProblem(summary, checker) : undefined);
}

/** The trailer's entryCount and head must be what the replay found. */
function trailerProblem(summary: ExportSummary, checker: LedgerChecker): Problem | undefined {
  if (summary.entryCount !== checker.count)
    return {
      entryId: null,
      message: `the file says ${summary.entryCount} entries, but holds ${checker.count}`,
    };
  if (summary.head !== checker.head)
    return {
      entryId: null,
      message: `the file says head ${summary.head}, but the entries chain to ${checker.head}`,
    };
  return undefined;
}

import { readFile } from 'node:fs/promises';
import { CsvSyntaxError, parseCsv, type CsvRow, type ImportIssue } from '../domain/people/import';
import { CliError } from './cli-support';

/**
 * Reads a CSV file for import: UTF-8 with or without BOM. A spreadsheet saved in the legacy
 * Chinese encoding (GBK) is refused with how to re-save it, rather than imported as mojibake.
 */
export async function readCsvFile(path: string): Promise<{ rows: CsvRow[] } | { issues: ImportIssue[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `找不到文件：${path} (file not found)` : `无法读取文件 ${path}：${(error as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CliError(`文件不是 UTF-8 编码：${path}\n请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后再导入。(the file is not UTF-8; save it as "CSV UTF-8")`);
  }
  try {
    return { rows: parseCsv(text) };
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { issues: [error.issue] };
    throw error;
  }
}

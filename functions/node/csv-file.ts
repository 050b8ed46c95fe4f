import { readFile } from 'node:fs/promises';
import {
  type CsvRow,
  CsvSyntaxError,
  type ImportIssue,
  parseCsv,
} from '../domain/people/csv-import';
import { type CsvEncoding, decodeCsvBytes } from '../domain/people/csv-text';
import { CliError, type Output } from './cli-support';

/**
 * Reads a CSV file for import. The bytes are decoded exactly as the console's upload is
 * (decodeCsvBytes: UTF-8, else GBK as Excel and WPS save it, else refused with how to re-save).
 */
export async function readCsvFile(
  path: string,
): Promise<{ rows: CsvRow[]; encoding: CsvEncoding } | { issues: ImportIssue[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT'
        ? `找不到文件：${path} (file not found)`
        : `无法读取文件 ${path}：${(error as Error).message}`,
    );
  }
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return { issues: [decoded.issue] };
  try {
    return { rows: parseCsv(decoded.text), encoding: decoded.encoding };
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { issues: [error.issue] };
    throw error;
  }
}

/** Says when the file was read as GBK, so staff know why it worked and that the names were read right. */
export function noteEncoding(output: Output, encoding: CsvEncoding): void {
  if (encoding === 'gbk')
    output.out(
      '文件按 GBK 编码读取（Excel、WPS 保存的 CSV）。(read as GBK, as Excel and WPS save CSV)',
    );
}

import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Database } from '../../db/client';
import { GENESIS_HASH } from '../domain/ledger/chain';
import {
  csvHeader,
  csvRows,
  JSON_SEPARATOR,
  jsonEntry,
  jsonPreamble,
  jsonTrailer,
} from '../domain/ledger/export';
import { ledgerPages } from '../domain/ledger/pages';
import { ledgerHead } from '../domain/ledger/queries';
import { CliError, EXIT_OK, n, type Output } from './cli-support';
import { progressBar } from './progress';

export type ExportFormat = 'csv' | 'json';

/**
 * `export-ledger --format csv|json [--out file]`: every entry up to the head at the start, with its
 * postings, prev_hash and hash, streamed page by page (memory stays flat for millions of entries).
 * A file is written under a temporary name and renamed when complete, so a half-written export
 * never carries the real name.
 */
export async function exportLedger(
  database: Database,
  format: ExportFormat,
  outPath: string | undefined,
  output: Output,
  now = new Date(),
): Promise<number> {
  const { entries: through } = await ledgerHead(database.read);
  const temp = outPath
    ? join(dirname(outPath), `.${basename(outPath)}.${process.pid}.partial`)
    : undefined;
  let sink: Writable;
  if (temp) {
    sink = createWriteStream(temp, { flags: 'wx' });
    // `once` rejects if the stream errors instead (no such folder, no permission).
    await once(sink, 'open').catch((error: Error) => {
      throw new CliError(`无法写入 ${outPath}：${error.message} (cannot write the file)`);
    });
  } else {
    sink = process.stdout;
  }
  let sinkError: Error | undefined;
  sink.on('error', (error: Error) => (sinkError = error));
  const write = async (chunk: string) => {
    if (sinkError) throw sinkError;
    if (chunk !== '' && !sink.write(chunk)) await once(sink, 'drain');
  };
  const bar = progressBar('导出 exporting', through);
  let written = 0;
  let head = GENESIS_HASH;
  try {
    await write(format === 'json' ? jsonPreamble(now.toISOString()) : csvHeader());
    for await (const page of ledgerPages(database.read, { upTo: through })) {
      let chunk: string;
      if (format === 'json') {
        chunk = page
          .map((e, i) => (written + i === 0 ? '' : JSON_SEPARATOR) + jsonEntry(e))
          .join('');
      } else {
        chunk = csvRows(page);
      }
      await write(chunk);
      written += page.length;
      head = page[page.length - 1]!.hash;
      bar.update(written);
    }
    if (format === 'json') await write(jsonTrailer(written, head));
    if (temp) {
      sink.end();
      await once(sink, 'finish');
      if (sinkError) throw sinkError;
      renameSync(temp, outPath!);
    }
  } catch (error) {
    if (temp) {
      sink.destroy();
      rmSync(temp, { force: true });
    }
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return EXIT_OK; // e.g. `… | head`
    throw error;
  } finally {
    bar.stop();
  }
  if (written !== through)
    throw new CliError(
      `导出不完整：应有 ${through} 条账目，只读到 ${written} 条 (incomplete export)`,
    );
  output.err(
    `已导出 ${n(written)} 条账目${outPath ? `到 ${outPath}` : ''}（${format.toUpperCase()}）。链头 head: ${head} (exported ${written} entries)`,
  );
  output.err(
    `核对：npm run verify -- --file <导出文件>，并与 GET /api/public/ledger/head 的 head 对比。(check: verify --file, compare with the public head)`,
  );
  return EXIT_OK;
}

import type { Database } from '../../db/client';
import type { Problem } from '../domain/ledger/verify';
import { verifyLedger } from '../domain/ledger/verify';
import { EXIT_FAILED, EXIT_OK, n, type Output } from './cli-support';
import { verifyExportFile } from './ledger-file';
import { type Progress, progressBar } from './progress';

/** `verify`: replays the whole ledger in the database (chain, double entry, balances, totals). */
export async function verifyDatabase(database: Database, output: Output): Promise<number> {
  let bar: Progress | undefined;
  // One snapshot: balances and entries as of the same instant, though the server may be writing.
  const report = await database
    .snapshot((db) =>
      verifyLedger(db, (done, total) => {
        bar ??= progressBar('校验 verifying', total, { minTotal: 20_000 });
        bar.update(done);
      }),
    )
    .finally(() => bar?.stop());
  if (!report.ok)
    return failed(
      output,
      '账本校验失败 (ledger verification FAILED)',
      report.problem!,
      report.entries,
    );
  const t = report.totals!;
  output.out('账本校验通过 (ledger verified)');
  output.out(`条目 entries: ${n(report.entries)}`);
  output.out(`链头 head: ${report.head}`);
  output.out(
    `发行 issued: ${n(t.issued)}  兑换 redeemed: ${n(t.redeemed)}  过期 expired: ${n(t.expired)}  流通 outstanding: ${n(t.outstanding)}`,
  );
  return EXIT_OK;
}

/** `verify --file export.json|csv`: the same replay over an exported file. */
export async function verifyFile(path: string, output: Output): Promise<number> {
  let bar: Progress | undefined;
  const report = await verifyExportFile(path, (bytes, total) => {
    bar ??= progressBar('校验 verifying (bytes)', total, { minTotal: 50 * 1024 * 1024 });
    bar.update(bytes);
  }).finally(() => bar?.stop());
  if (!report.ok)
    return failed(
      output,
      `导出文件校验失败 (export verification FAILED)：${path}`,
      report.problem!,
      report.entries,
    );
  output.out(`导出文件校验通过 (export verified)：${path}（${report.format.toUpperCase()}）`);
  output.out(`条目 entries: ${n(report.entries)}`);
  output.out(`链头 head: ${report.head}`);
  output.out(
    '请与 GET /api/public/ledger/head 返回的 entries 和 head 对比；导出之后新增的账目会让线上的 head 前移。(compare with the public ledger head)',
  );
  return EXIT_OK;
}

function failed(
  output: Output,
  title: string,
  problem: Problem & { line?: number },
  passed: number,
): number {
  output.out(title);
  const where = problem.line ? `，文件第 ${problem.line} 行 (line ${problem.line})` : '';
  if (problem.entryId !== null)
    output.out(
      `第一个有问题的账目：#${problem.entryId}${where} (first bad entry: ${problem.entryId})`,
    );
  else output.out(`问题不在某一条账目上${where} (not tied to a single entry)`);
  output.out(`问题 problem: ${problem.message}`);
  output.out(`之前的 ${n(passed)} 条账目校验无误。(${passed} entries before it are sound)`);
  return EXIT_FAILED;
}

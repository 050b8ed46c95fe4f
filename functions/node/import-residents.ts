import type { Database } from '../../db/client';
import { cards, users } from '../../db/schema';
import { secretsOf, withHashes, writeResidents } from '../domain/people/bulk-import';
import { formatIssue, type ImportIssue } from '../domain/people/csv-import';
import { validateResidents } from '../domain/people/residents-file';
import { EXIT_FAILED, EXIT_OK, n, type Output } from './cli-support';
import { noteEncoding, readCsvFile } from './csv-file';
import { progressBar } from './progress';
import { hashAll } from './secrets';

/** Prints every problem and says nothing was imported. */
export function reportIssues(output: Output, file: string, issues: ImportIssue[]): number {
  for (const issue of issues) output.err(formatIssue(issue));
  output.err(
    `\n${file}：发现 ${n(issues.length)} 个问题，未导入任何数据。请修改后重新导入。(${issues.length} problem(s) found; nothing was imported)`,
  );
  return EXIT_FAILED;
}

/**
 * The CLI is another process beside the running server, so it cannot join the server's write
 * queue: it takes the file's write lock in turns. The server's writers wait on that lock with
 * SQLite's busy handler, which retries after 1, 3, 8, 18, 33 … ms. So each chunk holds the lock
 * briefly (20 rows: ~10 ms, the commit's fsync included) and is followed by a pause at least
 * twice as long, in which a waiting writer's next retry finds the lock free: the counter waits at
 * most about one chunk (BENCHMARKS.md, "Imports beside the counter").
 */
const CLI_CHUNK_ROWS = 20;
const CLI_PAUSE_MIN_MS = 20;

/**
 * `import-residents <file.csv>`: validation first (format, duplicates within the file and against
 * the database), and a file with any problem imports nothing. Then passwords and PINs are hashed
 * outside the write lock, and the residents are written in chunks through the write queue
 * (writeResidents), so a 100,000-row import never holds the lock long enough to stall the counter.
 * A row whose login or card another writer took since the check is reported and left out.
 */
export async function importResidents(
  database: Database,
  file: string,
  output: Output,
  now = new Date(),
): Promise<number> {
  const read = await readCsvFile(file);
  if ('issues' in read) return reportIssues(output, file, read.issues);
  noteEncoding(output, read.encoding);

  const [loginRows, cardRows] = await Promise.all([
    database.read.select({ login: users.login }).from(users),
    database.read.select({ cardNo: cards.cardNo }).from(cards),
  ]);
  const checked = validateResidents(read.rows, {
    logins: new Set(loginRows.map((r) => r.login)),
    cards: new Set(cardRows.map((r) => r.cardNo)),
  });
  if (!checked.ok) return reportIssues(output, file, checked.issues);
  const records = checked.records;

  const secrets = secretsOf(records);
  const hashing = progressBar('加密密码 hashing  ', secrets.length, { minTotal: 50 });
  const hashes = await hashAll(secrets, (done) => hashing.update(done)).finally(() =>
    hashing.stop(),
  );

  const writing = progressBar('写入数据库 writing', records.length);
  const result = await writeResidents(database, withHashes(records, hashes), {
    now,
    onWritten: (rows) => writing.update(rows),
    chunkRows: CLI_CHUNK_ROWS,
    afterChunk: (heldMs) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(CLI_PAUSE_MIN_MS, 2 * heldMs))),
  }).finally(() => writing.stop());
  for (const issue of result.refused) output.err(formatIssue(issue));
  output.out(
    `已导入 ${n(result.imported)} 位居民：新建 ${n(result.households)} 户，沿用已有 ${n(result.reusedHouseholds)} 户，发放纸质卡 ${n(result.cards)} 张。` +
      `(imported ${result.imported} residents; ${result.households} new households, ${result.reusedHouseholds} existing; ${result.cards} cards)`,
  );
  if (result.refused.length === 0) return EXIT_OK;
  output.err(
    `${n(result.refused.length)} 行在检查后被占用，未导入；请核对后单独补录。(${result.refused.length} row(s) taken since the check were not imported)`,
  );
  return EXIT_FAILED;
}

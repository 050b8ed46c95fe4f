import {
  closeSync,
  copyFileSync,
  existsSync,
  constants as fsConstants,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { createDatabase } from '../../db/client';
import { ledgerHead } from '../domain/ledger/queries';
import { verifyLedger } from '../domain/ledger/verify';
import { CliError, EXIT_OK, n, type Output } from './cli-support';
import { projectRoot } from './config';
import type { Opened } from './open-database';

/**
 * `backup <file>` and `restore <file>` for a local (`file:`) database: a backup is a consistent
 * single-file copy (VACUUM INTO reads one snapshot while the server keeps running); a restore
 * installs a checked copy atomically. A remote libSQL (Turso) database is backed up by the
 * service itself, not by copying a file.
 */

export const REMOTE_EXPLANATION =
  '当前 DATABASE_URL 指向远程数据库（Turso / libSQL 服务器），没有可以复制的本地文件。\n' +
  '请使用服务商的备份功能：Turso 会自动保留时间点备份，可用 `turso db create <新库> --from-db <库名> --timestamp <时间>` 恢复到新库，' +
  '或用 `turso db shell <库名> .dump > linli.sql` 导出 SQL。\n' +
  '(backup/restore work on a local file: database only; for remote Turso use its point-in-time restore or `turso db shell <db> .dump`.)';

const SIDECARS = ['-wal', '-shm', '-journal'];
const REQUIRED_TABLES = [
  'users',
  'residents',
  'households',
  'cards',
  'accounts',
  'ledger_entries',
  'postings',
  'idempotency_keys',
  '__drizzle_migrations',
];

/** The database file, or the explanation why there is none to copy. */
export function localFile(filePath: string | undefined): string {
  if (!filePath) throw new CliError(REMOTE_EXPLANATION);
  return filePath;
}

/** Flushes a file, or a folder's entries (after a rename), to disk. */
function sync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  } finally {
    closeSync(fd);
  }
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) =>
    existsSync(p)
      ? realpathSync(p)
      : join(existsSync(dirname(p)) ? realpathSync(dirname(p)) : dirname(p), basename(p));
  return real(a) === real(b);
}

const tempBeside = (target: string, tag: string) =>
  join(dirname(target), `.${basename(target)}.${tag}-${process.pid}.tmp`);
const removeWithSidecars = (path: string) => {
  for (const p of [path, ...SIDECARS.map((s) => path + s)]) rmSync(p, { force: true });
};

export async function backupDatabase(
  opened: Opened,
  target: string,
  force: boolean,
  output: Output,
): Promise<number> {
  const source = localFile(opened.filePath);
  if (samePath(source, target))
    throw new CliError('备份文件不能是数据库本身。(the backup cannot be the database itself)');
  if (existsSync(target) && !force)
    throw new CliError(
      `文件已存在：${target}\n如确定要覆盖，请加 --force。(file exists; use --force to overwrite)`,
    );
  mkdirSync(dirname(target), { recursive: true });
  const temp = tempBeside(target, 'backup');
  removeWithSidecars(temp);
  try {
    await opened.database.client.execute({ sql: 'VACUUM INTO ?', args: [temp] });
    const head = await inspect(temp, async (db) => ledgerHead(db));
    sync(temp);
    if (force) renameSync(temp, target);
    else {
      // link() refuses to replace a file that appeared meanwhile, where rename() would clobber it.
      try {
        linkSync(temp, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST')
          throw new CliError(
            `文件已存在：${target}\n如确定要覆盖，请加 --force。(file exists; use --force to overwrite)`,
          );
        throw error;
      }
    }
    sync(dirname(target));
    output.out(
      `已备份到 ${target}（${(statSync(target).size / 1024 / 1024).toFixed(1)} MB）。(backup written)`,
    );
    output.out(`条目 entries: ${n(head.entries)}`);
    output.out(`链头 head: ${head.head}`);
    return EXIT_OK;
  } finally {
    removeWithSidecars(temp);
  }
}

/**
 * Never opens the current database (it may be the damaged one): the checks run on a copy of the
 * backup beside it, and the copy replaces it by rename. The server must be stopped (or restarted
 * right after): a running process keeps writing to the file it had open.
 */
export async function restoreDatabase(
  filePath: string | undefined,
  source: string,
  output: Output,
): Promise<number> {
  const target = localFile(filePath);
  if (!existsSync(source)) throw new CliError(`找不到文件：${source} (file not found)`);
  if (samePath(source, target))
    throw new CliError('要恢复的文件就是当前数据库本身。(the file is the database itself)');
  for (const s of ['-wal', '-journal']) {
    if (existsSync(source + s)) {
      throw new CliError(
        `${source} 旁边有未合并的日志文件 ${basename(source + s)}，它可能是一个正在使用的数据库。请使用 backup 命令生成的备份。(the file has a live ${s} journal: use a file made by backup)`,
      );
    }
  }
  if (!hasSqliteHeader(source))
    throw new CliError(
      `${source} 不是 SQLite 数据库文件，未做任何更改。(not an SQLite database; nothing changed)`,
    );

  mkdirSync(dirname(target), { recursive: true });
  const temp = tempBeside(target, 'restore');
  removeWithSidecars(temp);
  try {
    // Check the very bytes that will be installed, on a copy: the source file is never opened.
    copyFileSync(source, temp, fsConstants.COPYFILE_EXCL);
    const checked = await inspect(temp, async (db, client) => {
      const integrity = (await client.execute('PRAGMA integrity_check')).rows.map((r) =>
        String(r[0]),
      );
      if (integrity.length !== 1 || integrity[0] !== 'ok')
        return {
          refusal: `完整性检查未通过 (integrity_check): ${integrity.slice(0, 5).join('; ')}`,
        };
      const tables = new Set(
        (
          await db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table'`)
        ).map((r) => r.name),
      );
      const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
      if (missing.length > 0)
        return {
          refusal: `不是邻里 Linli 数据库，缺少数据表 (missing tables): ${missing.join(', ')}`,
        };
      const report = await verifyLedger(db);
      if (!report.ok)
        return {
          refusal: `账本校验失败 (ledger verification failed)：${report.problem!.entryId !== null ? `#${report.problem!.entryId} ` : ''}${report.problem!.message}`,
        };
      const [applied] = await db.all<{ count: number }>(
        sql`select count(*) as count from __drizzle_migrations`,
      );
      return { report, migrations: Number(applied?.count ?? 0) };
    }).catch((error: Error) => ({ refusal: `无法作为数据库打开 (cannot open): ${error.message}` }));
    if ('refusal' in checked)
      throw new CliError(
        `${source} 未通过检查，未做任何更改。(checks failed; nothing changed)\n${checked.refusal}`,
      );

    // Stale sidecars of the old database would be replayed onto the new file: remove them first.
    sync(temp);
    for (const s of SIDECARS) rmSync(target + s, { force: true });
    renameSync(temp, target);
    sync(dirname(target));
    output.out(`已从 ${source} 恢复数据库 ${target}。(database restored)`);
    output.out(`条目 entries: ${n(checked.report.entries)}`);
    output.out(`链头 head: ${checked.report.head}`);
    const known = knownMigrations();
    if (known !== undefined && checked.migrations < known)
      output.out(
        '该备份来自较早的版本，请运行 npm run db:migrate 升级数据库结构。(older schema: run db:migrate)',
      );
    output.out(
      '如果服务器正在运行，请立即重启它，让它打开恢复后的数据库。(restart the server if it is running)',
    );
    return EXIT_OK;
  } finally {
    removeWithSidecars(temp);
  }
}

/** Opens a database file just to look at it, and closes it. */
async function inspect<T>(
  path: string,
  fn: (
    db: ReturnType<typeof createDatabase>['read'],
    client: ReturnType<typeof createDatabase>['client'],
  ) => Promise<T>,
): Promise<T> {
  const database = createDatabase({ url: pathToFileURL(path).href });
  try {
    return await fn(database.read, database.client);
  } finally {
    database.close();
  }
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    return readSync(fd, buf, 0, 16, 0) === 16 && buf.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

function knownMigrations(): number | undefined {
  try {
    const journal = JSON.parse(
      readFileSync(join(projectRoot, 'db', 'migrations', 'meta', '_journal.json'), 'utf8'),
    ) as { entries?: unknown[] };
    return journal.entries?.length;
  } catch {
    return undefined;
  }
}

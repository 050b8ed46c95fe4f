import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'drizzle-orm';
import { createDatabase, type Database } from '../../db/client';
import { probeWrite } from '../domain/shared/storage';
import { storageFault } from '../http/faults';
import { CliError, type Env } from './cli-support';
import { databaseConfig, databaseFilePath } from './config';

export interface Opened {
  database: Database;
  url: string;
  /** The database file, for a local (`file:`) database. */
  filePath: string | undefined;
}

/**
 * Opens the database named by DATABASE_URL. Unless `create`, a local file must already exist
 * (libSQL would otherwise silently create an empty one) and carry the Linli tables.
 */
export async function openDatabase(
  options: { create?: boolean } = {},
  env: Env = process.env,
): Promise<Opened> {
  const config = databaseConfig(env);
  const filePath = databaseFilePath(config.url);
  if (filePath && !options.create && !existsSync(filePath)) {
    throw new CliError(
      `数据库文件不存在：${filePath}\n请检查 DATABASE_URL，或先运行 npm run db:migrate 创建数据库。(database file not found)`,
    );
  }
  const database = createDatabase(config);
  if (!options.create) {
    try {
      const rows = await database.read.all<{ name: string }>(
        sql`select name from sqlite_master where type = 'table' and name in ('users', 'accounts', 'ledger_entries', 'postings')`,
      );
      if (rows.length < 4)
        throw new CliError(
          `数据库尚未初始化（缺少数据表）：${filePath ?? config.url}\n请先运行 npm run db:migrate。(database not migrated)`,
        );
    } catch (error) {
      database.close();
      if (error instanceof CliError) throw error;
      throw new CliError(
        `无法打开数据库 ${filePath ?? config.url}：${(error as Error).message} (cannot open the database)`,
      );
    }
  }
  return { database, url: config.url, filePath };
}

const writable = (path: string) => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

const HINT = '请检查文件与文件夹的权限、磁盘是否只读挂载 (the server needs to write its database)';

/**
 * Why the server cannot write its database file, in one line, or undefined. A server on a
 * read-only database would start, then answer every write (sign-in included) with an error: it
 * refuses to start instead. Checked before the file is opened, for a precise message: the file,
 * and its folder, where SQLite creates its -wal and -shm files.
 */
export function readOnlyFileRefusal(filePath: string | undefined): string | undefined {
  if (!filePath) return undefined;
  if (existsSync(filePath) && !writable(filePath))
    return `数据库文件只读，无法启动：${filePath}（database file is read-only）。${HINT}`;
  const folder = dirname(filePath) || '.';
  if (existsSync(folder) && !writable(folder))
    return `数据库所在文件夹不可写，无法启动：${folder}（database folder is not writable: SQLite needs its -wal and -shm files there）。${HINT}`;
  return undefined;
}

/** Whatever else stops a write (a read-only mount, a remote database that refuses): one write committed for real. */
export async function unwritableRefusal(
  database: Database,
  name: string,
): Promise<string | undefined> {
  try {
    await probeWrite(database);
    return undefined;
  } catch (error) {
    const fault = storageFault(error);
    if (!fault) throw error;
    return `数据库无法写入，无法启动：${name}（${fault}: database not writable）。${HINT}`;
  }
}

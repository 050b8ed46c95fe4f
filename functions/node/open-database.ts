import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createDatabase, type Database } from '../../db/client';
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
export async function openDatabase(options: { create?: boolean } = {}, env: Env = process.env): Promise<Opened> {
  const config = databaseConfig(env);
  const filePath = databaseFilePath(config.url);
  if (filePath && !options.create && !existsSync(filePath)) {
    throw new CliError(`数据库文件不存在：${filePath}\n请检查 DATABASE_URL，或先运行 npm run db:migrate 创建数据库。(database file not found)`);
  }
  const database = createDatabase(config);
  if (!options.create) {
    try {
      const rows = await database.read.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name in ('users', 'accounts', 'ledger_entries', 'postings')`);
      if (rows.length < 4) throw new CliError(`数据库尚未初始化（缺少数据表）：${filePath ?? config.url}\n请先运行 npm run db:migrate。(database not migrated)`);
    } catch (error) {
      database.close();
      if (error instanceof CliError) throw error;
      throw new CliError(`无法打开数据库 ${filePath ?? config.url}：${(error as Error).message} (cannot open the database)`);
    }
  }
  return { database, url: config.url, filePath };
}


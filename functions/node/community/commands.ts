import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { count, eq, sql } from 'drizzle-orm';
import { createDatabase, type Database } from '../../../db/client';
import { migrateDatabase } from '../../../db/migrate';
import { settings, users } from '../../../db/schema';
import { seedDemo } from '../../../db/seed/demo';
import { type Community, communitySchema, connectionOf } from '../../communities/registry';
import { SETTING } from '../../domain/community/settings';
import { INIT_HINT } from '../build-ready';
import { CliError, type Env, EXIT_FAILED, EXIT_OK, type Output } from '../cli-support';
import { databaseConfig, databaseFilePath } from '../config';
import { defaultDatabaseUrl, readRegistry, writeRegistry } from './registry-file';

/**
 * `community add | list | migrate-all`: provisioning and upkeep of the communities one deployment
 * serves (the registry: functions/communities/registry.ts). Each community's database is opened
 * the way DATABASE_URL is (functions/node/config.ts), its token read from the variable the
 * registry names.
 */

/** A community's database, opened; a local file is created only when `create`. */
export function openCommunity(
  community: Community,
  env: Env,
  create: boolean,
): { database: Database; where: string } | { missing: string } {
  const { url, authToken } = connectionOf(community, env);
  const file = databaseFilePath(url);
  if (file && !create && !existsSync(file)) return { missing: file };
  const config = databaseConfig({ DATABASE_URL: url, DATABASE_AUTH_TOKEN: authToken });
  return { database: createDatabase(config), where: file ?? url };
}

const journal = fileURLToPath(
  new URL('../../../db/migrations/meta/_journal.json', import.meta.url),
);
/** How many migrations db/migrations holds. */
export const migrationCount = () =>
  (JSON.parse(readFileSync(journal, 'utf8')) as { entries: unknown[] }).entries.length;

/** How many migrations a database has applied (0 before the first). */
export async function appliedMigrations(database: Database): Promise<number> {
  const [table] = await database.read.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'`,
  );
  if (!table) return 0;
  const rows = await database.read.all<{ n: number }>(
    sql`select count(*) as n from __drizzle_migrations`,
  );
  return Number(rows[0]?.n ?? 0);
}

export interface NewCommunity {
  host: string;
  name: string;
  databaseUrl?: string | undefined;
  authTokenVar?: string | undefined;
  demo?: boolean;
  /** PBKDF2 iterations of the demo's passwords (tests); the production cost by default. */
  iterations?: number;
  /** The demo's "today" (tests pin it); now by default. */
  now?: Date;
}

/**
 * Provisions a community: creates and migrates its database, seeds the demo under its name when
 * asked (otherwise it stays empty, for `init`), then adds it to the registry. A host already in the
 * registry is refused before anything is created; the registry is written last, so a failed
 * provisioning leaves no entry pointing at a half-made database.
 */
export async function addCommunity(
  registry: string,
  wanted: NewCommunity,
  env: Env,
  output: Output,
): Promise<number> {
  const list = readRegistry(registry);
  const parsed = communitySchema.safeParse({
    host: wanted.host,
    name: wanted.name,
    databaseUrl: wanted.databaseUrl ?? defaultDatabaseUrl(wanted.host),
    ...(wanted.authTokenVar ? { authTokenVar: wanted.authTokenVar } : {}),
  });
  if (!parsed.success)
    throw new CliError(
      `社区信息不正确 (invalid community)：${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const community = parsed.data;
  if (list.some((c) => c.host === community.host))
    throw new CliError(
      `注册表 ${registry} 里已有主机名 ${community.host}，未做任何更改。(host already registered; nothing changed)`,
    );
  if (community.authTokenVar && !env[community.authTokenVar]?.trim())
    output.err(
      `注意：环境变量 ${community.authTokenVar} 未设置，按无令牌连接。(${community.authTokenVar} is not set: connecting without a token)`,
    );
  const opened = openCommunity(community, env, true);
  if ('missing' in opened) throw new CliError(`cannot create ${opened.missing}`);
  const { database, where } = opened;
  try {
    await migrateDatabase(database);
    const [{ n } = { n: 0 }] = await database.read.select({ n: count() }).from(users);
    if (wanted.demo) {
      if (n > 0)
        throw new CliError(
          `数据库 ${where} 里已有用户，不能生成演示社区。(the database is not empty: no demo seeded; nothing added)`,
        );
      const summary = await seedDemo(database, {
        now: wanted.now ?? new Date(),
        ...(wanted.iterations ? { iterations: wanted.iterations } : {}),
      });
      await database.write(async (tx) => {
        await tx
          .update(settings)
          .set({ value: community.name })
          .where(eq(settings.key, SETTING.communityName));
      });
      output.out(
        `已生成演示社区 ${community.name} (demo seeded): ${summary.residents} residents, ${summary.merchants} merchants`,
      );
    }
  } finally {
    database.close();
  }
  writeRegistry(registry, [...list, community]);
  output.out(`已添加社区 ${community.host}（${community.name}）→ ${where} (community added)`);
  if (!wanted.demo)
    output.out(
      `下一步 (next): DATABASE_URL=${community.databaseUrl} ${INIT_HINT.replace('<社区名称>', community.name)}`,
    );
  return EXIT_OK;
}

/** One line per community: host, name, database, migration state. */
export async function listCommunities(registry: string, env: Env, output: Output): Promise<number> {
  const list = readRegistry(registry);
  if (list.length === 0) {
    output.out(`注册表 ${registry} 里还没有社区。(no communities registered)`);
    return EXIT_OK;
  }
  const total = migrationCount();
  const rows: string[][] = [['host', 'name', 'database', 'migrations']];
  for (const c of list)
    rows.push([c.host, c.name, c.databaseUrl, await migrationState(c, env, total)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i]!))));
  for (const r of rows)
    output.out(
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell))))
        .join('  '),
    );
  return EXIT_OK;
}

/** Display width: a CJK character takes two columns. */
const width = (text: string) =>
  [...text].reduce((w, ch) => w + (/[\u1100-\uffef]/.test(ch) ? 2 : 1), 0);

async function migrationState(c: Community, env: Env, total: number): Promise<string> {
  const opened = openCommunity(c, env, false);
  if ('missing' in opened) return 'no database (missing file)';
  try {
    const applied = await appliedMigrations(opened.database);
    return applied >= total
      ? `up to date (${applied}/${total})`
      : `behind: ${applied}/${total} (run migrate-all)`;
  } catch (error) {
    return `unreachable: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    opened.database.close();
  }
}

/**
 * Migrates every community's database with drizzle's migrator, each on its own: one that fails is
 * reported and the others still run. Non-zero exit when any failed.
 */
export async function migrateAll(registry: string, env: Env, output: Output): Promise<number> {
  const list = readRegistry(registry);
  let failed = 0;
  for (const c of list) {
    const opened = openCommunity(c, env, false);
    if ('missing' in opened) {
      failed++;
      output.err(`✗ ${c.host}: 数据库文件不存在 ${opened.missing} (database file missing)`);
      continue;
    }
    try {
      const before = await appliedMigrations(opened.database);
      await migrateDatabase(opened.database);
      const applied = (await appliedMigrations(opened.database)) - before;
      output.out(`✓ ${c.host}: ${applied > 0 ? `applied ${applied}` : 'up to date'}`);
    } catch (error) {
      failed++;
      output.err(`✗ ${c.host}: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      opened.database.close();
    }
  }
  output.out(
    `${list.length - failed}/${list.length} 个社区已迁移 (communities migrated)${failed ? `，${failed} 个失败 (failed)` : ''}`,
  );
  return failed ? EXIT_FAILED : EXIT_OK;
}

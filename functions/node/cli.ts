import { pathToFileURL } from 'node:url';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import {
  CliError,
  consoleOutput,
  type Env,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  type Output,
  userPath,
} from './cli-support';
import { COMMUNITY_DETAILS } from './community/help';
import { databaseConfig, databaseFilePath } from './config';
import type { Opened } from './open-database';

/**
 * The staff command line: `npm run linli -- <command>`. A thin shell: it parses arguments, opens
 * the database from DATABASE_URL (functions/node/config.ts) and hands over to one module per
 * command, loaded only when that command runs (the database modules take a second to load, and
 * `--help` should not wait for them). Exit codes: 0 done, 1 a check failed or the command could
 * not be done, 2 usage error.
 */

interface Args {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  env: Env;
}

interface Command {
  usage: string;
  zh: string;
  en: string;
  /** Extra help lines for `<command> --help`. */
  details?: string[];
  options?: ParseArgsOptionsConfig;
  positionals: [min: number, max: number];
  run(args: Args, output: Output): Promise<number>;
}

/** Runs `fn` with the database open, and closes it. */
async function withDatabase(
  env: Env,
  fn: (opened: Opened) => Promise<number>,
  options: { create?: boolean } = {},
): Promise<number> {
  const { openDatabase } = await import('./open-database');
  const opened = await openDatabase(options, env);
  try {
    return await fn(opened);
  } finally {
    opened.database.close();
  }
}

const commands: Record<string, Command> = {
  init: {
    usage: 'init --name <社区名称> --admin <login>',
    zh: '在空数据库上建立社区：迁移、保存社区名称与设置、创建第一位管理员（密码取自 LINLI_ADMIN_PASSWORD 或终端输入）',
    en: 'Set up a community in an empty database: migrate, store its name and settings, create the first admin',
    details: [
      '选项 Options: [--admin-name <管理员显示名 display name>] [--site-url <公开网站地址 public site origin>]',
      '密码 Password: 环境变量 LINLI_ADMIN_PASSWORD，或在终端中输入两次（不显示）；不接受命令行参数。(env LINLI_ADMIN_PASSWORD or typed twice in a terminal; never an option)',
      '--site-url: 公开网站地址，如 https://linli.example.org（二维码、站点地图、订阅源都用它；LINLI_SITE_URL 优先）',
      '已有社区的数据库会被拒绝。A database that already holds a community is refused.',
      '例 Example: DATABASE_URL=file:data/ours.db npm run linli -- init --name "幸福里社区" --admin wang.admin',
    ],
    options: {
      name: { type: 'string' },
      admin: { type: 'string' },
      'admin-name': { type: 'string' },
      'site-url': { type: 'string' },
    },
    positionals: [0, 0],
    run: async ({ values, env }, output) => {
      const text = (key: string) =>
        typeof values[key] === 'string' ? (values[key] as string) : undefined;
      const name = text('name');
      const admin = text('admin');
      if (!name || !admin)
        throw new CliError(
          '请用 --name 给出社区名称、--admin 给出管理员登录名。(--name and --admin are required)',
          EXIT_USAGE,
        );
      const { initCommand } = await import('./init');
      const terminal = process.stdin.isTTY
        ? { input: process.stdin, prompt: (t: string) => void process.stderr.write(t) }
        : undefined;
      const community = {
        name,
        adminLogin: admin,
        adminName: text('admin-name'),
        siteUrl: text('site-url'),
      };
      return withDatabase(env, (opened) => initCommand(opened, community, env, terminal, output), {
        create: true,
      });
    },
  },
  'import-residents': {
    usage: 'import-residents <file.csv>',
    zh: '从 CSV 批量导入居民（有任何错误则全部不导入）',
    en: 'Import residents from a CSV file (all rows or none)',
    details: [
      '列 Columns: login,full_name,phone,compound,building,unit,door[,password][,card,pin]（首行为表头 header row required；UTF-8，可带 BOM）',
      'login: 3–32 位 a-z 0-9 _ . -；phone: 11 位手机号，可留空 (may be empty)；card: C + 4–8 位数字；pin: 4 位数字；password: 8–128 位',
      '同一地址（小区/楼栋/单元/门牌）沿用已有的户。Residents at an existing address join that household.',
    ],
    positionals: [1, 1],
    run: async ({ positionals, env }, output) => {
      const { importResidents } = await import('./import-residents');
      return withDatabase(env, ({ database }) =>
        importResidents(database, userPath(positionals[0]!), output),
      );
    },
  },
  'import-cards': {
    usage: 'import-cards <file.csv>',
    zh: '为已有居民批量发放纸质积分卡（列 login,card,pin；全部成功或全部不导入）',
    en: 'Issue paper cards to existing residents (columns login,card,pin; all or none)',
    positionals: [1, 1],
    run: async ({ positionals, env }, output) => {
      const { importCards } = await import('./import-cards');
      return withDatabase(env, ({ database }) =>
        importCards(database, userPath(positionals[0]!), output),
      );
    },
  },
  'export-ledger': {
    usage: 'export-ledger --format csv|json [--out <file>]',
    zh: '导出全部账目（含分录、prev_hash、hash），可供任何人复核；不加 --out 时输出到标准输出',
    en: 'Export every ledger entry with postings and hashes (to stdout without --out)',
    options: { format: { type: 'string' }, out: { type: 'string' } },
    positionals: [0, 0],
    run: async ({ values, env }, output) => {
      const format = values.format;
      if (format !== 'csv' && format !== 'json')
        throw new CliError(
          '请用 --format csv 或 --format json 指定格式。(--format csv|json is required)',
          EXIT_USAGE,
        );
      const out = typeof values.out === 'string' ? userPath(values.out) : undefined;
      const { exportLedger } = await import('./export-ledger');
      return withDatabase(env, ({ database }) => exportLedger(database, format, out, output));
    },
  },
  verify: {
    usage: 'verify [--file <export.json|export.csv>]',
    zh: '校验账本：重算哈希链、复式记账与余额，打印条目数、链头与总计；有问题时指出第一条出错的账目',
    en: 'Verify the ledger (or an exported file): hash chain, double entry, balances; prints the head',
    options: { file: { type: 'string' } },
    positionals: [0, 0],
    run: async ({ values, env }, output) => {
      const { verifyDatabase, verifyFile } = await import('./verify');
      if (typeof values.file === 'string') return verifyFile(userPath(values.file), output);
      return withDatabase(env, ({ database }) => verifyDatabase(database, output));
    },
  },
  expire: {
    usage: 'expire [--at <ISO-time>] [--force]',
    zh: '处理到期积分（可重复运行，不会重复扣减）；--at 指定处理时点，晚于现在须加 --force',
    en: 'Expire points past their deadline (idempotent); --at sets the time, a future one needs --force',
    options: { at: { type: 'string' }, force: { type: 'boolean' } },
    positionals: [0, 0],
    run: async ({ values, env }, output) => {
      const at = typeof values.at === 'string' ? parseInstant(values.at) : new Date();
      if (at.getTime() > Date.now() + 60_000 && !values.force) {
        throw new CliError(
          `--at ${values.at} 晚于当前时间：会让尚未到期的积分提前过期，且无法撤销（只能逐条冲正）。如确有需要，请加 --force。(a future --at expires points early; add --force if you mean it)`,
        );
      }
      const { expirePoints } = await import('./expire');
      return withDatabase(env, ({ database }) => expirePoints(database, at, output));
    },
  },
  backup: {
    usage: 'backup <file> [--force]',
    zh: '把正在使用的数据库一致地备份为单个文件（VACUUM INTO）；已有同名文件时须加 --force',
    en: 'Consistent single-file backup of the live database (VACUUM INTO); --force to overwrite',
    options: { force: { type: 'boolean' } },
    positionals: [1, 1],
    run: async ({ positionals, values, env }, output) => {
      const { backupDatabase, localFile } = await import('./backup');
      localFile(databaseFilePath(databaseConfig(env).url));
      return withDatabase(env, (opened) =>
        backupDatabase(opened, userPath(positionals[0]!), values.force === true, output),
      );
    },
  },
  restore: {
    usage: 'restore <file>',
    zh: '检查备份文件（完整性、数据表、账本校验）后原子替换当前数据库；请先停止服务器',
    en: 'Check a backup (integrity, tables, ledger) and atomically replace the database; stop the server first',
    positionals: [1, 1],
    run: async ({ positionals, env }, output) => {
      const { restoreDatabase } = await import('./backup');
      return restoreDatabase(
        databaseFilePath(databaseConfig(env).url),
        userPath(positionals[0]!),
        output,
      );
    },
  },
  'deploy-check': {
    usage: 'deploy-check [--plan free|paid] [dir]',
    zh: '部署前检查已构建网站的静态文件数与单个文件大小是否在 Cloudflare 上限内（默认 dist/client，免费计划）',
    en: "Check a built site against Cloudflare's static asset limits (files per version, 25 MiB a file)",
    options: { plan: { type: 'string' } },
    positionals: [0, 1],
    run: async ({ positionals, values, env }, output) => {
      const { deployCheck, isPlan } = await import('./deploy-check');
      const plan = values.plan ?? env.LINLI_WORKERS_PLAN ?? 'free';
      if (!isPlan(plan))
        throw new CliError('--plan 只能是 free 或 paid。(--plan free|paid)', EXIT_USAGE);
      return deployCheck(userPath(positionals[0] ?? 'dist/client'), plan, output);
    },
  },
  community: {
    usage: 'community add|list|migrate-all|build-all',
    zh: '多个社区共用一套部署：登记并创建社区、列出、迁移全部数据库、生成全部网站',
    en: 'Many communities on one deployment: add (provision), list, migrate-all, build-all',
    details: COMMUNITY_DETAILS,
    options: {
      host: { type: 'string' },
      name: { type: 'string' },
      'database-url': { type: 'string' },
      'auth-token-var': { type: 'string' },
      demo: { type: 'boolean' },
    },
    positionals: [1, 1],
    run: async ({ positionals, values, env }, output) => {
      const { communityCommand } = await import('./community/cli');
      return communityCommand(positionals[0]!, values, env, output);
    },
  },
  migrate: {
    usage: 'migrate',
    zh: '创建或升级数据库结构（执行 db/migrations 中的迁移）',
    en: 'Create or upgrade the database schema (apply migrations)',
    positionals: [0, 0],
    run: async ({ env }, output) => {
      const [{ sql }, { migrateDatabase }] = await Promise.all([
        import('drizzle-orm'),
        import('../../db/migrate'),
      ]);
      return withDatabase(
        env,
        async ({ database, filePath, url }) => {
          const count = async () =>
            Number(
              (
                await database.read
                  .all<{ n: number }>(sql`select count(*) as n from __drizzle_migrations`)
                  .catch(() => [{ n: 0 }])
              )[0]?.n ?? 0,
            );
          const before = await count();
          await migrateDatabase(database);
          const applied = (await count()) - before;
          output.out(
            applied > 0
              ? `已执行 ${applied} 个迁移：${filePath ?? url} (applied ${applied} migration(s))`
              : `数据库结构已是最新：${filePath ?? url} (already up to date)`,
          );
          return EXIT_OK;
        },
        { create: true },
      );
    },
  },
};

/** An instant: ISO 8601 (a date alone means local midnight in the community, UTC+8). */
function parseInstant(text: string): Date {
  const t = text.trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00+08:00` : t;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(iso)
    ? Date.parse(iso)
    : Number.NaN;
  if (Number.isNaN(ms))
    throw new CliError(
      `无法识别的时间：${text}，请用 ISO 格式，如 2027-01-01 或 2027-01-01T00:00:00+08:00 (invalid --at)`,
      EXIT_USAGE,
    );
  return new Date(ms);
}

function help(): string {
  const width = Math.max(...Object.values(commands).map((c) => c.usage.length));
  const lines = [
    '邻里 Linli 管理命令行 (staff command line)',
    '',
    '用法 Usage: npm run linli -- <命令 command> [选项 options]',
    '           npm run verify | npm run expire | npm run db:migrate',
    '',
    '命令 Commands:',
    ...Object.values(commands).flatMap((c) => [
      `  ${c.usage.padEnd(width)}  ${c.zh}`,
      `  ${''.padEnd(width)}  ${c.en}`,
    ]),
    '',
    '  <命令> --help 查看该命令的说明 (help for one command)',
    '',
    '环境变量 Environment:',
    '  DATABASE_URL         数据库地址，默认 file:data/linli.db（相对项目根目录） (default file:data/linli.db, relative to the project root)',
    '  DATABASE_AUTH_TOKEN  远程 libSQL / Turso 的访问令牌 (token for a remote libSQL / Turso database)',
    "  LINLI_ADMIN_PASSWORD init 创建的第一位管理员的密码 (the first administrator's password, for init)",
    '  LINLI_WORKERS_PLAN   deploy-check 默认的 Cloudflare Workers 计划 free|paid (default plan for deploy-check)',
    '  LINLI_COMMUNITIES    多社区注册表文件，默认 communities.json (the registry of communities, for community …)',
    '',
    '退出码 Exit codes: 0 成功 (ok)；1 检查未通过或无法完成 (check failed / error)；2 用法错误 (usage error)',
  ];
  return lines.join('\n');
}

function commandHelp(_name: string, c: Command): string {
  return [
    `用法 Usage: npm run linli -- ${c.usage}`,
    '',
    c.zh,
    c.en,
    ...(c.details ? ['', ...c.details] : []),
  ].join('\n');
}

/** Runs one command line; returns the exit code. `env` supplies DATABASE_URL and DATABASE_AUTH_TOKEN. */
export async function main(
  argv: string[],
  output: Output = consoleOutput,
  env: Env = process.env,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    output.err(help());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    output.out(help());
    return EXIT_OK;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    output.err(
      `未知命令：${name}。运行 npm run linli -- --help 查看全部命令。(unknown command "${name}"; see --help)`,
    );
    return EXIT_USAGE;
  }
  let args: Args;
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    args = { positionals: parsed.positionals, values: parsed.values, env };
  } catch (error) {
    output.err(
      `参数错误：${(error as Error).message}\n用法 Usage: npm run linli -- ${command.usage}`,
    );
    return EXIT_USAGE;
  }
  if (args.values.help) {
    output.out(commandHelp(name, command));
    return EXIT_OK;
  }
  const [min, max] = command.positionals;
  if (args.positionals.length < min || args.positionals.length > max) {
    output.err(
      `参数个数不对 (wrong number of arguments)。用法 Usage: npm run linli -- ${command.usage}`,
    );
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, output);
  } catch (error) {
    if (error instanceof CliError) {
      output.err(error.message);
      return error.exitCode;
    }
    output.err(`出错了 (unexpected error)：${(error as Error).message ?? String(error)}`);
    if (process.env.LINLI_DEBUG) output.err(String((error as Error).stack));
    return EXIT_FAILED;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}

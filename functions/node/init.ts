import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { migrateDatabase } from '../../db/migrate';
import { DEFAULT_BACKUP_KEEP } from '../domain/community/settings';
import {
  checkNewCommunity,
  initCommunity,
  isSetUp,
  type NewCommunity,
} from '../domain/community/setup';
import { checkNewPassword } from '../domain/people/sessions';
import { DomainError } from '../domain/shared/errors';
import { CliError, type Env, EXIT_OK, type Output } from './cli-support';
import type { Opened } from './open-database';

/** Where the password is typed: a terminal (no echo) — or nothing, when stdin is not one. */
export interface Terminal {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Writes a prompt (stderr, so it never mixes with results). */
  prompt(text: string): void;
}

export const PASSWORD_ENV = 'LINLI_ADMIN_PASSWORD';

const refusal = (error: unknown) =>
  error instanceof DomainError ? new CliError(error.message) : error;

function acceptable(password: string): string {
  try {
    checkNewPassword(password);
  } catch (error) {
    if (error instanceof DomainError)
      throw new CliError(
        `管理员密码不可用：${error.message}。(the password must be 8–128 characters, not one character repeated)`,
      );
    throw error;
  }
  return password;
}

/**
 * Asks for the password twice without echoing it. The typed characters go to a stream that
 * discards them; the prompts are written by hand.
 */
async function askPassword(terminal: Terminal): Promise<string> {
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: terminal.input, output: silent, terminal: true });
  rl.on('SIGINT', () => rl.close());
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (text: string) => {
    terminal.prompt(text);
    const next = await lines.next();
    terminal.prompt('\n');
    if (next.done) throw new CliError('已取消，未做任何更改。(cancelled; nothing changed)');
    return next.value;
  };
  try {
    const first = acceptable(
      await ask('设置管理员密码（8–128 位，输入时不显示） Admin password: '),
    );
    const second = await ask('再输入一次 Again: ');
    if (first !== second)
      throw new CliError(
        '两次输入的密码不一致，未做任何更改。(the passwords differ; nothing changed)',
      );
    return first;
  } catch (error) {
    throw refusal(error);
  } finally {
    rl.close();
  }
}

async function adminPassword(env: Env, terminal: Terminal | undefined): Promise<string> {
  const given = env[PASSWORD_ENV];
  if (given !== undefined && given !== '') return acceptable(given);
  if (!terminal?.input.isTTY) {
    throw new CliError(
      `没有管理员密码：请在终端中运行以便输入，或设置环境变量 ${PASSWORD_ENV}（不接受命令行参数，以免密码留在命令历史中）。(no password: run in a terminal, or set ${PASSWORD_ENV})`,
    );
  }
  return askPassword(terminal);
}

function nextSteps(
  c: { name: string; adminLogin: string; siteUrl: string | undefined },
  env: Env,
): string[] {
  const dbUrl = env.DATABASE_URL?.trim();
  const start = dbUrl
    ? `DATABASE_URL=${dbUrl}${env.DATABASE_AUTH_TOKEN ? ' DATABASE_AUTH_TOKEN=…' : ''} npm start`
    : 'npm start';
  const origin = c.siteUrl ?? `http://localhost:${env.PORT ?? 4321}`;
  return [
    `已建立社区「${c.name}」，第一位管理员：${c.adminLogin} (community set up; first administrator: ${c.adminLogin})`,
    '',
    '下一步 Next steps:',
    `  1. 启动 Start the portal:        ${start}`,
    `  2. 登录 Sign in:                 ${origin}/staff/  （用 ${c.adminLogin} 和刚设的密码 as ${c.adminLogin} with the password just set）`,
    '  3. 在控制台建立账号：工作人员、会计（第二签字人）、商户 (create staff, the accountant — the second signature — and merchants)',
    '  4. 在控制台配置：队伍、活动类型及积分规则与每日上限、双人审批门槛、积分有效期、网站地址',
    '     (configure teams, activity types with their earning rate and daily cap, two-person thresholds, expiry, site URL)',
    '  5. 导入居民 Import residents:     npm run linli -- import-residents residents.csv   （格式见 see: npm run linli -- import-residents --help）',
    `  6. 备份 Backups: 服务器每晚自动备份到 data/backups/，保留最近 ${DEFAULT_BACKUP_KEEP} 份；随时可运行 npm run linli -- backup <文件>`,
    `     (the server backs up nightly to data/backups/, keeping the last ${DEFAULT_BACKUP_KEEP}; any time: npm run linli -- backup <file>)`,
  ];
}

/**
 * `npm run linli -- init`: migrates the database, then sets up the community and its first
 * administrator. A database that already holds a community is refused before the password is asked.
 */
export async function initCommand(
  opened: Opened,
  c: Omit<NewCommunity, 'adminPassword'>,
  env: Env,
  terminal: Terminal | undefined,
  output: Output,
): Promise<number> {
  const { database, filePath, url } = opened;
  try {
    checkNewCommunity(c);
  } catch (error) {
    throw refusal(error);
  }
  await migrateDatabase(database);
  if (await isSetUp(database.read)) {
    throw new CliError(
      `数据库 ${filePath ?? url} 里已经有一个社区，init 只能在空数据库上运行；请用另一个 DATABASE_URL。(this database already holds a community; init needs an empty database)`,
    );
  }
  const password = await adminPassword(env, terminal);
  try {
    const created = await initCommunity(database, { ...c, adminPassword: password }, new Date());
    for (const line of nextSteps(created, env)) output.out(line);
  } catch (error) {
    throw refusal(error);
  }
  return EXIT_OK;
}

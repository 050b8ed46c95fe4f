import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { settings, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { communityName, hasCommunity } from '../../functions/domain/community/settings';
import { login } from '../../functions/domain/people/sessions';
import { main } from '../../functions/node/cli';
import { CliError } from '../../functions/node/cli-support';
import { initCommand } from '../../functions/node/init';
import { openDatabase } from '../../functions/node/open-database';
import { runCli } from './support';

let dir: string;
let url: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-init-'));
  url = `file:${join(dir, 'ours.db')}`;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function inspect<T>(
  fn: (database: ReturnType<typeof createDatabase>) => Promise<T>,
): Promise<T> {
  const database = createDatabase({ url });
  try {
    return await fn(database);
  } finally {
    database.close();
  }
}

describe('npm run linli -- init', () => {
  it('sets up an empty file database: migrated, named, its admin able to sign in, nothing of the demo; a second init is refused', async () => {
    const r = await runCli(
      url,
      ['init', '--name', '幸福里社区', '--admin', 'wang.admin', '--admin-name', '王管理员'],
      { LINLI_ADMIN_PASSWORD: 'our-own-password' },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已建立社区「幸福里社区」');
    for (const step of [
      'npm start',
      '/staff/',
      'import-residents',
      'data/backups/',
      'npm run linli -- backup',
    ])
      expect(r.stdout).toContain(step);
    expect(r.stdout).not.toContain('our-own-password');

    await inspect(async (database) => {
      expect(await communityName(database.read)).toBe('幸福里社区');
      expect(
        await database.read.select({ login: users.login, role: users.role }).from(users),
      ).toEqual([{ login: 'wang.admin', role: 'admin' }]);
      expect(
        (await database.read.select().from(settings)).find((s) => s.key === 'demo'),
      ).toBeUndefined();
      const [cards] = await database.read.all<{ n: number }>(sql`select count(*) as n from cards`);
      expect(cards?.n).toBe(0);
      expect((await login(database, 'wang.admin', 'our-own-password', new Date())).role).toBe(
        'admin',
      );
      for (const demo of ['staff1', 'resident1', 'merchant1'])
        expect(await database.read.select().from(users).where(sql`login = ${demo}`)).toEqual([]);
    });

    const again = await runCli(url, ['init', '--name', '另一个社区', '--admin', 'li.admin'], {
      LINLI_ADMIN_PASSWORD: 'our-own-password',
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已经有一个社区');
    await inspect(async (database) =>
      expect(await communityName(database.read)).toBe('幸福里社区'),
    );
  });

  it('never takes the password from the command line: without LINLI_ADMIN_PASSWORD and no terminal it refuses and sets up nothing', async () => {
    const r = await runCli(url, ['init', '--name', '幸福里社区', '--admin', 'wang.admin'], {
      LINLI_ADMIN_PASSWORD: '',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('LINLI_ADMIN_PASSWORD');
    await inspect(async (database) => expect(await hasCommunity(database.read)).toBe(false));

    const run = async (args: string[], env: Record<string, string> = {}) => {
      const err: string[] = [];
      const code = await main(
        args,
        { out: () => undefined, err: (l) => err.push(l) },
        { DATABASE_URL: url, ...env },
      );
      return { code, stderr: err.join('\n') };
    };
    expect(
      await run(['init', '--name', '幸福里社区', '--admin', 'wang.admin', '--password', 'x']),
    ).toMatchObject({ code: 2, stderr: expect.stringContaining('参数错误') });
    expect(await run(['init', '--admin', 'wang.admin'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--name'),
    });
    expect(
      await run(['init', '--name', '幸福里社区', '--admin', 'wang.admin'], {
        LINLI_ADMIN_PASSWORD: 'short',
      }),
    ).toMatchObject({ code: 1, stderr: expect.stringContaining('管理员密码不可用') });
    const badUrl = await run(
      ['init', '--name', '幸福里社区', '--admin', 'wang.admin', '--site-url', 'linli.example.org'],
      { LINLI_ADMIN_PASSWORD: 'our-own-password' },
    );
    expect(badUrl).toMatchObject({ code: 1, stderr: expect.stringContaining('网站地址') });
    await inspect(async (database) => expect(await hasCommunity(database.read)).toBe(false));
  });

  it('refuses the demo database, before asking for a password', async () => {
    await inspect(async (database) => {
      await migrateDatabase(database);
      await seedDemo(database, { now: new Date('2026-03-09T02:00:00Z'), iterations: 1000 });
    });
    const out: string[] = [];
    const code = await main(
      ['init', '--name', '甲社区', '--admin', 'jia.admin'],
      { out: (l) => out.push(l), err: (l) => out.push(l) },
      { DATABASE_URL: url },
    );
    expect(code).toBe(1);
    expect(out.join('\n')).toContain('已经有一个社区');
    expect(out.join('\n')).not.toContain('LINLI_ADMIN_PASSWORD');
  });
});

describe('the password typed in a terminal', () => {
  function terminal(lines: string[]) {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const prompts: string[] = [];
    // Typed one line at a time, each after its prompt.
    const t = {
      input,
      prompt: (text: string) => {
        prompts.push(text);
        if (text.endsWith(': ')) {
          const line = lines.shift();
          setImmediate(() => (line === undefined ? input.end() : input.write(`${line}\n`)));
        }
      },
    };
    return { t, prompts };
  }
  const out = { out: () => undefined, err: () => undefined };
  const community = { name: '幸福里社区', adminLogin: 'wang.admin' };

  it('is asked twice, never echoed, and must match', async () => {
    const opened = await openDatabase({ create: true }, { DATABASE_URL: url });
    try {
      const mismatch = terminal(['first-password', 'other-password']);
      await expect(initCommand(opened, community, {}, mismatch.t, out)).rejects.toThrow(/不一致/);
      expect(mismatch.prompts.join('')).not.toContain('first-password');
      expect(await hasCommunity(opened.database.read)).toBe(false);

      const cancelled = terminal([]);
      await expect(initCommand(opened, community, {}, cancelled.t, out)).rejects.toBeInstanceOf(
        CliError,
      );

      const typed = terminal(['typed-password', 'typed-password']);
      expect(await initCommand(opened, community, {}, typed.t, out)).toBe(0);
      expect(typed.prompts.filter((p) => p.endsWith(': '))).toHaveLength(2);
      expect((await login(opened.database, 'wang.admin', 'typed-password', new Date())).role).toBe(
        'admin',
      );
    } finally {
      opened.database.close();
    }
  });
});

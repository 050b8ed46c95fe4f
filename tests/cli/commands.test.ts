import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq, like } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client';
import { cards, residents, users } from '../../db/schema';
import { ledgerHead, pointTotals } from '../../functions/domain/ledger/queries';
import { verifyLedger } from '../../functions/domain/ledger/verify';
import { NOT_CSV_TEXT } from '../../functions/domain/people/csv-text';
import { createResident } from '../../functions/domain/people/directory';
import { verifySecret } from '../../functions/domain/shared/crypto';
import { main } from '../../functions/node/cli';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { FAST_HASHING, type Fixture, seedFixture } from '../helpers/fixture';
import { GBK_RESIDENTS_CSV, UTF16_CSV } from '../helpers/gbk-csv';
import { headOf, seedLedger } from './support';

/** The same commands run in-process through main(), for the cases beyond the end-to-end runs. */

async function run(args: string[], url: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    { DATABASE_URL: url },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

let t: TestDatabase;
let f: Fixture;
beforeEach(async () => {
  t = await createTestDatabase();
  f = await seedFixture(t.database);
});
afterEach(() => t.cleanup());

describe('command line', () => {
  it('--help lists every command in Chinese and English; usage errors exit 2', async () => {
    const help = await run(['--help'], t.url);
    expect(help.code).toBe(0);
    for (const name of [
      'import-residents',
      'import-cards',
      'export-ledger',
      'verify',
      'expire',
      'backup',
      'restore',
      'migrate',
    ])
      expect(help.stdout).toContain(`  ${name}`);
    expect(help.stdout).toContain('从 CSV 批量导入居民');
    expect(help.stdout).toContain('Import residents from a CSV file');
    expect((await run(['import-residents', '--help'], t.url)).stdout).toContain(
      'login,full_name,phone,compound,building,unit,door',
    );

    expect(await run([], t.url)).toMatchObject({ code: 2 });
    expect(await run(['frobnicate'], t.url)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('未知命令：frobnicate'),
    });
    expect(await run(['export-ledger'], t.url)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format csv|json'),
    });
    expect(await run(['verify', '--bogus'], t.url)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('参数错误'),
    });
    expect(await run(['import-residents'], t.url)).toMatchObject({ code: 2 });
    expect(await run(['expire', '--at', 'next tuesday'], t.url)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('无法识别的时间'),
    });
  });

  it('a missing or unmigrated database is explained, not created', async () => {
    const missing = join(t.dir, 'nope', 'linli.db');
    const r = await run(['verify'], `file:${missing}`);
    expect(r).toMatchObject({ code: 1, stderr: expect.stringContaining('数据库文件不存在') });
    expect(existsSync(missing)).toBe(false);

    const migrated = await run(['migrate'], `file:${missing}`);
    expect(migrated).toMatchObject({ code: 0, stdout: expect.stringContaining('已执行') });
    expect((await run(['migrate'], `file:${missing}`)).stdout).toContain('已是最新');
    expect((await run(['verify'], `file:${missing}`)).stdout).toContain('entries: 0');
  });

  it('import-cards: cards for residents without one; any bad row imports nothing', async () => {
    const [a, b] = await t.database.write(async (tx) => [
      await createResident(tx, { login: 'zhao.liu', fullName: '赵六' }, new Date(), FAST_HASHING),
      await createResident(tx, { login: 'qian.qi', fullName: '钱七' }, new Date(), FAST_HASHING),
    ]);
    const cardCount = async () => (await t.database.read.select({ n: count() }).from(cards))[0]!.n;
    const before = await cardCount();

    const bad = join(t.dir, 'bad-cards.csv');
    writeFileSync(bad, 'login,card,pin\nzhao.liu,C0201,1234\nr1,C0202,1234\nnobody,C9001,12\n');
    const refused = await run(['import-cards', bad], t.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n').slice(0, 4)).toEqual([
      '第 3 行：居民 r1 已有卡 C9001 (line 3: resident "r1" already holds card C9001)',
      '第 4 行：居民 nobody 不存在 (line 4: no resident with login "nobody")',
      '第 4 行：卡密码格式错误（应为 4 位数字） (line 4: invalid PIN (4 digits))',
      '第 4 行：卡号 C9001 已被使用 (line 4: card C9001 is already issued)',
    ]);
    expect(await cardCount()).toBe(before);

    const good = join(t.dir, 'cards.csv');
    writeFileSync(good, '\uFEFFlogin,card,pin\r\nzhao.liu,C0201,1234\r\nqian.qi,c0202,5678\r\n');
    const ok = await run(['import-cards', good], t.url);
    expect(ok).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('已为 2 位居民发放纸质卡'),
    });
    const issued = await t.database.read.select().from(cards).where(eq(cards.residentId, b!));
    expect(issued[0]!.cardNo).toBe('C0202');
    expect(await verifySecret('5678', issued[0]!.pinHash)).toBe(true);
    expect(
      (await t.database.read.select().from(cards).where(eq(cards.residentId, a!)))[0]!.cardNo,
    ).toBe('C0201');
  });

  it('import-residents reads a GBK file from Excel as GBK (as the console upload does), and refuses what is not CSV text', async () => {
    const file = join(t.dir, 'gbk.csv');
    writeFileSync(file, GBK_RESIDENTS_CSV);
    const r = await run(['import-residents', file], t.url);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringContaining('文件按 GBK 编码读取') });
    expect(r.stdout).toContain('已导入 2 位居民');
    const names = await t.database.read
      .select({ name: residents.fullName })
      .from(residents)
      .innerJoin(users, eq(users.id, residents.userId))
      .where(like(users.login, 'gbk.%'))
      .orderBy(users.login);
    expect(names.map((n) => n.name)).toEqual(['李四', '张三']);

    const utf16 = join(t.dir, 'utf16.csv');
    writeFileSync(utf16, UTF16_CSV);
    const before = (await t.database.read.select({ n: count() }).from(users))[0]!.n;
    const refused = await run(['import-residents', utf16], t.url);
    expect(refused).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(NOT_CSV_TEXT.message),
    });
    expect((await t.database.read.select({ n: count() }).from(users))[0]!.n).toBe(before);
    expect(await run(['import-residents', join(t.dir, 'missing.csv')], t.url)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('找不到文件'),
    });
  });

  it('expire: lapses old lots once, lists them, and refuses a future --at without --force', async () => {
    await seedLedger(t.database, f);
    const first = await run(['expire', '--at', '2025-01-02'], t.url);
    expect(first.code).toBe(0);
    // r1: 40 earned in 2022, 17 spent since → 23 lapse; r2: 25 in 2022, 3 donated → 22.
    expect(first.stdout).toContain('已过期 45 分，共 2 条账目（积分年份 2022）');
    expect(first.stdout).toMatch(/#9 {2}r1 {2}-23 {2}2022 年获得的积分已于 2024 年底到期/);
    expect(first.stdout).toMatch(/#10 {2}r2 {2}-22 /);
    const again = await run(['expire', '--at', '2025-01-02'], t.url);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining('没有需要过期的积分') });
    expect((await pointTotals(t.database.read)).expired).toBe(45);
    expect((await ledgerHead(t.database.read)).entries).toBe(10);

    const future = await run(['expire', '--at', '2999-01-01'], t.url);
    expect(future).toMatchObject({ code: 1, stderr: expect.stringContaining('--force') });
    expect((await ledgerHead(t.database.read)).entries).toBe(10);
    expect((await verifyLedger(t.database.read)).ok).toBe(true);
  });

  it('verify: prints entries, head and totals of a sound ledger', async () => {
    await seedLedger(t.database, f);
    const r = await run(['verify'], t.url);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      '账本校验通过 (ledger verified)',
      '条目 entries: 8',
      `链头 head: ${(await ledgerHead(t.database.read)).head}`,
      '发行 issued: 95  兑换 redeemed: 12  过期 expired: 0  流通 outstanding: 83',
    ]);
  });

  it('verify --file: a tampered CSV amount, a truncated export, CSV rows that disagree, a file that is no export', async () => {
    await seedLedger(t.database, f);
    const json = join(t.dir, 'l.json');
    const csv = join(t.dir, 'l.csv');
    expect((await run(['export-ledger', '--format', 'json', '--out', json], t.url)).code).toBe(0);
    expect((await run(['export-ledger', '--format', 'csv', '--out', csv], t.url)).code).toBe(0);

    const original = readFileSync(csv, 'utf8');
    const tampered = original.split('\n');
    const j = tampered.findIndex((l) => l.startsWith('5,') && l.includes(',-5,'));
    tampered[j] = tampered[j]!.replace(',-5,', ',-50,');
    writeFileSync(csv, tampered.join('\n'));
    const amount = await run(['verify', '--file', csv], t.url);
    expect(amount.code).toBe(1);
    expect(amount.stdout).toContain('first bad entry: 5');
    expect(amount.stdout).toContain('hash mismatch');
    writeFileSync(csv, original);

    const lines = readFileSync(json, 'utf8').split('\n');
    writeFileSync(json, lines.slice(0, 6).join('\n'));
    const truncated = await run(['verify', '--file', json], t.url);
    expect(truncated).toMatchObject({ code: 1, stdout: expect.stringContaining('truncated') });

    // Entry 4 (a redemption) has two rows; change the memo on its second row only.
    const rows = readFileSync(csv, 'utf8').split('\n');
    const second = rows.findLastIndex((r) => r.startsWith('4,'));
    rows[second] = rows[second]!.replace('老花镜', '眼镜');
    writeFileSync(csv, rows.join('\n'));
    const disagree = await run(['verify', '--file', csv], t.url);
    expect(disagree.code).toBe(1);
    expect(disagree.stdout).toContain('first bad entry: 4');
    expect(disagree.stdout).toContain('disagree on memo');

    const other = join(t.dir, 'other.csv');
    writeFileSync(other, 'a,b\n1,2\n');
    expect(await run(['verify', '--file', other], t.url)).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('not a Linli ledger export'),
    });
  });

  it('backup refuses to overwrite without --force; restore refuses files that fail its checks', async () => {
    await seedLedger(t.database, f);
    const head = await ledgerHead(t.database.read);
    const file = join(t.dir, 'b.db');
    expect((await run(['backup', file], t.url)).code).toBe(0);
    const again = await run(['backup', file], t.url);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('--force') });
    const forced = await run(['backup', file, '--force'], t.url);
    expect(forced.code).toBe(0);
    expect(headOf(forced.stdout)).toBe(head.head);

    const text = join(t.dir, 'notes.txt');
    writeFileSync(text, 'not a database');
    expect(await run(['restore', text], t.url)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('不是 SQLite 数据库'),
    });

    const empty = createDatabase({ url: `file:${join(t.dir, 'empty.db')}` });
    await empty.client.execute('create table t (x)');
    empty.close();
    expect(await run(['restore', join(t.dir, 'empty.db')], t.url)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('missing tables'),
    });

    // A backup whose ledger was altered behind the triggers' back.
    const tampered = createDatabase({ url: `file:${file}` });
    await tampered.client.execute('DROP TRIGGER ledger_entries_no_update');
    await tampered.client.execute("UPDATE ledger_entries SET memo = '改过' WHERE id = 2");
    tampered.close();
    const refused = await run(['restore', file], t.url);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('#2 hash mismatch') });

    expect(await run(['restore', join(t.dir, 'linli.db')], t.url)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('当前数据库本身'),
    });
    expect(await ledgerHead(t.database.read)).toEqual(head);
    expect((await verifyLedger(t.database.read)).ok).toBe(true);
  });

  it('backup and restore explain themselves for a remote (Turso) database', async () => {
    for (const args of [
      ['backup', join(t.dir, 'x.db')],
      ['restore', join(t.dir, 'x.db')],
    ]) {
      const r = await run(args, 'libsql://linli-example.turso.io');
      expect(r).toMatchObject({ code: 1, stderr: expect.stringContaining('远程数据库') });
    }
  });
});

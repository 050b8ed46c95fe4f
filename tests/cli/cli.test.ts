import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it, type TestContext } from 'vitest';
import { createDatabase } from '../../db/client';
import { cards, households, residents, users } from '../../db/schema';
import { award } from '../../functions/domain/ledger/commands';
import { ledgerHead } from '../../functions/domain/ledger/queries';
import { verifyLedger } from '../../functions/domain/ledger/verify';
import { searchResidents } from '../../functions/domain/people/directory';
import { verifySecret } from '../../functions/domain/shared/crypto';
import { clock, loginAs, testApp } from '../helpers/api';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { type Fixture, seedFixture } from '../helpers/fixture';
import { headOf, runCli, seedLedger } from './support';

/** The real command line, each run a child process (`node --import tsx functions/node/cli.ts …`). */

/** A migrated temp database with the fixture, removed when the (concurrent) test ends. */
async function fresh(ctx: TestContext): Promise<TestDatabase & { f: Fixture }> {
  const t = await createTestDatabase();
  ctx.onTestFinished(() => t.cleanup());
  const f = await seedFixture(t.database);
  return { ...t, f };
}

const RESIDENTS_HEADER = 'login,full_name,phone,compound,building,unit,door,password,card,pin';

async function counts(t: TestDatabase) {
  const [[u], [h], [c]] = await Promise.all([
    t.database.read.select({ n: count() }).from(users),
    t.database.read.select({ n: count() }).from(households),
    t.database.read.select({ n: count() }).from(cards),
  ]);
  return { users: u!.n, households: h!.n, cards: c!.n };
}

// Each child process loads drizzle (≈1.5 s of CPU), so these run concurrently, with room to spare on a busy machine.
describe.concurrent('linli CLI (child process)', { timeout: 180_000 }, () => {
  it('import-residents: imports a good file (BOM, CRLF), reusing an existing household', async (ctx) => {
    const t = await fresh(ctx);
    const [existing] = await t.database.write((tx) =>
      tx
        .insert(households)
        .values({ compound: '幸福小区', building: '1栋', unit: '2单元', door: '301' })
        .returning(),
    );
    const file = join(t.dir, 'residents.csv');
    const rows = [
      RESIDENTS_HEADER,
      'zhang.san,张三丰,13800000011,幸福小区,1栋,2单元,301,secret-pass-1,C0101,2468',
      'li.si,李四,,幸福小区, 1栋 ,2单元,301,,,',
      'wang.wu,王五,13800000013,和谐小区,5栋,1单元,502,,C0102,1357',
    ];
    writeFileSync(file, `\uFEFF${rows.join('\r\n')}\r\n`);

    const run = await runCli(t.url, ['import-residents', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('已导入 3 位居民：新建 1 户，沿用已有 1 户，发放纸质卡 2 张');

    const people = await t.database.read
      .select({
        login: users.login,
        fullName: residents.fullName,
        phone: residents.phone,
        householdId: residents.householdId,
        hash: users.passwordHash,
      })
      .from(residents)
      .innerJoin(users, eq(users.id, residents.userId))
      .where(sql`${users.login} in ('zhang.san', 'li.si', 'wang.wu')`)
      .orderBy(users.id);
    expect(
      people.map((p) => [p.login, p.fullName, p.phone, p.householdId === existing!.id]),
    ).toEqual([
      ['zhang.san', '张三丰', '13800000011', true],
      ['li.si', '李四', null, true],
      ['wang.wu', '王五', '13800000013', false],
    ]);
    expect(people[1]!.hash).toBeNull();
    const [card] = await t.database.read.select().from(cards).where(eq(cards.cardNo, 'C0101'));
    expect(await verifySecret('2468', card!.pinHash)).toBe(true);
    // The imported password signs in through the API; staff find the new resident by card.
    await loginAs(testApp(t.database, clock()), 'zhang.san', 'secret-pass-1');
    expect(
      (await searchResidents(t.database.read, { query: 'C0102', limit: 10 })).items.map(
        (r) => r.login,
      ),
    ).toEqual(['wang.wu']);
  });

  it('import-residents: one bad row → every problem with its line, nothing imported, exit 1', async (ctx) => {
    const t = await fresh(ctx);
    const before = await counts(t);
    const rows = [RESIDENTS_HEADER];
    for (let i = 1; i <= 5; i++)
      rows.push(`ok${i},居民${i},1380000000${i},幸福小区,2栋,1单元,10${i},,C05${i}0,1234`);
    rows.push('bad.phone,错号码,1380000,幸福小区,2栋,1单元,106,,,'); // line 7
    rows.push('staff2,重名,13800000008,幸福小区,2栋,1单元,107,,,'); // line 8: a staff member has this login
    const file = join(t.dir, 'bad.csv');
    writeFileSync(file, rows.join('\n'));

    const run = await runCli(t.url, ['import-residents', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('第 7 行：手机号格式错误 (line 7: invalid phone)');
    expect(run.stderr).toContain(
      '第 8 行：登录名 staff2 已被使用 (line 8: login "staff2" is already taken)',
    );
    expect(run.stderr).toContain('未导入任何数据');
    expect(run.stdout).toBe('');
    expect(await counts(t)).toEqual(before);
  });

  it('export-ledger json + csv: verify --file recomputes the same head as the database; a tampered line names its entry', async (ctx) => {
    const t = await fresh(ctx);
    await seedLedger(t.database, t.f);
    const { head, entries } = await ledgerHead(t.database.read);
    expect(entries).toBe(8);
    const json = join(t.dir, 'ledger.json');
    const csv = join(t.dir, 'ledger.csv');

    const exports = await Promise.all([
      runCli(t.url, ['export-ledger', '--format', 'json', '--out', json]),
      runCli(t.url, ['export-ledger', '--format', 'csv', '--out', csv]),
    ]);
    for (const run of exports) {
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('已导出 8 条账目');
    }
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({
      format: 'linli-ledger',
      entryCount: 8,
      head,
    });
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe(
      '\uFEFFentry_id,at,kind,memo,actor_id,activity_id,reverses_id,account_id,amount,balance_after,prev_hash,hash',
    );

    const verified = await Promise.all([
      runCli(t.url, ['verify', '--file', json]),
      runCli(t.url, ['verify', '--file', csv]),
    ]);
    for (const run of verified) {
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('entries: 8');
      expect(headOf(run.stdout)).toBe(head);
    }

    // Tamper: in the JSON, the redemption of 12 points (entry 4) becomes 13 on both sides.
    const jsonLines = readFileSync(json, 'utf8').split('\n');
    const i = jsonLines.findIndex((l) => l.startsWith('{"id":4,'));
    jsonLines[i] = jsonLines[i]!.replace('"amount":-12', '"amount":-13').replace(
      '"amount":12',
      '"amount":13',
    );
    writeFileSync(json, jsonLines.join('\n'));
    const bad = await runCli(t.url, ['verify', '--file', json]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('第一个有问题的账目：#4');
    expect(bad.stdout).toContain('first bad entry: 4');
    expect(bad.stdout).toContain('hash mismatch');
  });

  it('verify: after tampering with a posting (behind the triggers) it fails naming the entry', async (ctx) => {
    const t = await fresh(ctx);
    await seedLedger(t.database, t.f);
    await t.database.client.execute('DROP TRIGGER postings_no_update');
    await t.database.client.execute(
      'UPDATE postings SET amount = amount + 1 WHERE entry_id = 3 AND amount > 0',
    );
    const bad = await runCli(t.url, ['verify']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('账本校验失败');
    expect(bad.stdout).toContain('第一个有问题的账目：#3');
    expect(bad.stdout).toContain('hash mismatch');
  });

  it('backup then restore: the restored database has the ledger head of the backup', async (ctx) => {
    const t = await fresh(ctx);
    await seedLedger(t.database, t.f);
    const atBackup = await ledgerHead(t.database.read);
    const file = join(t.dir, 'backups', 'linli-backup.db');
    const backup = await runCli(t.url, ['backup', file]);
    expect(backup.code).toBe(0);
    expect(headOf(backup.stdout)).toBe(atBackup.head);

    // Life goes on after the backup…
    await t.database.write((tx) =>
      award(
        tx,
        { actorId: t.f.staffId, now: new Date('2026-03-10T02:00:00Z') },
        { residentId: t.f.residents[0]!, points: 7, reason: '备份之后' },
      ),
    );
    expect((await ledgerHead(t.database.read)).entries).toBe(9);
    t.database.close();

    const restore = await runCli(t.url, ['restore', file]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(headOf(restore.stdout)).toBe(atBackup.head);
    const reopened = createDatabase({ url: t.url });
    ctx.onTestFinished(() => reopened.close());
    expect(await ledgerHead(reopened.read)).toEqual(atBackup);
    expect((await verifyLedger(reopened.read)).ok).toBe(true);
  });

  it('an unknown command exits 2', async () => {
    const run = await runCli('file:/nonexistent/linli.db', ['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('未知命令：frobnicate');
  });
});

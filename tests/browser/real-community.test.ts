import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { jobRuns, ledgerEntries, settings, users } from '../../db/schema';
import { expiryDeadline } from '../../functions/domain/ledger/expiry';
import { verifyLedger } from '../../functions/domain/ledger/verify';
import { localDate, localYear } from '../../functions/domain/shared/time';
import { apiAs, changeForced, desk, phone, signIn, signInToChange, upToConfirm, useBrowser } from './browser';
import { startInitPortal, type InitPortal } from './harness';

/** The fixture's date style: a Monday morning in Beijing. Everything below follows this clock, never today's. */
const START = new Date('2026-03-09T02:00:00Z');
const ADMIN = { login: 'wang.admin', password: 'admin-pass-2026' };
const FIRST = 'first-pass-123';
const OWN = 'own-pass-4567';

type Api = Awaited<ReturnType<typeof apiAs>>;
type ResidentRow = { id: number; login: string; name: string; card: string | null; balance: number };

/** 20 residents as a community's own spreadsheet has them: five with a password, one elder with only a paper card. */
function residentsCsv(): string {
  const lines = ['login,full_name,phone,compound,building,unit,door,password,card,pin'];
  for (let i = 1; i <= 20; i++) {
    const n = String(i).padStart(2, '0');
    const password = i <= 5 ? `resident-pass-${n}` : '';
    const card = i === 20 ? 'C5020,2468' : ',';
    const tel = i === 20 ? '' : `1390000${String(1000 + i)}`;
    lines.push(`xfl${n},居民${n},${tel},幸福里,${Math.ceil(i / 4)}栋,1单元,${100 + i},${password},${card}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Issue 17's "done means", on a community set up by init (never the demo): accounts and
 * configuration by the administrator, residents imported by staff, an activity run, an award over the
 * threshold approved by the accountant, a redemption at a merchant, a card-only resident served at
 * the desk, a disabled account refused at once, and the expiry job running by itself when its time comes.
 */
describe('a real community, set up by init and run through the console', () => {
  const browser = useBrowser();
  let portal: InitPortal;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    portal = await startInitPortal({ now: START, name: '幸福里社区', admin: ADMIN });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await portal?.close();
  });

  /** A desk-sized or phone-sized context whose pages see the test's clock. */
  async function open(size: 'desk' | 'phone'): Promise<Page> {
    const ctx = await (size === 'desk' ? desk : phone)(browser(), portal.origin);
    await ctx.clock.install({ time: portal.clock.now() });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    return page;
  }

  const as = (login: string, password = OWN): Promise<Api> => apiAs(portal.origin, login, password);
  const resident = async (staff: Api, login: string): Promise<ResidentRow> => {
    const found = (await staff<{ residents: ResidentRow[] }>(`/staff/residents?query=${login}`)).body.residents.find((r) => r.login === login);
    if (!found) throw new Error(`no resident ${login}`);
    return found;
  };

  it('holds nothing of the demo: only the community named at init and its administrator', async () => {
    const people = await portal.database.read.select({ login: users.login, role: users.role }).from(users);
    expect(people).toEqual([{ login: ADMIN.login, role: 'admin' }]);
    const demo = await portal.database.read.select().from(settings).where(eq(settings.key, 'demo'));
    expect(demo).toEqual([]);
    expect((await fetch(`${portal.origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'staff1', password: 'linli-demo' }) })).status).toBe(401);
  });

  it('the administrator signs in and creates the accounts, two teams and three activity types', async () => {
    const page = await open('desk');
    await signIn(page, '/staff/#accounts', ADMIN.login, ADMIN.password);
    const panel = page.locator('[data-panel="accounts"]');
    const form = panel.locator('form[data-new-account]');
    const accounts: Array<{ role: string; login: string; name: string; shop?: string[] }> = [
      { role: 'staff', login: 'li.staff', name: '李社工' },
      { role: 'staff', login: 'zhao.staff', name: '赵社工' },
      { role: 'accountant', login: 'qian.kuaiji', name: '钱会计' },
      { role: 'merchant', login: 'shop.mian', name: '老张面馆', shop: ['老张面馆', '餐饮', '幸福路 1 号', '每天 7:00–20:00', '老人吃面九折'] },
      { role: 'merchant', login: 'shop.li', name: '理发店', shop: ['街角理发', '理发', '幸福路 2 号', '每天 9:00–21:00', '老人理发五折'] },
      { role: 'merchant', login: 'shop.yao', name: '便民药店', shop: ['便民药店', '药店', '幸福路 3 号', '每天 8:00–22:00', '免费量血压'] },
    ];
    for (const a of accounts) {
      await form.getByLabel('角色').selectOption(a.role);
      await form.getByLabel('登录名').fill(a.login);
      await form.getByLabel('姓名 / 称呼').fill(a.name);
      await form.getByLabel('初始密码').fill(FIRST);
      expect(await form.getByLabel('首次登录时要求本人改密码').isChecked()).toBe(true);
      if (a.shop) {
        const labels = ['店名', '行业', '店铺地址', '营业时间', '为居民提供什么（公益承诺）'];
        for (const [i, label] of labels.entries()) await form.getByLabel(label).fill(a.shop[i]!);
      }
      await form.getByRole('button', { name: '新建账号' }).click();
      await expect.poll(() => form.getByRole('status').textContent()).toContain(`已建账号 ${a.login}`);
      await panel.locator(`tr[data-account="${a.login}"]`).waitFor();
    }

    await page.goto('/staff/#settings');
    const settingsPanel = page.locator('[data-panel="settings"]');
    const types = settingsPanel.locator('[aria-labelledby="set-types-h"]');
    const typeForm = types.locator('form').last();
    for (const [zh, en, rate, cap] of [['环境清洁', 'Cleaning', '10', '30'], ['助老服务', 'Elder care', '15', '45'], ['治安巡逻', 'Patrol', '12', '36']] as const) {
      await typeForm.getByLabel('中文名称').fill(zh);
      await typeForm.getByLabel('英文名称').fill(en);
      await typeForm.getByLabel('每小时积分').fill(rate);
      await typeForm.getByLabel('每人每日上限').fill(cap);
      await typeForm.getByRole('button', { name: '新增类型' }).click();
      await types.getByRole('cell', { name: new RegExp(`^${zh}`) }).waitFor();
    }
    const teams = settingsPanel.locator('[aria-labelledby="set-teams-h"]');
    const teamForm = teams.locator('form').last();
    for (const name of ['幸福里环保队', '幸福里助老队']) {
      await teamForm.getByLabel('队伍名称').fill(name);
      await teamForm.getByRole('button', { name: '新建队伍' }).click();
      await teams.locator('[data-team]', { hasText: name }).waitFor();
    }

    const admin = await as(ADMIN.login, ADMIN.password);
    const listed = (await admin<{ items: Array<{ login: string; role: string; mustChangePassword: boolean }> }>('/admin/accounts?limit=50')).body.items;
    for (const a of accounts) expect(listed.find((x) => x.login === a.login)).toMatchObject({ role: a.role, mustChangePassword: true });
    const made = (await admin<{ types: Array<{ nameZh: string; pointsPerHour: number; dailyCap: number }> }>('/admin/activity-types')).body.types;
    expect(made.map((t) => [t.nameZh, t.pointsPerHour, t.dailyCap])).toEqual(
      expect.arrayContaining([
        ['环境清洁', 10, 30],
        ['助老服务', 15, 45],
        ['治安巡逻', 12, 36],
      ]),
    );
    expect(errors).toEqual([]);
  });
  let thresholds: { perAwardThreshold: number; perBatchThreshold: number; expiryYears: number };
  let lotYear: number;

  it('staff change their temporary password, import 20 residents by CSV, run an activity and award over the threshold; the accountant approves it once', async () => {
    const admin = await as(ADMIN.login, ADMIN.password);
    thresholds = (await admin<typeof thresholds>('/admin/settings')).body;
    const page = await open('desk');
    await signInToChange(page, '/staff/#residents', 'li.staff', FIRST);
    await changeForced(page, FIRST, OWN);
    const panel = page.locator('[data-panel="residents"]');
    await panel.getByLabel('CSV 文件').setInputFiles({ name: '居民名单.csv', mimeType: 'text/csv', buffer: Buffer.from(residentsCsv()) });
    await panel.getByRole('button', { name: '检查' }).click();
    await expect.poll(() => panel.locator('.report').textContent()).toContain('全部 20 行无误');
    await panel.getByRole('button', { name: '导入' }).click();
    await expect.poll(() => panel.locator('.report').textContent()).toContain('已导入 20 位居民');
    expect(await panel.locator('.report').textContent()).toContain('发卡 1 张');
    const staff = await as('li.staff');
    const elder = await resident(staff, 'xfl20');
    expect(elder).toMatchObject({ name: '居民20', card: 'C5020' });

    // An activity: planned, three residents checked in by login, closed and awarded at the type's rate.
    const types = (await staff<{ types: Array<{ code: string; name: string }> }>('/staff/activity-types')).body.types;
    const cleaning = types.find((t) => t.name === '环境清洁')!;
    await page.goto('/staff/#activities');
    const acts = page.locator('[data-panel="activities"]');
    await acts.getByLabel('活动类型').selectOption(cleaning.code);
    await acts.getByLabel('志愿服务队').selectOption({ label: '幸福里环保队' });
    await acts.getByLabel('活动名称').fill('幸福里楼道清洁');
    await acts.getByLabel('地点').fill('1栋');
    await acts.getByLabel('时长（小时）').fill('2');
    await acts.getByRole('button', { name: '新建活动' }).click();
    await acts.getByRole('heading', { name: '幸福里楼道清洁' }).waitFor();
    const activity = (await staff<{ items: Array<{ id: number; title: string }> }>('/staff/activities?limit=50')).body.items.find((a) => a.title === '幸福里楼道清洁')!;
    await acts.locator(`[data-activity-row="${activity.id}"] button`).click();
    for (const login of ['xfl01', 'xfl02', 'xfl03']) {
      await acts.getByLabel(/扫码或输入/).fill(login);
      await acts.getByRole('button', { name: '签到', exact: true }).click();
      await acts.locator(`input[data-checkin="${login}"]:checked`).waitFor();
    }
    await expect.poll(() => acts.locator('[data-activity-summary]').textContent()).toContain('3');
    await acts.locator('[data-close-activity]').click();
    const confirm = acts.locator('[data-confirm-close]');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('60 分（3 人）');
    await confirm.click();
    await expect.poll(() => acts.locator('[aria-labelledby="act-detail-h"] .msg-ok').first().textContent()).toContain('已发放 60 分给 3 人');
    expect((await resident(staff, 'xfl01')).balance).toBe(20);

    // One award over the threshold, from the resident's page: it waits.
    const big = thresholds.perAwardThreshold + 1;
    await page.goto('/staff/#residents');
    await panel.getByLabel('查找居民').fill('xfl01');
    await panel.locator('tr', { hasText: '居民01' }).locator('[data-open-resident]').click();
    const detail = panel.locator('.detail');
    await detail.getByLabel('积分（1–1000）').fill(String(big));
    await detail.getByLabel('事由', { exact: true }).fill('春节慰问演出组织');
    await detail.getByRole('button', { name: '发放', exact: true }).click();
    await expect.poll(() => detail.getByText(/等待会计审批后发放/).count()).toBe(1);
    expect((await resident(staff, 'xfl01')).balance).toBe(20);

    // The accountant's first sign-in, then the approvals list: only what they may approve.
    const acct = await open('desk');
    await signInToChange(acct, '/staff/#activities', 'qian.kuaiji', FIRST);
    await changeForced(acct, FIRST, OWN);
    const approvals = acct.locator('[aria-labelledby="appr-h"]');
    await approvals.getByRole('button', { name: '批准发放' }).click();
    await expect.poll(() => approvals.locator('.msg-ok').first().textContent()).toContain('已批准');
    expect((await resident(staff, 'xfl01')).balance).toBe(20 + big);
    const accountant = await as('qian.kuaiji');
    expect((await accountant<{ items: unknown[] }>('/staff/award-batches?approvable=true')).body.items).toEqual([]);
    lotYear = localYear(portal.clock.now());
    expect(errors).toEqual([]);
  });

  it('a resident shows a code on the phone and a merchant redeems it at the counter', async () => {
    const staff = await as('li.staff');
    const before = (await resident(staff, 'xfl02')).balance;
    const mobile = await open('phone');
    await signIn(mobile, '/me/', 'xfl02', 'resident-pass-02');
    await expect.poll(() => mobile.locator('[data-balance]').textContent()).toBe(String(before));
    await mobile.locator('[data-new-code]').click();
    const code = (await mobile.locator('.code-digits').getAttribute('data-code-digits'))!;
    expect(code).toMatch(/^\d{6}$/);
    // Counted down by the API's clock (its Date header), not the machine's: five minutes, not "expired".
    await expect.poll(() => mobile.locator('.countdown').textContent()).toMatch(/^还剩 [45]:\d\d 有效$/);

    const counter = await open('phone');
    await signInToChange(counter, '/counter/', 'shop.mian', FIRST);
    await changeForced(counter, FIRST, OWN);
    await expect.poll(() => counter.locator('[data-shop]').textContent()).toBe('老张面馆');
    await upToConfirm(counter, code, 15);
    await counter.locator('[data-confirm]').click();
    const receipt = counter.locator('[data-receipt]');
    await receipt.waitFor();
    expect(Number(await receipt.locator('[data-balance-after]').getAttribute('data-balance-after'))).toBe(before - 15);
    expect((await resident(staff, 'xfl02')).balance).toBe(before - 15);
    await expect.poll(() => mobile.locator('[data-balance]').textContent(), { timeout: 15_000 }).toBe(String(before - 15));
    expect(errors).toEqual([]);
  });

  it('staff serve the card-only resident at the desk: balance, points given, and a gift on their behalf recorded as done by that staff member', async () => {
    const staff = await as('li.staff');
    const elder = await resident(staff, 'xfl20');
    const neighbour = await resident(staff, 'xfl19');
    const page = await open('desk');
    await signIn(page, '/staff/#residents', 'li.staff', OWN);
    const panel = page.locator('[data-panel="residents"]');
    await panel.getByLabel('查找居民').fill('C5020');
    await panel.locator('tr', { hasText: '居民20' }).locator('[data-open-resident]').click();
    const detail = panel.locator('.detail');
    await expect.poll(() => detail.locator('dl.facts').textContent()).toContain('0 分');
    await detail.getByLabel('积分（1–1000）').fill('12');
    await detail.getByLabel('事由', { exact: true }).fill('帮邻居收快递');
    await detail.getByRole('button', { name: '发放', exact: true }).click();
    await expect.poll(() => detail.getByText('已给').count()).toBeGreaterThan(0);
    await panel.locator('tr', { hasText: '居民20' }).locator('[data-open-resident]').click();
    await expect.poll(() => detail.locator('dl.facts').textContent()).toContain('12 分');

    await detail.getByText('代转赠积分').click();
    await detail.getByLabel('转给邻居').fill('居民19');
    await detail.locator('[data-resident]').first().click();
    await detail.getByLabel('积分', { exact: true }).fill('5');
    await detail.getByRole('button', { name: '代为转赠' }).click();
    await expect.poll(() => panel.locator('.detail > .msg-ok').textContent()).toContain('已代转给 居民19 5 分');

    const statement = (await staff<{ balance: number; entries: Array<{ id: number; kind: string; points: number }> }>(`/staff/residents/${elder.id}/entries`)).body;
    expect(statement.balance).toBe(7);
    const gift = statement.entries.find((e) => e.kind === 'transfer_out')!;
    expect(gift.points).toBe(-5);
    const entry = (await staff<{ actor: { login: string } | null }>(`/staff/entries/${gift.id}`)).body;
    expect(entry.actor?.login).toBe('li.staff');
    expect((await resident(staff, 'xfl19')).balance).toBe(neighbour.balance + 5);
    expect(errors).toEqual([]);
  });

  it('a disabled staff account is refused at once: its open console signs out and signing in again says why', async () => {
    const theirs = await open('desk');
    await signInToChange(theirs, '/staff/', 'zhao.staff', FIRST);
    await changeForced(theirs, FIRST, OWN);
    await theirs.locator('[data-panel="residents"]').waitFor({ state: 'visible' });

    const page = await open('desk');
    await signIn(page, '/staff/#accounts', ADMIN.login, ADMIN.password);
    const accounts = page.locator('[data-panel="accounts"]');
    const row = accounts.locator('tr[data-account="zhao.staff"]');
    await row.getByRole('button', { name: '停用' }).click();
    await accounts.getByRole('button', { name: '确认停用' }).click();
    await expect.poll(() => row.textContent()).toContain('已停用');

    await theirs.goto('/staff/#ledger');
    await theirs.locator('[data-view="signin"]').waitFor({ state: 'visible' });
    await theirs.getByLabel('登录名').fill('zhao.staff');
    await theirs.getByLabel(/^密码$/).fill(OWN);
    await theirs.locator('form[data-signin] button[type=submit]').click();
    await expect.poll(() => theirs.locator('[data-signin-msg]').textContent()).toContain('这个账号已停用');
    expect(errors).toEqual([]);
  });

  it('the expiry job runs by itself when the clock passes the period, and the ledger still verifies', async () => {
    const deadline = expiryDeadline(lotYear, thresholds.expiryYears);
    const period = localDate(deadline);
    const before = await portal.database.read.select().from(jobRuns).where(eq(jobRuns.job, 'expiry'));
    expect(before.map((r) => r.period)).not.toContain(period);
    const staffBefore = await as('li.staff');
    const held = (await staffBefore<{ residents: ResidentRow[] }>('/staff/residents?query=xfl&limit=50')).body.residents.filter((r) => r.balance > 0);
    expect(held.length).toBeGreaterThan(0);

    // The scheduler is asleep on its timer; the clock passes the period and the timer fires.
    expect(portal.pendingWakeUps()).toBe(1);
    portal.clock.advanceTo(new Date(deadline.getTime() + 60_000));
    await portal.fireTimer();

    const runs = await portal.database.read.select().from(jobRuns).where(eq(jobRuns.job, 'expiry'));
    const run = runs.find((r) => r.period === period);
    expect(run).toMatchObject({ status: 'ok' });
    expect(JSON.parse(run!.detail)).toMatchObject({ lotYears: [lotYear] });
    const expired = await portal.database.read.select().from(ledgerEntries).where(eq(ledgerEntries.kind, 'expiry'));
    expect(expired.length).toBeGreaterThan(0);
    const staff = await as('li.staff');
    for (const r of held) expect((await resident(staff, r.login)).balance).toBe(0);
    const statement = (await staff<{ entries: Array<{ kind: string }> }>(`/staff/residents/${held[0]!.id}/entries`)).body;
    expect(statement.entries[0]!.kind).toBe('expiry');
    // Another wake-up in the same period runs nothing twice.
    await portal.fireTimer();
    expect((await portal.database.read.select().from(jobRuns).where(eq(jobRuns.job, 'expiry'))).filter((r) => r.period === period)).toHaveLength(1);

    // Staff see it in the console.
    const page = await open('desk');
    await signIn(page, '/staff/#ledger', 'li.staff', OWN);
    await expect.poll(() => page.locator('section.jobs tbody tr').first().textContent()).toContain('积分到期');
    expect(await page.locator('section.jobs tbody tr').first().textContent()).toContain('完成');

    const report = await verifyLedger(portal.database.read);
    expect(report).toMatchObject({ ok: true });
    // Still nothing of the demo.
    expect((await portal.database.read.select().from(users).where(eq(users.login, 'resident1'))).length).toBe(0);
    expect(errors).toEqual([]);
  });
});

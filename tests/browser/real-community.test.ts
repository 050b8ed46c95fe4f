import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eq, inArray } from 'drizzle-orm';
import { jobRuns, settings, users } from '../../db/schema';
import { expiryDeadline } from '../../functions/domain/ledger/expiry';
import { verifyLedger } from '../../functions/domain/ledger/verify';
import { localYear } from '../../functions/domain/shared/time';
import { apiAs, changeForced, signIn, signInToChange, upToConfirm, useBrowser, watchErrors } from './browser';
import { startInitPortal, type InitPortal } from './harness';

/** The fixture's date style: a Monday morning in Beijing. Everything below follows this clock, never today's. */
const START = new Date('2026-03-09T02:00:00Z');
const ADMIN = { login: 'wang.admin', password: 'admin-pass-2026' };
const FIRST = 'first-pass-123';
const OWN = 'own-pass-4567';

type Api = Awaited<ReturnType<typeof apiAs>>;
type ResidentRow = { id: number; login: string; fullName: string; balance: number };

/** 20 residents as a community's own spreadsheet has them: five with a password, one elder with only a paper card. */
function residentsCsv(): string {
  const lines = ['login,full_name,phone,compound,building,unit,door,password,card,pin'];
  for (let i = 1; i <= 20; i++) {
    const n = String(i).padStart(2, '0');
    const password = i <= 5 ? `resident-pass-${n}` : '';
    const card = i === 20 ? 'C5020,2468' : ',';
    const phone = i === 20 ? '' : `1390000${String(1000 + i)}`;
    lines.push(`xfl${n},居民${n},${phone},幸福里,${Math.ceil(i / 4)}栋,1单元,${100 + i},${password},${card}`);
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
    const ctx = await (browser() as Browser).newContext({
      baseURL: portal.origin,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      ...(size === 'desk' ? { viewport: { width: 1280, height: 900 } } : { viewport: { width: 360, height: 780 }, hasTouch: true, isMobile: true }),
    });
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
    const listed = (await admin<{ accounts: Array<{ login: string; role: string; mustChangePassword: boolean }> }>('/admin/accounts?limit=50')).body.accounts;
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
});

import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { settings, users } from '../../db/schema';
import { changeForced, signIn, signInToChange } from './browser';
import type { InitPortal } from './harness';
import { ADMIN, FIRST, OWN, residentsCsv, type Thresholds, useCommunity } from './real-community';

/**
 * Issue 17's "done means", on a community set up by init (never the demo), its first part: accounts
 * and configuration by the administrator, residents imported by staff, an activity run, and an award
 * over the threshold approved by the accountant.
 */
describe('a real community, set up by init and through the console', () => {
  const community = useCommunity();
  const { open, as, resident, errors } = community;
  let portal: InitPortal;
  beforeAll(() => {
    portal = community.portal();
  });

  it('holds nothing of the demo: only the community named at init and its administrator', async () => {
    const people = await portal.database.read
      .select({ login: users.login, role: users.role })
      .from(users);
    expect(people).toEqual([{ login: ADMIN.login, role: 'admin' }]);
    const demo = await portal.database.read.select().from(settings).where(eq(settings.key, 'demo'));
    expect(demo).toEqual([]);
    expect(
      (
        await fetch(`${portal.origin}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: 'staff1', password: 'linli-demo' }),
        })
      ).status,
    ).toBe(401);
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
      {
        role: 'merchant',
        login: 'shop.mian',
        name: '老张面馆',
        shop: ['老张面馆', '餐饮', '幸福路 1 号', '每天 7:00–20:00', '老人吃面九折'],
      },
      {
        role: 'merchant',
        login: 'shop.li',
        name: '理发店',
        shop: ['街角理发', '理发', '幸福路 2 号', '每天 9:00–21:00', '老人理发五折'],
      },
      {
        role: 'merchant',
        login: 'shop.yao',
        name: '便民药店',
        shop: ['便民药店', '药店', '幸福路 3 号', '每天 8:00–22:00', '免费量血压'],
      },
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
      await expect
        .poll(() => form.getByRole('status').textContent())
        .toContain(`已建账号 ${a.login}`);
      await panel.locator(`tr[data-account="${a.login}"]`).waitFor();
    }

    await page.goto('/staff/#settings');
    const settingsPanel = page.locator('[data-panel="settings"]');
    const types = settingsPanel.locator('[aria-labelledby="set-types-h"]');
    const typeForm = types.locator('form').last();
    for (const [zh, en, rate, cap] of [
      ['环境清洁', 'Cleaning', '10', '30'],
      ['助老服务', 'Elder care', '15', '45'],
      ['治安巡逻', 'Patrol', '12', '36'],
    ] as const) {
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
    const listed = (
      await admin<{ items: Array<{ login: string; role: string; mustChangePassword: boolean }> }>(
        '/admin/accounts?limit=50',
      )
    ).body.items;
    for (const a of accounts)
      expect(listed.find((x) => x.login === a.login)).toMatchObject({
        role: a.role,
        mustChangePassword: true,
      });
    const made = (
      await admin<{ types: Array<{ nameZh: string; pointsPerHour: number; dailyCap: number }> }>(
        '/admin/activity-types',
      )
    ).body.types;
    expect(made.map((t) => [t.nameZh, t.pointsPerHour, t.dailyCap])).toEqual(
      expect.arrayContaining([
        ['环境清洁', 10, 30],
        ['助老服务', 15, 45],
        ['治安巡逻', 12, 36],
      ]),
    );
    expect(errors).toEqual([]);
  });
  let thresholds: Thresholds;

  it('staff change their temporary password, import 20 residents by CSV, run an activity and award over the threshold; the accountant approves it once', async () => {
    const admin = await as(ADMIN.login, ADMIN.password);
    thresholds = (await admin<typeof thresholds>('/admin/settings')).body;
    const page = await open('desk');
    await signInToChange(page, '/staff/#residents', 'li.staff', FIRST);
    await changeForced(page, FIRST, OWN);
    const panel = page.locator('[data-panel="residents"]');
    await panel.getByLabel('CSV 文件').setInputFiles({
      name: '居民名单.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(residentsCsv()),
    });
    await panel.getByRole('button', { name: '检查' }).click();
    await expect.poll(() => panel.locator('.report').textContent()).toContain('全部 20 行无误');
    await panel.getByRole('button', { name: '导入' }).click();
    await expect.poll(() => panel.locator('.report').textContent()).toContain('已导入 20 位居民');
    expect(await panel.locator('.report').textContent()).toContain('发卡 1 张');
    const staff = await as('li.staff');
    const elder = await resident(staff, 'xfl20');
    expect(elder).toMatchObject({ name: '居民20', card: 'C5020' });

    // An activity: planned, three residents checked in by login, closed and awarded at the type's rate.
    const types = (
      await staff<{ types: Array<{ code: string; name: string }> }>('/staff/activity-types')
    ).body.types;
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
    const activity = (
      await staff<{ items: Array<{ id: number; title: string }> }>('/staff/activities?limit=50')
    ).body.items.find((a) => a.title === '幸福里楼道清洁')!;
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
    await expect
      .poll(() => acts.locator('[aria-labelledby="act-detail-h"] .msg-ok').first().textContent())
      .toContain('已发放 60 分给 3 人');
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
    expect(
      (await accountant<{ items: unknown[] }>('/staff/award-batches?approvable=true')).body.items,
    ).toEqual([]);
    expect(errors).toEqual([]);
  });
});

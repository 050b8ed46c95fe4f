import { describe, expect, inject, it } from 'vitest';
import {
  apiAs,
  changeForced,
  desk,
  shot,
  signIn,
  signInToChange,
  useBrowser,
  watchErrors,
} from './browser';

/** The administrator's accounts panel, a temporary password changed first, and a merchant paused by staff. */
describe('accounts and merchants in the console', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('the accounts tab is for admins only', async () => {
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    await signIn(page, '/staff/#accounts', 'staff1');
    expect(await page.locator('[data-tab="accounts"]').isVisible()).toBe(false);
    expect(await page.locator('[data-tab="merchants"]').isVisible()).toBe(true);
    await page.locator('[data-panel="residents"]').waitFor({ state: 'visible' });
    expect(await page.locator('[data-panel="accounts"]').isVisible()).toBe(false);
    await ctx.close();
  });

  it('an admin creates a staff account; its first sign-in changes the password; its own password changes later; disabling signs it out at once', async () => {
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/#accounts', 'admin');
    const panel = page.locator('[data-panel="accounts"]');
    const form = panel.locator('form[data-new-account]');
    await form.getByLabel('角色').selectOption('staff');
    await form.getByLabel('登录名').fill('browser-staff');
    await form.getByLabel('姓名 / 称呼').fill('测试同事');
    await form.getByLabel('初始密码').fill('first-pass-123');
    expect(await form.getByLabel('首次登录时要求本人改密码').isChecked()).toBe(true);
    await form.getByRole('button', { name: '新建账号' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent())
      .toContain('已建账号 browser-staff');
    const row = panel.locator('tr[data-account="browser-staff"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('工作人员');
    expect(await row.textContent()).toContain('待改临时密码');
    await shot(page, 'staff-accounts', false);

    // The new colleague signs in on another desk: the password first, then the console.
    const theirs = await desk(browser(), origin);
    const colleague = await theirs.newPage();
    const colleagueErrors = watchErrors(colleague);
    await signInToChange(colleague, '/staff/', 'browser-staff', 'first-pass-123');
    await shot(colleague, 'staff-temporary-password', false);
    await changeForced(colleague, 'first-pass-123', 'my-own-pass-456');
    await colleague.locator('[data-panel="residents"]').waitFor({ state: 'visible' });

    // Later, from the session bar.
    await colleague.getByText('修改密码', { exact: true }).click();
    const own = colleague.locator('form[data-password="own"]');
    await own.getByLabel('当前密码').fill('my-own-pass-456');
    await own.getByLabel('新密码', { exact: true }).fill('another-pass-789');
    await own.getByLabel('再输入一次新密码').fill('another-pass-78');
    await own.getByRole('button', { name: '保存新密码' }).click();
    await expect.poll(() => own.locator('[data-password-msg]').textContent()).toContain('不一样');
    await own.getByLabel('再输入一次新密码').fill('another-pass-789');
    await own.getByRole('button', { name: '保存新密码' }).click();
    await expect
      .poll(() => own.locator('[data-password-msg]').textContent())
      .toContain('密码已修改');

    // The admin disables the account: asked in the page, then done; the colleague's next request signs them out.
    await page.reload();
    await row.getByRole('button', { name: '停用' }).click();
    await panel.getByRole('button', { name: '确认停用' }).click();
    await expect.poll(() => panel.getByRole('status').first().textContent()).toContain('已停用');
    expect(await row.textContent()).toContain('已停用');
    await colleague.goto('/staff/#ledger');
    await colleague.locator('[data-view="signin"]').waitFor({ state: 'visible' });
    expect(errors).toEqual([]);
    expect(colleagueErrors).toEqual([]);
    await theirs.close();
    await ctx.close();
  });

  it('a merchant account with its shop; a reset password is shown once and changed at the counter; staff pause the shop and the counter says so', async () => {
    const admin = await apiAs(origin, 'admin');
    const created = await admin('/admin/accounts', {
      method: 'POST',
      body: {
        role: 'merchant',
        login: 'browser-shop',
        name: '测试小店',
        password: 'shop-pass-123',
        shop: {
          shopName: '测试小店',
          category: '便利店',
          address: '幸福路 99 号',
          openingHours: '每天 8:00–22:00',
          offer: '老人购物九折',
        },
      },
    });
    expect(created.status).toBe(201);

    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/#accounts', 'admin');
    const row = page.locator('tr[data-account="browser-shop"]');
    await row.getByRole('button', { name: '重设密码' }).click();
    await page.getByRole('button', { name: '确认重设' }).click();
    const temporary = (await page.locator('[data-temporary-password]').textContent())!.trim();
    expect(temporary.length).toBeGreaterThanOrEqual(10);

    const shopCtx = await desk(browser(), origin);
    const counter = await shopCtx.newPage();
    await signInToChange(counter, '/counter/', 'browser-shop', temporary);
    await changeForced(counter, temporary, 'shop-own-pass-1');
    await expect.poll(() => counter.locator('[data-shop]').textContent()).toBe('测试小店');
    // The shop edits its own public profile.
    await counter.getByText('修改本店公开资料').click();
    const profile = counter.locator('form[data-shop-profile]');
    await profile.getByLabel('营业时间').fill('每天 7:00–23:00');
    await profile.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(() => counter.locator('[data-profile]').textContent())
      .toContain('营业时间：每天 7:00–23:00');
    expect(
      (await admin<{ items: Array<{ login: string }> }>('/admin/accounts?query=browser-shop')).body
        .items,
    ).toHaveLength(1);

    // Staff pause the shop with a reason.
    await page.goto('/staff/#merchants');
    const mrow = page.locator(`tr[data-merchant="${created.body.id}"]`);
    await mrow.getByRole('button', { name: '暂停兑换' }).click();
    await page.getByLabel(/暂停原因/).fill('店主外出一个月');
    await page.getByRole('button', { name: '确认暂停' }).click();
    await expect.poll(() => mrow.textContent()).toContain('已暂停：店主外出一个月');

    await counter.reload();
    await expect
      .poll(() => counter.locator('[data-counter-msg]').textContent())
      .toContain('社区已暂停本店的积分兑换');
    await mrow.getByRole('button', { name: '恢复兑换' }).click();
    await expect.poll(() => mrow.textContent()).toContain('正常兑换');
    expect(errors).toEqual([]);
    await shopCtx.close();
    await ctx.close();
  });
});

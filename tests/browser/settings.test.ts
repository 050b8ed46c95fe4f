import { describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, apiAs, desk, signIn, useBrowser, watchErrors } from './browser';

/** The administrator's settings panel, the community pool under the two-person rule, and the approvals list that says the rule first. */
describe('staff console: configuration and the pool', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('the administrator adds an activity type and a team; staff do not see the settings', async () => {
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/#settings', 'admin');
    const panel = page.locator('[data-panel="settings"]');
    await panel.waitFor({ state: 'visible' });
    await panel.getByLabel('社区名称').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await accessibilityViolations(page)).toEqual([]);

    const types = panel.locator('[aria-labelledby="set-types-h"]');
    const form = types.locator('form').last();
    await form.getByLabel('中文名称').fill('浏览器测试类型');
    await form.getByLabel('英文名称').fill('Browser test type');
    await form.getByLabel('每小时积分').fill('12');
    await form.getByRole('button', { name: '新增类型' }).click();
    await expect
      .poll(() => types.locator('.msg-ok').first().textContent())
      .toContain('浏览器测试类型');
    await types.getByRole('cell', { name: /^浏览器测试类型/ }).waitFor();

    const teams = panel.locator('[aria-labelledby="set-teams-h"]');
    const teamForm = teams.locator('form').last();
    await teamForm.getByLabel('队伍名称').fill('浏览器测试队');
    const leader = teamForm.getByLabel('选择队长（居民）');
    await leader.fill('resident41');
    await teamForm.locator('[data-resident]').first().click();
    await teamForm.getByRole('button', { name: '新建队伍' }).click();
    const card = teams.locator('[data-team]', { hasText: '浏览器测试队' });
    await card.waitFor();
    await expect.poll(() => card.textContent()).toMatch(/队员（1 人）/);
    const admin = await apiAs(origin, 'admin');
    const made = (
      await admin<{ types: Array<{ nameZh: string; pointsPerHour: number }> }>(
        '/admin/activity-types',
      )
    ).body.types.find((t) => t.nameZh === '浏览器测试类型');
    expect(made?.pointsPerHour).toBe(12);
    expect(errors).toEqual([]);

    // Staff: no settings tab, and #settings opens the residents' panel instead.
    const other = await desk(browser(), origin);
    const staffPage = await other.newPage();
    await signIn(staffPage, '/staff/#settings', 'staff1');
    await staffPage.locator('[data-panel="residents"]').waitFor({ state: 'visible' });
    expect(await staffPage.locator('[data-tab="settings"]').isVisible()).toBe(false);
    await other.close();
    await ctx.close();
  });

  it('a pool grant waits for the accountant, who approves it in the ledger panel', async () => {
    const staff = await apiAs(origin, 'staff1');
    const resident = (
      await staff<{ residents: Array<{ id: number; login: string; balance: number }> }>(
        '/staff/residents?query=resident52',
      )
    ).body.residents.find((r) => r.login === 'resident52')!;
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/#ledger', 'staff1');
    const pool = page.locator('[aria-labelledby="pool-h"]');
    await pool.getByText(/积分池余额 \d+ 分/).waitFor();
    await pool.getByLabel('居民', { exact: true }).fill('resident52');
    await pool.locator('[data-resident]').first().click();
    await pool.getByLabel('每人积分').fill('3');
    await pool.getByLabel('发放理由').fill('浏览器测试：帮扶');
    await pool.getByRole('button', { name: '提交审批' }).click();
    await expect
      .poll(() => pool.locator('.msg-ok').first().textContent())
      .toContain('等待会计审批');
    await page.waitForLoadState('networkidle');
    expect(await accessibilityViolations(page)).toEqual([]);
    // The author is offered no approval, only withdrawal of their own.
    expect(await pool.getByRole('button', { name: '批准发放' }).count()).toBe(0);

    // The approvals list in the activities panel says the rule before anything can fail.
    await page.goto('/staff/#activities');
    await expect
      .poll(() => page.locator('[aria-labelledby="appr-h"] .hint').textContent())
      .toContain('需要会计审批');
    expect(
      await page
        .locator('[aria-labelledby="appr-h"]')
        .getByRole('button', { name: '批准发放' })
        .count(),
    ).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();

    const acct = await desk(browser(), origin);
    const ap = await acct.newPage();
    await signIn(ap, '/staff/#ledger', 'staff2');
    const grant = ap.locator('[aria-labelledby="pool-h"] [data-grant]', {
      hasText: '浏览器测试：帮扶',
    });
    await grant.getByRole('button', { name: '批准发放' }).click();
    await expect.poll(() => grant.locator('.msg-ok').textContent()).toContain('已批准');
    const after = (
      await staff<{ residents: Array<{ login: string; balance: number }> }>(
        '/staff/residents?query=resident52',
      )
    ).body.residents.find((r) => r.login === 'resident52')!;
    expect(after.balance).toBe(resident.balance + 3);
    await acct.close();
  });
});

import { describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, apiAs, shot, signIn, useBrowser, watchErrors } from './browser';

/** A card-only resident's life at the staff desk: statement, correction, acting for them, a temporary password, moving away. */
describe('a resident over their lifetime, at the staff desk', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('reads the statement, edits, acts on their behalf, resets the password and records moving away to a household member', async () => {
    const staff = await apiAs(origin, 'staff1');
    const home = { compound: '浏览器小区', building: '1栋', unit: '1单元', door: '101' };
    const mother = (
      await staff<{ id: number }>('/staff/residents', {
        body: { fullName: '孟桂芝', household: home, card: { cardNo: 'C7701', pin: '2468' } },
      })
    ).body;
    const son = (
      await staff<{ id: number }>('/staff/residents', {
        body: { fullName: '孟建军', household: home },
      })
    ).body;
    expect(
      (
        await staff('/staff/awards', {
          body: { residentId: mother.id, points: 30, reason: '楼道清洁' },
          key: crypto.randomUUID(),
        })
      ).status,
    ).toBe(201);
    const types = (await staff<{ types: Array<{ code: string }> }>('/staff/activity-types')).body
      .types;
    const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const activity = await staff<{ id: number }>('/staff/activities', {
      body: {
        type: types[0]!.code,
        title: '浏览器测试：楼道清洁',
        date: tomorrow,
        place: '1栋',
        hours: 1,
      },
    });
    expect(activity.status).toBe(201);

    const ctx = await browser().newContext({
      baseURL: origin,
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/#residents', 'staff1');
    const panel = page.locator('[data-panel="residents"]');
    await panel.getByLabel('查找居民').fill('C7701');
    await panel.locator('tr', { hasText: '孟桂芝' }).locator('[data-open-resident]').click();
    const detail = panel.locator('.detail');
    // A card-only resident's balance at once, the household by name, the statement dated with its year.
    await expect.poll(() => detail.locator('dl.facts').textContent()).toContain('30 分');
    expect(await detail.locator('dl.facts').textContent()).toContain('孟建军');
    await expect
      .poll(() => detail.locator('[data-statement-balance]').textContent())
      .toContain('30');
    expect(await detail.locator('tr[data-entry] td').first().textContent()).toMatch(/\d{4}年/);
    expect(await detail.locator('tr[data-entry]').first().textContent()).toContain('获得');

    await detail.getByText('修改资料').click();
    await detail.getByLabel('手机号').fill('138-0013-8000');
    await detail.getByRole('button', { name: '保存修改' }).click();
    await expect.poll(() => panel.locator('.detail > .msg-ok').textContent()).toContain('已保存');
    expect(await detail.locator('dl.facts').textContent()).toContain('13800138000');

    await detail.getByText('代转赠积分').click();
    await detail.getByLabel('转给邻居').fill('孟建军');
    await detail.locator('[data-resident]').first().click();
    await detail.getByLabel('积分', { exact: true }).fill('5');
    await detail.getByRole('button', { name: '代为转赠' }).click();
    await expect
      .poll(() => panel.locator('.detail > .msg-ok').textContent())
      .toContain('已代转给 孟建军 5 分');
    await expect.poll(() => detail.locator('dl.facts').textContent()).toContain('25 分');

    await detail.getByText('代报名活动').click();
    await detail.getByLabel('活动', { exact: true }).selectOption(String(activity.body.id));
    await detail.getByRole('button', { name: '代为报名' }).click();
    await expect
      .poll(() => detail.locator('[data-behalf="signup"] .msg-ok').textContent())
      .toContain('已为 孟桂芝 报名');

    await detail.getByText('代申请服务').click();
    await detail.getByLabel('服务', { exact: true }).selectOption({ index: 1 });
    await detail.getByLabel('具体需要').fill('腿脚不便，电话来问');
    await detail.getByRole('button', { name: '代为申请' }).click();
    await expect
      .poll(() => detail.locator('[data-behalf="request"] .msg-ok').textContent())
      .toContain('已代为申请');

    await detail.getByText('重设登录密码').click();
    await detail.getByRole('button', { name: '生成临时密码' }).click();
    await expect
      .poll(() => detail.locator('[data-temporary-password]').textContent())
      .toMatch(/[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}/);

    await detail.getByText('登记迁出').click();
    await detail.getByLabel('家庭成员 孟建军').check();
    await detail.getByLabel('迁出原因').fill('搬到外地');
    await detail.getByRole('button', { name: '下一步：确认' }).click();
    expect(await detail.locator('[data-move-away] .msg-warn').textContent()).toContain(
      '孟桂芝 的 25 积分将一次性转给家庭成员 孟建军',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, 'staff-09-move-away-confirm', false);
    await detail.getByRole('button', { name: '确认迁出' }).click();
    await expect
      .poll(() => panel.locator('.detail > .msg-ok').textContent())
      .toContain('已登记迁出：25 积分已转给家庭成员 孟建军');
    expect(await detail.locator('dl.facts').textContent()).toContain('已迁出');

    const sonNow = (await staff<{ balance: number }>(`/staff/residents/${son.id}`)).body;
    expect(sonNow.balance).toBe(30);
    const motherNow = (
      await staff<{ movedAwayAt: string | null; balance: number }>(`/staff/residents/${mother.id}`)
    ).body;
    expect(motherNow).toMatchObject({ balance: 0, movedAwayAt: expect.any(String) });
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

import { describe, expect, inject, it } from 'vitest';
import { apiAs, desk, signIn, useBrowser, watchErrors } from './browser';

/** The staff console names the chain: an activity's deliberation picked from a select, and a record's English title. */
describe('chain links and English fields in the console', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('staff create an activity linked to a published deliberation through the select, and the API shows the link', async () => {
    const staff = await apiAs(origin, 'staff1');
    const [deliberation] = (
      await staff<{ items: Array<{ id: number; title: string }> }>(
        '/staff/records/deliberations?status=published&limit=1',
      )
    ).body.items;
    expect(deliberation).toBeDefined();
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/#activities', 'staff1');
    const panel = page.locator('[data-panel="activities"]');
    await panel.getByLabel('活动名称').fill('浏览器测试：落实议事的清扫');
    await panel.getByLabel('地点').fill('社区广场');
    const from = panel.getByLabel('来自议事（选填）');
    // Only published deliberations are offered; the options arrive from the shared loader.
    await from.selectOption(String(deliberation!.id));
    await panel.getByRole('button', { name: '新建活动' }).click();
    await expect.poll(() => panel.locator('.msg-ok').first().textContent()).toContain('已新建');
    const date = await panel.getByLabel('日期', { exact: true }).first().inputValue();
    const list = (
      await staff<{
        items: Array<{
          id: number;
          title: string;
          deliberationId: number | null;
          serviceId: number | null;
        }>;
      }>(`/staff/activities?limit=60&from=${date}`)
    ).body.items;
    const made = list.find((a) => a.title === '浏览器测试：落实议事的清扫');
    expect(made).toMatchObject({ deliberationId: deliberation!.id, serviceId: null });
    const one = (await staff<{ deliberationId: number | null }>(`/staff/activities/${made!.id}`))
      .body;
    expect(one.deliberationId).toBe(deliberation!.id);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('the record editor sends the optional English title and summary', async () => {
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/#records', 'staff1');
    const panel = page.locator('[data-panel="records"]');
    await panel.getByLabel('记录类型').selectOption('funds');
    await panel.getByRole('button', { name: '新建' }).click();
    await panel.getByLabel('基金编号（字母数字）').fill('bt-english');
    await panel.getByLabel('名称', { exact: true }).fill('浏览器测试基金');
    await panel.getByLabel('基金类型').selectOption({ index: 1 });
    await panel.getByLabel('说明', { exact: true }).fill('测试用的基金。');
    await panel.getByLabel('英文标题（选填）').fill('Browser test fund');
    await panel.getByLabel('英文摘要（选填）').fill('A fund made by the browser test.');
    await panel.getByRole('button', { name: '保存草稿' }).click();
    await expect
      .poll(() => panel.locator('.msg-ok').first().textContent())
      .toMatch(/草稿 #\d+ 已保存/);
    const staff = await apiAs(origin, 'staff1');
    const funds = (
      await staff<{
        items: Array<{ code: string; titleEn: string | null; summaryEn: string | null }>;
      }>('/staff/records/funds?limit=200')
    ).body.items;
    expect(funds.find((f) => f.code === 'bt-english')).toMatchObject({
      titleEn: 'Browser test fund',
      summaryEn: 'A fund made by the browser test.',
    });
    // The saved draft shows them again, at the end of its form.
    expect(await panel.getByLabel('英文标题（选填）').inputValue()).toBe('Browser test fund');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

import { describe, expect, inject, it } from 'vitest';
import { apiAs, desk, phone, shot, signIn, useBrowser, watchErrors } from './browser';

/** Community staff: activities from plan to points, the approval queue, and a service request from resident to staff and back. */
describe('staff console (/staff/)', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('plans an activity, checks volunteers in (tick and typed login) and awards everyone in one confirmed batch', async () => {
    const staffApi = await apiAs(origin, 'staff1');
    const balance = async (login: string) =>
      (
        await staffApi<{ residents: Array<{ login: string; balance: number }> }>(
          `/staff/residents?query=${login}`,
        )
      ).body.residents.find((r) => r.login === login)!.balance;
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/#activities', 'staff1');
    const panel = page.locator('[data-panel="activities"]');
    await panel.getByLabel('活动名称').fill('浏览器测试巡逻');
    await panel.getByLabel('地点').fill('社区广场');
    await panel.getByLabel('时长（小时）').fill('2');
    await panel.getByRole('button', { name: '新建活动' }).click();
    await panel.getByRole('heading', { name: '浏览器测试巡逻' }).waitFor();
    const activityId = Number(
      await page.evaluate(() =>
        document.querySelector('[data-activity-row]')?.getAttribute('data-activity-row'),
      ),
    );
    const rows = await staffApi<{ items: Array<{ id: number; title: string }> }>(
      '/staff/activities?limit=200',
    );
    const activity = rows.body.items.find((a) => a.title === '浏览器测试巡逻')!;
    expect(activity).toBeDefined();
    void activityId;

    // A resident signs up on the phone.
    const resCtx = await phone(browser(), origin);
    const resident = await resCtx.newPage();
    await signIn(resident, '/me/', 'resident20');
    const card = resident.locator(`[data-activity="${activity.id}"]`);
    await card.getByRole('button', { name: '报名', exact: true }).click();
    await expect.poll(() => card.getByRole('status').textContent()).toContain('已报名');
    await card.scrollIntoViewIfNeeded();
    await shot(resident, 'me-08-signed-up', false);

    // Staff: reopen the activity, tick the resident who signed up, type another one's login.
    const before20 = await balance('resident20');
    const before21 = await balance('resident21');
    await panel.locator(`[data-activity-row="${activity.id}"] button`).click();
    const tick = panel.locator('input[data-checkin="resident20"]');
    await tick.check();
    const detailMsg = panel.locator('[aria-labelledby="act-detail-h"] .msg-ok').first();
    await expect.poll(() => detailMsg.textContent()).toContain('已签到');
    await panel.getByLabel(/扫码或输入/).fill('resident21');
    await panel.getByRole('button', { name: '签到', exact: true }).click();
    await panel.locator('input[data-checkin="resident21"]:checked').waitFor();
    await shot(page, 'staff-01-checkin', false);

    await panel.locator('[data-close-activity]').click();
    const confirm = panel.locator('[data-confirm-close]');
    await confirm.waitFor();
    await panel.locator('.preview').scrollIntoViewIfNeeded();
    await shot(page, 'staff-02-preview', false);
    await confirm.dblclick();
    await expect.poll(() => detailMsg.textContent()).toMatch(/已发放 \d+ 分给 2 人/);
    const after20 = await balance('resident20');
    const after21 = await balance('resident21');
    expect(after20 - before20).toBeGreaterThan(0);
    expect(after21 - before21).toBeGreaterThan(0);
    const detail = (
      await staffApi<{
        status: string;
        awarded: number;
        participants: Array<{ awardEntryId: number | null }>;
      }>(`/staff/activities/${activity.id}`)
    ).body;
    expect(detail.status).toBe('closed');
    expect(detail.participants.filter((p) => p.awardEntryId !== null)).toHaveLength(2);
    await shot(page, 'staff-03-awarded', false);
    expect(errors).toEqual([]);
    await resCtx.close();
    await ctx.close();
  });

  it('a batch above the threshold waits for a second staff member, who approves it', async () => {
    const staff1 = await apiAs(origin, 'staff1');
    const pending = (
      await staff1<{ items: Array<{ id: number; totalPoints: number }> }>(
        '/staff/award-batches?status=pending',
      )
    ).body.items;
    expect(pending.length).toBeGreaterThan(0);
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    await signIn(page, '/staff/#activities', 'staff2');
    const panel = page.locator('[data-panel="activities"]');
    const approve = panel.getByRole('button', { name: '批准发放' }).first();
    await approve.waitFor();
    await approve.click();
    await expect
      .poll(() => panel.locator('[aria-labelledby="appr-h"] .msg-ok').first().textContent())
      .toContain('已批准');
    const still = (
      await staff1<{ items: Array<{ id: number }> }>('/staff/award-batches?status=pending')
    ).body.items;
    expect(still.length).toBe(pending.length - 1);
    await ctx.close();
  });

  it('a service request goes from the resident to staff (派单, 接单, 办结) and back for a rating', async () => {
    const resCtx = await phone(browser(), origin);
    const resident = await resCtx.newPage();
    const errors = watchErrors(resident);
    await signIn(resident, '/me/', 'resident30');
    const section = resident.locator('#requests');
    const select = section.getByLabel('想要的服务');
    await select.locator('option').nth(1).waitFor({ state: 'attached' });
    const value = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(value!);
    await section.getByLabel('具体需要').fill('周末上午方便，家里有老人。');
    await section.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => section.locator('.msg-ok').textContent()).toContain('已提交');
    const mine = await apiAs(origin, 'resident30');
    const id = (await mine<{ items: Array<{ id: number; status: string }> }>('/me/requests')).body
      .items[0]!.id;

    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    await signIn(page, '/staff/#requests', 'staff1');
    const panel = page.locator('[data-panel="requests"]');
    await panel.locator(`[data-request-row="${id}"] button`).click();
    const provider = panel.getByLabel('服务方');
    await provider.locator('option').nth(1).waitFor({ state: 'attached' });
    // The service's own provider is preselected (from the service menu).
    await expect.poll(() => provider.inputValue()).not.toBe('');
    await panel.locator('[data-step="dispatch"]').click();
    await panel.locator('[data-step="accept"]').click();
    await panel.locator('[data-step="complete"]').click();
    await expect
      .poll(() => panel.locator('.stepper [aria-current="step"]').textContent())
      .toContain('已完成');
    await shot(page, 'staff-04-request-done', false);
    await page.setViewportSize({ width: 360, height: 780 });
    await shot(page, 'staff-05-phone-requests', false);

    await resident.reload();
    const item = resident.locator(`[data-request="${id}"]`);
    await expect
      .poll(() => item.locator('[aria-current="step"]').textContent())
      .toContain('已完成');
    await item.getByRole('button', { name: '查看详情' }).click();
    await item.getByLabel('5 星').check();
    await item.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => section.locator('.msg-ok').textContent()).toContain('谢谢');
    const rated = (await mine<{ rating: number | null; status: string }>(`/me/requests/${id}`))
      .body;
    expect(rated).toMatchObject({ status: 'done', rating: 5 });
    await section.scrollIntoViewIfNeeded();
    await shot(resident, 'me-09-request-rated', false);
    expect(errors).toEqual([]);
    await ctx.close();
    await resCtx.close();
  });

  it('every staff panel renders at phone size', async () => {
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/', 'staff1');
    for (const tab of ['residents', 'activities', 'requests', 'records', 'ledger']) {
      await page.goto(`/staff/#${tab}`);
      await page.locator(`[data-panel="${tab}"] [data-panel-body] > *`).first().waitFor();
      await page.waitForTimeout(400);
      await shot(page, `staff-phone-${tab}`, false);
    }
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

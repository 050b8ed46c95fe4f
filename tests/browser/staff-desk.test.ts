import { describe, expect, inject, it } from 'vitest';
import { apiAs, desk, shot, signIn, useBrowser, watchErrors } from './browser';

/** The staff desk: residents (find, PIN, card PDF, register, CSV import), public records (draft → preview → publish) and the ledger (reverse with a reason). */
describe('staff desk work', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('finds a resident, resets the card PIN, prints the card, registers a resident and checks a CSV line by line', async () => {
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/#residents', 'staff1');
    const panel = page.locator('[data-panel="residents"]');
    await panel.getByLabel('查找居民').fill('resident5');
    await panel.locator('[data-open-resident]').first().waitFor();
    await panel.locator('[data-open-resident]').first().click();
    await panel.getByLabel('新密码（4 位数字）').fill('1357');
    await panel.getByRole('button', { name: '重设密码' }).click();
    await expect.poll(() => panel.locator('.msg-ok').first().textContent()).toContain('密码已重设');
    const href = await panel.locator('[data-card-pdf]').getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // The open resident has an edit form with the same fields: the registration form is its own.
    const register = panel.locator('[data-register]');
    await register.getByLabel('姓名（全名）').fill('测试居民甲');
    await register.getByLabel('小区').fill('幸福家园');
    await register.getByLabel('楼栋', { exact: true }).fill('5栋');
    await register.getByLabel('单元').fill('2单元');
    await register.getByLabel('门牌').fill('302');
    await register.getByRole('button', { name: '登记', exact: true }).click();
    await expect
      .poll(() => panel.locator('form .msg-ok').textContent())
      .toContain('已登记 测试居民甲');
    // The compound and building are remembered for the next registration.
    await page.reload();
    await register.getByLabel('小区').waitFor();
    expect(await register.getByLabel('小区').inputValue()).toBe('幸福家园');

    await panel.getByLabel('CSV 文件').setInputFiles({
      name: 'residents.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'login,full_name,phone,compound,building,unit,door\nnewbie1,王小明,,幸福家园,5栋,1单元,101\nresident1,重复的人,,幸福家园,5栋,1单元,102\n',
      ),
    });
    await panel.getByRole('button', { name: '检查' }).click();
    const report = panel.locator('.report');
    await expect.poll(() => report.textContent()).toMatch(/发现 \d+ 个问题/);
    expect(await report.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await panel.getByRole('button', { name: '导入' }).isDisabled()).toBe(true);
    await report.scrollIntoViewIfNeeded();
    await shot(page, 'staff-06-import-report', false);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('creates a service draft, previews it, saves and publishes it', async () => {
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/#records', 'staff1');
    const panel = page.locator('[data-panel="records"]');
    await panel.getByRole('button', { name: '新建' }).click();
    await panel.getByLabel('类别').selectOption('health');
    await panel.getByLabel('标题', { exact: true }).fill('浏览器测试：免费量血压');
    await panel.getByLabel('说明', { exact: true }).fill('每月 9 日上午在社区服务站免费量血压。');
    await panel.getByLabel('提供方').selectOption({ index: 1 });
    await panel.getByLabel('老年人').check();
    await panel.getByLabel('时间').fill('每月 9 日上午');
    await panel.getByLabel('地点').fill('社区服务站');
    await panel.getByLabel('费用', { exact: true }).selectOption('free');
    await panel.getByLabel('如何申请').fill('直接到场。');
    await panel.getByRole('button', { name: '预览' }).click();
    await expect
      .poll(() => panel.locator('.preview').textContent())
      .toContain('浏览器测试：免费量血压');
    await shot(page, 'staff-07-record-preview', false);
    await panel.getByRole('button', { name: '保存草稿' }).click();
    await expect
      .poll(() => panel.locator('.msg-ok').first().textContent())
      .toMatch(/草稿 #\d+ 已保存/);
    await panel.locator('[data-publish]').click();
    await panel.locator('[data-confirm-publish]').click();
    await expect.poll(() => panel.locator('.msg-ok').first().textContent()).toContain('已发布');
    const staff = await apiAs(origin, 'staff1');
    const items = (
      await staff<{ items: Array<{ title: string; status: string }> }>(
        '/staff/records/services?limit=200',
      )
    ).body.items;
    expect(items.find((s) => s.title === '浏览器测试：免费量血压')?.status).toBe('published');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('enters an expense with a receipt scan; a second staff member approves it; then it is published', async () => {
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/#records', 'staff1');
    const panel = page.locator('[data-panel="records"]');
    await panel.getByLabel('记录类型').selectOption('expenses');
    await panel.getByRole('button', { name: '新建' }).click();
    await panel.getByLabel('基金', { exact: true }).selectOption({ index: 1 });
    await panel.getByLabel('预算科目').selectOption('activities');
    await panel.getByLabel('说明', { exact: true }).fill('浏览器测试：重阳节活动茶点');
    await panel.getByLabel('收款方').fill('社区便利店');
    await panel.getByLabel('金额（元）').fill('86.50');
    await panel.getByLabel('票据号').fill('BT-0001');
    await panel.getByRole('button', { name: '保存草稿' }).click();
    await expect
      .poll(() => panel.locator('.msg-ok').first().textContent())
      .toMatch(/草稿 #(\d+) 已保存/);
    const id = Number((await panel.locator('.msg-ok').first().textContent())!.match(/#(\d+)/)![1]);
    // A 1×1 PNG as the receipt scan.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await panel
      .getByLabel(/上传票据/)
      .setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
    await panel.getByRole('button', { name: '上传', exact: true }).click();
    await panel.getByRole('link', { name: 'receipt.png' }).waitFor();
    // The one who entered it cannot approve it.
    await panel.getByRole('button', { name: '审批通过' }).click();
    await expect.poll(() => panel.locator('.msg-error').first().textContent()).toBeTruthy();
    await shot(page, 'staff-10-expense', false);
    await ctx.close();

    const ctx2 = await desk(browser(), origin);
    const page2 = await ctx2.newPage();
    await signIn(page2, '/staff/#records', 'staff2');
    const panel2 = page2.locator('[data-panel="records"]');
    await panel2.getByLabel('记录类型').selectOption('expenses');
    await panel2
      .locator('tr', { hasText: '浏览器测试：重阳节活动茶点' })
      .getByRole('button', { name: '编辑' })
      .click();
    await panel2.getByRole('button', { name: '审批通过' }).click();
    await expect
      .poll(() => panel2.locator('.msg-ok').first().textContent())
      .toContain('已由工作人员');
    await panel2.locator('[data-publish]').click();
    await panel2.locator('[data-confirm-publish]').click();
    await expect.poll(() => panel2.locator('.msg-ok').first().textContent()).toContain('已发布');
    const staff = await apiAs(origin, 'staff1');
    const exp = (
      await staff<{ status: string; receipts: unknown[]; approvedBy: number | null }>(
        `/staff/records/expenses/${id}`,
      )
    ).body;
    expect(exp).toMatchObject({ status: 'published' });
    expect(exp.receipts).toHaveLength(1);
    expect(exp.approvedBy).not.toBeNull();
    expect(errors).toEqual([]);
    await ctx2.close();
  });

  it('looks up a ledger entry and reverses it with a reason, once', async () => {
    const staff = await apiAs(origin, 'staff1');
    const r = (
      await staff<{ residents: Array<{ id: number; login: string }> }>(
        '/staff/residents?query=resident40',
      )
    ).body.residents.find((x) => x.login === 'resident40')!;
    const award = await staff<{ id: number }>('/staff/awards', {
      body: { residentId: r.id, points: 5, reason: '测试发放' },
      key: 'browser-test-award-0001',
    });
    expect(award.status).toBe(201);
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    await signIn(page, '/staff/#ledger', 'staff1');
    const panel = page.locator('[data-panel="ledger"]');
    await panel.getByLabel('账目编号').fill(String(award.body.id));
    await panel.getByRole('button', { name: '搜索' }).first().click();
    await panel.getByLabel(/冲正原因/).fill('发错了人');
    await panel.getByRole('button', { name: '下一步：确认冲正' }).click();
    await panel.getByRole('button', { name: `确认冲正 #${award.body.id}` }).dblclick();
    await expect.poll(() => panel.locator('.msg-ok').first().textContent()).toContain('已冲正');
    await shot(page, 'staff-08-reversed', false);
    const entry = (await staff<{ reversedBy: number | null }>(`/staff/entries/${award.body.id}`))
      .body;
    expect(entry.reversedBy).not.toBeNull();
    await ctx.close();
  });
});

describe('deliberation records', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('records a meeting with an agenda item, options and votes, publishes it, then adds a follow-up and a dated update', async () => {
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/#records', 'staff1');
    const panel = page.locator('[data-panel="records"]');
    await panel.getByLabel('记录类型').selectOption('deliberations');
    await panel.getByRole('button', { name: '新建' }).click();
    await panel.getByLabel('议事机构').selectOption('building_council');
    await panel.getByLabel('标题', { exact: true }).fill('浏览器测试：5 栋加装电梯');
    await panel.getByLabel('地点').fill('5 栋架空层');
    await panel.getByLabel('主持人').fill('楼栋长');
    await panel.getByLabel('应到人数').fill('24');
    await panel.getByLabel('实到人数').fill('20');
    await panel.getByLabel('有效人数').fill('16');
    await panel.getByLabel('会议概要').fill('讨论 5 栋加装电梯的费用分摊。');
    await panel.getByLabel('议题', { exact: true }).fill('费用分摊方案');
    await panel.getByLabel('议题说明').fill('按楼层分摊或平均分摊。');
    await panel.getByLabel('表决选项').fill('按楼层分摊');
    await panel.getByLabel('票数').fill('15');
    await panel.getByRole('button', { name: '增加选项' }).click();
    await panel.getByLabel('表决选项').nth(1).fill('平均分摊');
    await panel.getByLabel('票数').nth(1).fill('5');
    await panel.getByLabel('本议题的决定').fill('按楼层分摊。');
    await panel.getByLabel('决议', { exact: true }).fill('通过按楼层分摊的方案。');
    await panel.getByRole('button', { name: '预览' }).click();
    await expect.poll(() => panel.locator('.preview').textContent()).toContain('按楼层分摊 15');
    await panel.getByRole('button', { name: '保存草稿' }).click();
    await expect
      .poll(() => panel.locator('.msg-ok').first().textContent())
      .toMatch(/草稿 #\d+ 已保存/);
    await panel.locator('[data-publish]').click();
    await panel.locator('[data-confirm-publish]').click();
    await expect.poll(() => panel.locator('.msg-ok').first().textContent()).toContain('已发布');
    await panel.getByLabel('落实事项').fill('联系电梯公司报价');
    await panel.getByLabel('负责单位').selectOption({ index: 1 });
    await panel.getByRole('button', { name: '添加', exact: true }).click();
    const item = panel.locator('details', { hasText: '联系电梯公司报价' });
    await item.waitFor();
    await item.locator('summary').click();
    await item.getByLabel('备注').fill('已联系两家公司。');
    await item.getByRole('button', { name: '添加进展' }).click();
    await expect
      .poll(() =>
        panel.locator('details', { hasText: '联系电梯公司报价' }).locator('.timeline li').count(),
      )
      .toBeGreaterThan(0);
    await shot(page, 'staff-09-deliberation', false);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

import { describe, expect, inject, it } from 'vitest';
import {
  balanceOf,
  givePoints,
  newCode,
  phone,
  shot,
  signIn,
  upToConfirm,
  useBrowser,
  watchErrors,
} from './browser';

/** A merchant at the counter: scan or type, see who and how much, choose points, confirm, a clear receipt — safe under double taps, drops and reloads. */
describe('merchant at the counter (/counter/)', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('redeems the code a resident shows: look-up first, an item × 2, a receipt with the new balance and the next expiry', async () => {
    // Enough for two of any of the shop's items (the demo's dearest costs 120 points), in awards under the approval threshold.
    await givePoints(origin, 'resident12', 150);
    await givePoints(origin, 'resident12', 150);
    const before = await balanceOf(origin, 'resident12');
    const resCtx = await phone(browser(), origin);
    const resident = await resCtx.newPage();
    await signIn(resident, '/me/', 'resident12');
    await resident.locator('[data-new-code]').click();
    const code = (await resident.locator('.code-digits').getAttribute('data-code-digits'))!;

    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/counter/', 'merchant1');
    await page.locator('[data-stage] h2').waitFor();
    await shot(page, 'counter-01-who', false);
    // One column at 360 px, and every target at least 60 px tall on the counter (even in standard text).
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBeLessThanOrEqual(0);
    const small = await page
      .locator('[data-stage] button:visible, [data-stage] input:visible')
      .evaluateAll((els) =>
        els
          .filter((e) => e.getBoundingClientRect().height < 59.5)
          .map((e) => e.outerHTML.slice(0, 60)),
      );
    expect(small).toEqual([]);
    // The code is looked up before any amount: who, and how much they hold.
    await page.getByLabel('或输入 6 位兑换码').fill(code);
    const found = page.locator('[data-found]');
    await found.waitFor();
    expect(await found.locator('[data-masked-name]').textContent()).toMatch(/\*/);
    expect(Number(await found.locator('[data-balance]').getAttribute('data-balance'))).toBe(before);
    // The shop's own items are offered with their points price; two of one: price × 2, shown.
    await page.locator('[data-item]').first().waitFor();
    await shot(page, 'counter-02-amount', false);
    await page.locator('[data-item]').first().click();
    const price = Number(await page.getByLabel('兑换积分').inputValue());
    expect(price).toBeGreaterThan(0);
    await page.getByLabel('数量').fill('2');
    const points = price * 2;
    expect(Number(await page.getByLabel('兑换积分').inputValue())).toBe(points);
    expect(await page.locator('[data-item-total]').textContent()).toContain(`× 2 = ${points} 分`);
    await page.getByRole('button', { name: '下一步：确认' }).click();
    await page.locator('[data-confirm]').waitFor();
    expect(await page.locator('[data-confirm-item]').textContent()).toContain('× 2');
    await shot(page, 'counter-03-confirm', false);
    await page.locator('[data-confirm]').click();
    const receipt = page.locator('[data-receipt]');
    await receipt.waitFor();
    expect(await receipt.textContent()).toMatch(/\*/); // the masked name
    expect(await receipt.locator('[data-receipt-item]').textContent()).toMatch(/ × 2$/);
    expect(
      Number(await receipt.locator('[data-balance-after]').getAttribute('data-balance-after')),
    ).toBe(before - points);
    expect(await receipt.locator('[data-receipt-expiry]').textContent()).toMatch(
      /\d+ 分将于 \d{4}-\d{2}-\d{2} 到期|没有即将到期的积分/,
    );
    await page.getByRole('button', { name: '打印小票' }).waitFor();
    await shot(page, 'counter-04-receipt', false);
    // Today's totals include it.
    await expect.poll(() => page.locator('[data-totals]').textContent()).toMatch(/今日兑换/);
    await page.locator('[data-totals]').scrollIntoViewIfNeeded();
    await shot(page, 'counter-05-totals', false);

    // The resident's phone notices within a few seconds.
    await expect
      .poll(() => resident.locator('#code .msg-ok').textContent(), { timeout: 15_000 })
      .toContain(`商户已兑换 ${points} 分`);
    // The balance is fetched again after the message shows: wait for it, not for a time.
    await expect
      .poll(() => resident.locator('[data-balance]').textContent())
      .toBe((before - points).toLocaleString('zh-CN'));
    await resident.locator('#code').scrollIntoViewIfNeeded();
    await shot(resident, 'me-07-after-redeem', false);
    expect(errors).toEqual([]);
    await ctx.close();
    await resCtx.close();
  });

  it('redeems by paper card and PIN: the holder is looked up first, the receipt shows the new balance', async () => {
    await givePoints(origin, 'resident42', 30);
    const before = await balanceOf(origin, 'resident42');
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/counter/', 'merchant8');
    await page.getByRole('button', { name: '用纸质积分卡' }).click();
    await page.getByLabel('积分卡号').fill('c0042');
    await page.getByLabel(/积分卡密码/).fill('2468');
    await page.getByRole('button', { name: '下一步', exact: true }).click();
    const found = page.locator('[data-found]');
    await found.waitFor();
    expect(Number(await found.locator('[data-balance]').getAttribute('data-balance'))).toBe(before);
    await shot(page, 'counter-09-card-found', false);
    await page.getByLabel('兑换积分').fill('12');
    await page.getByRole('button', { name: '下一步：确认' }).click();
    await page.locator('[data-confirm]').click();
    await page.locator('[data-receipt]').waitFor();
    expect(
      Number(await page.locator('[data-balance-after]').getAttribute('data-balance-after')),
    ).toBe(before - 12);
    expect(await balanceOf(origin, 'resident42')).toBe(before - 12);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('a double-clicked confirm moves points once', async () => {
    await givePoints(origin, 'resident8', 7);
    const before = await balanceOf(origin, 'resident8');
    const code = await newCode(origin, 'resident8');
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/counter/redemptions')) posts++;
    });
    await signIn(page, '/counter/', 'merchant2');
    await upToConfirm(page, code, 7);
    await page.locator('[data-confirm]').dblclick();
    await page
      .locator('[data-confirm]')
      .click({ force: true, timeout: 500 })
      .catch(() => undefined);
    await page.locator('[data-receipt]').waitFor();
    expect(posts).toBe(1);
    expect(await balanceOf(origin, 'resident8')).toBe(before - 7);
    await ctx.close();
  });

  it('a dropped answer and a reload resume the same attempt: points move once', async () => {
    await givePoints(origin, 'resident9', 5);
    const before = await balanceOf(origin, 'resident9');
    const code = await newCode(origin, 'resident9');
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const keys: string[] = [];
    let state: 'first' | 'down' | 'up' = 'first';
    // The first attempt reaches the server (points move) but its answer is lost on the way back;
    // then the connection stays down until the merchant reloads.
    await ctx.route('**/api/counter/redemptions', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']!);
      if (state === 'first') {
        state = 'down';
        await route.fetch();
        return route.abort('connectionreset');
      }
      if (state === 'down') return route.abort('internetdisconnected');
      return route.continue();
    });
    await signIn(page, '/counter/', 'merchant3');
    await upToConfirm(page, code, 5);
    await page.locator('[data-confirm]').click();
    await expect.poll(() => page.locator('.send-state').textContent()).toMatch(/重试/);
    await shot(page, 'counter-06-retrying', false);
    expect(
      await page.evaluate(() => JSON.parse(sessionStorage.getItem('linli-counter-attempt')!).stage),
    ).toBe('sending');
    // The merchant reloads in the middle of the retries: the attempt resumes with the same key.
    state = 'up';
    await page.reload();
    await page.locator('[data-receipt]').waitFor();
    await shot(page, 'counter-07-resumed', false);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    expect(await balanceOf(origin, 'resident9')).toBe(before - 5);
    expect(await page.evaluate(() => sessionStorage.getItem('linli-counter-attempt'))).toBeNull();
    await ctx.close();
  });

  it('the shop’s items: a price changed in place, and a removal asked inline first (no pop-up)', async () => {
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page, '/counter/', 'merchant12');
    const admin = page.locator('[data-items-admin]');
    await page.getByText('管理本店兑换商品').click();
    await admin.getByLabel('商品名称').fill('测试豆浆');
    await admin.getByLabel('商品所需积分').fill('5');
    await admin.getByRole('button', { name: '添加商品' }).click();
    const row = admin.locator('[data-item-row]', { hasText: '测试豆浆' });
    await row.waitFor();
    await row.getByRole('button', { name: '修改积分' }).click();
    await row.getByLabel('“测试豆浆”的新积分价').fill('7');
    await row.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(() => admin.locator('.msg').first().textContent())
      .toContain('“测试豆浆”现在是 7 分');
    expect(await admin.locator('[data-item-row]', { hasText: '测试豆浆' }).textContent()).toContain(
      '7 分',
    );
    // Removing asks first, on the page; cancelling keeps the item.
    await admin
      .locator('[data-item-row]', { hasText: '测试豆浆' })
      .getByRole('button', { name: '删除' })
      .click();
    await admin.getByText('确定删除“测试豆浆”？').waitFor();
    await shot(page, 'counter-14-remove-ask', false);
    await admin.getByRole('button', { name: '取消' }).click();
    expect(await admin.locator('[data-item-row]', { hasText: '测试豆浆' }).count()).toBe(1);
    await admin
      .locator('[data-item-row]', { hasText: '测试豆浆' })
      .getByRole('button', { name: '删除' })
      .click();
    await admin.locator('[data-remove-yes]').click();
    await expect
      .poll(() => admin.locator('[data-item-row]', { hasText: '测试豆浆' }).count())
      .toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

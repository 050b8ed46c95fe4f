import { describe, expect, inject, it } from 'vitest';
import { apiAs, givePoints, newCode, upToConfirm, useBrowser, phone, shot, signIn, watchErrors } from './browser';

async function balanceOf(origin: string, login: string): Promise<number> {
  const staff = await apiAs(origin, 'staff1');
  const { body } = await staff<{ residents: Array<{ login: string; balance: number }> }>(`/staff/residents?query=${login}`);
  return body.residents.find((r) => r.login === login)!.balance;
}

/** A merchant at the counter: scan or type, choose points, confirm, a clear receipt — safe under double taps, drops and reloads. */
describe('merchant at the counter (/counter/)', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('redeems the code a resident shows, and the resident’s phone shows the balance drop', async () => {
    // Enough for any of the shop's items (the demo's dearest costs 120 points).
    await givePoints(origin, 'resident12', 200);
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
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const small = await page.locator('[data-stage] button:visible, [data-stage] input:visible').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height < 59.5).map((e) => e.outerHTML.slice(0, 60)));
    expect(small).toEqual([]);
    // The shop's own items are offered with their points price.
    await page.getByLabel('或输入 6 位兑换码').fill(code);
    await page.locator('[data-item]').first().waitFor();
    await shot(page, 'counter-02-amount', false);
    await page.locator('[data-item]').first().click();
    const points = Number(await page.getByLabel('兑换积分').inputValue());
    expect(points).toBeGreaterThan(0);
    await page.getByRole('button', { name: '下一步：确认' }).click();
    await page.locator('[data-confirm]').waitFor();
    await shot(page, 'counter-03-confirm', false);
    await page.locator('[data-confirm]').click();
    const receipt = page.locator('[data-receipt]');
    await receipt.waitFor();
    expect(await receipt.textContent()).toMatch(/\*/); // the masked name
    expect(Number(await receipt.locator('[data-balance-after]').getAttribute('data-balance-after'))).toBe(before - points);
    await shot(page, 'counter-04-receipt', false);
    // Today's totals include it.
    await expect.poll(() => page.locator('[data-totals]').textContent()).toMatch(/今日兑换/);
    await page.locator('[data-totals]').scrollIntoViewIfNeeded();
    await shot(page, 'counter-05-totals', false);

    // The resident's phone notices within a few seconds.
    await expect.poll(() => resident.locator('#code .msg-ok').textContent(), { timeout: 15_000 }).toContain(`商户已兑换 ${points} 分`);
    expect(await resident.locator('[data-balance]').textContent()).toBe((before - points).toLocaleString('zh-CN'));
    await resident.locator('#code').scrollIntoViewIfNeeded();
    await shot(resident, 'me-07-after-redeem', false);
    expect(errors).toEqual([]);
    await ctx.close();
    await resCtx.close();
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
    await page.locator('[data-confirm]').click({ force: true, timeout: 500 }).catch(() => undefined);
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
    expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('linli-counter-attempt')!).stage)).toBe('sending');
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

  it('explains a refusal in words and lets the merchant correct it (a used code; a wrong card PIN)', async () => {
    const code = await newCode(origin, 'resident10');
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    await signIn(page, '/counter/', 'merchant4');
    await upToConfirm(page, code, 999_999);
    await page.locator('[data-confirm]').click();
    const msg = page.locator('[data-counter-msg]');
    await expect.poll(() => msg.textContent()).toContain('积分不足');
    await page.getByRole('button', { name: '下一步：确认' }).waitFor();
    // Paper card with a wrong PIN.
    await page.getByRole('button', { name: '更换' }).click();
    await page.getByRole('button', { name: '用纸质积分卡' }).click();
    await page.getByLabel('积分卡号').fill('C0011');
    await page.getByLabel(/积分卡密码/).fill('0000');
    await page.getByRole('button', { name: '下一步', exact: true }).click();
    await page.getByLabel('兑换积分').fill('1');
    await page.getByRole('button', { name: '下一步：确认' }).click();
    await page.locator('[data-confirm]').click();
    await expect.poll(() => msg.textContent()).toContain('密码不对');
    await shot(page, 'counter-08-refused', false);
    await ctx.close();
  });
});

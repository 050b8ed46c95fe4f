import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  accessibilityViolations,
  apiAs,
  balanceOf,
  desk,
  givePoints,
  inLargeText,
  newCode,
  phone,
  shot,
  signIn,
  upToConfirm,
  useBrowser,
  watchErrors,
} from './browser';

/** The message line at the counter, with focus moved to it (a screen reader reads it at once). */
async function saidAndFocused(page: Page, pattern: RegExp): Promise<string> {
  const msg = page.locator('[data-counter-msg]');
  await expect.poll(() => msg.textContent()).toMatch(pattern);
  expect(await msg.getAttribute('role')).toBe('alert');
  expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-counter-msg'))).toBe(
    true,
  );
  return (await msg.textContent())!;
}

async function typeCard(page: Page, card: string, pin: string): Promise<void> {
  const cardField = page.getByLabel('积分卡号');
  const useCard = page.getByRole('button', { name: '用纸质积分卡' });
  // Wait for step 1 to be drawn (either way of identifying), then choose the card.
  await cardField.or(useCard).first().waitFor();
  if (await useCard.isVisible()) await useCard.click();
  await cardField.fill(card);
  await page.getByLabel(/积分卡密码/).fill(pin);
}

/**
 * What the counter says when something is wrong, and that nothing typed is lost: each test at its
 * own merchant, so one test's wrong codes and PINs never spend another's guessing budget.
 */
describe('the counter when something is wrong (/counter/)', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('a code used meanwhile and then a wrong code at step 1: the amount typed earlier is kept through both', async () => {
    await givePoints(origin, 'resident10', 10);
    const before = await balanceOf(origin, 'resident10');
    const code = await newCode(origin, 'resident10');
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/counter/', 'merchant5');
    await upToConfirm(page, code, 4);
    // Another counter redeems the same code first.
    const other = await apiAs(origin, 'merchant9');
    expect(
      (await other('/counter/redemptions', { body: { code, points: 1 }, key: crypto.randomUUID() }))
        .status,
    ).toBe(201);
    await page.locator('[data-confirm]').click();
    await saidAndFocused(page, /已经用过/);
    expect(await page.locator('[data-kept]').getAttribute('data-kept')).toBe('4');
    // A wrong code at step 1: said there, the amount still kept.
    await page.getByLabel('或输入 6 位兑换码').fill('000000');
    await saidAndFocused(page, /没有这个兑换码.*核对 6 位数字.*扫码/);
    expect(await page.locator('[data-kept]').getAttribute('data-kept')).toBe('4');
    await shot(page, 'counter-10-kept', false);
    // The right code: the amount is there already.
    await page.getByLabel('或输入 6 位兑换码').fill(await newCode(origin, 'resident10'));
    await page.locator('[data-found]').waitFor();
    expect(await page.getByLabel('兑换积分').inputValue()).toBe('4');
    await page.getByRole('button', { name: '下一步：确认' }).click();
    await page.locator('[data-confirm]').click();
    await page.locator('[data-receipt]').waitFor();
    expect(await balanceOf(origin, 'resident10')).toBe(before - 1 - 4);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('more than the balance is stopped at step 2 with the balance said; a balance spent meanwhile is said at confirm, the amount editable', async () => {
    await givePoints(origin, 'resident44', 20);
    const before = await balanceOf(origin, 'resident44');
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    await signIn(page, '/counter/', 'merchant4');
    await typeCard(page, 'C0044', '2468');
    await page.getByRole('button', { name: '下一步', exact: true }).click();
    await page.getByLabel('兑换积分').fill(String(before + 1));
    await page.getByRole('button', { name: '下一步：确认' }).click();
    await expect
      .poll(() => page.locator('.field-error:visible').textContent())
      .toContain(`居民现有 ${before.toLocaleString('zh-CN')} 分`);
    // Within the balance now; then the card spends some at another counter before the confirm.
    await page.getByLabel('兑换积分').fill(String(before));
    await page.getByRole('button', { name: '下一步：确认' }).click();
    await page.locator('[data-confirm]').waitFor();
    const other = await apiAs(origin, 'merchant11');
    expect(
      (
        await other('/counter/redemptions', {
          body: { card: 'C0044', pin: '2468', points: 5 },
          key: crypto.randomUUID(),
        })
      ).status,
    ).toBe(201);
    await page.locator('[data-confirm]').click();
    await saidAndFocused(
      page,
      new RegExp(`积分不足：居民现有 ${(before - 5).toLocaleString('zh-CN')} 分`),
    );
    expect(await page.getByLabel('兑换积分').inputValue()).toBe(String(before));
    expect(await page.getByLabel('兑换积分').isEditable()).toBe(true);
    await shot(page, 'counter-11-insufficient', false);
    await ctx.close();
  });

  it('five wrong PINs, in 长辈版: tries left, then the card is locked — wait or reset at the service station, not "try again"', async () => {
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await inLargeText(page);
    await signIn(page, '/counter/', 'merchant6');
    for (let i = 1; i <= 4; i++) {
      await typeCard(page, 'C0061', '0000');
      await page.getByRole('button', { name: '下一步', exact: true }).click();
      const text = await saidAndFocused(page, new RegExp(`卡号或密码不对.*还可以再试 ${5 - i} 次`));
      expect(text).not.toMatch(/锁定/);
      // The card number stays; only the PIN is typed again.
      expect(await page.getByLabel('积分卡号').inputValue()).toBe('C0061');
      await page.locator('[data-counter-msg]').evaluate((el) => (el.textContent = ''));
    }
    await typeCard(page, 'C0061', '0000');
    await page.getByRole('button', { name: '下一步', exact: true }).click();
    const locked = await saidAndFocused(page, /已锁定/);
    expect(locked).toMatch(/\d+ 分钟后再试/);
    expect(locked).toMatch(/身份证.*社区服务站.*重设密码/);
    expect(locked).not.toMatch(/请居民再输一次/);
    // Said in words (not only in colour), in 长辈版's large text, and within WCAG 2.2 AA.
    expect(
      await page
        .locator('[data-counter-msg]')
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
    ).toBeGreaterThanOrEqual(23.5);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, 'counter-12-locked', false);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('balance only: a card holder asks a partner counter for their balance, nothing is redeemed', async () => {
    await givePoints(origin, 'resident73', 9);
    const before = await balanceOf(origin, 'resident73');
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/counter/', 'merchant7');
    await typeCard(page, 'C0073', '2468');
    await page.getByRole('button', { name: '只查余额' }).click();
    await page.getByRole('heading', { name: '居民的积分余额' }).waitFor();
    expect(
      Number(await page.locator('[data-found] [data-balance]').getAttribute('data-balance')),
    ).toBe(before);
    expect(await page.locator('[data-found] [data-masked-name]').textContent()).toMatch(/\*/);
    await shot(page, 'counter-13-balance-only', false);
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByRole('heading', { name: /居民出示兑换码/ }).waitFor();
    expect(await balanceOf(origin, 'resident73')).toBe(before);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('a counter that used up its guessing budget is paused and says so; staff see it on the console’s first screen', async () => {
    const guesser = await apiAs(origin, 'merchant10');
    let last = 0;
    for (let i = 0; i < 11 && last !== 429; i++)
      last = (
        await guesser('/counter/lookup', { body: { code: String(100000 + i * 7919).slice(0, 6) } })
      ).status;
    expect(last).toBe(429);
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    await signIn(page, '/counter/', 'merchant10');
    await page.getByLabel('或输入 6 位兑换码').fill(await newCode(origin, 'resident15'));
    await saidAndFocused(page, /本柜台输错兑换码或密码的次数太多，已暂停 \d+ 分钟，社区已收到提醒/);
    await ctx.close();

    const staffCtx = await desk(browser(), origin);
    const staff = await staffCtx.newPage();
    await signIn(staff, '/staff/', 'staff1');
    const alerts = staff.locator('[data-counter-alerts]');
    await alerts.waitFor();
    expect(await alerts.textContent()).toMatch(/10 分钟内输错 \d+ 次/);
    expect(await accessibilityViolations(staff)).toEqual([]);
    await shot(staff, 'staff-counter-alerts', false);
    await staffCtx.close();
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  accessibilityViolations,
  apiAs,
  inLargeText,
  PHONE,
  phone,
  signIn,
  useBrowser,
  watchErrors,
} from './browser';

/**
 * The first screen is the task: at 360×780 the site header folds to one row (the name and a menu
 * button), in 长辈版 too, so the sign-in form, the balance and the counter start on the first
 * screen; the menu opens and closes from the keyboard. A service's page leads to the request form
 * on /me/ with that service chosen, through sign-in.
 */
describe('small screens (360×780)', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  const headerHeight = (page: Page) =>
    page.locator('.site-header').evaluate((el) => el.getBoundingClientRect().height);
  /** How far down the first screen an element ends (px from the top of the viewport). */
  const bottomOf = (page: Page, selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => el.getBoundingClientRect().bottom);

  for (const large of [false, true]) {
    const limit = large ? 100 : 72;
    it(`the header is one row of at most ${limit} px${large ? ' in 长辈版' : ''}; the sign-in form and the task start on the first screen`, async () => {
      const ctx = await phone(browser(), origin);
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      if (large) await inLargeText(page);
      for (const path of ['/', '/me/', '/counter/', '/staff/', '/en/me/']) {
        await page.goto(path);
        expect(await headerHeight(page), path).toBeLessThanOrEqual(limit);
        const toggle = page.locator('[data-menu-toggle]');
        const box = (await toggle.boundingBox())!;
        expect(
          Math.min(box.width, box.height),
          `${path}: the menu button's target`,
        ).toBeGreaterThanOrEqual(large ? 59.5 : 43.5);
        expect(await page.locator('header nav').isVisible(), path).toBe(false);
        if (path !== '/') {
          await page.locator('[data-view="signin"]').waitFor();
          expect(
            await bottomOf(page, '[data-view="signin"] input[name=login]'),
            `${path}: the login field`,
          ).toBeLessThanOrEqual(PHONE.height);
        }
      }
      await signIn(page, '/me/', 'resident151');
      await page.locator('[data-balance]').filter({ hasText: /\d/ }).waitFor();
      expect(await bottomOf(page, '[data-balance]'), 'the balance').toBeLessThanOrEqual(
        PHONE.height,
      );
      expect(await headerHeight(page)).toBeLessThanOrEqual(limit);
      await ctx.close();
      const desk = await phone(browser(), origin);
      const counter = await desk.newPage();
      if (large) await inLargeText(counter);
      await signIn(counter, '/counter/', 'merchant18');
      expect(await headerHeight(counter)).toBeLessThanOrEqual(limit);
      const stage = await counter
        .locator('[data-stage]')
        .evaluate((el) => el.getBoundingClientRect().top);
      expect(stage, 'the counter’s first step').toBeLessThan(PHONE.height / 2);
      expect(errors).toEqual([]);
      await desk.close();
    });
  }

  it('the menu button opens the nav and the switches from the keyboard, and Escape closes it back onto the button', async () => {
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto('/services/');
    const toggle = page.getByRole('button', { name: '菜单' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator(`#${await toggle.getAttribute('aria-controls')}`).count()).toBe(1);
    // Skip link, the site's name, then the menu button.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /长辈版/ }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'English' }).isVisible()).toBe(true);
    expect(await accessibilityViolations(page), 'the menu, open').toEqual([]);
    // The menu's parts come next in the tab order, and its links work.
    const menuId = (await toggle.getAttribute('aria-controls'))!;
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        (id) => document.getElementById(id)!.contains(document.activeElement),
        menuId,
      ),
    ).toBe(true);
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    expect(await nav.isVisible()).toBe(true);
    await nav.getByRole('link', { name: '一刻钟合伙人' }).click();
    await page.waitForURL(/\/merchants\/$/);
    expect(await page.getByRole('button', { name: '菜单' }).getAttribute('aria-expanded')).toBe(
      'false',
    );

    // In English, and 长辈版 chosen from inside the menu (the menu stays open, the header one row when closed).
    await page.goto('/en/');
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    await page.getByRole('button', { name: 'Large text', exact: true }).click();
    await menu.click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('large'))).toBe(
      true,
    );
    expect(await headerHeight(page)).toBeLessThanOrEqual(100);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('without scripts the nav is all there (no menu button to press)', async () => {
    const ctx = await phone(browser(), origin, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/');
    expect(await page.locator('[data-menu-toggle]').isVisible()).toBe(false);
    expect(await page.locator('header nav').isVisible()).toBe(true);
    expect(await page.locator('header nav a').count()).toBeGreaterThan(5);
    await ctx.close();
  });

  it('a service page’s “申请此服务” opens the request form on /me/ with that service chosen, through sign-in', async () => {
    const resident = await apiAs(origin, 'resident152');
    const { services } = (
      await resident<{ services: Array<{ id: number; title: string }> }>('/me/services')
    ).body;
    const service = services[services.length - 1]!;
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`/services/${service.id}/`);
    expect(await accessibilityViolations(page), 'the service page').toEqual([]);
    await page.getByRole('link', { name: '申请此服务' }).click();
    await page.waitForURL(`**/me/?service=${service.id}#requests`);
    await page.locator('[data-view="signin"]').waitFor();
    await page.getByLabel('登录名').fill('resident152');
    await page.getByLabel(/^密码$/).fill('linli-demo');
    await page.locator('form[data-signin] button[type=submit]').click();
    const select = page.getByLabel('想要的服务');
    await expect.poll(() => select.inputValue()).toBe(String(service.id));
    await expect.poll(() => select.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = (await select.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    expect(await page.locator('#requests .msg-info').textContent()).toContain(service.title);
    expect(await accessibilityViolations(page), '/me/, the service chosen').toEqual([]);
    // Chosen once: the address no longer asks for it.
    expect(new URL(page.url()).search).toBe('');
    await page.getByLabel('具体需要').fill('周末上午方便');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.locator('#requests .msg-ok').filter({ hasText: service.title }).waitFor();
    const mine = (await resident<{ items: Array<{ title: string }> }>('/me/requests?limit=5')).body
      .items;
    expect(mine[0]!.title).toBe(service.title);

    // A service no longer on the menu: a note, and nothing chosen.
    await page.goto('/me/?service=999999#requests');
    await page.locator('#requests .msg-warn').waitFor();
    expect(await page.locator('#requests .msg-warn').textContent()).toContain('不在服务清单上');
    expect(await select.inputValue()).toBe('');

    // In English likewise.
    await page.goto(`/en/services/${service.id}/`);
    await page.getByRole('link', { name: 'Request this service' }).click();
    await page.waitForURL(`**/en/me/?service=${service.id}#requests`);
    await expect
      .poll(() => page.getByLabel('Service', { exact: true }).inputValue())
      .toBe(String(service.id));
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('/me/ lists what the balance buys now, by shop, each shop linking to its public page', async () => {
    const resident = await apiAs(origin, 'resident153');
    const balance = (await resident<{ balance: number }>('/me')).body.balance;
    const { merchants } = (await fetch(`${origin}/api/public/catalogue`).then((r) => r.json())) as {
      merchants: Array<{ id: number; url: string; items: Array<{ points: number }> }>;
    };
    const inReach = merchants.filter((m) => m.items.some((i) => i.points <= balance));
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/me/', 'resident153');
    const section = page.locator('#affordable');
    await section.locator('[data-afford-shop], [data-afford-none], .meta').first().waitFor();
    const shops = await section
      .locator('[data-afford-shop]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-afford-shop'))));
    expect(shops).toEqual(inReach.map((m) => m.id));
    if (inReach.length > 0) {
      const first = inReach[0]!;
      expect(
        await section.locator(`[data-afford-shop="${first.id}"] h3 a`).getAttribute('href'),
      ).toBe(first.url);
      const prices = await section.locator(`[data-afford-shop="${first.id}"] li`).count();
      expect(prices).toBe(first.items.filter((i) => i.points <= balance).length);
    }

    // Nothing in reach (every point given to the community pool): how far the cheapest item is.
    const poor = await apiAs(origin, 'resident154');
    const left = (await poor<{ balance: number }>('/me')).body.balance;
    if (left > 0)
      expect(
        (
          await poor('/me/transfers', {
            body: { to: 'pool', points: left },
            key: crypto.randomUUID(),
          })
        ).status,
      ).toBe(201);
    const cheapest = Math.min(...merchants.flatMap((m) => m.items.map((i) => i.points)));
    await ctx.close();
    const ctx2 = await phone(browser(), origin);
    const page2 = await ctx2.newPage();
    await signIn(page2, '/me/', 'resident154');
    const none = page2.locator('#affordable [data-afford-none]');
    await none.waitFor();
    expect(await none.textContent()).toContain(`需要 ${cheapest} 积分，还差 ${cheapest} 积分`);
    expect(await none.locator('a').getAttribute('href')).toMatch(/^\/merchants\/#merchant-\d+$/);
    expect(errors).toEqual([]);
    await ctx2.close();
  });
});

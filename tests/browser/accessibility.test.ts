import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  accessibilityViolations,
  givePoints,
  inLargeText,
  newCode,
  PUBLIC_PAGES,
  phone,
  signIn,
  useBrowser,
  watchErrors,
} from './browser';

/**
 * WCAG 2.2 AA, checked by axe-core on what each page shows: the signed-in pages, which the bench's
 * Lighthouse runs cannot reach behind sign-in (the resident's phone, the counter through to its
 * receipt, every section of the staff console), and the public pages beyond the bench's five —
 * in Chinese and English, in the normal and the large-text mode (长辈版).
 */
describe('accessibility (axe-core, WCAG 2.2 A and AA)', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  async function open(
    path: string,
    login: string,
    options: { locale?: string; large?: boolean; width?: number } = {},
  ): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
    const ctx = await phone(browser(), origin, {
      locale: options.locale ?? 'zh-CN',
      ...(options.width
        ? { viewport: { width: options.width, height: 900 }, isMobile: false, hasTouch: false }
        : {}),
    });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    if (options.large) await inLargeText(page);
    await signIn(page, path, login);
    return { page, errors, close: () => ctx.close() };
  }

  for (const variant of [
    { name: '/me/ in Chinese', path: '/me/', locale: 'zh-CN' },
    { name: '/en/me/ in large-text mode', path: '/en/me/', locale: 'en-GB', large: true },
  ]) {
    it(`the resident's phone: ${variant.name}`, async () => {
      const { page, errors, close } = await open(variant.path, 'resident12', variant);
      await page.locator('.entry').first().waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    });
  }

  it('the sign-in forms, before sign-in', async () => {
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    for (const path of ['/me/', '/counter/', '/staff/', '/en/me/']) {
      await page.goto(path);
      await page.locator('[data-view="signin"]').waitFor({ state: 'visible' });
      expect(await accessibilityViolations(page), path).toEqual([]);
    }
    await ctx.close();
  });

  it('the counter: code entry, confirmation and receipt', async () => {
    await givePoints(origin, 'resident14', 3);
    const code = await newCode(origin, 'resident14');
    const { page, errors, close } = await open('/counter/', 'merchant1', { width: 1024 });
    await page.locator('[data-stage] h2').waitFor();
    expect(await accessibilityViolations(page), 'step 1: who').toEqual([]);
    await page.getByLabel('或输入 6 位兑换码').fill(code);
    await page.locator('[data-found]').waitFor();
    expect(await accessibilityViolations(page), 'step 2: the resident found, the amount').toEqual(
      [],
    );
    await page.getByLabel('兑换积分').fill('3');
    await page.getByRole('button', { name: '下一步：确认' }).click();
    await page.locator('[data-confirm]').waitFor();
    expect(await accessibilityViolations(page), 'step 3: confirm').toEqual([]);
    await page.locator('[data-confirm]').click();
    await page.locator('[data-receipt]').waitFor();
    expect(await accessibilityViolations(page), 'receipt').toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('every kind of public page at 360 px, in both languages and both modes', async () => {
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    // Besides the sections: a service, a printable notice, a history, an organisation, a fund page and the 404 page.
    await page.goto('/charity/');
    const fund = await page
      .locator('main a[href^="/charity/"][href$="/"]')
      .first()
      .getAttribute('href');
    const kinds = [
      ...PUBLIC_PAGES,
      '/services/1/',
      '/deliberations/1/notice/',
      '/deliberations/1/history/',
      '/organizations/1/',
      ...(fund ? [fund] : []),
      '/no-such-page/',
    ];
    const paths = [...kinds, ...kinds.map((p) => `/en${p}`)];
    for (const large of [false, true]) {
      if (large) await inLargeText(page);
      for (const path of paths) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        expect(await accessibilityViolations(page), `${path}${large ? ' (长辈版)' : ''}`).toEqual(
          [],
        );
      }
    }
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('the checker itself reports a violation it is shown (an image without a text alternative)', async () => {
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    await page.goto('/');
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = '/favicon.svg';
      img.width = 40;
      img.height = 40;
      document.querySelector('main')!.prepend(img);
    });
    expect(await accessibilityViolations(page)).toContainEqual(
      expect.stringMatching(/^image-alt: /),
    );
    await ctx.close();
  });

  it('the staff console: every section (as the admin, who sees them all)', async () => {
    const { page, errors, close } = await open('/staff/', 'admin', { width: 1280 });
    for (const section of [
      'residents',
      'activities',
      'requests',
      'records',
      'ledger',
      'merchants',
      'accounts',
    ]) {
      await page.goto(`/staff/#${section}`);
      const panel = page.locator(`[data-panel="${section}"]`);
      await panel.waitFor({ state: 'visible' });
      await page.waitForLoadState('networkidle');
      expect(await accessibilityViolations(page), section).toEqual([]);
    }
    // The inline confirmation and the change-password disclosure are checked open.
    await page
      .locator('[data-panel="accounts"] tr[data-account="staff1"]')
      .getByRole('button', { name: '停用' })
      .click();
    await page.getByText('修改密码', { exact: true }).click();
    expect(await accessibilityViolations(page), 'confirmation').toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});

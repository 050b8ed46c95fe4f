import { describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, signIn, useBrowser, watchErrors } from './browser';

const FAILED = {
  state: 'failed',
  builtAt: '2026-03-09T01:00:00.000Z',
  failedAt: '2026-03-09T02:30:00.000Z',
  error:
    'site build failed: astro build failed (exit 1):\n[ERROR] Cannot read properties of undefined',
};

/** The public site's failed build, as staff learn of it: a banner at the top of the console. */
describe('staff console: the site build banner', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('says the public site failed to update, what the public sees meanwhile and what to do; nothing when all is well', async () => {
    const ctx = await browser().newContext({
      baseURL: origin,
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    let status: object = FAILED;
    await page.route('**/api/staff/site', (route) => route.fulfill({ json: status }));
    await signIn(page, '/staff/', 'staff1');
    const banner = page.locator('[data-site-banner]');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.getAttribute('role')).toBe('alert');
    const text = await banner.textContent();
    expect(text).toContain('公开网站更新失败');
    expect(text).toContain('公众看到的仍是');
    expect(text).toContain('系统管理员');
    await banner.getByText('技术细节').click();
    await expect
      .poll(() => banner.locator('pre').textContent())
      .toContain('Cannot read properties');
    expect(await accessibilityViolations(page)).toEqual([]);

    status = { ...FAILED, builtAt: null };
    await page.reload();
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).toContain('网站暂时无法访问');

    status = { state: 'ok', builtAt: FAILED.builtAt, failedAt: null, error: null };
    const answered = page.waitForResponse('**/api/staff/site');
    await page.reload();
    await answered;
    await page.locator('[data-panel="residents"]').waitFor({ state: 'visible' });
    expect(await banner.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { desk, PUBLIC_PAGES, signIn, useBrowser, watchErrors } from './browser';

/**
 * The Content-Security-Policy (functions/http/security-headers.ts) is enforced by the real server
 * on every page: nothing the site itself ships may be refused by it — no inline script or style,
 * nothing loaded from elsewhere. Any `securitypolicyviolation` event or CSP console error fails.
 */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on(
    'console',
    (m) => /Content Security Policy|Refused to/i.test(m.text()) && console.push(m.text()),
  );
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return async () => [
    ...console,
    ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)),
  ];
}

describe('the CSP, enforced, refuses nothing the site ships', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('every kind of public page, in both languages, and the 404 page', async () => {
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    const violations = await watchViolations(page);
    const pages = [
      ...PUBLIC_PAGES,
      '/services/1/',
      '/organizations/1/',
      '/en/',
      '/en/services/',
      '/en/deliberations/1/',
      '/no-such-page/',
      '/en/no-such-page/',
    ];
    const seen: Array<{
      path: string;
      status: number;
      csp: string | undefined;
      violations: string[];
    }> = [];
    for (const path of pages) {
      const res = await page.goto(path, { waitUntil: 'load' });
      await page.waitForTimeout(100);
      seen.push({
        path,
        status: res!.status(),
        csp: res!.headers()['content-security-policy'],
        violations: await violations(),
      });
    }
    for (const s of seen)
      expect({
        path: s.path,
        csp: s.csp?.includes("script-src 'self'"),
        violations: s.violations,
      }).toEqual({ path: s.path, csp: true, violations: [] });
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('search runs Pagefind (WebAssembly) and large text and the menu still work', async () => {
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    const violations = await watchViolations(page);
    await page.goto('/search/?q=%E5%BF%97%E6%84%BF');
    await page.locator('[data-search-results] li').first().waitFor();
    await page.locator('[data-large-toggle]').first().click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('large'))).toBe(
      true,
    );
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('the staff console, the resident’s page and the counter, signed in', async () => {
    for (const [path, login] of [
      ['/staff/', 'staff1'],
      ['/me/', 'resident1'],
      ['/counter/', 'merchant1'],
    ] as const) {
      const ctx = await desk(browser(), origin);
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      const violations = await watchViolations(page);
      const first = await page.goto(path);
      expect(first!.headers()['permissions-policy']).toContain(
        path === '/counter/' ? 'camera=(self)' : 'camera=()',
      );
      await signIn(page, path, login);
      await page.waitForTimeout(500);
      expect({ path, violations: await violations(), errors }).toEqual({
        path,
        violations: [],
        errors: [],
      });
      await ctx.close();
    }
  });
});

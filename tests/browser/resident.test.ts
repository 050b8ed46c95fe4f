import { describe, expect, inject, it } from 'vitest';
import {
  apiAs,
  givePoints,
  inLargeText,
  phone,
  shot,
  signIn,
  useBrowser,
  watchConsoleErrors,
  watchErrors,
} from './browser';

/** A resident on a phone: sign in once, the balance in large type, the statement, a code for the counter. */
describe('resident on a phone (/me/)', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('signs in, sees the balance and the statement in words, and gets a code with a countdown', async () => {
    const staff = await apiAs(origin, 'staff1');
    const r = (
      await staff<{ residents: Array<{ balance: number }> }>('/staff/residents?query=resident6')
    ).body.residents[0]!;
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto('/me/');
    await page.locator('[data-view="signin"]').waitFor();
    await shot(page, 'me-01-signin');
    await signIn(page, '/me/', 'resident6');
    await expect
      .poll(() => page.locator('[data-balance]').textContent())
      .toBe(r.balance.toLocaleString('zh-CN'));
    // The balance is LARGE: at least 48 px.
    const size = await page
      .locator('[data-balance]')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(48);
    // Statement kinds are words, not colour alone.
    await page.locator('.entry').first().waitFor();
    const words = await page.locator('.entry .kind-word').allTextContents();
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) expect(['获得', '兑换', '转出', '转入', '冲正', '过期']).toContain(w);
    await shot(page, 'me-02-balance', false);

    await page.locator('[data-new-code]').click();
    const digits = page.locator('.code-digits');
    await digits.waitFor();
    expect(await digits.getAttribute('data-code-digits')).toMatch(/^\d{6}$/);
    expect(await page.locator('.code-card img.qr').getAttribute('src')).toMatch(
      /^data:image\/svg\+xml/,
    );
    await expect
      .poll(() => page.locator('.countdown').textContent())
      .toMatch(/还剩 [45]:\d\d 有效/);
    await page.locator('#code').scrollIntoViewIfNeeded();
    await shot(page, 'me-03-code', false);

    // Stays signed in: a new page load (same cookie) goes straight to the balance.
    await page.reload();
    await page.locator('[data-view="app"]').waitFor();
    await shot(page, 'me-04-full');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('works in English and in large-text mode at 360 px without horizontal scrolling', async () => {
    const ctx = await phone(browser(), origin, { locale: 'en-GB' });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await inLargeText(page);
    await signIn(page, '/en/me/', 'resident12');
    await page.locator('.entry').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe('My points');
    const words = await page.locator('.entry .kind-word').allTextContents();
    for (const w of words)
      expect(['Earned', 'Redeemed', 'Given', 'Received', 'Reversed', 'Expired']).toContain(w);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // 长辈版: every button is at least 60 px tall.
    const small = await page
      .locator('[data-view="app"] button:visible')
      .evaluateAll((els) =>
        els.filter((e) => e.getBoundingClientRect().height < 59.5).map((e) => e.textContent),
      );
    expect(small).toEqual([]);
    await shot(page, 'me-05-en-large', false);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('gives points to a neighbour found by card number, after a confirmation; a double tap gives once', async () => {
    const staff = await apiAs(origin, 'staff1');
    const bal = async (login: string) =>
      (
        await staff<{ residents: Array<{ login: string; balance: number }> }>(
          `/staff/residents?query=${login}`,
        )
      ).body.residents.find((r) => r.login === login)!.balance;
    await givePoints(origin, 'resident27', 3);
    const [from0, to0] = [await bal('resident27'), await bal('resident13')];
    expect(from0).toBeGreaterThanOrEqual(3);
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/me/', 'resident27');
    const give = page.locator('#give');
    await give.getByLabel('邻居的登录名或积分卡号').fill('c0013');
    await give.getByRole('button', { name: '查找邻居' }).click();
    await expect.poll(() => give.locator('.found').textContent()).toMatch(/找到：.\*/);
    await give.getByLabel('送出积分').fill('3');
    await give.getByRole('button', { name: '下一步：确认' }).click();
    await give.getByRole('button', { name: '确认送出' }).dblclick();
    await expect.poll(() => give.locator('.msg-ok').textContent()).toContain('已把 3 分送给');
    await give.scrollIntoViewIfNeeded();
    await shot(page, 'me-10-given', false);
    expect(await bal('resident27')).toBe(from0 - 3);
    expect(await bal('resident13')).toBe(to0 + 3);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('says what happened when the network fails, and recovers', async () => {
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    await signIn(page, '/me/', 'resident2');
    await ctx.setOffline(true);
    await page.locator('[data-new-code]').click();
    const alert = page.locator('#code [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('网络');
    await expect.poll(() => page.locator('#net-banner').isVisible()).toBe(true);
    await page.locator('#code').scrollIntoViewIfNeeded();
    await shot(page, 'me-06-offline', false);
    await ctx.setOffline(false);
    await alert.getByRole('button', { name: '重试' }).click();
    await page.locator('.code-digits').waitFor();
    await expect.poll(() => page.locator('#net-banner').isVisible()).toBe(false);
    await ctx.close();
  });
  it('signed out, shows the sign-in form from the first paint, asks the API nothing and logs no error; a sign-in sent before the scripts load is kept', async () => {
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    const consoleErrors = watchConsoleErrors(page);
    const api: string[] = [];
    page.on(
      'request',
      (r) => new URL(r.url()).pathname.startsWith('/api/') && api.push(new URL(r.url()).pathname),
    );
    // Hold the page's script back: the form is there already, and a sign-in sent now must wait for it.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/_astro/MePage*.js', async (route) => {
      await held;
      await route.continue();
    });
    // (Module scripts run before DOMContentLoaded, so wait for the form itself.)
    await page.goto('/me/', { waitUntil: 'commit' });
    await page.locator('[data-view="signin"]').waitFor();
    expect(await page.locator('[data-view="loading"]').isVisible()).toBe(false);
    await page.getByLabel('登录名').fill('resident8');
    await page.getByLabel(/^密码$/).fill('linli-demo');
    await page.locator('form[data-signin] button[type=submit]').click();
    // Not sent as a plain form (the password would be in the address), and nothing asked yet.
    expect(page.url()).not.toContain('password');
    expect(api).toEqual([]);
    release();
    await page.locator('[data-view="app"]').waitFor();
    expect(api[0]).toBe('/api/auth/login');
    // Signed out again: the next visit is the form at once, again with no request.
    await page.locator('[data-view="app"] [data-signout]').click();
    await page.locator('[data-view="signin"]').waitFor();
    await page.unroute('**/_astro/MePage*.js');
    api.length = 0;
    await page.goto('/me/');
    await page.locator('[data-view="signin"]').waitFor();
    await page.waitForLoadState('networkidle');
    expect(api).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  /**
   * Signs resident9 in with what `glob` matches held back, signs out meanwhile, and checks that
   * nothing came back as a 401 and no "session ended" message showed. `signOutWaits`: signing out
   * waits for what is held (the app's code), so it is let go before the sign-in form can show.
   */
  async function signOutWhileHeld(glob: string, signOutWaits: boolean): Promise<void> {
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    const consoleErrors = watchConsoleErrors(page);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let holding = 0;
    await page.route(glob, async (route) => {
      holding++;
      await held;
      await route.continue().catch(() => undefined); // the page may have dropped it meanwhile
    });
    await signIn(page, '/me/', 'resident9');
    await expect.poll(() => holding).toBeGreaterThan(0);
    await page.locator('[data-view="app"] [data-signout]').click();
    if (signOutWaits) release();
    await page.locator('[data-view="signin"]').waitFor();
    release();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    expect(await page.locator('[data-signin-msg]').textContent()).not.toContain('登录已过期');
    expect(consoleErrors).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  }

  it('signing out while the app is still loading drops its requests: no 401, no "session ended" message', async () => {
    await signOutWhileHeld('**/api/me/**', false);
  });

  it("signing out while the app's code is still loading waits for it, then drops what it asked", async () => {
    await signOutWhileHeld('**/_astro/app.*.js', true);
  });
});

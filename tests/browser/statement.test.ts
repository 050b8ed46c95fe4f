import { describe, expect, inject, it } from 'vitest';
import {
  apiAs,
  desk,
  givePoints,
  inLargeText,
  phone,
  shot,
  signIn,
  useBrowser,
  watchErrors,
} from './browser';

/** A statement like a bank's: on the resident's phone (months with years, counterparty, filter, CSV) and printed at the staff desk. */
describe('the statement', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('on a 360 px phone: month headings with years, each line names its counterparty, a filter by kind, the CSV download', async () => {
    await givePoints(origin, 'resident41', 12);
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/me/', 'resident41');
    const stmt = page.locator('#statement');
    await stmt.locator('.entry').first().waitFor();
    const months = await stmt.locator('.month-heading').allTextContents();
    expect(months.length).toBeGreaterThan(0);
    for (const m of months) expect(m).toMatch(/^\d{4}年\d{1,2}月$/);
    // Every line names who or what was on the other side, and its date carries the year.
    const lines = await stmt.locator('.entry').count();
    expect(await stmt.locator('.entry .entry-party').count()).toBe(lines);
    expect(await stmt.locator('.entry').first().locator('.entry-party').textContent()).toMatch(
      /^(社区|活动)：/,
    );
    expect(await stmt.locator('.entry time').first().textContent()).toMatch(/\d{4}年/);
    // The newest line (the award just given) sits under the first month heading.
    expect(await stmt.locator('.month').first().locator('.entry').first().textContent()).toContain(
      '+12',
    );

    await stmt.getByLabel('按类型查看').selectOption('earn');
    await expect
      .poll(async () => [...new Set(await stmt.locator('.entry .kind-word').allTextContents())])
      .toEqual(['获得']);
    const csv = stmt.getByRole('link', { name: '下载对账单 CSV' });
    expect(await csv.getAttribute('href')).toBe('/api/me/entries.csv');
    const body = await page.evaluate(async () => (await fetch('/api/me/entries.csv')).text());
    expect(body.split('\r\n')[0]).toBe('日期时间,类型,对方,商品,积分,余额,备注,账目编号');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await stmt.scrollIntoViewIfNeeded();
    await shot(page, 'statement-01-phone', false);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('in 长辈版 and English: the filter is labelled and the months read "December 2026"', async () => {
    const ctx = await phone(browser(), origin, { locale: 'en-GB' });
    const page = await ctx.newPage();
    await inLargeText(page);
    await signIn(page, '/en/me/', 'resident41');
    const stmt = page.locator('#statement');
    await stmt.locator('.entry').first().waitFor();
    for (const m of await stmt.locator('.month-heading').allTextContents())
      expect(m).toMatch(/^[A-Z][a-z]+ \d{4}$/);
    await stmt.getByLabel('Show').selectOption('earn');
    await expect
      .poll(async () => [...new Set(await stmt.locator('.entry .kind-word').allTextContents())])
      .toEqual(['Earned']);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await ctx.close();
  });

  it('at the staff desk: the last 20 entries of a card holder on one page, A4 or receipt width', async () => {
    const staff = await apiAs(origin, 'staff1');
    const found = (
      await staff<{ residents: Array<{ id: number; login: string; card: string | null }> }>(
        '/staff/residents?query=resident42',
      )
    ).body.residents.find((r) => r.login === 'resident42')!;
    for (let i = 0; i < 3; i++) await givePoints(origin, 'resident42', 5);
    const ctx = await desk(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/staff/#residents', 'staff1');
    const panel = page.locator('[data-panel="residents"]');
    await panel.getByLabel('查找居民').fill(found.card ?? 'resident42');
    await panel
      .locator('tr', { hasText: found.card ?? 'resident42' })
      .locator('[data-open-resident]')
      .click();
    await panel.getByRole('button', { name: '打印最近 20 笔' }).click();
    const sheet = page.locator('[data-print-sheet]');
    await sheet.waitFor();
    expect(await sheet.locator('h1').textContent()).toContain('积分对账单');
    const facts = await sheet.locator('.print-facts').textContent();
    if (found.card) expect(facts).toContain(found.card);
    expect(facts).toMatch(/打印时间\d{4}年/);
    const rows = await sheet.locator('tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(3);
    expect(rows).toBeLessThanOrEqual(20);
    expect(await sheet.locator('tbody tr').first().textContent()).toMatch(/\d{4}年.*获得.*社区：/);
    // The console itself is hidden behind the print view.
    expect(await panel.isVisible()).toBe(false);
    await shot(page, 'statement-02-print-a4');
    await page.getByLabel('小票（80 毫米宽）').check();
    expect(
      await page.evaluate(() =>
        document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join(' '),
      ),
    ).toContain('80mm');
    expect(
      await sheet.evaluate((el) => Math.round(el.getBoundingClientRect().width)),
    ).toBeLessThanOrEqual(Math.ceil((72 / 25.4) * 96));
    await shot(page, 'statement-03-print-receipt');
    await page.getByRole('button', { name: '返回工作台' }).click();
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await page.locator('[data-print-view]').count()).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

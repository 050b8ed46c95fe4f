import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { phone, useBrowser, watchErrors } from './browser';

/** Sums the page's layout shifts (as CLS counts them: not those right after input) from the start. */
async function watchShifts(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shift: number };
    w.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<
        PerformanceEntry & { value: number; hadRecentInput: boolean }
      >)
        if (!e.hadRecentInput) w.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return () => page.evaluate(() => (window as unknown as { __shift: number }).__shift);
}

/** The public pages on a phone: what the Lighthouse figures rest on, kept working. */
describe('public pages on a phone', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  it('deliberations: the filter form is there from the first paint (nothing jumps), filters the list and keeps the choice in the address', async () => {
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    const shifts = await watchShifts(page);
    // Hold the page's module script back: the form is already laid out without it.
    await page.route('**/deliberations/', async (route) => {
      const res = await route.fetch();
      const html = (await res.text()).replace(
        /<script type="module">/g,
        '<script type="module">await window.__held;',
      );
      await route.fulfill({ response: res, body: html });
    });
    await page.addInitScript(() => {
      (window as unknown as { __held: Promise<void> }).__held = new Promise(
        (r) => ((window as unknown as { __release: () => void }).__release = r),
      );
    });
    await page.goto('/deliberations/', { waitUntil: 'commit' });
    const form = page.locator('form[data-filter]');
    await form.waitFor();
    const before = await page.locator('#deliberation-list').boundingBox();
    await page.evaluate(() => (window as unknown as { __release: () => void }).__release());
    await page.waitForLoadState('load');
    expect((await page.locator('#deliberation-list').boundingBox())!.y).toBe(before!.y);
    await page.waitForTimeout(300);
    expect(await shifts()).toBe(0);

    const items = page.locator('#deliberation-list [data-f]');
    const total = await items.count();
    const years = await page
      .locator('select[name=year] option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(years.length).toBeGreaterThan(0);
    const year = years[years.length - 1]!;
    await page.locator('select[name=year]').selectOption(year);
    const shown = await page.locator(`#deliberation-list [data-f][data-f-year="${year}"]`).count();
    await expect
      .poll(() => page.locator('#deliberation-list [data-f]:visible').count())
      .toBe(shown);
    expect(new URL(page.url()).searchParams.get('year')).toBe(year);
    expect(await page.locator('[data-filter-count]').textContent()).toContain(String(shown));

    // The address chooses the filter on arrival.
    await page.unroute('**/deliberations/');
    await page.goto(`/deliberations/?year=${year}`);
    expect(await page.locator('select[name=year]').inputValue()).toBe(year);
    await expect
      .poll(() => page.locator('#deliberation-list [data-f]:visible').count())
      .toBe(shown);
    // Cleared, everything is back and so is the plain address.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect
      .poll(() => page.locator('#deliberation-list [data-f]:visible').count())
      .toBe(total);
    expect(new URL(page.url()).search).toBe('');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('charity: later sections are in the page (laid out when near), #anchors land on them, and nothing shifts', async () => {
    const ctx = await phone(browser(), origin);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    const shifts = await watchShifts(page);
    await page.goto('/charity/');
    await page.waitForTimeout(300);
    expect(await shifts()).toBe(0);
    // Deferred rendering hides nothing: every table row is in the document and in its text.
    const later = page.locator('section.later');
    expect(await later.count()).toBeGreaterThan(3);
    const text = await page
      .locator('#corrections-table, section[aria-labelledby=corrections]')
      .first()
      .textContent();
    expect(text!.length).toBeGreaterThan(20);
    // The table of contents reaches a deferred section, and its heading is on screen.
    await page.locator('nav.toc a[href="#budget"]').click();
    await expect
      .poll(() =>
        page.locator('#budget').evaluate((h) => {
          const r = h.getBoundingClientRect();
          return r.top > -2 && r.bottom < innerHeight;
        }),
      )
      .toBe(true);
    // A focused element at a deferred section's edge keeps its whole focus ring (paint containment clips at the padding box).
    const clip = await page
      .locator('section.later .table-wrap')
      .first()
      .evaluate((el) => {
        // The scroll region is itself a <section>: measure against the deferred section around it.
        const s = el.parentElement!.closest('section.later')!.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return { left: r.left - s.left, right: s.right - r.right };
      });
    expect(clip.left).toBeGreaterThanOrEqual(5);
    expect(clip.right).toBeGreaterThanOrEqual(5);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

import { describe, expect, inject, it } from 'vitest';
import {
  inLargeText,
  layOutEverything,
  PUBLIC_PAGES,
  phone,
  useBrowser,
  watchErrors,
} from './browser';

/**
 * 长辈版 on the public pages, at a 360 px phone: the MIIT elder-friendly rules the mode promises —
 * main text ≥ 18 pt (24 px) with line height ≥ 1.3, every control at least 60 × 60 px, and nothing
 * wider than the screen. (Contrast and the rest of WCAG 2.2 AA: accessibility.test.ts.)
 */
describe('large-text mode (长辈版) on the public pages', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  for (const prefix of ['', '/en']) {
    it(`follows the elder-friendly rules on every page${prefix ? ' in English' : ''}`, async () => {
      const ctx = await phone(browser(), origin, prefix ? { locale: 'en-GB' } : {});
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      await inLargeText(page);
      for (const path of PUBLIC_PAGES.map((p) => prefix + p)) {
        await page.goto(path);
        await layOutEverything(page);
        const found = await page.evaluate(() => {
          const px = (v: string) => Number.parseFloat(v);
          const body = getComputedStyle(document.body);
          const visible = (e: Element) => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
          };
          const controls = [
            ...document.querySelectorAll(
              'button, summary, select, input:not([type=hidden]), .button, header nav a, .tap',
            ),
          ].filter(visible);
          // A checkbox or radio button is tapped through its label too: the label is its target.
          const target = (e: Element) =>
            e instanceof HTMLInputElement && ['checkbox', 'radio'].includes(e.type) && e.labels?.[0]
              ? e.labels[0]
              : e;
          const small = controls
            .map((e) => ({ e, r: target(e).getBoundingClientRect() }))
            .filter(({ r }) => r.height < 59.5 || r.width < 59.5)
            .map(
              ({ e, r }) =>
                `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''} "${(e.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
            );
          // Main text; secondary lines (hints, tags, captions, hashes) may be smaller.
          const paragraphs = [...document.querySelectorAll('main p, main li, main td, main dd')]
            .filter(visible)
            .filter((e) => !e.closest('.hint, .tags, .scroll-hint, figcaption, .hash'));
          const smallText = paragraphs
            .filter((e) => px(getComputedStyle(e).fontSize) < 23.5)
            .map(
              (e) =>
                `${e.tagName.toLowerCase()}.${e.className} ${getComputedStyle(e).fontSize} "${(e.textContent ?? '').trim().slice(0, 20)}"`,
            );
          return {
            large: document.documentElement.classList.contains('large'),
            bodyPx: px(body.fontSize),
            lineHeight: px(body.lineHeight) / px(body.fontSize),
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            small,
            smallText: smallText.slice(0, 10),
          };
        });
        expect(found.large, path).toBe(true);
        expect(found.bodyPx, path).toBeGreaterThanOrEqual(24);
        expect(found.lineHeight, path).toBeGreaterThanOrEqual(1.3);
        expect(found.overflow, path).toBeLessThanOrEqual(0);
        expect(found.small, path).toEqual([]);
        expect(found.smallText, path).toEqual([]);
      }
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }
});

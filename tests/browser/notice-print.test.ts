import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { scanSvg, svgOfDataUrl } from '../helpers/qr';
import { layOutEverything, useBrowser } from './browser';

/** A4 less the notice's @page margins (12 mm each side, 12 mm top, 14 mm bottom), in CSS px. */
const MM = 96 / 25.4;
const CONTENT = { width: Math.floor((210 - 24) * MM), height: Math.floor((297 - 26) * MM) };

interface OpenDeliberation {
  id: number;
  url: string;
  agendaItems: string[];
  decisions: string[];
  followupIds: number[];
  resolution: string;
  summary: string;
}

/** Pages in a PDF as Chromium writes it: one `/Type /Page` object per sheet (not the `/Pages` tree). */
const sheets = (pdf: Buffer) =>
  (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;

/** The printed notice (公示) of a deliberation, on the notice board: one A4 sheet with its QR code. */
describe('the printed notice of a deliberation', () => {
  const origin = inject('origin');
  const browser = useBrowser();

  /** The demo's longest deliberation: most vote rows, follow-ups and text, as the open data lists them. */
  async function longest(): Promise<OpenDeliberation> {
    const list = (await fetch(`${origin}/data/deliberations.json`).then((r) =>
      r.json(),
    )) as OpenDeliberation[];
    const tallies = (await fetch(`${origin}/data/vote-tallies.json`).then((r) =>
      r.json(),
    )) as Array<{ deliberationId: number }>;
    const weight = (d: OpenDeliberation) =>
      tallies.filter((t) => t.deliberationId === d.id).length * 2 +
      d.agendaItems.length * 3 +
      d.followupIds.length +
      [d.resolution, ...d.decisions, ...d.agendaItems].join('').length / 45;
    return list.reduce((a, b) => (weight(b) > weight(a) ? b : a));
  }

  async function printed(page: Page, path: string): Promise<number> {
    await page.goto(path);
    return sheets(await page.pdf({ format: 'A4' }));
  }

  it('the longest fits one A4 sheet in both languages, QR code inside it, encoding the notice’s online record', async () => {
    const d = await longest();
    expect(d.agendaItems.length).toBeGreaterThanOrEqual(3);
    const ctx = await browser().newContext({
      baseURL: origin,
      viewport: CONTENT,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await ctx.newPage();
    for (const lang of ['', '/en']) {
      const path = `${lang}/deliberations/${d.id}/notice/`;
      expect(await printed(page, path), path).toBe(1);

      // The layout the printer gets: print media at the sheet's content width.
      await page.emulateMedia({ media: 'print' });
      await layOutEverything(page);
      const qr = page.locator('.notice-foot .qr img');
      await expect.poll(() => qr.isVisible(), { message: path }).toBe(true);
      for (const chrome of ['.site-header', '.site-footer', '.notice-tools'])
        expect(await page.locator(chrome).isVisible(), `${path} ${chrome}`).toBe(false);
      const box = (await qr.boundingBox())!;
      const top = (await page.locator('article.notice').boundingBox())!.y;
      expect(box.width, path).toBeGreaterThanOrEqual(24 * MM);
      expect(box.x, path).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, path).toBeLessThanOrEqual(CONTENT.width);
      expect(box.y - top + box.height, path).toBeLessThanOrEqual(CONTENT.height);
      await page.emulateMedia({ media: null });

      // The code scans to the deliberation's page in the notice's language, on the site's origin.
      const online = new URL(`${lang}/deliberations/${d.id}/`, new URL(d.url).origin).href;
      const src = (await qr.getAttribute('src'))!;
      expect(scanSvg(svgOfDataUrl(src)), path).toBe(online);
      expect(await page.locator('.notice-foot .qr a.url').getAttribute('href')).toBe(online);
    }
    await ctx.close();
  });

  it('every other deliberation’s notice prints on one sheet too', async () => {
    const list = (await fetch(`${origin}/data/deliberations.json`).then((r) =>
      r.json(),
    )) as OpenDeliberation[];
    const ctx = await browser().newContext({
      baseURL: origin,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await ctx.newPage();
    const over: string[] = [];
    for (const d of list) {
      const n = await printed(page, `/deliberations/${d.id}/notice/`);
      if (n !== 1) over.push(`${d.id}: ${n} sheets`);
    }
    expect(over).toEqual([]);
    await ctx.close();
  });
});

/** An unknown address on the real portal: the site's own HTML 404 page, in the address's language. */
describe('an unknown address', () => {
  const origin = inject('origin');
  it('answers 404 with the HTML page in Chinese, and under /en/ in English; an API path with JSON', async () => {
    for (const [path, lang] of [
      ['/no-such-page/', 'zh-CN'],
      ['/en/no-such-page/', 'en'],
      ['/deliberations/99999/', 'zh-CN'],
    ] as const) {
      const res = await fetch(`${origin}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(await res.text(), path).toContain(`<html lang="${lang}"`);
    }
    const api = await fetch(`${origin}/api/no-such-thing`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

import { describe, expect, it } from 'vitest';
import { builtFiles, fileFor, htmlFiles, read, readBytes } from './site';

/** 5 KB of JavaScript per page, for phones on slow networks and old WebViews (WeChat included). */
const BUDGET = 5 * 1024;

/** Modules a module loads before it runs: static `import … from "x"`, `import "x"`, `export … from "x"`; never `import("x")`. */
const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+)["']/g;

function staticClosure(entry: string, from: string, seen: Set<string>): void {
  const file = fileFor(new URL(entry, `https://linli.example.org/${from}`).href);
  if (!file || seen.has(file)) return;
  seen.add(file);
  for (const m of read(file).matchAll(STATIC_IMPORT)) staticClosure(m[1]!, file, seen);
}

interface PageJs {
  inlineBytes: number;
  files: string[];
  total: number;
  hasChart: boolean;
}

/** The JavaScript a page runs on load: inline scripts plus every module file it loads eagerly. */
function pageJs(page: string): PageJs {
  const html = read(page);
  let inlineBytes = 0;
  const seen = new Set<string>();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1]!;
    const type = attrs.match(/\btype=["']?([^"'\s>]+)/i)?.[1]?.toLowerCase();
    if (type && !['module', 'text/javascript', 'application/javascript'].includes(type)) continue; // data blocks (JSON) are not code
    const src = attrs.match(/\bsrc=["']?([^"'\s>]+)/i)?.[1];
    if (src) staticClosure(src, page, seen);
    else {
      inlineBytes += Buffer.byteLength(m[2]!, 'utf8');
      for (const i of m[2]!.matchAll(STATIC_IMPORT)) staticClosure(i[1]!, page, seen);
    }
  }
  for (const m of html.matchAll(/<link\b[^>]*rel=["']?modulepreload[^>]*>/gi)) {
    const href = m[0].match(/\bhref=["']?([^"'\s>]+)/i)?.[1];
    if (href) staticClosure(href, page, seen);
  }
  const files = [...seen];
  const total = inlineBytes + files.reduce((s, f) => s + readBytes(f).length, 0);
  return { inlineBytes, files, total, hasChart: /<canvas\b|data-chart/i.test(html) };
}

/** The chart.js bundle: the one big chunk that must only ever be fetched lazily. */
const chartChunks = () =>
  builtFiles().filter(
    (f) =>
      f.startsWith('_astro/') &&
      f.endsWith('.js') &&
      /\bChart\b/.test(read(f)) &&
      readBytes(f).length > 50_000,
  );

describe('JavaScript budget', () => {
  it(`every page without a chart loads at most ${BUDGET} bytes of JavaScript`, () => {
    const over = htmlFiles()
      .map((page) => ({ page, ...pageJs(page) }))
      .filter((p) => !p.hasChart && p.total > BUDGET)
      .map((p) => `${p.page}: ${p.total} B (inline ${p.inlineBytes} B + ${p.files.join(', ')})`);
    expect(over).toEqual([]);
  });

  it('pages with a chart load chart.js only lazily, and stay in budget until they do', () => {
    const chart = new Set(chartChunks());
    const withChart = htmlFiles().filter((page) => pageJs(page).hasChart);
    if (withChart.length > 0)
      expect(
        chart.size,
        'the chart.js chunk is found, so this test is not vacuous',
      ).toBeGreaterThan(0);
    for (const page of withChart) {
      const js = pageJs(page);
      expect(
        js.files.filter((f) => chart.has(f)),
        page,
      ).toEqual([]);
      expect(js.total, `${page}: ${js.files.join(', ')}`).toBeLessThanOrEqual(BUDGET);
    }
  });

  it('the search pages stay small: Pagefind is fetched only on use', () => {
    for (const page of ['search/index.html', 'en/search/index.html']) {
      const js = pageJs(page);
      expect(js.files.filter((f) => f.startsWith('pagefind/'))).toEqual([]);
      expect(js.total).toBeLessThanOrEqual(BUDGET);
    }
  });
});

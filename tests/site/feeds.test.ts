import { XMLParser } from 'fast-xml-parser';
import { describe, expect, inject, it } from 'vitest';
import { ANONYMOUS_DONOR, INDIVIDUAL_DONOR, SCRIPT } from './hostile';
import { builtFiles, fileFor, htmlFiles, read, readJson, resolves, SITE_ORIGIN } from './site';

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['item', 'url', 'sitemap', 'xhtml:link', 'category'].includes(name),
});

interface Item {
  title: string;
  link: string;
  guid: { '#text': string; '@isPermaLink': string };
  pubDate: string;
  description: string;
  category?: string[];
}
function channel(file: string) {
  const doc = xml.parse(read(file));
  expect(doc.rss['@version']).toBe('2.0');
  return doc.rss.channel as {
    title: string;
    link: string;
    description: string;
    language: string;
    item?: Item[];
  };
}

describe('RSS feeds', () => {
  for (const file of ['deliberations/rss.xml', 'charity/rss.xml']) {
    it(`${file} is RSS 2.0 with dated, linked items`, () => {
      const c = channel(file);
      expect(c.title).toBeTruthy();
      expect(c.description).toBeTruthy();
      expect(c.link).toBe(`${SITE_ORIGIN}/`);
      expect(c.language).toBe('zh-cn');
      const items = c.item ?? [];
      expect(items.length).toBeGreaterThan(0);
      const guids = new Set<string>();
      for (const item of items) {
        expect(item.title).toBeTruthy();
        expect(item.description).toBeTruthy();
        expect(item.pubDate).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
        expect(item.link.startsWith(`${SITE_ORIGIN}/`)).toBe(true);
        const target = resolves(item.link);
        expect(target.ok, target.ok ? '' : target.why).toBe(true);
        guids.add(item.guid['#text']);
      }
      expect(guids.size, 'every item has its own guid').toBe(items.length);
      const dates = items.map((i) => Date.parse(i.pubDate));
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
    });
  }

  it('the deliberations feed carries the newest deliberations with their resolution, escaped', () => {
    // Revisions and withdrawals (announced too, linked to a history page) aside.
    const items = channel('deliberations/rss.xml').item!.filter(
      (i) => !i.link.includes('/history/'),
    );
    const newest = readJson<Array<{ id: number; url: string; title: string; resolution: string }>>(
      'data/deliberations.json',
    ).slice(0, items.length);
    expect(items.map((i) => i.link)).toEqual(newest.map((d) => d.url));
    const hostile = items.find((i) =>
      i.link.endsWith(`/deliberations/${inject('hostile').deliberationId}/`),
    )!;
    expect(hostile.title).toContain(SCRIPT); // the parsed text is the title as written…
    expect(read('deliberations/rss.xml')).not.toContain('<script'); // …and the XML never carries it as markup
    expect(hostile.description).toContain('决议');
  });

  it('the charity feed lists donations, expenses and corrections without private donors', () => {
    const raw = read('charity/rss.xml');
    const items = channel('charity/rss.xml').item!;
    const kinds = new Set(items.flatMap((i) => i.category ?? []));
    expect(kinds.has('捐赠')).toBe(true);
    expect(items.some((i) => i.title.includes('匿名'))).toBe(true);
    expect(raw).not.toContain(ANONYMOUS_DONOR);
    expect(raw).not.toContain(INDIVIDUAL_DONOR);
    expect(raw).not.toContain('<script');
    // The demo community has spending and corrections to report (depends on the demo seed).
    expect([...kinds].sort(), 'demo seed should produce expenses and corrections').toEqual(
      expect.arrayContaining(['支出', '更正']),
    );
  });
});

describe('sitemap and robots.txt', () => {
  type Entry = { loc: string; 'xhtml:link'?: Array<{ '@hreflang': string; '@href': string }> };
  const urls = (): Entry[] => {
    const index = xml.parse(read('sitemap-index.xml'));
    const maps: string[] = index.sitemapindex.sitemap.map((s: { loc: string }) => s.loc);
    return maps.flatMap((loc) => {
      const file = fileFor(loc);
      expect(file, `${loc} exists`).toBeDefined();
      return xml.parse(read(file!)).urlset.url as Entry[];
    });
  };

  it('lists pages in both locales, each a built page, with hreflang alternates', () => {
    const list = urls();
    const locs = list.map((u) => u.loc);
    expect(locs).toContain(`${SITE_ORIGIN}/`);
    expect(locs).toContain(`${SITE_ORIGIN}/en/`);
    expect(locs).toContain(`${SITE_ORIGIN}/data/`);
    expect(locs).toContain(`${SITE_ORIGIN}/en/data/`);
    for (const loc of locs) {
      expect(loc.startsWith(`${SITE_ORIGIN}/`)).toBe(true);
      expect(loc).not.toMatch(/\.(json|csv|xml|txt)$/);
      expect(resolves(loc).ok, loc).toBe(true);
    }
    const home = list.find((u) => u.loc === `${SITE_ORIGIN}/`)!;
    expect(home['xhtml:link']!.map((l) => [l['@hreflang'], l['@href']])).toEqual(
      expect.arrayContaining([
        ['zh-CN', `${SITE_ORIGIN}/`],
        ['en', `${SITE_ORIGIN}/en/`],
      ]),
    );
  });

  it('lists every public HTML page of the site', () => {
    const locs = new Set(urls().map((u) => u.loc));
    const pages = htmlFiles()
      .filter((f) => f.endsWith('index.html'))
      .map((f) => `${SITE_ORIGIN}/${f.replace(/index\.html$/, '')}`);
    // Sign-in pages hold nothing to find before signing in: not in the sitemap.
    const signIn = /^https:\/\/[^/]+\/(en\/)?(me|counter|staff)\/$/;
    expect(pages.filter((p) => !locs.has(p) && !signIn.test(p))).toEqual([]);
    expect([...locs].filter((l) => signIn.test(l) || l.includes('404'))).toEqual([]);
  });

  it('robots.txt allows crawling and points at the sitemap', () => {
    const robots = read('robots.txt');
    expect(robots).toMatch(/^User-agent: \*$/m);
    const sitemap = robots.match(/^Sitemap: (\S+)$/m)?.[1];
    expect(sitemap).toBe(`${SITE_ORIGIN}/sitemap-index.xml`);
    expect(builtFiles()).toContain('sitemap-index.xml');
    expect(robots).toMatch(/^Disallow: \/api\/$/m);
  });
});

import { XMLParser } from 'fast-xml-parser';
import { parse } from 'parse5';
import { describe, expect, inject, it } from 'vitest';
import { SCRIPT } from './hostile';
import { fileFor, htmlFiles, read, SITE_ORIGIN } from './site';

/** The built pages as a search engine, a link preview and a feed reader see them. */

interface Node {
  nodeName: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
  value?: string;
}
const attr = (n: Node, name: string) => n.attrs?.find((a) => a.name === name)?.value;
function* walk(n: Node): Generator<Node> {
  yield n;
  for (const c of n.childNodes ?? []) yield* walk(c);
  if (n.nodeName === 'template')
    for (const c of (n as unknown as { content: Node }).content.childNodes ?? []) yield* walk(c);
}
interface Head {
  canonical: string[];
  description: string[];
  og: Map<string, string[]>;
  feeds: string[];
  jsonLd: string[];
}
function head(file: string): Head {
  const doc = parse(read(file)) as unknown as Node;
  const h: Head = { canonical: [], description: [], og: new Map(), feeds: [], jsonLd: [] };
  for (const n of walk(doc)) {
    if (n.nodeName === 'link' && attr(n, 'rel') === 'canonical') h.canonical.push(attr(n, 'href')!);
    if (
      n.nodeName === 'link' &&
      attr(n, 'rel') === 'alternate' &&
      attr(n, 'type') === 'application/rss+xml'
    )
      h.feeds.push(attr(n, 'href')!);
    if (n.nodeName === 'meta' && attr(n, 'name') === 'description')
      h.description.push(attr(n, 'content')!);
    const property = n.nodeName === 'meta' ? attr(n, 'property') : undefined;
    if (property?.startsWith('og:'))
      h.og.set(property, [...(h.og.get(property) ?? []), attr(n, 'content')!]);
    if (n.nodeName === 'script' && attr(n, 'type') === 'application/ld+json')
      h.jsonLd.push((n.childNodes ?? []).map((c) => c.value ?? '').join(''));
  }
  return h;
}
/** The address a built file answers at. */
const urlOf = (file: string) => `${SITE_ORIGIN}/${file.replace(/index\.html$/, '')}`;
const isEnglish = (file: string) => file.startsWith('en/');

describe('every page describes itself', () => {
  it('one absolute canonical link, a description, Open Graph tags and feed links', () => {
    const problems: string[] = [];
    for (const file of htmlFiles()) {
      const h = head(file);
      const expected = file.endsWith('404.html') ? `${SITE_ORIGIN}/${file}` : urlOf(file);
      if (h.canonical.length !== 1 || h.canonical[0] !== expected)
        problems.push(`${file}: canonical ${h.canonical.join(', ')} (expected ${expected})`);
      if (h.description.length !== 1 || !h.description[0]!.trim())
        problems.push(`${file}: description`);
      for (const p of [
        'og:title',
        'og:description',
        'og:url',
        'og:type',
        'og:locale',
        'og:site_name',
      ])
        if (h.og.get(p)?.length !== 1 || !h.og.get(p)![0]) problems.push(`${file}: ${p}`);
      if (h.og.get('og:url')?.[0] !== h.canonical[0])
        problems.push(`${file}: og:url differs from the canonical link`);
      if (h.og.get('og:locale')?.[0] !== (isEnglish(file) ? 'en_US' : 'zh_CN'))
        problems.push(`${file}: og:locale`);
      const feedPrefix = isEnglish(file) ? `${SITE_ORIGIN}/en/` : `${SITE_ORIGIN}/`;
      if (h.feeds.length < 1 || h.feeds.some((f) => !f.startsWith(feedPrefix) || !fileFor(f)))
        problems.push(`${file}: feed links ${h.feeds.join(', ')}`);
      if (!/<\/html>\s*$/.test(read(file))) problems.push(`${file}: something after </html>`);
    }
    expect(problems).toEqual([]);
  });

  it('list pages have descriptions of their own, not the site tagline', () => {
    const lists = [
      'index.html',
      'services/index.html',
      'deliberations/index.html',
      'charity/index.html',
      'organizations/index.html',
      'search/index.html',
    ];
    for (const lang of ['', 'en/']) {
      const descriptions = lists.map((f) => head(lang + f).description[0]);
      expect(new Set(descriptions).size, `${lang} descriptions: ${descriptions.join(' | ')}`).toBe(
        lists.length,
      );
    }
  });

  it('record pages carry schema.org JSON-LD of their kind, parsed whole even with hostile text', () => {
    const typeOf = (file: string) => {
      const h = head(file);
      expect(h.jsonLd, file).toHaveLength(1);
      const doc = JSON.parse(h.jsonLd[0]!) as {
        '@context': string;
        '@type'?: string;
        '@graph'?: Array<{ '@type': string }>;
        name?: string;
        url?: string;
      };
      expect(doc['@context']).toBe('https://schema.org');
      return doc;
    };
    const deliberations = htmlFiles().filter((f) =>
      /^(en\/)?deliberations\/\d+\/index\.html$/.test(f),
    );
    const services = htmlFiles().filter((f) => /^(en\/)?services\/\d+\/index\.html$/.test(f));
    expect(deliberations.length).toBeGreaterThan(0);
    expect(services.length).toBeGreaterThan(0);
    for (const f of deliberations) {
      const doc = typeOf(f);
      expect(doc['@type']).toBe('Event');
      expect(doc.url).toBe(urlOf(f));
      expect((doc as { startDate?: string }).startDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    for (const f of services) expect(typeOf(f)['@type']).toBe('Service');
    for (const f of ['organizations/index.html', 'en/organizations/index.html']) {
      const graph = typeOf(f)['@graph']!;
      expect(graph.length).toBeGreaterThan(0);
      expect(new Set(graph.map((n) => n['@type']))).toEqual(new Set(['Organization']));
    }
    const hostile = `deliberations/${inject('hostile').deliberationId}/index.html`;
    expect(typeOf(hostile).name).toContain(SCRIPT);
    expect(head(hostile).jsonLd[0]).not.toContain('</script');
  });
});

describe('the 404 page', () => {
  it('exists in both languages and links home and to search', () => {
    for (const [file, lang, home] of [
      ['404.html', 'zh-CN', '/'],
      ['en/404.html', 'en', '/en/'],
    ] as const) {
      const html = read(file);
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).toContain(`href="${home}"`);
      expect(html).toMatch(/href="(\/en)?\/search\/"/);
    }
    expect(htmlFiles().filter((f) => f.includes('404/'))).toEqual([]);
  });
});

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['item', 'url', 'sitemap', 'atom:link'].includes(name),
});

describe('feeds', () => {
  for (const file of [
    'deliberations/rss.xml',
    'charity/rss.xml',
    'en/deliberations/rss.xml',
    'en/charity/rss.xml',
  ]) {
    it(`${file} names itself and when it last changed`, () => {
      const c = xml.parse(read(file)).rss.channel;
      const self = c['atom:link'].find((l: { '@rel': string }) => l['@rel'] === 'self');
      expect(self['@href']).toBe(`${SITE_ORIGIN}/${file}`);
      expect(self['@type']).toBe('application/rss+xml');
      expect(c.lastBuildDate).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      expect(Date.parse(c.lastBuildDate)).toBe(
        Math.max(...c.item.map((i: { pubDate: string }) => Date.parse(i.pubDate))),
      );
      expect(c.language).toBe(file.startsWith('en/') ? 'en' : 'zh-cn');
      const prefix = file.startsWith('en/') ? `${SITE_ORIGIN}/en/` : `${SITE_ORIGIN}/`;
      expect(
        c.item.every((i: { link: string }) => i.link.startsWith(prefix) && fileFor(i.link)),
      ).toBe(true);
    });
  }

  it('a description is HTML whose text is the staff text: markup escaped once for HTML, once for XML', () => {
    const raw = read('deliberations/rss.xml');
    expect(raw).toContain('&amp;lt;script&amp;gt;');
    const item = xml
      .parse(raw)
      .rss.channel.item.find((i: { link: string }) =>
        i.link.endsWith(`/deliberations/${inject('hostile').deliberationId}/`),
      );
    expect(item.description).not.toContain('<script');
    expect(item.description).toContain('&lt;script&gt;');
    expect(item.description).not.toContain('&amp;lt;');
  });
});

describe('sitemap', () => {
  it('dates every URL and leaves out sign-in and 404 pages', () => {
    const index = xml.parse(read('sitemap-index.xml'));
    const entries: Array<{ loc: string; lastmod?: string }> = index.sitemapindex.sitemap.flatMap(
      (s: { loc: string }) => xml.parse(read(fileFor(s.loc)!)).urlset.url,
    );
    expect(entries.length).toBeGreaterThan(0);
    expect(
      entries.filter((e) => !e.lastmod || Number.isNaN(Date.parse(e.lastmod))).map((e) => e.loc),
    ).toEqual([]);
    expect(
      entries.filter((e) => /\/(me|counter|staff)\/$|404/.test(e.loc)).map((e) => e.loc),
    ).toEqual([]);
    // A record's page is dated by its record, not by the build.
    const service = entries.find((e) => /\/services\/\d+\/$/.test(e.loc))!;
    const home = entries.find((e) => e.loc === `${SITE_ORIGIN}/`)!;
    expect(Date.parse(service.lastmod!)).toBeLessThanOrEqual(Date.parse(home.lastmod!));
    expect(new Set(entries.map((e) => e.lastmod)).size).toBeGreaterThan(1);
  });
});

describe('English pages of Chinese records', () => {
  it("show staff's English title and summary where given, and say so where the record is in Chinese only", () => {
    const { serviceId } = inject('hostile');
    const en = read(`en/services/${serviceId}/index.html`);
    const zh = read(`services/${serviceId}/index.html`);
    expect(en).toMatch(/<h1[^>]*>Repairs &lt;script&gt;/);
    expect(en).not.toContain('This record is in Chinese only');
    expect(zh).not.toContain('Repairs');
    const other = htmlFiles().find(
      (f) =>
        /^en\/services\/\d+\/index\.html$/.test(f) && f !== `en/services/${serviceId}/index.html`,
    )!;
    expect(read(other)).toContain('This record is in Chinese only.');
    expect(read(other)).toMatch(/<h1 lang="zh-CN"/);
    const delib = htmlFiles().find((f) => /^en\/deliberations\/\d+\/index\.html$/.test(f))!;
    expect(read(delib)).toContain('This record is in Chinese only.');
  });
});

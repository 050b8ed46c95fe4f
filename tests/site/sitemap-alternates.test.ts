import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { read, SITE_ORIGIN } from './site';

/**
 * src/integrations/sitemap.ts gives every sitemap entry the hreflang alternates @astrojs/sitemap's
 * `i18n` option would: all language versions of the page (zh-CN at /…, English at /en/…), in the
 * sitemap's own order, and none for a page that exists in one language only.
 */
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name),
});

describe('sitemap hreflang alternates', () => {
  it('each entry lists exactly its language versions', () => {
    const maps: string[] = xml
      .parse(read('sitemap-index.xml'))
      .sitemapindex.sitemap.map((s: { loc: string }) => s.loc);
    const entries = maps.flatMap(
      (loc) =>
        xml.parse(read(new URL(loc).pathname.slice(1))).urlset.url as Array<{
          loc: string;
          'xhtml:link'?: Array<{ '@rel': string; '@hreflang': string; '@href': string }>;
        }>,
    );
    const collator = new Intl.Collator('en', { numeric: true });
    const locs = entries.map((e) => e.loc);
    expect(locs).toEqual([...locs].sort(collator.compare));
    const all = new Set(locs);
    const zhOf = (loc: string) => loc.replace(`${SITE_ORIGIN}/en/`, `${SITE_ORIGIN}/`);
    const enOf = (loc: string) =>
      loc.startsWith(`${SITE_ORIGIN}/en/`)
        ? loc
        : loc.replace(`${SITE_ORIGIN}/`, `${SITE_ORIGIN}/en/`);
    let withBoth = 0;
    for (const entry of entries) {
      const versions = [
        ['zh-CN', zhOf(entry.loc)],
        ['en', enOf(entry.loc)],
      ].filter(([, url]) => all.has(url!));
      const expected =
        versions.length > 1 ? versions.sort((a, b) => collator.compare(a[1]!, b[1]!)) : undefined;
      const links = entry['xhtml:link']?.map((l) => [l['@hreflang'], l['@href']]);
      expect(links, entry.loc).toEqual(expected);
      for (const l of entry['xhtml:link'] ?? []) expect(l['@rel']).toBe('alternate');
      if (expected) withBoth++;
    }
    expect(withBoth).toBeGreaterThan(entries.length / 2);
  });
});

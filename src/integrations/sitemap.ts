import sitemap, { type SitemapItem } from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { lastmodRegistry } from '../lib/page-meta';

interface Options {
  /** The site's origin (astro.config's `site`; the base path is /). */
  site: string;
  /** As @astrojs/sitemap's `i18n` option: the default locale and each locale's hreflang. */
  i18n: { defaultLocale: string; locales: Record<string, string> };
  /** Which page URLs go into the sitemap. */
  filter: (url: string) => boolean;
}

/** The order @astrojs/sitemap writes its URLs in (as its localeCompare with numeric: true). */
const byUrl = new Intl.Collator('en', { numeric: true }).compare;

/**
 * @astrojs/sitemap with the same hreflang alternates its `i18n` option writes, found through a
 * map instead of its scan: for every page it walks the whole URL list looking for the page's
 * other-language versions — pages² comparisons on a district's site (BENCHMARKS.md, third round).
 * Here the URLs the sitemap keeps are collected as its filter sees them (it filters the complete
 * list before writing any entry), grouped by their locale-less path once, and each entry gets its
 * group as `links`: same URLs, same order (the sitemap's own sort), same languages, none for a
 * page that exists in one language only. The sitemap's entries and their order are its own.
 */
export default function sitemapWithAlternates(options: Options): AstroIntegration {
  const kept: string[] = [];
  // Each page notes when its record last changed as it renders (src/layouts/Base.astro); a page
  // with no record of its own (a list, the home page) changed when the newest record did.
  // Astro may load its config (so this integration) more than once: every copy reads the one map.
  lastmodRegistry(true);
  let newest: string | undefined;
  const lastmodOf = (url: string): string => {
    const lastmods = lastmodRegistry(true)!;
    // biome-ignore lint/complexity/useMathMinMax: ISO timestamps, compared as text
    newest ??= [...lastmods.values()].reduce((a, b) => (a > b ? a : b), new Date().toISOString());
    return lastmods.get(url) ?? newest;
  };
  let groups: Map<string, Array<{ url: string; lang: string }>> | undefined;
  const base = new URL('/', options.site).href;
  const { defaultLocale, locales } = options.i18n;

  /** The page's path without its locale prefix, and its locale (as @astrojs/sitemap's parseI18nUrl). */
  const parse = (url: string): { locale: string; path: string } | undefined => {
    if (!url.startsWith(base)) return undefined;
    let s = url.slice(base.length);
    if (!s || s === '/') return { locale: defaultLocale, path: '/' };
    if (s[0] !== '/') s = `/${s}`;
    const locale = s.split('/')[1]!;
    if (Object.hasOwn(locales, locale)) return { locale, path: s.slice(1 + locale.length) || '/' };
    return { locale: defaultLocale, path: s };
  };

  const group = () => {
    const map = new Map<string, Array<{ url: string; lang: string }>>();
    for (const url of [...kept].sort(byUrl)) {
      const parsed = parse(url);
      if (!parsed) continue;
      const links = map.get(parsed.path) ?? [];
      links.push({ url, lang: locales[parsed.locale]! });
      map.set(parsed.path, links);
    }
    return map;
  };

  const inner = sitemap({
    filter: (url) => {
      const keep = options.filter(url);
      if (keep) {
        kept.push(url);
        groups = undefined;
      }
      return keep;
    },
    serialize: (item: SitemapItem) => {
      groups ??= group();
      const parsed = parse(item.url);
      const links = parsed ? groups.get(parsed.path) : undefined;
      const dated = { ...item, lastmod: new Date(lastmodOf(item.url)).toISOString() };
      return links && links.length > 1 ? { ...dated, links } : dated;
    },
  });
  const done = inner.hooks['astro:build:done']!;
  return {
    ...inner,
    hooks: {
      ...inner.hooks,
      'astro:build:start': async (params) => {
        lastmodRegistry(true)!.clear();
        await inner.hooks['astro:build:start']?.(params);
      },
      // Each build collects its own URLs.
      'astro:build:done': async (params) => {
        kept.length = 0;
        groups = undefined;
        newest = undefined;
        // The sitemap sorts its URLs with a localeCompare per comparison, slow on a district's pages
        // (BENCHMARKS.md). Handed over in that order already, its sort only confirms it.
        const pages = params.pages
          .map((page) => ({ page, url: new URL(page.pathname.replace(/^\//, ''), base).href }))
          .sort((a, b) => byUrl(a.url, b.url));
        await done({ ...params, pages: pages.map((p) => p.page) });
      },
    },
  };
}

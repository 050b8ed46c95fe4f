import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  builtFiles,
  decodePagefind,
  detailPages,
  htmlFiles,
  read,
  readJson,
  siteDir,
} from './site';

interface Fragment {
  url: string;
  content: string;
  meta: { title?: string };
}
const fragments = (): Fragment[] =>
  builtFiles()
    .filter((f) => f.startsWith('pagefind/fragment/'))
    .map((f) => JSON.parse(decodePagefind(f)) as Fragment);
const urlOf = (page: string) => `/${page.replace(/index\.html$/, '')}`;

describe('static search (Pagefind)', () => {
  it('the index was built for both languages', () => {
    const entry = readJson<{ languages: Record<string, { page_count: number }> }>(
      'pagefind/pagefind-entry.json',
    );
    expect(builtFiles()).toContain('pagefind/pagefind.js');
    expect(entry.languages['zh-cn']?.page_count).toBeGreaterThan(0);
    if (detailPages('services', 'en').length > 0)
      expect(entry.languages.en?.page_count).toBeGreaterThan(0);
  });

  it('indexes exactly the service, deliberation, fund, organisation and activity detail pages', () => {
    const indexed = fragments()
      .map((f) => f.url)
      .sort();
    const funds = htmlFiles().filter((f) => /^(en\/)?charity\/[^/]+\/index\.html$/.test(f));
    expect(funds.length).toBeGreaterThan(0);
    const sections = ['services', 'deliberations', 'organizations', 'activities'] as const;
    const expected = [
      ...sections.flatMap((s) => [...detailPages(s), ...detailPages(s, 'en')]),
      ...funds,
    ]
      .map(urlOf)
      .sort();
    expect(indexed).toEqual(expected);
    for (const url of indexed)
      expect(url).toMatch(
        /^\/(en\/)?((services|deliberations|organizations|activities)\/\d+|charity\/[^/]+)\/$/,
      );
  });

  it('detail pages mark their content with data-pagefind-body (so navigation is not indexed)', () => {
    const pages = [
      ...detailPages('services'),
      ...detailPages('deliberations'),
      ...detailPages('organizations'),
    ];
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.filter((p) => !read(p).includes('data-pagefind-body'))).toEqual([]);
  });

  it('the search pages load the index lazily and declare their language', () => {
    for (const [page, lang] of [
      ['search/index.html', 'zh-CN'],
      ['en/search/index.html', 'en'],
    ] as const) {
      const html = read(page);
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).toMatch(/<form[^>]*role="search"[^>]*action="(\/en)?\/search\/"/);
      // Nothing from /pagefind/ is fetched up front: no script src, no preload, no stylesheet.
      expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="\/pagefind\//);
      // The page's own script (a file, for the CSP) imports the index only when it is needed.
      expect(html).toContain('<script type="module" src="/scripts/search.js"></script>');
    }
    expect(read('scripts/search.js')).toContain("'/pagefind/pagefind.js'");
  });
});

/**
 * A real query against the built index, the way a phone runs it: pagefind.js fetches its index
 * over HTTP from a static file server; no search service exists.
 */
describe('static search answers queries', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      try {
        const body = await readFile(
          join(siteDir(), decodeURIComponent(new URL(req.url!, 'http://x').pathname)),
        );
        res.writeHead(200, {
          'content-type':
            extname(req.url!) === '.js' ? 'text/javascript' : 'application/octet-stream',
        });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Loads a fresh copy of pagefind.js as a page in `lang` would, and searches. */
  async function search(
    lang: string,
    query: string,
  ): Promise<Array<{ url: string; title: string; excerpt: string }>> {
    (globalThis as { document?: unknown }).document = {
      querySelector: () => ({ getAttribute: () => lang }),
      currentScript: null,
    };
    try {
      const pf = await import(
        /* @vite-ignore */ `${pathToFileURL(join(siteDir(), 'pagefind', 'pagefind.js')).href}?lang=${lang}`
      );
      await pf.options({ basePath: `${base}/pagefind/` });
      const found = await pf.search(query);
      const data = await Promise.all(
        found.results.map((r: { data: () => Promise<unknown> }) => r.data()),
      );
      return (data as Array<{ url: string; meta: { title: string }; excerpt: string }>).map(
        (d) => ({ url: d.url.replace(base, ''), title: d.meta.title, excerpt: d.excerpt }),
      );
    } finally {
      delete (globalThis as { document?: unknown }).document;
    }
  }

  it('finds a service by Chinese words inside its title (segmentation), excerpt escaped', async () => {
    const { serviceId } = inject('hostile');
    const results = await search('zh-CN', '维修');
    const hit = results.find((r) => r.url === `/services/${serviceId}/`);
    expect(hit, `results: ${results.map((r) => r.url).join(', ')}`).toBeDefined();
    // The excerpt is HTML with <mark>: markup from the record arrives escaped.
    expect(hit!.excerpt).not.toContain('<script');
    expect(hit!.excerpt).toContain('<mark>');
  });

  it('finds a deliberation by a word of its title', async () => {
    const { deliberationId } = inject('hostile');
    expect(detailPages('deliberations').map(urlOf)).toContain(`/deliberations/${deliberationId}/`);
    const results = await search('zh-CN', '楼道照明');
    expect(results.map((r) => r.url)).toContain(`/deliberations/${deliberationId}/`);
  });

  it('English pages are searched from the English index', async () => {
    if (detailPages('services', 'en').length === 0) return;
    const { serviceId } = inject('hostile');
    const results = await search('en', 'alert');
    expect(results.map((r) => r.url)).toContain(`/en/services/${serviceId}/`);
  });
});

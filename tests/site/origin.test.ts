import { describe, expect, it } from 'vitest';
import { builtFiles, read, readJson, SITE_ORIGIN } from './site';

/**
 * The build was given LINLI_SITE_URL (global-setup.ts): every absolute URL of the site starts with
 * it, and no default origin is left behind anywhere.
 */
describe("the site's absolute URLs", () => {
  it('robots.txt, the sitemap, the feeds and the open data start with the configured origin', () => {
    expect(read('robots.txt')).toContain(`Sitemap: ${SITE_ORIGIN}/sitemap-index.xml`);
    const locs = [...read('sitemap-0.xml').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.length).toBeGreaterThan(10);
    for (const loc of locs) expect(loc.startsWith(`${SITE_ORIGIN}/`), loc).toBe(true);
    for (const feed of ['deliberations/rss.xml', 'charity/rss.xml']) {
      const links = [...read(feed).matchAll(/<link>([^<]+)<\/link>/g)].map((m) => m[1]!);
      expect(links.length).toBeGreaterThan(1);
      for (const link of links) expect(link.startsWith(`${SITE_ORIGIN}/`), link).toBe(true);
    }
    expect(readJson<{ homepage: string }>('data/datapackage.json').homepage).toBe(
      `${SITE_ORIGIN}/data/`,
    );
  });

  it('the QR codes of printed notices point at the configured origin', () => {
    const notice = builtFiles().find((f) => /^deliberations\/\d+\/notice\/index\.html$/.test(f));
    expect(notice).toBeDefined();
    const url = /<a href="([^"]+)" class="url"/.exec(read(notice!))?.[1];
    expect(url?.startsWith(`${SITE_ORIGIN}/deliberations/`)).toBe(true);
  });

  it('no page, feed or data file carries a default localhost origin', () => {
    // wrangler.json is the Cloudflare adapter's deploy config (its dev server's host), not content.
    const text = builtFiles().filter(
      (f) =>
        /\.(html|xml|json|csv|txt)$/.test(f) && !f.startsWith('pagefind/') && f !== 'wrangler.json',
    );
    expect(text.length).toBeGreaterThan(100);
    for (const f of text) expect(read(f).includes('localhost'), f).toBe(false);
  });
});

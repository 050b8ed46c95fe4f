// @ts-check

import cloudflare from '@astrojs/cloudflare';
import { defineConfig } from 'astro/config';
import sitemap from './src/integrations/sitemap';

// The public origin of every absolute URL: npm run build and npm start pass the resolved one
// (functions/domain/community/site-origin.ts); run by hand, the address the server would use.
const site = process.env.LINLI_SITE_URL || `http://localhost:${process.env.PORT || 4321}`;

/**
 * Every public page is prerendered from the database at build time (the site is a published
 * view of it). The Cloudflare adapter builds the edge bundle; prerendering runs in Node because
 * the build reads the embedded libSQL file, which workerd cannot open.
 *
 * The search index is not built here: `npm run build` (and the Node shell's builds) run
 * src/integrations/pagefind.ts after `astro build` has exited, so the indexer never shares the
 * machine's memory with the Astro process.
 */
export default defineConfig({
  site,
  output: 'static',
  outDir: process.env.LINLI_OUT_DIR ?? './dist',
  adapter: cloudflare({ prerenderEnvironment: 'node' }),
  trailingSlash: 'ignore',
  i18n: {
    locales: ['zh-cn', 'en'],
    defaultLocale: 'zh-cn',
    routing: { prefixDefaultLocale: false },
  },
  // Four pages in flight: while one page's files are written (each page is its own folder), the
  // next ones render, instead of the build waiting on the disk ~40,000 times in turn.
  // Every stylesheet and script is a file of the site's own (never inlined into the page), so the
  // Content-Security-Policy (functions/http/security-headers.ts) allows them without 'unsafe-inline';
  // the few scripts that must not be bundled live in public/scripts/.
  build: { format: 'directory', concurrency: 4, inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
  integrations: [
    sitemap({
      site,
      i18n: { defaultLocale: 'zh-cn', locales: { 'zh-cn': 'zh-CN', en: 'en' } },
      // Pages only: not the open-data files, feeds or robots.txt, not the 404 pages, and not the
      // sign-in pages (/me/, /counter/, /staff/), which hold nothing to find before signing in.
      filter: (page) =>
        !/\.(json|csv|xml|txt)$/.test(page) &&
        !/^\/(en\/)?(me|counter|staff|404)(\/|\.html)?$/.test(new URL(page).pathname),
    }),
  ],
});

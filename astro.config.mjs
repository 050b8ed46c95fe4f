// @ts-check
import { defineConfig } from 'astro/config';
import cloudflare from '@astrojs/cloudflare';
import sitemap from '@astrojs/sitemap';
import pagefindSearch from './src/integrations/pagefind';

/**
 * Every public page is prerendered from the database at build time (the site is a published
 * view of it). The Cloudflare adapter builds the edge bundle; prerendering runs in Node because
 * the build reads the embedded libSQL file, which workerd cannot open.
 */
export default defineConfig({
  site: process.env.LINLI_SITE_URL ?? 'http://localhost:4321',
  output: 'static',
  outDir: process.env.LINLI_OUT_DIR ?? './dist',
  adapter: cloudflare({ prerenderEnvironment: 'node' }),
  trailingSlash: 'ignore',
  i18n: {
    locales: ['zh-cn', 'en'],
    defaultLocale: 'zh-cn',
    routing: { prefixDefaultLocale: false },
  },
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  integrations: [
    sitemap({
      i18n: { defaultLocale: 'zh-cn', locales: { 'zh-cn': 'zh-CN', en: 'en' } },
      // Pages only: not the open-data files, feeds or robots.txt; not the personal points page.
      filter: (page) => !/\.(json|csv|xml|txt)$/.test(page) && !/\/(en\/)?me\/$/.test(page),
    }),
    // Last: it indexes the pages every other step has finished writing.
    pagefindSearch(),
  ],
});

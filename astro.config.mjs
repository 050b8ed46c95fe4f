// @ts-check
import { defineConfig } from 'astro/config';
import cloudflare from '@astrojs/cloudflare';

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
});

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
// Imported up front: the config's module runner is closed by the time astro:build:done runs.
import * as pagefind from 'pagefind';

/**
 * The pages the static search covers: service and deliberation detail pages in both languages
 * (not their notices, not list pages). Pagefind splits the index by each page's <html lang>, so
 * the Chinese search page finds Chinese pages (with Chinese word segmentation) and the English
 * one English pages. Detail pages mark their indexable content with `data-pagefind-body`.
 */
export const SEARCH_GLOB = '{services,deliberations,en/services,en/deliberations}/*/index.html';

const UNUSED_UI = ['pagefind-ui.js', 'pagefind-ui.css', 'pagefind-component-ui.js', 'pagefind-component-ui.css', 'pagefind-modular-ui.js', 'pagefind-modular-ui.css', 'pagefind-highlight.js'];

/** Builds the Pagefind index into <client>/pagefind/ after Astro has written the site. */
export default function pagefindSearch(): AstroIntegration {
  return {
    name: 'linli:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        try {
          const { index, errors } = await pagefind.createIndex({});
          if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: site, glob: SEARCH_GLOB });
          if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
          // The search page drives pagefind.js itself; Pagefind's prebuilt UI bundles (~0.4 MB) go unused.
          for (const ui of UNUSED_UI) rmSync(join(site, 'pagefind', ui), { force: true });
          logger.info(`search index: ${added.page_count} pages`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}

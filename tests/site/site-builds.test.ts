import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSite } from '../../functions/node/site';

/**
 * The Node shell serves the newest complete build. The search index is written after `astro build`
 * has exited (src/integrations/build.ts) and moved into the site last, so a build stopped between
 * the two (the server killed mid-build) has pages but no search: it must not be served.
 */
describe('which build the Node shell serves', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const build = (sitesDir: string, name: string, files: string[]) => {
    for (const file of files) {
      const path = join(sitesDir, name, 'client', file);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, '');
    }
  };

  it('the newest build with its search index, not a newer one stopped before the index', () => {
    const sitesDir = mkdtempSync(join(tmpdir(), 'linli-sites-'));
    dirs.push(sitesDir);
    expect(latestSite(sitesDir)).toBeUndefined();
    build(sitesDir, 'build-1000', ['index.html', 'pagefind/pagefind-entry.json']);
    build(sitesDir, 'build-2000', ['index.html']);
    expect(latestSite(sitesDir)).toBe(join(sitesDir, 'build-1000', 'client'));
    build(sitesDir, 'build-3000', ['index.html', 'pagefind/pagefind-entry.json']);
    expect(latestSite(sitesDir)).toBe(join(sitesDir, 'build-3000', 'client'));
  });
});

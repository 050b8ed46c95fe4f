import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildPublicSite } from '../../src/integrations/build';

export interface SiteBuildOptions {
  projectRoot: string;
  /** Builds go to <sitesDir>/<stamp>/; the newest complete one is served. */
  sitesDir: string;
  env: Record<string, string | undefined>;
  log?: (line: string) => void;
}

/**
 * Builds the public site from the database into a fresh folder and returns its static root:
 * `astro build`, then the search index, as `npm run build` does (src/integrations/build.ts).
 * A build never writes into the folder being served, so a visitor never sees a half-built site;
 * the caller swaps to the new folder only when the build has completed.
 */
export async function buildSite(options: SiteBuildOptions): Promise<string> {
  mkdirSync(options.sitesDir, { recursive: true });
  const outDir = join(options.sitesDir, `build-${Date.now()}`);
  try {
    const { site } = await buildPublicSite({
      projectRoot: options.projectRoot,
      outDir,
      env: options.env,
      log: options.log,
    });
    return site;
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(`site build failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The newest completed build, if any (a previous start's site can be served while a new one builds).
 * Complete = its search index is in place: the last thing a build writes, moved in whole.
 */
export function latestSite(sitesDir: string): string | undefined {
  if (!existsSync(sitesDir)) return undefined;
  const builds = readdirSync(sitesDir)
    .filter(
      (d) =>
        d.startsWith('build-') &&
        existsSync(join(sitesDir, d, 'client', 'index.html')) &&
        existsSync(join(sitesDir, d, 'client', 'pagefind', 'pagefind-entry.json')),
    )
    .sort();
  const last = builds[builds.length - 1];
  return last ? join(sitesDir, last, 'client') : undefined;
}

/** When a completed build finished: its search index is the last thing written. */
export function siteBuiltAt(site: string): Date | undefined {
  try {
    return statSync(join(site, 'pagefind', 'pagefind-entry.json')).mtime;
  } catch {
    return undefined;
  }
}

/** Removes every build but the one being served. */
export function pruneSites(sitesDir: string, keep: string): void {
  if (!existsSync(sitesDir)) return;
  for (const d of readdirSync(sitesDir)) {
    const dir = join(sitesDir, d);
    if (!keep.startsWith(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

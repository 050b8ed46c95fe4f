/**
 * The public site's build from a given database, as `npm run build` runs it
 * (src/integrations/build.ts: `astro build`, then the search index once Astro has exited), in its
 * own process, timed, with the peak memory of its process tree (polled from /proc: the largest
 * process high-water mark, or the tree's summed RSS at a poll, whichever is larger).
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, ensureDir, log, projectRoot, round, run } from './lib';

export interface BuildResult {
  seconds: number;
  peak_mb: number;
  /** Each process's own high-water mark (the build, the search indexer it runs…). */
  peak_by_process: Array<{ process: string; peak_mb: number }>;
  /** Each step's wall time: `astro build`, then the search index. */
  steps: { astro_s: number; search_index_s: number };
  html_pages: number;
  /** The static root to serve (the Cloudflare adapter's client folder). */
  site_dir: string;
}

function countHtml(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countHtml(join(dir, entry.name));
    else if (entry.name.endsWith('.html')) n++;
  }
  return n;
}

export async function measureBuild(
  databaseFile: string,
  label: string,
  options: { timeoutMs?: number } = {},
): Promise<BuildResult> {
  const outDir = join(ensureDir(join(dataDir, 'sites')), label);
  rmSync(outDir, { recursive: true, force: true });
  log(`build ${label}: npm run build (src/integrations/build.ts) from ${databaseFile}`);
  const r = await run(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'src', 'integrations', 'build.ts'), '--silent'],
    {
      env: {
        ...process.env,
        DATABASE_URL: `file:${databaseFile}`,
        DATABASE_AUTH_TOKEN: '',
        LINLI_OUT_DIR: outDir,
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      timeoutMs: options.timeoutMs ?? 30 * 60_000,
    },
  );
  const steps = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
    site: string;
    astro_s: number;
    search_index_s: number;
  };
  const siteDir = steps.site;
  const result = {
    seconds: round(r.ms / 1000),
    peak_mb: r.peakMb,
    peak_by_process: r.peakByProcess,
    steps: { astro_s: round(steps.astro_s), search_index_s: round(steps.search_index_s) },
    html_pages: countHtml(siteDir),
    site_dir: siteDir,
  };
  log(
    `build ${label}: ${result.seconds} s (astro ${result.steps.astro_s} s, search index ${result.steps.search_index_s} s), peak ${result.peak_mb} MB (${result.peak_by_process.map((p) => `${p.process}: ${p.peak_mb} MB`).join('; ')}), ${result.html_pages} pages`,
  );
  return result;
}

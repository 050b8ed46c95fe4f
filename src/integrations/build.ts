/**
 * The public site's build, the one way it is run: `astro build` in its own Node process, then the
 * search index (./pagefind.ts) once Astro has exited. `npm run build` runs this file; the Node
 * shell (functions/node/site.ts) and the benchmark (bench/build.ts) call or run the same.
 *
 *   tsx src/integrations/build.ts [--silent]    # into LINLI_OUT_DIR, or ./dist
 *
 * Run as `npm run build`, it first checks that the database holds a community and resolves the
 * site's origin (LINLI_SITE_URL, else the stored setting), which every absolute URL of the site uses.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_FILES, headersFile } from '../../functions/http/security-headers';
import { buildSearchIndex, clientDir } from './pagefind';

/**
 * V8 flags of the Astro process. A district's build renders tens of thousands of pages, each a
 * burst of short-lived strings and objects, next to the published data that every page reads.
 * V8's default young generation is too small for a page's garbage to die young: half-finished
 * pages get promoted into the old generation (BENCHMARKS.md, figures moved from the code).
 */
export const ASTRO_NODE_FLAGS = ['--max-semi-space-size=64'];

export interface PublicSiteBuild {
  /** The static root to serve or deploy (<outDir>/client with the Cloudflare adapter). */
  site: string;
  astroSeconds: number;
  searchIndexSeconds: number;
}

export async function buildPublicSite(options: {
  projectRoot: string;
  outDir: string;
  env?: Record<string, string | undefined>;
  /** Astro's own log is kept and only shown when it fails (the default); false passes it through. */
  silent?: boolean;
  log?: (line: string) => void;
}): Promise<PublicSiteBuild> {
  const silent = options.silent ?? true;
  const astroBin = resolve(options.projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const t0 = performance.now();
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [...ASTRO_NODE_FLAGS, astroBin, 'build', ...(silent ? ['--silent'] : [])],
      {
        cwd: options.projectRoot,
        env: {
          ...process.env,
          ...options.env,
          LINLI_OUT_DIR: options.outDir,
          ASTRO_TELEMETRY_DISABLED: '1',
        },
        stdio: ['ignore', silent ? 'pipe' : 'inherit', silent ? 'pipe' : 'inherit'],
      },
    );
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`astro build failed (exit ${code ?? signal}):\n${output.slice(-4000)}`)),
    );
  });
  const t1 = performance.now();
  const site = clientDir(options.outDir);
  placeLocaleNotFound(site);
  writeEdgeFiles(site);
  await buildSearchIndex(site, { log: options.log });
  const t2 = performance.now();
  return { site, astroSeconds: (t1 - t0) / 1000, searchIndexSeconds: (t2 - t1) / 1000 };
}

/**
 * The edge serves the static assets itself, without the Worker: their security headers go in
 * Cloudflare's `_headers` (after the adapter's own rule for /_astro/), generated from the table the
 * servers use, and `.assetsignore` keeps every build file out of the upload.
 */
export function writeEdgeFiles(site: string): void {
  const read = (name: string) =>
    existsSync(join(site, name)) ? readFileSync(join(site, name), 'utf8') : '';
  const adapters = read('_headers');
  writeFileSync(
    join(site, '_headers'),
    `${adapters}${adapters && !adapters.endsWith('\n') ? '\n' : ''}${headersFile()}`,
  );
  const ignored = read('.assetsignore').split('\n').filter(Boolean);
  writeFileSync(
    join(site, '.assetsignore'),
    `${[...new Set([...ignored, ...BUILD_FILES])].join('\n')}\n`,
  );
}

/**
 * Astro writes only the root 404 page as 404.html; the English one (/en/404 from
 * src/pages/[...locale]/404.astro) comes out as en/404/index.html. Moved to en/404.html, it is
 * where Cloudflare's assets look for the nearest 404 page of an /en/ address, and where the Node
 * shell serves it from.
 */
export function placeLocaleNotFound(site: string): void {
  const built = join(site, 'en', '404', 'index.html');
  if (!existsSync(built)) return;
  renameSync(built, join(site, 'en', '404.html'));
  rmSync(join(site, 'en', '404'), { recursive: true, force: true });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
  const silent = process.argv.includes('--silent');
  const outDir = resolve(process.env.LINLI_OUT_DIR ?? resolve(projectRoot, 'dist'));
  const { readyToBuild } = await import('../../functions/node/build-ready');
  const ready = await readyToBuild(process.env);
  if ('refusal' in ready) {
    console.error(ready.refusal);
    process.exit(1);
  }
  const built = await buildPublicSite({
    projectRoot,
    outDir,
    silent,
    env: { LINLI_SITE_URL: ready.siteUrl },
    log: silent ? undefined : (line) => console.log(line),
  });
  // One line for scripts (bench/build.ts reads the steps' times from it).
  console.log(
    JSON.stringify({
      site: built.site,
      astro_s: built.astroSeconds,
      search_index_s: built.searchIndexSeconds,
    }),
  );
}

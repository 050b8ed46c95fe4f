import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface SiteBuildOptions {
  projectRoot: string;
  /** Builds go to <sitesDir>/<stamp>/; the newest complete one is served. */
  sitesDir: string;
  env: Record<string, string | undefined>;
  log?: (line: string) => void;
}

/**
 * Builds the public site from the database into a fresh folder and returns its static root.
 * A build never writes into the folder being served, so a visitor never sees a half-built site;
 * the caller swaps to the new folder only when the build has completed.
 */
export async function buildSite(options: SiteBuildOptions): Promise<string> {
  mkdirSync(options.sitesDir, { recursive: true });
  const outDir = join(options.sitesDir, `build-${Date.now()}`);
  const astroBin = join(options.projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build', '--silent'], {
      cwd: options.projectRoot,
      env: { ...process.env, ...options.env, LINLI_OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) return resolve();
      rmSync(outDir, { recursive: true, force: true });
      reject(new Error(`site build failed (exit ${code}):\n${output.slice(-4000)}`));
    });
  });
  return join(outDir, 'client');
}

/** The newest completed build, if any (a previous start's site can be served while a new one builds). */
export function latestSite(sitesDir: string): string | undefined {
  if (!existsSync(sitesDir)) return undefined;
  const builds = readdirSync(sitesDir)
    .filter((d) => d.startsWith('build-') && existsSync(join(sitesDir, d, 'client', 'index.html')))
    .sort();
  const last = builds[builds.length - 1];
  return last ? join(sitesDir, last, 'client') : undefined;
}

/** Removes every build but the one being served. */
export function pruneSites(sitesDir: string, keep: string): void {
  if (!existsSync(sitesDir)) return;
  for (const d of readdirSync(sitesDir)) {
    const dir = join(sitesDir, d);
    if (!keep.startsWith(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isBuildFile } from '../http/security-headers';
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_USAGE, n, type Output } from './cli-support';

/**
 * Cloudflare's limits on a Worker's static assets, checked before `wrangler deploy` (which says
 * nothing of them in --dry-run). Workers Limits, https://developers.cloudflare.com/workers/platform/limits/
 * ("Number of Static Asset files per Worker version": 20,000 on Workers Free, 100,000 on Workers
 * Paid; "Individual Static Asset file size": 25 MiB on both; as of the page read December 2026).
 */
export const ASSET_LIMITS = {
  files: { free: 20_000, paid: 100_000 },
  fileBytes: 25 * 1024 * 1024,
} as const;
export type Plan = keyof typeof ASSET_LIMITS.files;
export const isPlan = (value: unknown): value is Plan => value === 'free' || value === 'paid';

export interface AssetCount {
  files: number;
  bytes: number;
  largest: { path: string; bytes: number } | null;
  tooLarge: Array<{ path: string; bytes: number }>;
  /** Files under each top-level folder ('.' for the root's own files), most first. */
  byFolder: Array<[string, number]>;
}

/**
 * Counts what wrangler uploads from a built site: every file except the build's own (the ones
 * `.assetsignore` names, which the build writes: src/integrations/build.ts writeEdgeFiles).
 */
export function countAssets(dir: string): AssetCount {
  const ignorePath = join(dir, '.assetsignore');
  const ignored = new Set(
    existsSync(ignorePath)
      ? readFileSync(ignorePath, 'utf8')
          .split('\n')
          .map((l) => l.trim().replace(/^\//, ''))
          .filter(Boolean)
      : [],
  );
  const count: AssetCount = { files: 0, bytes: 0, largest: null, tooLarge: [], byFolder: [] };
  const folders = new Map<string, number>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      const rel = relative(dir, path).split(sep).join('/');
      if (isBuildFile(`/${rel}`) || ignored.has(rel)) continue;
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      const bytes = statSync(path).size;
      count.files++;
      count.bytes += bytes;
      if (!count.largest || bytes > count.largest.bytes) count.largest = { path: rel, bytes };
      if (bytes > ASSET_LIMITS.fileBytes) count.tooLarge.push({ path: rel, bytes });
      const top = rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : '.';
      folders.set(top, (folders.get(top) ?? 0) + 1);
    }
  };
  walk(dir);
  count.byFolder = [...folders].sort((a, b) => b[1] - a[1]);
  return count;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** `deploy-check`: 0 when the site fits the plan's limits, 1 naming each limit it breaks. */
export function deployCheck(dir: string, plan: Plan, output: Output): number {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new CliError(
      `找不到已构建的网站目录：${dir}。请先运行 npm run build。(no built site at ${dir}: run npm run build first)`,
      EXIT_USAGE,
    );
  const c = countAssets(dir);
  const limit = ASSET_LIMITS.files[plan];
  const largest = c.largest ? `${c.largest.path} ${mib(c.largest.bytes)}` : '–';
  output.out(
    `静态文件 ${n(c.files)} 个，共 ${mib(c.bytes)}；最大 ${largest}（${plan} 计划上限 ${n(limit)} 个、单个 25 MiB）` +
      ` (${n(c.files)} static files, ${mib(c.bytes)}; largest ${largest}; the ${plan} plan allows ${n(limit)} files of at most 25 MiB each)`,
  );
  const problems: string[] = [];
  if (c.files > limit) {
    const folders = c.byFolder
      .slice(0, 6)
      .map(([folder, files]) => `${folder}/ ${n(files)}`)
      .join(', ');
    problems.push(
      `文件数 ${n(c.files)} 超过 Cloudflare Workers ${plan === 'free' ? '免费' : '付费'}计划每个版本 ${n(limit)} 个静态文件的上限（${folders}）。` +
        (plan === 'free'
          ? '请改用 Workers 付费计划（上限 100,000，用 --plan paid 检查），或按 DEPLOY.md「静态文件上限」减少文件。'
          : '请按 DEPLOY.md「静态文件上限」减少文件（例如把搜索索引移到 R2）。') +
        ` (${n(c.files)} files exceed the Workers ${plan} plan's limit of ${n(limit)} static asset files per Worker version` +
        ` — most in ${folders}; ${plan === 'free' ? 'move to Workers Paid (100,000; check with --plan paid) or ' : ''}see DEPLOY.md, "Static asset limits")`,
    );
  }
  for (const big of c.tooLarge)
    problems.push(
      `文件 ${big.path} 有 ${mib(big.bytes)}，超过单个静态文件 25 MiB 的上限，请拆分或改放到 R2。` +
        ` (${big.path} is ${mib(big.bytes)}: over the 25 MiB limit per static asset file; split it or serve it from R2)`,
    );
  for (const p of problems) output.err(p);
  return problems.length > 0 ? EXIT_FAILED : EXIT_OK;
}

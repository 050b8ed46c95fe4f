/**
 * Lighthouse (the npm package, its default mobile profile: a mid-range phone's screen, CPU
 * slowed 4× and a slow-4G network, both simulated) with Debian's chromium, against the real Node
 * server serving a built site on loopback. Per page: the four category scores, and the bytes a
 * phone downloads — all, and JavaScript alone — as transferred (compressed).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startServer } from './http-load';
import { log, round } from './lib';

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface PageScores {
  performance: number;
  accessibility: number;
  'best-practices': number;
  seo: number;
}

export interface PageResult {
  path: string;
  scores?: PageScores;
  total_bytes?: number;
  js_bytes?: number;
  /** Failed audits of the categories that must be perfect, for the report. */
  failing?: string[];
  /** The performance metrics behind the score (ms; CLS unitless). */
  metrics?: Record<string, number>;
  error?: string;
}

/** The page paths to audit that exist in the built site (one deliberation: the first published). */
export function auditPaths(siteDir: string, wanted: string[]): string[] {
  return wanted.filter((p) => existsSync(join(siteDir, p, 'index.html')));
}

export async function measureLighthouse(databaseFile: string, siteDir: string, paths: string[]): Promise<PageResult[]> {
  const server = await startServer(databaseFile, { siteDir });
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  const results: PageResult[] = [];
  try {
    for (const path of paths) {
      const url = `${server.origin}${path}`;
      try {
        const runner = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
        const lhr = runner!.lhr;
        if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
        const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
        const requests = ((lhr.audits['network-requests']?.details as { items?: Array<{ resourceType?: string; transferSize?: number }> } | undefined)?.items ?? []);
        const jsBytes = requests.filter((r) => r.resourceType === 'Script').reduce((s, r) => s + (r.transferSize ?? 0), 0);
        const failing: string[] = [];
        for (const id of ['accessibility', 'best-practices', 'seo']) {
          for (const ref of lhr.categories[id]?.auditRefs ?? []) {
            const a = lhr.audits[ref.id];
            if (ref.weight > 0 && a && a.score !== null && a.score < 1) failing.push(`${id}:${ref.id}`);
          }
        }
        const metric = (id: string) => round(lhr.audits[id]?.numericValue ?? NaN, id === 'cumulative-layout-shift' ? 3 : 0);
        const metrics = { fcp: metric('first-contentful-paint'), lcp: metric('largest-contentful-paint'), tbt: metric('total-blocking-time'), cls: metric('cumulative-layout-shift'), si: metric('speed-index') };
        const result: PageResult = {
          metrics,
          path,
          scores: { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') },
          total_bytes: round(lhr.audits['total-byte-weight']?.numericValue ?? 0, 0),
          js_bytes: jsBytes,
          failing,
        };
        log(`lighthouse ${path}: ${JSON.stringify(result.scores)} ${result.total_bytes} B (JS ${jsBytes} B) ${JSON.stringify(metrics)}${failing.length ? ` failing ${failing.join(', ')}` : ''}`);
        results.push(result);
      } catch (error) {
        log(`lighthouse ${path}: ${(error as Error).message}`);
        results.push({ path, error: (error as Error).message.slice(0, 300) });
      }
    }
  } finally {
    await chrome.kill();
    await server.stop();
  }
  return results;
}

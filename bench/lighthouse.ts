/**
 * Lighthouse (the npm package, its default mobile profile: a mid-range phone's screen, CPU
 * slowed 4× and a slow-4G network, both simulated) with Debian's chromium, against the real Node
 * server serving a built site on loopback. Per page (median of three runs: see measureLighthouse):
 * the four category scores, and the bytes a phone downloads — all, and JavaScript alone — as
 * transferred (compressed).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startServer } from './http-load';
import { log, round } from './lib';

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

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
  /** The performance metrics behind the score (ms; CLS unitless): of the median run. */
  metrics?: Record<string, number>;
  /** The performance score of each run (null: the run failed), when there were several. */
  performance_runs?: Array<number | null>;
  error?: string;
}

/** The page paths to audit that exist in the built site (one deliberation: the first published). */
export function auditPaths(siteDir: string, wanted: string[]): string[] {
  return wanted.filter((p) => existsSync(join(siteDir, p, 'index.html')));
}

/**
 * Loads the machine's fonts into the browser once, before any page is measured: a throwaway tab
 * lays out CJK and Latin text, regular and bold, in the generic families. A fresh Chromium copies
 * each font file it first uses (the CJK ones are ~20 MB each) into shared memory for its
 * renderers — ~0.5 s of wall time inside the first page's first layout, which the simulated 4×
 * CPU slowdown turns into ~2 s of FCP for whichever page happens to be audited first. A phone's
 * system fonts are already resident, so every page is measured with them loaded. Only fonts are
 * warmed: Lighthouse still clears the cache and storage before each page.
 */
export async function warmFonts(port: number): Promise<void> {
  const text = '邻里社区积分公开 Linli community points 0123456789 ¥';
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body><p style="font-family:system-ui">${text}<b>${text}</b></p><p style="font-family:sans-serif">${text}<b>${text}</b></p><p style="font-family:serif">${text}<b>${text}</b></p><p style="font-family:monospace">${text}<b>${text}</b></p></body></html>`;
  const target = (await (
    await fetch(`http://127.0.0.1:${port}/json/new?about:blank`, { method: 'PUT' })
  ).json()) as { id: string; webSocketDebuggerUrl: string };
  try {
    const ws = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    const done = new Promise<void>(
      (resolve) => (ws.onmessage = (m) => JSON.parse(String(m.data)).id === 1 && resolve()),
    );
    const expression = `document.open(); document.write(${JSON.stringify(html)}); document.close(); document.body.offsetHeight; document.fonts.ready.then(() => true)`;
    ws.send(
      JSON.stringify({
        id: 1,
        method: 'Runtime.evaluate',
        params: { expression, awaitPromise: true },
      }),
    );
    await Promise.race([done, new Promise((r) => setTimeout(r, 30_000))]);
    ws.close();
  } finally {
    await fetch(`http://127.0.0.1:${port}/json/close/${target.id}`).catch(() => undefined);
  }
}

/**
 * Each page is audited `runs` times (default 3; the rounds go over all the pages in turn, so a burst
 * of load on the machine does not fall on one page's every run) and the median run by performance
 * score is reported, as Lighthouse's own guidance on variability advises: the performance score
 * rests on wall-clock task times, which a shared 2-core machine inflates from one minute to the
 * next. The other three categories are deterministic; each is reported at its worst run, with the
 * failing audits of every run, so a median never hides a failure.
 * `reportDir`: also keep each run's whole Lighthouse report there (<path>.<run>.json).
 */
export async function measureLighthouse(
  databaseFile: string,
  siteDir: string,
  paths: string[],
  options: { reportDir?: string; runs?: number } = {},
): Promise<PageResult[]> {
  const runs = Math.max(1, options.runs ?? (Number(process.env.LIGHTHOUSE_RUNS) || 3));
  const server = await startServer(databaseFile, { siteDir });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: CHROME_FLAGS,
    logLevel: 'silent',
  });
  const byPath = new Map<string, PageResult[]>(paths.map((p) => [p, []]));
  try {
    await warmFonts(chrome.port).catch((error) =>
      log(`lighthouse: font warm-up failed (${(error as Error).message}); measuring cold`),
    );
    for (let run = 1; run <= runs; run++) {
      for (const path of paths)
        byPath
          .get(path)!
          .push(
            await auditOnce(
              `${server.origin}${path}`,
              path,
              chrome.port,
              run,
              runs,
              options.reportDir,
            ),
          );
    }
  } finally {
    await chrome.kill();
    await server.stop();
  }
  return paths.map((path) => medianOf(path, byPath.get(path)!));
}

async function auditOnce(
  url: string,
  path: string,
  port: number,
  run: number,
  runs: number,
  reportDir: string | undefined,
): Promise<PageResult> {
  const tag = runs > 1 ? ` (run ${run}/${runs})` : '';
  try {
    const runner = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    const lhr = runner!.lhr;
    if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    if (reportDir) {
      mkdirSync(reportDir, { recursive: true });
      writeFileSync(
        join(reportDir, `${path.replace(/\//g, '_') || '_'}.${run}.json`),
        JSON.stringify(lhr),
      );
    }
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const requests =
      (
        lhr.audits['network-requests']?.details as
          | { items?: Array<{ resourceType?: string; transferSize?: number }> }
          | undefined
      )?.items ?? [];
    const jsBytes = requests
      .filter((r) => r.resourceType === 'Script')
      .reduce((s, r) => s + (r.transferSize ?? 0), 0);
    const failing: string[] = [];
    for (const id of ['accessibility', 'best-practices', 'seo']) {
      for (const ref of lhr.categories[id]?.auditRefs ?? []) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a && a.score !== null && a.score < 1) failing.push(`${id}:${ref.id}`);
      }
    }
    const metric = (id: string) =>
      round(lhr.audits[id]?.numericValue ?? NaN, id === 'cumulative-layout-shift' ? 3 : 0);
    const metrics = {
      fcp: metric('first-contentful-paint'),
      lcp: metric('largest-contentful-paint'),
      tbt: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'),
      si: metric('speed-index'),
    };
    const result: PageResult = {
      metrics,
      path,
      scores: {
        performance: score('performance'),
        accessibility: score('accessibility'),
        'best-practices': score('best-practices'),
        seo: score('seo'),
      },
      total_bytes: round(lhr.audits['total-byte-weight']?.numericValue ?? 0, 0),
      js_bytes: jsBytes,
      failing,
    };
    log(
      `lighthouse ${path}${tag}: ${JSON.stringify(result.scores)} ${result.total_bytes} B (JS ${jsBytes} B) ${JSON.stringify(metrics)}${failing.length ? ` failing ${failing.join(', ')}` : ''}`,
    );
    return result;
  } catch (error) {
    log(`lighthouse ${path}${tag}: ${(error as Error).message}`);
    return { path, error: (error as Error).message.slice(0, 300) };
  }
}

/** The median run by performance (its metrics and bytes); the other categories at their worst run, failing audits of all runs. */
function medianOf(path: string, all: PageResult[]): PageResult {
  const ok = all.filter((r) => r.scores);
  if (ok.length === 0) return all[0] ?? { path, error: 'no run' };
  const sorted = [...ok].sort((a, b) => a.scores!.performance - b.scores!.performance);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  if (all.length === 1) return median;
  const worst = (k: 'accessibility' | 'best-practices' | 'seo') =>
    Math.min(...ok.map((r) => r.scores![k]));
  const result: PageResult = {
    ...median,
    scores: {
      performance: median.scores!.performance,
      accessibility: worst('accessibility'),
      'best-practices': worst('best-practices'),
      seo: worst('seo'),
    },
    failing: [...new Set(ok.flatMap((r) => r.failing ?? []))],
    performance_runs: all.map((r) => r.scores?.performance ?? null),
  };
  log(
    `lighthouse ${path}: median of ${all.length} runs (performance ${result.performance_runs!.join(', ')}): ${JSON.stringify(result.scores)} ${JSON.stringify(result.metrics)}`,
  );
  return result;
}

/**
 * `npm run bench` — measured speed and scale, against the physical limit (issue 5). Loopback
 * only, every run bounded in count and time. See BENCHMARKS.md for what each figure means.
 *
 *   npm run bench                 the full run (several minutes; generates bench/data/big.db once)
 *   npm run bench -- --quick      a small version of every part (< 2 min, in CI): checks that each
 *                                 part runs and gives sane numbers — never that a target is met
 *   --only=ceiling,http,import,growth,verify,edge,build,lighthouse   a subset (full sizes unless
 *                                 --quick)
 *   --profile                     CPU profiles of the server for each measured API run, summarised
 *                                 (bench/data/profiles/)
 *   --regenerate                  make the generated databases again even if they match
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { apiRun, growthPairs, prepare, workingCopy } from './api-runs';
import { type BuildResult, measureBuild } from './build';
import { checksRun, problems, sane } from './checks';
import { measureEdge } from './edge';
import { measureWriteFloor, startServer } from './http-load';
import { measureImportLoad } from './import-load';
import { dataDir, ensureDir, fileMb, log, machine, round, run, tsNode } from './lib';
import { auditPaths, CHROMIUM, measureLighthouse, type PageResult } from './lighthouse';
import {
  BIG,
  DEMO,
  EDGE,
  http,
  IMPORT,
  LEVELS,
  now,
  only,
  PAGES,
  quick,
  SMALL,
  wants,
} from './plan';
import { type Results, targetsOf, writeResults } from './report';

const t0 = performance.now();

async function main(): Promise<void> {
  log(`${quick ? 'quick' : 'full'} run${only ? ` (only ${only.join(', ')})` : ''}`);
  const details: Record<string, unknown> = {};
  const r: Partial<Results> = {
    date: now.toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: machine(),
  };

  const small =
    wants('ceiling') || wants('http') || wants('import') ? await prepare(SMALL) : undefined;
  const big = wants('growth') || wants('verify') || wants('build') ? await prepare(BIG) : undefined;
  details.databases = { small, big };

  if (small && (wants('ceiling') || wants('http'))) {
    const { api, ceilings, settings } = await apiRun(small, 'small', LEVELS, true);
    const c64 = api.redeem.find((l) => l.concurrency === 64)!;
    const ceilingPerS = round(ceilings.reduce((s, c) => s + c.per_s, 0) / ceilings.length, 0);
    Object.assign(r, {
      sqlite_ceiling_per_s: ceilingPerS,
      redeem_per_s: c64.per_s,
      redeem_ratio_to_ceiling: round(c64.per_s / ceilingPerS, 2),
      redeem_p50_ms_c64: c64.p50_ms,
      redeem_p99_ms_c64: c64.p99_ms,
      balance_reads_per_s: api.reads!.per_s,
      balance_p99_ms: api.reads!.p99_ms,
    });
    details.ceiling = ceilings;
    details.server_database_settings = settings;
    details.redeem = api.redeem;
    details.balance_reads = api.reads;
    details.floor = api.floor;
    for (const l of api.redeem) {
      sane(`redeem c=${l.concurrency} per_s`, l.per_s);
      if (l.ok !== l.requests)
        problems.push(
          `redeem c=${l.concurrency}: ${l.requests - l.ok} failed requests ${JSON.stringify(l.errors)}`,
        );
    }
    sane('ceiling', ceilingPerS);
    sane('balance reads per_s', api.reads!.per_s);
    if (api.reads!.ok !== api.reads!.requests)
      problems.push(`balance reads: failures ${JSON.stringify(api.reads!.errors)}`);
    if (settings.journal_mode !== 'wal' || settings.synchronous !== 'FULL')
      problems.push(`server database is not WAL + synchronous=FULL: ${JSON.stringify(settings)}`);

    const floor = await measureWriteFloor(join(dataDir, 'write-floor.db'), {
      concurrency: 64,
      durationMs: http(LEVELS).readDurationMs,
      warmupMs: http(LEVELS).warmupMs,
    });
    r.write_floor_per_s = floor.per_s;
    r.write_floor_p99_ms_c64 = floor.p99_ms;
    details.write_floor = floor;
    sane('write floor per_s', floor.per_s);
    if (floor.ok !== floor.requests)
      problems.push(`write floor: failures ${JSON.stringify(floor.errors)}`);
  }

  if (small && wants('import')) {
    const file = workingCopy(small.file);
    const server = await startServer(file);
    try {
      const imp = await measureImportLoad(file, server, IMPORT);
      Object.assign(r, {
        import_rows_per_s: imp.import_rows_per_s,
        import_redeem_p99_ms: imp.during_p99_ms,
        import_redeem_p99_ratio: imp.p99_ratio,
      });
      details.import = imp;
      sane('import rows per_s', imp.import_rows_per_s);
      sane('import redemptions p99', imp.during_p99_ms);
      if (imp.import_exit !== 0)
        problems.push(
          `import of ${imp.rows} residents exited ${imp.import_exit}:\n${imp.import_output}`,
        );
      if (imp.during_failed > 0)
        problems.push(
          `import: ${imp.during_failed} redemption(s) during the import failed ${JSON.stringify(imp.during.map((d) => d.errors))}`,
        );
      if (imp.normal.ok !== imp.normal.requests)
        problems.push(
          `import: redemptions before the import failed ${JSON.stringify(imp.normal.errors)}`,
        );
    } finally {
      await server.stop();
    }
  }

  if (big && wants('growth')) {
    const { api, ceilings } = await apiRun(big, 'big', quick ? [64] : LEVELS, true, !quick);
    const c64 = api.redeem.find((l) => l.concurrency === 64)!;
    r.redeem_per_s_1m = c64.per_s;
    r.redeem_p99_ms_c64_1m = c64.p99_ms;
    details.big_redeem = api.redeem;
    details.big_balance_reads = api.reads;
    details.big_floor = api.floor;
    details.big_ceiling = ceilings;
    sane('redeem (big) per_s', c64.per_s);
    if (c64.ok !== c64.requests)
      problems.push(`redeem (big): failures ${JSON.stringify(c64.errors)}`);
    const growth = await growthPairs(small ?? (await prepare(SMALL)), big);
    r.redeem_growth_ratio = growth.ratio;
    details.growth_pairs = growth;
  }

  if (big && wants('verify')) {
    const file = existsSync(big.file.replace(/\.db$/, '-run.db'))
      ? big.file.replace(/\.db$/, '-run.db')
      : big.file;
    const [cmd, args] = tsNode('../functions/node/cli.ts');
    const v = await run(cmd, [...args, 'verify'], {
      env: { ...process.env, DATABASE_URL: `file:${file}` },
      allowFail: true,
      timeoutMs: 10 * 60_000,
    });
    const entries = Number(v.stdout.match(/entries: ([\d,]+)/)?.[1]?.replace(/,/g, '') ?? NaN);
    r.verify_1m_s = round(v.ms / 1000);
    details.verify = {
      seconds: r.verify_1m_s,
      entries,
      exit: v.code,
      peak_mb: v.peakMb,
      database_mb: fileMb(file),
    };
    log(`verify: ${r.verify_1m_s} s over ${entries} entries (exit ${v.code})`);
    if (v.code !== 0)
      problems.push(
        `npm run verify failed on the generated database:\n${v.stdout.slice(-1500)}${v.stderr.slice(-1500)}`,
      );
    sane('verify entries', entries, Math.min(big.entries, 1_000_000) - 1);
  }

  if (wants('edge')) {
    const e = await measureEdge(EDGE);
    Object.assign(r, {
      edge_redeem_round_trips: e.redeem_round_trips,
      edge_award50_round_trips: e.award50_round_trips,
      edge_redeem_p50_ms_rtt50: e.redeem_p50_ms_rtt50,
      edge_redeem_per_s: e.redeem_per_s,
    });
    details.edge = e.details;
    sane('edge redemption round trips', e.redeem_round_trips);
    sane('edge award batch round trips', e.award50_round_trips);
    sane('edge redemption p50 with delay', e.redeem_p50_ms_rtt50, EDGE.rttMs);
    sane('edge redemptions per_s', e.redeem_per_s);
    for (const [what, run] of Object.entries(e.runs)) {
      if (run.ok !== run.requests)
        problems.push(`edge ${what}: failures ${JSON.stringify(run.errors)}`);
      if (run.in_ledger !== run.ok)
        problems.push(`edge ${what}: ${run.ok} answered 201, ${run.in_ledger} in the ledger`);
    }
  }

  let site: BuildResult | undefined;
  let siteDb: string | undefined;
  if (wants('build') || wants('lighthouse')) {
    if (big && wants('build')) {
      const b = await measureBuild(big.file, quick ? 'quick-big' : 'big');
      r.build_big_s = b.seconds;
      r.build_big_peak_mb = b.peak_mb;
      details.build_big = b;
      sane('build (big) pages', b.html_pages);
      if (quick) {
        site = b;
        siteDb = big.file;
      }
    }
    if (!quick) {
      const demo = await prepare(DEMO);
      const b = await measureBuild(demo.file, 'demo');
      r.build_demo_s = b.seconds;
      r.build_demo_peak_mb = b.peak_mb;
      details.build_demo = b;
      site = b;
      siteDb = demo.file;
    }
  }

  if (wants('lighthouse')) {
    if (!site || !siteDb) {
      const demo = await prepare(quick ? BIG : DEMO);
      site = await measureBuild(demo.file, quick ? 'quick-big' : 'demo');
      siteDb = demo.file;
    }
    if (!existsSync(CHROMIUM)) problems.push(`lighthouse: no chromium at ${CHROMIUM}`);
    else {
      const paths = auditPaths(site.site_dir, quick ? ['/'] : PAGES);
      const missing = (quick ? ['/'] : PAGES).filter((p) => !paths.includes(p));
      // The median of three runs per page (one in the quick run): single Lighthouse runs vary with the machine's load.
      const pages: PageResult[] = await measureLighthouse(
        workingCopy(siteDb),
        site.site_dir,
        paths,
        { runs: quick ? 1 : 3 },
      );
      r.lighthouse = {};
      r.page_js_bytes = {};
      r.page_total_bytes = {};
      for (const p of pages) {
        if (p.error || !p.scores) {
          r.lighthouse[p.path] = { error: p.error ?? 'no scores' };
          problems.push(`lighthouse ${p.path}: ${p.error}`);
          continue;
        }
        r.lighthouse[p.path] = { ...p.scores };
        r.page_js_bytes[p.path] = p.js_bytes!;
        r.page_total_bytes[p.path] = p.total_bytes!;
        sane(`lighthouse ${p.path} performance`, p.scores.performance, -1);
        sane(`lighthouse ${p.path} bytes`, p.total_bytes);
      }
      for (const p of missing) r.lighthouse[p] = { error: 'page not built (not in this site yet)' };
      details.lighthouse_failing_audits = Object.fromEntries(
        pages.map((p) => [p.path, p.failing ?? []]),
      );
      details.lighthouse_metrics = Object.fromEntries(pages.map((p) => [p.path, p.metrics ?? {}]));
    }
  }

  details.seconds = round((performance.now() - t0) / 1000);
  const full = { lighthouse: {}, page_js_bytes: {}, page_total_bytes: {}, ...r, details } as Omit<
    Results,
    'targets'
  >;
  const results: Results = { ...full, targets: targetsOf(full) } as Results;
  // Only a complete full run replaces bench/results.json and the table in BENCHMARKS.md.
  ensureDir(dataDir);
  const file = writeResults(
    results,
    join(dataDir, quick ? 'results-quick.json' : 'results-partial.json'),
    !only,
  );
  log(`results in ${file} (${details.seconds} s)`);
  const missed = Object.entries(results.targets).filter(([, t]) => !t.met);
  if (missed.length)
    log(
      `targets missed (informational):\n  ${missed.map(([k, t]) => `${k}: ${t.value} (target ${t.target})`).join('\n  ')}`,
    );
  // The plain closing line CI reads: each sanity check is one test.
  if (problems.length) {
    console.error(`bench: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    console.log(`bench: ${checksRun() - problems.length} passed, ${problems.length} failed`);
    process.exit(1);
  }
  console.log(`bench${quick ? ' --quick' : ''}: every part ran in ${details.seconds} s`);
  console.log(`bench: ${checksRun()} passed, 0 failed`);
}

await main();

/** bench/results.json and the table at the top of BENCHMARKS.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, projectRoot } from './lib';

export interface Results {
  date: string;
  mode: 'full' | 'quick';
  machine: Record<string, unknown>;
  sqlite_ceiling_per_s: number;
  redeem_per_s: number;
  redeem_ratio_to_ceiling: number;
  redeem_p50_ms_c64: number;
  redeem_p99_ms_c64: number;
  balance_reads_per_s: number;
  balance_p99_ms: number;
  /** The write floor over HTTP (bench/write-floor-server.ts), 64 clients: the latency the machine allows a durable write. */
  write_floor_per_s: number;
  write_floor_p99_ms_c64: number;
  /** A 100,000-row CLI import of residents (no passwords or cards) beside 16 redeeming clients: its rows/s, the redemptions' p99 during it, and that ÷ their p99 just before. */
  import_rows_per_s: number;
  import_redeem_p99_ms: number;
  import_redeem_p99_ratio: number;
  redeem_per_s_1m: number;
  redeem_p99_ms_c64_1m: number;
  /** Big ÷ small database, 64-client redemptions/s, from runs alternated small, big, big, small (details.growth_pairs). */
  redeem_growth_ratio: number;
  verify_1m_s: number;
  /** The Worker in workerd on sqld (bench/edge.ts): database round trips of a redemption (the larger of by code and by card). */
  edge_redeem_round_trips: number;
  /** … of a 50-line award batch: its largest request (creation, or the approval it waits for). */
  edge_award50_round_trips: number;
  /** A redemption's latency, p50, with 50 ms added per round trip between the Worker and sqld. */
  edge_redeem_p50_ms_rtt50: number;
  /** Redemptions/s through the Worker, a few counters at once, no added delay. */
  edge_redeem_per_s: number;
  build_big_s: number;
  build_big_peak_mb: number;
  build_demo_s: number;
  build_demo_peak_mb: number;
  lighthouse: Record<string, Record<string, number> | { error: string }>;
  page_js_bytes: Record<string, number>;
  page_total_bytes: Record<string, number>;
  targets: Record<string, { target: string; value: number | string; met: boolean }>;
  details: Record<string, unknown>;
}

export function targetsOf(r: Omit<Results, 'targets'>): Results['targets'] {
  const t: Results['targets'] = {};
  const add = (key: string, target: string, value: number | string, met: boolean) =>
    (t[key] = { target, value, met });
  add(
    'redeem_ratio_to_ceiling',
    '≥ 0.5',
    r.redeem_ratio_to_ceiling,
    r.redeem_ratio_to_ceiling >= 0.5,
  );
  add('redeem_p99_ms_c64', '≤ 20 ms', r.redeem_p99_ms_c64, r.redeem_p99_ms_c64 <= 20);
  add('balance_reads_per_s', '≥ 5,000/s', r.balance_reads_per_s, r.balance_reads_per_s >= 5000);
  add('balance_p99_ms', '≤ 10 ms', r.balance_p99_ms, r.balance_p99_ms <= 10);
  add('import_redeem_p99_ratio', '≤ 2', r.import_redeem_p99_ratio, r.import_redeem_p99_ratio <= 2);
  add(
    'redeem_growth_ratio',
    '≥ 0.8 (within 20%)',
    r.redeem_growth_ratio,
    r.redeem_growth_ratio >= 0.8,
  );
  add('verify_1m_s', '≤ 20 s', r.verify_1m_s, r.verify_1m_s <= 20);
  add('edge_redeem_round_trips', '≤ 2', r.edge_redeem_round_trips, r.edge_redeem_round_trips <= 2);
  add(
    'edge_award50_round_trips',
    '≤ 3',
    r.edge_award50_round_trips,
    r.edge_award50_round_trips <= 3,
  );
  add(
    'edge_redeem_p50_ms_rtt50',
    '≤ 150 ms',
    r.edge_redeem_p50_ms_rtt50,
    r.edge_redeem_p50_ms_rtt50 <= 150,
  );
  add('build_big_s', '≤ 120 s', r.build_big_s, r.build_big_s <= 120);
  add('build_big_peak_mb', '≤ 2048 MB', r.build_big_peak_mb, r.build_big_peak_mb <= 2048);
  for (const [page, s] of Object.entries(r.lighthouse)) {
    if ('error' in s) {
      add(`lighthouse ${page}`, 'runs', String(s.error), false);
      continue;
    }
    add(`lighthouse ${page} performance`, '≥ 95', s.performance!, s.performance! >= 95);
    for (const c of ['accessibility', 'best-practices', 'seo'])
      add(`lighthouse ${page} ${c}`, '= 100', s[c]!, s[c] === 100);
  }
  return t;
}

const fmt = (x: number | string | undefined) =>
  typeof x === 'number' ? x.toLocaleString('en-US') : (x ?? '–');

export function table(r: Results): string {
  const rows: Array<[string, string, string]> = [
    ['SQLite ceiling (bare libSQL write transactions/s)', fmt(r.sqlite_ceiling_per_s), '–'],
    ['Redemptions/s, 64 clients', fmt(r.redeem_per_s), '–'],
    ['… ratio to the ceiling', fmt(r.redeem_ratio_to_ceiling), '≥ 0.5'],
    [
      '… p50 / p99 latency, 64 clients (ms)',
      `${fmt(r.redeem_p50_ms_c64)} / ${fmt(r.redeem_p99_ms_c64)}`,
      'p99 ≤ 20',
    ],
    [
      "Write floor over HTTP (bare server, the ceiling's transaction, one commit per turn)/s, 64 clients; p99 (ms)",
      `${fmt(r.write_floor_per_s)}; ${fmt(r.write_floor_p99_ms_c64)}`,
      '–',
    ],
    ['Balance reads (GET /api/me)/s, 64 clients', fmt(r.balance_reads_per_s), '≥ 5,000'],
    ['… p99 latency (ms)', fmt(r.balance_p99_ms), '≤ 10'],
    [
      'Resident import by the CLI (100,000 rows, no passwords or cards), rows/s',
      fmt(r.import_rows_per_s),
      '–',
    ],
    [
      '… redemption p99 during it, 16 clients (ms); ÷ p99 just before',
      `${fmt(r.import_redeem_p99_ms)}; ${fmt(r.import_redeem_p99_ratio)}`,
      'ratio ≤ 2',
    ],
    ['Redemptions/s, 64 clients, 1M-entry database', fmt(r.redeem_per_s_1m), '–'],
    ['… big ÷ small database, alternated runs', fmt(r.redeem_growth_ratio), '≥ 0.8'],
    ['… p99 latency (ms)', fmt(r.redeem_p99_ms_c64_1m), '–'],
    ['`npm run verify` over 1M entries (s)', fmt(r.verify_1m_s), '≤ 20'],
    [
      'The edge (workerd + sqld): database round trips per redemption; per 50-line award batch request',
      `${fmt(r.edge_redeem_round_trips)}; ${fmt(r.edge_award50_round_trips)}`,
      '≤ 2; ≤ 3',
    ],
    ['… redemption p50 with 50 ms per round trip (ms)', fmt(r.edge_redeem_p50_ms_rtt50), '≤ 150'],
    [
      '… redemptions/s through the Worker, 4 counters, no added delay',
      fmt(r.edge_redeem_per_s),
      '–',
    ],
    [
      'Site build, 10k deliberations / 35k residents / 50k fund entries (s)',
      fmt(r.build_big_s),
      '≤ 120',
    ],
    ['… peak memory (MB)', fmt(r.build_big_peak_mb), '≤ 2,048'],
    [
      'Site build, demo size (s / peak MB)',
      `${fmt(r.build_demo_s)} / ${fmt(r.build_demo_peak_mb)}`,
      '–',
    ],
  ];
  const lines = [
    '| figure | value | target |',
    '| --- | ---: | --- |',
    ...rows.map(([a, b, c]) => `| ${a} | ${b} | ${c} |`),
  ];
  lines.push(
    '',
    '| page | performance | accessibility | best practices | SEO | JS bytes | total bytes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const [page, s] of Object.entries(r.lighthouse)) {
    if ('error' in s) lines.push(`| \`${page}\` | ${String(s.error).slice(0, 80)} | | | | | |`);
    else
      lines.push(
        `| \`${page}\` | ${s.performance} | ${s.accessibility} | ${s['best-practices']} | ${s.seo} | ${fmt(r.page_js_bytes[page])} | ${fmt(r.page_total_bytes[page])} |`,
      );
  }
  const m = r.machine as {
    cores?: number;
    cpu?: string;
    memory_gb?: number;
    node?: string;
    loadavg_at_start?: number;
  };
  lines.push(
    '',
    `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC (${r.mode}) on ${m.cores} cores (${m.cpu}), ${m.memory_gb} GB, Node ${m.node}; 1-minute load average at the start ${m.loadavg_at_start}.`,
  );
  return lines.join('\n');
}

export const RESULTS_FILE = join(benchDir, 'results.json');
const BENCHMARKS = join(projectRoot, 'BENCHMARKS.md');
const START = '<!-- bench:table:start -->';
const END = '<!-- bench:table:end -->';

/** Writes the results: a complete full run to bench/results.json and the BENCHMARKS.md table; any other run to `otherFile` only. */
export function writeResults(r: Results, otherFile: string, complete: boolean): string {
  const official = r.mode === 'full' && complete;
  const file = official ? RESULTS_FILE : otherFile;
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  if (official && existsSync(BENCHMARKS)) {
    const md = readFileSync(BENCHMARKS, 'utf8');
    const a = md.indexOf(START);
    const b = md.indexOf(END);
    if (a >= 0 && b > a)
      writeFileSync(BENCHMARKS, `${md.slice(0, a + START.length)}\n${table(r)}\n${md.slice(b)}`);
  }
  return file;
}

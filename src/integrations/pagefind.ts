/**
 * The static search index (Pagefind), built as its own step after `astro build` has exited:
 * `npm run build`, the Node shell's site builds (functions/node/site.ts) and the benchmark all run
 * `astro build`, then this. Run by hand: `tsx src/integrations/pagefind.ts [<client dir>]`
 * (default: the client folder of LINLI_OUT_DIR or ./dist, as astro.config.mjs sets it).
 *
 * Why a separate step, one process per language: Pagefind's indexer holds every page's words in
 * memory while it builds an index — on a district's site, more than the build's memory budget
 * allows on top of what the Astro process still holds in its `astro:build:done` hook (BENCHMARKS.md,
 * third round). Here Astro has exited first, and each language is
 * indexed by its own run of the Pagefind binary, so only one language's index is ever in memory.
 * Pagefind builds each language's index separately anyway (its own meta, chunks and fragments,
 * all named by hash), so the runs' outputs merge into one /pagefind/ folder with one
 * pagefind-entry.json listing both languages — what one run over both would have written.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * What the static search covers: service, deliberation, fund, organisation and activity detail pages (not their notices
 * or monthly statements, not list pages), one index per language. Pagefind picks the index by the search page's <html lang>,
 * so the Chinese search page finds Chinese pages (with Chinese word segmentation) and the English
 * one English pages. Detail pages mark their indexable content with `data-pagefind-body`.
 */
const SECTIONS = ['services', 'deliberations', 'charity', 'organizations', 'activities'] as const;
export const SEARCH_LANGUAGES = [
  { language: 'zh-cn', prefix: '' },
  { language: 'en', prefix: 'en/' },
].map((l) => ({ ...l, glob: `{${SECTIONS.map((s) => l.prefix + s).join(',')}}/*/index.html` }));

/** Whether any page matches a language's glob (Pagefind's command line fails on none). */
function hasPages(site: string, prefix: string): boolean {
  return SECTIONS.some((section) => {
    const dir = join(site, prefix, section);
    return (
      existsSync(dir) &&
      readdirSync(dir, { withFileTypes: true }).some(
        (d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.html')),
      )
    );
  });
}

/**
 * Parts of a detail page that are not the record's words, left out of the index: the vote tables
 * (counts, percentages and their bars), the attendance bar, progress bars, the print button, each
 * timeline entry's date/status/percent line, and the page's own labels (section headings, field
 * names such as 时间/地点/主持人). Searching for those words matched every deliberation; the record's
 * text (titles, place, chair, summary, agenda, decisions, resolution, follow-ups, notes, linked
 * services and spending) is all still indexed. It also keeps the index's memory down: Pagefind
 * needs about 1.5 KB per distinct word per page while it builds.
 */
export const EXCLUDE_SELECTORS = [
  '.votes',
  '.attendance',
  '.progress',
  '.actions',
  '.timeline .when',
  'h2',
  'h4',
  'dt',
];

/** Pagefind's prebuilt UI bundles (~0.4 MB): the search page drives pagefind.js itself. */
const UNUSED_UI = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
];

interface Entry {
  version: string;
  languages: Record<string, { hash: string; wasm: string | null; page_count: number }>;
  include_characters?: string[];
}

/**
 * The platform's Pagefind binary, the extended one with Chinese segmentation first, found by the
 * pagefind package's own lookup (what its `bin` wrapper runs). Spawned directly rather than through
 * that wrapper: the wrapper is a second Node process held for the whole indexing run, and
 * indexing is the build's peak memory.
 */
async function pagefindBinary(): Promise<string> {
  // Found by Node's lookup of node_modules folders (the package exports no entry for its lookup).
  const lookup = (createRequire(import.meta.url).resolve.paths('pagefind') ?? [])
    .map((dir) => join(dir, 'pagefind', 'lib', 'resolveBinary.js'))
    .find((path) => existsSync(path));
  if (!lookup) throw new Error('pagefind: the pagefind package is not installed (npm install)');
  const { resolveBinaryPath } = (await import(pathToFileURL(lookup).href)) as {
    resolveBinaryPath: (names: string[]) => string;
  };
  return resolveBinaryPath(['pagefind_extended', 'pagefind']);
}

/**
 * The command line that runs Pagefind on one CPU where Linux's taskset is at hand. Pagefind's peak
 * memory grows with the CPUs it may use (BENCHMARKS.md, eighth round), and indexing is the
 * build's peak, so one CPU keeps it under the 2 GB budget whatever the machine. Elsewhere it runs
 * as it is.
 */
function onOneCpu(command: string, args: string[]): [string, string[]] {
  if (process.platform !== 'linux') return [command, args];
  const taskset = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'taskset'))
    .find((path) => existsSync(path));
  const allowed = /^Cpus_allowed_list:\s*(\d+)/m.exec(
    readFileSync('/proc/self/status', 'utf8'),
  )?.[1];
  return taskset && allowed !== undefined
    ? [taskset, ['-c', allowed, command, ...args]]
    : [command, args];
}

async function runPagefind(args: string[]): Promise<void> {
  const [command, commandArgs] = onOneCpu(await pagefindBinary(), args);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`pagefind exited ${code ?? signal}:\n${output.slice(-3000)}`)),
    );
  });
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** Moves one language's bundle into the combined one: its own files by name, the shared ones must be the same. */
function mergeBundle(from: string, into: string): void {
  const entry = JSON.parse(readFileSync(join(into, 'pagefind-entry.json'), 'utf8')) as Entry;
  const add = JSON.parse(readFileSync(join(from, 'pagefind-entry.json'), 'utf8')) as Entry;
  if (
    add.version !== entry.version ||
    JSON.stringify(add.include_characters) !== JSON.stringify(entry.include_characters)
  ) {
    throw new Error(
      `pagefind: bundles of different versions or options (${entry.version}, ${add.version})`,
    );
  }
  for (const file of filesUnder(from)) {
    const name = relative(from, file);
    if (name === 'pagefind-entry.json') continue;
    const target = join(into, name);
    if (!existsSync(target)) {
      mkdirSync(dirname(target), { recursive: true });
      renameSync(file, target);
    } else if (!readFileSync(target).equals(readFileSync(file))) {
      throw new Error(`pagefind: ${name} differs between the languages' bundles`);
    }
  }
  for (const [language, meta] of Object.entries(add.languages)) {
    if (entry.languages[language]) throw new Error(`pagefind: language ${language} indexed twice`);
    entry.languages[language] = meta;
  }
  // Pagefind writes the languages sorted by name (a BTreeMap), compactly.
  entry.languages = Object.fromEntries(
    Object.entries(entry.languages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  writeFileSync(join(into, 'pagefind-entry.json'), JSON.stringify(entry));
}

async function emptyBundle(bundle: string): Promise<void> {
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
}

export interface SearchIndexResult {
  pages: Record<string, number>;
}

/**
 * Builds the Pagefind index of a built site into <site>/pagefind/, one language at a time. Work
 * folders sit next to the site folder (never inside what is served) and are removed afterwards.
 */
export async function buildSearchIndex(
  site: string,
  options: { log?: (line: string) => void } = {},
): Promise<SearchIndexResult> {
  site = resolve(site);
  if (!existsSync(join(site, 'index.html')))
    throw new Error(`pagefind: ${site} is not a built site (no index.html)`);
  const target = join(site, 'pagefind');
  const work = join(dirname(site), `.pagefind-${process.pid}`);
  // The bundle is put together in the work folder and moved into the site whole, last: a site
  // with a /pagefind/ folder has its complete index (functions/node/site.ts serves only such builds).
  const bundle = join(work, 'bundle');
  rmSync(target, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
  try {
    const pages: Record<string, number> = {};
    for (const { language, prefix, glob } of SEARCH_LANGUAGES) {
      pages[language] = 0;
      if (!hasPages(site, prefix)) continue;
      const out = join(work, language);
      await runPagefind([
        '--site',
        site,
        '--glob',
        glob,
        '--output-path',
        out,
        '--silent',
        ...EXCLUDE_SELECTORS.flatMap((s) => ['--exclude-selectors', s]),
      ]);
      const entry = JSON.parse(readFileSync(join(out, 'pagefind-entry.json'), 'utf8')) as Entry;
      const others = Object.keys(entry.languages).filter((l) => l !== language);
      if (others.length > 0)
        throw new Error(
          `pagefind: pages of ${others.join(', ')} matched ${glob} (check their <html lang>)`,
        );
      pages[language] = entry.languages[language]?.page_count ?? 0;
      if (!existsSync(bundle)) renameSync(out, bundle);
      else mergeBundle(out, bundle);
    }
    // No records published yet: the bundle without pages, so the search pages still load it.
    if (!existsSync(bundle)) await emptyBundle(bundle);
    for (const ui of UNUSED_UI) rmSync(join(bundle, ui), { force: true });
    renameSync(bundle, target);
    options.log?.(
      `search index: ${Object.entries(pages)
        .map(([l, n]) => `${n} ${l} pages`)
        .join(', ')}`,
    );
    return { pages };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The static root of a build in `outDir`: the Cloudflare adapter writes it to <outDir>/client. */
export function clientDir(outDir: string): string {
  const client = join(outDir, 'client');
  return existsSync(client) && statSync(client).isDirectory() ? client : outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const site = process.argv[2] ?? clientDir(resolve(process.env.LINLI_OUT_DIR ?? 'dist'));
  const t = performance.now();
  await buildSearchIndex(site, {
    log: (line) => console.log(`${line} in ${((performance.now() - t) / 1000).toFixed(1)} s`),
  });
}

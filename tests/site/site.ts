import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Client } from '@libsql/client';
import { inject } from 'vitest';

/** The built site, as global-setup left it. Every helper reads files: no server, no browser. */
export const siteDir = (): string => inject('siteDir');
export const SITE_ORIGIN = 'https://linli.example.org';

let files: string[] | undefined;
/** Every file of the built site, as '/'-separated paths relative to its root. */
export function builtFiles(): string[] {
  if (files) return files;
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(siteDir(), full).split(sep).join('/'));
    }
  };
  walk(siteDir());
  files = out.sort();
  return files;
}

export const htmlFiles = () => builtFiles().filter((f) => f.endsWith('.html'));

export function read(file: string): string {
  return readFileSync(join(siteDir(), file), 'utf8');
}
export function readBytes(file: string): Buffer {
  return readFileSync(join(siteDir(), file));
}
export function readJson<T = unknown>(file: string): T {
  return JSON.parse(read(file)) as T;
}

/** The built file a URL (absolute on the site's origin, or a path) is served from; undefined if none. */
export function fileFor(url: string): string | undefined {
  const u = new URL(url, SITE_ORIGIN);
  if (u.origin !== SITE_ORIGIN) return undefined;
  let path = decodeURIComponent(u.pathname).replace(/^\//, '');
  if (path === '' || path.endsWith('/')) path += 'index.html';
  if (existsSync(join(siteDir(), path)) && statSync(join(siteDir(), path)).isFile()) return path;
  if (existsSync(join(siteDir(), path, 'index.html'))) return `${path}/index.html`;
  return undefined;
}

/** The page a URL points to exists, and so does the element its #fragment names. */
export function resolves(url: string): { ok: true } | { ok: false; why: string } {
  const file = fileFor(url);
  if (!file) return { ok: false, why: `no built file for ${url}` };
  const hash = new URL(url, SITE_ORIGIN).hash.slice(1);
  if (
    hash &&
    file.endsWith('.html') &&
    !new RegExp(`\\sid=["']?${hash.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'\\s>]`).test(
      read(file),
    )
  ) {
    return { ok: false, why: `${file} has no element id="${hash}" (from ${url})` };
  }
  return { ok: true };
}

/**
 * A Pagefind fragment or meta file decoded: gzip, then the 'pagefind_dcd' signature. Chinese text in
 * fragments carries zero-width spaces between segmented words, which are removed here.
 */
export function decodePagefind(file: string): string {
  const raw = gunzipSync(readBytes(file)).toString('utf8');
  return raw.replace(/^pagefind_dcd/, '').replace(/\u200B/g, '');
}

/** The database the site was built from, for plain SQL (loaded on first use: most files never need it). */
let client: Promise<Client> | undefined;
export function builtFrom(): Promise<Client> {
  client ??= import('@libsql/client').then(({ createClient }) =>
    createClient({ url: inject('databaseUrl') }),
  );
  return client;
}
/** Rows of a query against that database. */
export async function query<T>(sql: string): Promise<T[]> {
  return (await (await builtFrom()).execute(sql)).rows as unknown as T[];
}

/** The open-data collections the site promises (the issues' list, independent of the code). */
export const COLLECTIONS = [
  'services',
  'organizations',
  'deliberations',
  'vote-tallies',
  'followups',
  'funds',
  'budgets',
  'donations',
  'incomes',
  'expenses',
  'corrections',
  'merchants',
  'items',
  'activities',
  'volunteers',
  'honour-roll',
  'points-monthly',
  'satisfaction',
  'versions',
] as const;

/** Built detail pages of a section ('services' → ['services/1/index.html', …]) in one language. */
export function detailPages(
  section: 'services' | 'deliberations' | 'organizations' | 'activities',
  locale: 'zh-cn' | 'en' = 'zh-cn',
): string[] {
  const prefix = locale === 'en' ? `en/${section}/` : `${section}/`;
  return htmlFiles().filter(
    (f) => f.startsWith(prefix) && /^\d+\/index\.html$/.test(f.slice(prefix.length)),
  );
}

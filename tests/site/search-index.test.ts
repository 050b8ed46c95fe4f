import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFiles, decodePagefind, detailPages, htmlFiles, readJson, siteDir } from './site';

/**
 * The search index is built after `astro build`, one Pagefind run per language merged into one
 * bundle (src/integrations/pagefind.ts). It holds the records' words, not the page's labels.
 */
interface Fragment {
  url: string;
  content: string;
  meta: { title?: string };
}
const fragments = (): Fragment[] =>
  builtFiles()
    .filter((f) => f.startsWith('pagefind/fragment/'))
    .map((f) => JSON.parse(decodePagefind(f)) as Fragment);

describe('search index bundle', () => {
  it('one entry file listing both languages, each with all its detail pages and its own files', () => {
    const entry = readJson<{
      version: string;
      languages: Record<string, { hash: string; page_count: number }>;
    }>('pagefind/pagefind-entry.json');
    expect(Object.keys(entry.languages)).toEqual(['en', 'zh-cn']);
    const funds = (prefix: string) =>
      htmlFiles().filter((f) => new RegExp(`^${prefix}charity/[^/]+/index\\.html$`).test(f)).length;
    expect(funds('')).toBeGreaterThan(0);
    expect(entry.languages['zh-cn']!.page_count).toBe(
      detailPages('services').length +
        detailPages('deliberations').length +
        funds('') +
        detailPages('organizations').length +
        detailPages('activities').length,
    );
    expect(entry.languages.en!.page_count).toBe(
      detailPages('services', 'en').length +
        detailPages('deliberations', 'en').length +
        funds('en/') +
        detailPages('organizations', 'en').length +
        detailPages('activities', 'en').length,
    );
    for (const [language, { hash }] of Object.entries(entry.languages)) {
      expect(builtFiles()).toContain(`pagefind/pagefind.${hash}.pf_meta`);
      expect(builtFiles().some((f) => f.startsWith(`pagefind/index/${language}_`))).toBe(true);
      expect(builtFiles().some((f) => f.startsWith(`pagefind/fragment/${language}_`))).toBe(true);
    }
    expect(builtFiles()).toContain('pagefind/pagefind.js');
    expect(builtFiles()).toContain('pagefind/wasm.unknown.pagefind');
    // Pagefind's own UI bundles are not shipped; the per-language work folders are gone.
    expect(
      builtFiles().filter((f) =>
        /^pagefind\/pagefind-(ui|modular-ui|component-ui|highlight)/.test(f),
      ),
    ).toEqual([]);
    expect(readdirSync(dirname(siteDir())).filter((d) => d.startsWith('.pagefind-'))).toEqual([]);
    expect(existsSync(`${siteDir()}/pagefind`)).toBe(true);
  });

  it('a deliberation’s fragment holds its record (title, resolution), not the page’s labels and vote tables', () => {
    const deliberations =
      readJson<Array<{ url: string; title: string; resolution: string; agendaItems: string[] }>>(
        'data/deliberations.json',
      );
    const byPath = new Map(fragments().map((f) => [f.url, f]));
    let checked = 0;
    // Plain records (the hostile ones, with markup in their text, are escaping.test.ts's business).
    for (const d of deliberations
      .filter((x) => !/[<>&"']/.test(x.title + x.resolution))
      .slice(0, 20)) {
      const fragment = byPath.get(new URL(d.url).pathname);
      expect(fragment, d.url).toBeDefined();
      expect(fragment!.meta.title).toBe(d.title);
      const squash = (s: string) => s.replace(/\s+/g, '');
      expect(squash(fragment!.content)).toContain(squash(d.resolution));
      for (const label of ['出席情况', '会议概要', '打印公示版', '表决票数', '主持人'])
        expect(fragment!.content).not.toContain(label);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

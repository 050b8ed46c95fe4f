import { describe, expect, it } from 'vitest';
import { localized, paths } from '../../functions/domain/publishing/urls';
import { RECENT_MONTHS } from '../../src/lib/charity';
import { fileFor, htmlFiles, read, readJson, resolves, SITE_ORIGIN } from './site';

/**
 * /charity/ and the fund pages list only the records of the latest RECENT_MONTHS calendar months
 * (a district's ten years of records made /charity/ a 30 MB page); every record stays on its fund's
 * monthly statement, which the fund page links, and links to records never dangle.
 */
type Row = { id: number; fundCode: string; date: string; correctionIds: number[] };
const records = () => [
  ...readJson<Row[]>('data/donations.json').map((r) => ({ ...r, kind: 'donation' as const })),
  ...readJson<Row[]>('data/expenses.json').map((r) => ({ ...r, kind: 'expense' as const })),
];
const month = (r: { date: string }) => r.date.slice(0, 7);
/** The first month of the window ending with `last`. */
const firstOf = (last: string) => {
  const [y, m] = last.split('-').map(Number) as [number, number];
  const i = y * 12 + m - 1 - (RECENT_MONTHS - 1);
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};
const page = (url: string) => {
  const file = fileFor(url);
  expect(file, url).toBeDefined();
  return read(file!);
};
const has = (html: string, anchor: string) => html.includes(`id="${anchor}"`);

describe('charity pages list the latest months; the statements list every month', () => {
  it('the demo community has records older than the window (else the tests below test nothing)', () => {
    const months = records().map(month).sort();
    expect(months[0]! < firstOf(months[months.length - 1]!)).toBe(true);
  });

  for (const locale of ['zh-cn', 'en'] as const) {
    it(`/charity/ (${locale}): only records of the latest ${RECENT_MONTHS} months, with the notice`, () => {
      const rows = records();
      const first = firstOf(rows.map(month).sort().at(-1)!);
      const html = page(localized('/charity/', locale));
      const old = rows.filter((r) => month(r) < first && has(html, `${r.kind}-${r.id}`));
      expect(old.map((r) => `${r.kind}-${r.id} ${r.date}`)).toEqual([]);
      const missing = rows.filter((r) => month(r) >= first && !has(html, `${r.kind}-${r.id}`));
      expect(missing.map((r) => `${r.kind}-${r.id} ${r.date}`)).toEqual([]);
      // The notice says so, and links the funds' statements and the open data.
      expect(html).toContain('id="recent-note"');
      expect(html).toContain(`href="${localized('/data/', locale)}"`);
      for (const code of new Set(rows.map((r) => r.fundCode)))
        expect(html).toContain(`href="${localized(paths.fund(code), locale)}#flows"`);
    });

    it(`fund pages (${locale}): each lists its own latest ${RECENT_MONTHS} months, and links every month's statement`, () => {
      const rows = records();
      for (const code of new Set(rows.map((r) => r.fundCode))) {
        const mine = rows.filter((r) => r.fundCode === code);
        const first = firstOf(mine.map(month).sort().at(-1)!);
        const html = page(localized(paths.fund(code), locale));
        expect(
          mine
            .filter((r) => month(r) >= first !== has(html, `${r.kind}-${r.id}`))
            .map((r) => `${code} ${r.kind}-${r.id} ${r.date}`),
        ).toEqual([]);
        if (mine.some((r) => month(r) < first)) expect(html).toContain('id="recent-note"');
        else expect(html).not.toContain('id="recent-note"');
        // Every record, listed here or not, is on a statement this page links to, with its corrections.
        const linked = new Set(
          [...html.matchAll(/href="([^"#]+\/\d{4}-\d{2}\/)"/g)].map((m) => m[1]!),
        );
        const unreachable: string[] = [];
        for (const r of mine) {
          const statement = localized(paths.fundStatement(code, month(r)), locale);
          if (!linked.has(statement))
            unreachable.push(`${r.kind}-${r.id}: ${statement} not linked`);
          else {
            const text = page(statement);
            for (const anchor of [
              `${r.kind}-${r.id}`,
              ...r.correctionIds.map((c) => `correction-${c}`),
            ]) {
              // A correction is on the statement of its own month: follow the record's link to it.
              if (anchor.startsWith('correction-')) {
                const href = text.match(new RegExp(`href="([^"]*#${anchor})"`))?.[1];
                if (!href) unreachable.push(`${statement}: no link to ${anchor}`);
                else if (!resolves(new URL(href, `${SITE_ORIGIN}${statement}`).href).ok)
                  unreachable.push(`${statement}: ${href} does not resolve`);
              } else if (!has(text, anchor)) unreachable.push(`${statement}: no ${anchor}`);
            }
          }
        }
        expect(unreachable.slice(0, 10), `${unreachable.length} unreachable`).toEqual([]);
      }
    });
  }

  it('every link to a record on the charity pages resolves (records outside a page go to their statement)', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const file of htmlFiles().filter((f) => /^(en\/)?charity\//.test(f))) {
      const url = `${SITE_ORIGIN}/${file.replace(/index\.html$/, '')}`;
      for (const m of read(file).matchAll(
        /href="([^"]*#(?:donation|income|expense|correction)-\d+)"/g,
      )) {
        checked++;
        const r = resolves(new URL(m[1]!.replace(/&amp;/g, '&'), url).href);
        if (!r.ok) failures.push(`${file}: ${r.why}`);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(failures.slice(0, 10), `${failures.length} dangling`).toEqual([]);
  });
});

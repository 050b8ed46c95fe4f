import { describe, expect, it } from 'vitest';
import { fileFor, read, readJson } from './site';

/**
 * A deliberation's vote tallies are drawn as bars in the page itself: every option's bar is its
 * share of the item's votes, and no deliberation page carries a chart for chart.js to draw.
 */
interface OpenDeliberation {
  url: string;
  votes: string[]; // "<item position>:<option>=<votes>", as the open data writes them
}

function expectedWidths(votes: string[]): string[] {
  const items = new Map<number, number[]>();
  for (const v of votes) {
    const m = /^(\d+):.*=(\d+)$/.exec(v);
    if (!m) throw new Error(`unreadable vote ${v}`);
    const position = Number(m[1]);
    items.set(position, [...(items.get(position) ?? []), Number(m[2])]);
  }
  return [...items.entries()]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([, counts]) => {
      const total = counts.reduce((s, n) => s + n, 0);
      return counts.map((n) => (total > 0 ? ((n / total) * 100).toFixed(1) : '0'));
    });
}

describe('vote tallies', () => {
  const deliberations = readJson<OpenDeliberation[]>('data/deliberations.json');

  it('draw each option as a bar of its share, with no chart script', () => {
    const withVotes = deliberations.filter((d) => d.votes.length > 0);
    expect(withVotes.length, 'the demo has deliberations with votes, so this test is not vacuous').toBeGreaterThan(0);
    for (const d of withVotes) {
      const html = read(fileFor(d.url)!);
      const drawn = [...html.matchAll(/class="share-bar"[^>]*><svg viewBox="0 0 100 10"[^>]*><rect width="([\d.]+)"/g)].map((m) => m[1]);
      expect(drawn, d.url).toEqual(expectedWidths(d.votes));
      expect(html, d.url).not.toMatch(/<canvas\b|data-chart=/);
    }
  });

  it('the bars are pictures of figures printed beside them, hidden from screen readers', () => {
    const d = deliberations.find((x) => x.votes.length > 0)!;
    const html = read(fileFor(d.url)!);
    expect(html).toMatch(/<td class="num share[^"]*"[^>]*><span class="share-bar[^"]*" aria-hidden="true"[^>]*><svg[^>]*>.*?<\/svg><\/span><span class="share-value[^"]*"[^>]*>\d+(\.\d)?%<\/span><\/td>/);
  });
});

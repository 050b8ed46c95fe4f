import { describe, expect, it } from 'vitest';
import { fileFor, read, readJson } from './site';

/**
 * A deliberation's vote tallies are drawn as bars in the page itself: every option's bar is its
 * share of the item's votes, and no deliberation page carries a chart for chart.js to draw.
 */
interface Tally {
  url: string;
  agendaPosition: number;
  optionPosition: number;
  votes: number;
}

function expectedWidths(votes: Tally[]): string[] {
  const items = new Map<number, number[]>();
  for (const v of [...votes].sort(
    (a, b) => a.agendaPosition - b.agendaPosition || a.optionPosition - b.optionPosition,
  )) {
    items.set(v.agendaPosition, [...(items.get(v.agendaPosition) ?? []), v.votes]);
  }
  return [...items.entries()]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([, counts]) => {
      const total = counts.reduce((s, n) => s + n, 0);
      return counts.map((n) => (total > 0 ? ((n / total) * 100).toFixed(1) : '0'));
    });
}

describe('vote tallies', () => {
  // The open data's one row per option, grouped by meeting.
  const byMeeting = new Map<string, Tally[]>();
  for (const t of readJson<Tally[]>('data/vote-tallies.json'))
    byMeeting.set(t.url, [...(byMeeting.get(t.url) ?? []), t]);
  const deliberations = [...byMeeting].map(([url, votes]) => ({ url, votes }));

  it('draw each option as a bar of its share, with no chart script', () => {
    const withVotes = deliberations.filter((d) => d.votes.length > 0);
    expect(
      withVotes.length,
      'the demo has deliberations with votes, so this test is not vacuous',
    ).toBeGreaterThan(0);
    for (const d of withVotes) {
      const html = read(fileFor(d.url)!);
      const drawn = [
        ...html.matchAll(
          /class="share-bar"[^>]*><svg viewBox="0 0 100 10"[^>]*><rect width="([\d.]+)"/g,
        ),
      ].map((m) => m[1]);
      expect(drawn, d.url).toEqual(expectedWidths(d.votes));
      expect(html, d.url).not.toMatch(/<canvas\b|data-chart=/);
    }
  });

  it('the bars are pictures of figures printed beside them, hidden from screen readers', () => {
    const d = deliberations.find((x) => x.votes.length > 0)!;
    const html = read(fileFor(d.url)!);
    expect(html).toMatch(
      /<td class="num share[^"]*"[^>]*><span class="share-bar[^"]*" aria-hidden="true"[^>]*><svg[^>]*>.*?<\/svg><\/span><span class="share-value[^"]*"[^>]*>\d+(\.\d)?%<\/span><\/td>/,
    );
  });
});

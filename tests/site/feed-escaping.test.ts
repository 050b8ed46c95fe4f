import { XMLParser } from 'fast-xml-parser';
import { parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import { htmlLines, rssResponse } from '../../src/lib/rss';

/**
 * Every feed field escaped exactly once, judged as a feed reader judges it: the XML parsed, then a
 * description (HTML) parsed as HTML, a title or category (plain text) taken as text. A staff member's
 * `<b>x</b> & "q"` must reach the reader as those characters, never as a <b> element, and never as
 * `&lt;b&gt;` either (escaped twice).
 */
const HOSTILE = '<b>x</b> & "q" \'s';

interface Node {
  nodeName: string;
  value?: string;
  childNodes?: Node[];
}
const walk = (node: Node): Node[] => [node, ...(node.childNodes ?? []).flatMap(walk)];
/** What a reader displays of an HTML fragment: its elements and its text. */
function asHtml(fragment: string): { elements: string[]; text: string } {
  const nodes = walk(parseFragment(fragment) as unknown as Node);
  return {
    elements: nodes.filter((n) => !n.nodeName.startsWith('#')).map((n) => n.nodeName),
    text: nodes
      .filter((n) => n.nodeName === '#text')
      .map((n) => n.value)
      .join(''),
  };
}

async function hostileFeed() {
  const res = await rssResponse({
    locale: 'zh-cn',
    base: new URL('https://linli.example'),
    path: '/deliberations/rss.xml',
    site: 'https://linli.example/',
    title: `社区 ${HOSTILE}`,
    description: `频道 ${HOSTILE}`,
    items: [
      {
        title: HOSTILE,
        link: 'https://linli.example/deliberations/1/?a=1&b=2',
        pubDate: new Date('2026-03-09T00:00:00Z'),
        categories: [HOSTILE],
        description: htmlLines([HOSTILE, `决议：${HOSTILE}`]),
      },
    ],
  });
  const raw = await res.text();
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => ['item', 'category'].includes(name),
  }).parse(raw);
  return { raw, channel: parsed.rss.channel };
}

describe('feed fields are escaped exactly once', () => {
  it('a description reaches the reader as the literal text <b>x</b>, not a <b> element, not &lt;b&gt;', async () => {
    const { raw, channel } = await hostileFeed();
    expect(raw).not.toContain('<b>');
    const description = asHtml(channel.item[0].description);
    expect(description.elements).toEqual(['br']); // the line break htmlLines puts between lines, nothing of the text
    expect(description.text).toBe(`${HOSTILE}决议：${HOSTILE}`);
  });

  it('titles and categories (plain text) read back exactly as written; the link keeps its query', async () => {
    const { channel } = await hostileFeed();
    expect(channel.title).toBe(`社区 ${HOSTILE}`);
    expect(channel.description).toBe(`频道 ${HOSTILE}`);
    expect(channel.item[0].title).toBe(HOSTILE);
    expect(channel.item[0].category).toEqual([HOSTILE]);
    expect(channel.item[0].link).toBe('https://linli.example/deliberations/1/?a=1&b=2');
    expect(channel['atom:link']['@href']).toBe('https://linli.example/deliberations/rss.xml');
  });
});

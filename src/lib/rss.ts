import rss, { type RSSFeedItem } from '@astrojs/rss';
import type { Locale } from '../i18n/ui';

/**
 * RSS 2.0 with the channel's own address (atom:link rel="self") and when its newest entry appeared
 * (lastBuildDate). Every field is escaped exactly once for what a reader does with it: a title or a
 * category is plain text, escaped once for XML (by the XML writer); a description is HTML, so its
 * staff text is HTML-escaped here (htmlLines), and the XML writer then escapes that for XML: the
 * reader shows `<b>` as the characters, not bold (tests/site/feed-escaping.test.ts).
 */

const ATOM = 'http://www.w3.org/2005/Atom';

/** A local (Beijing time) date as the instant it began. */
export const localMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Lines of plain text as the HTML an item's description holds. */
export const htmlLines = (lines: string[]) => lines.filter(Boolean).map(escapeHtml).join('<br>');

export interface Feed {
  locale: Locale;
  base: URL;
  /** The feed's own path (zh-CN form, e.g. /charity/rss.xml). */
  path: string;
  /** The channel's link: the site's home page in the feed's language. */
  site: string;
  title: string;
  description: string;
  items: Array<RSSFeedItem & { pubDate: Date }>;
}

export async function rssResponse(feed: Feed): Promise<Response> {
  const self = new URL(`${feed.locale === 'en' ? '/en' : ''}${feed.path}`, feed.base).href;
  const newest = feed.items.reduce<Date | undefined>(
    (a, i) => (!a || i.pubDate > a ? i.pubDate : a),
    undefined,
  );
  return rss({
    title: feed.title,
    description: feed.description,
    site: feed.site,
    xmlns: { atom: ATOM },
    customData: [
      `<language>${feed.locale === 'en' ? 'en' : 'zh-cn'}</language>`,
      newest ? `<lastBuildDate>${newest.toUTCString()}</lastBuildDate>` : '',
      `<atom:link href="${escapeHtml(self)}" rel="self" type="application/rss+xml"/>`,
    ].join(''),
    items: feed.items,
  });
}

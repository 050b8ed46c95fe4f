import type { RSSFeedItem } from '@astrojs/rss';
import type { PublicHistory } from '../../functions/domain/publishing/versions';
import { historyKey } from '../../functions/domain/publishing/versions';
import { type Locale, t } from '../i18n/ui';
import { href } from './links';

/**
 * Feed items announcing revisions and withdrawals of public records: one per version after the
 * first, linked to the record's history page, so a subscriber learns that a record changed and why.
 * `html` turns the description's lines into the item's HTML (src/lib/rss.ts escapes them once).
 * A record without a history page of its own (a money record, a row of its fund's monthly
 * statement) gives `linkOf`, where the item links instead.
 */
export function versionItems<R extends { id: number; title: string; url: string }>(
  locale: Locale,
  histories: Record<string, PublicHistory>,
  entity: string,
  records: R[],
  base: URL,
  html: (lines: string[]) => string,
  linkOf: (record: R, version: number) => string = (r, version) =>
    new URL(`${href(locale, r.url)}history/#v${version}`, base).href,
): Array<RSSFeedItem & { pubDate: Date }> {
  return records.flatMap((r) => {
    const history = histories[historyKey(entity, r.id)];
    if (!history) return [];
    return history.versions
      .filter((v) => v.kind !== 'published' && v.reason)
      .map((v) => ({
        title: t(locale, v.kind === 'withdrawn' ? 'version.feedWithdrawn' : 'version.feedRevised', {
          title: r.title,
        }),
        link: linkOf(r, v.version),
        pubDate: new Date(v.at),
        description: html([
          v.reason ?? '',
          ...v.changes
            .filter((c) => c.field !== 'status')
            .map((c) => `${c.field}: ${String(c.from ?? '—')} → ${String(c.to ?? '—')}`),
        ]),
      }));
  });
}

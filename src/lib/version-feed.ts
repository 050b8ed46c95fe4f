import type { RSSFeedItem } from '@astrojs/rss';
import type { PublicHistory } from '../../functions/domain/publishing/versions';
import { historyKey } from '../../functions/domain/publishing/versions';
import { t } from '../i18n/ui';

/**
 * Feed items announcing revisions and withdrawals of public records: one per version after the
 * first, linked to the record's history page, so a subscriber learns that a record changed and why.
 */
export function versionItems(
  histories: Record<string, PublicHistory>,
  entity: string,
  records: Array<{ id: number; title: string; url: string }>,
  base: string | URL,
): RSSFeedItem[] {
  return records.flatMap((r) => {
    const history = histories[historyKey(entity, r.id)];
    if (!history) return [];
    return history.versions
      .filter((v) => v.kind !== 'published' && v.reason)
      .map((v) => ({
        title: t('zh-cn', v.kind === 'withdrawn' ? 'version.feedWithdrawn' : 'version.feedRevised', { title: r.title }),
        link: new URL(`${r.url}history/#v${v.version}`, base).href,
        pubDate: new Date(v.at),
        description: [v.reason ?? '', ...v.changes.filter((c) => c.field !== 'status').map((c) => `${c.field}：${String(c.from ?? '—')} → ${String(c.to ?? '—')}`)].join('\n'),
      }));
  });
}

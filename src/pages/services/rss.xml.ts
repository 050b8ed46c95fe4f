import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { communityName } from '../../../functions/domain/community/settings';
import { label } from '../../i18n/labels';
import { publicData } from '../../lib/data';
import { buildDatabase } from '../../lib/db';
import { siteOrigin } from '../../lib/origin';
import { versionItems } from '../../lib/version-feed';

/** How many of the newest services the feed carries (revisions and withdrawals come on top). */
const LIMIT = 50;

/** /services/rss.xml — services as they are published, revised and withdrawn (RSS 2.0). */
export const GET: APIRoute = async ({ site }) => {
  const base = siteOrigin(site);
  const [{ services, histories }, name] = await Promise.all([publicData(), communityName(buildDatabase().read)]);
  const newest = services
    .filter((s) => s.publishedAt)
    .sort((a, b) => (a.publishedAt! < b.publishedAt! ? 1 : -1))
    .slice(0, LIMIT);
  const items = [
    ...newest.map((s) => ({
      title: s.title,
      link: new URL(s.url, base).href,
      pubDate: new Date(s.publishedAt!),
      categories: [label('zh-cn', 'category', s.category)],
      description: [`${s.provider.name} · ${s.schedule} · ${s.place}`, s.description].join('\n'),
    })),
    ...versionItems(histories, 'service', services, base),
  ].sort((a, b) => (b.pubDate?.getTime() ?? 0) - (a.pubDate?.getTime() ?? 0));
  return rss({
    title: `${name} · 服务清单`,
    description: `${name}公开提供的服务，以及每一次修订和撤回（附说明）。`,
    site: base,
    customData: '<language>zh-cn</language>',
    items,
  });
};

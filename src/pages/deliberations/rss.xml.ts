import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { communityName } from '../../../functions/domain/community/settings';
import { label } from '../../i18n/labels';
import { publicData } from '../../lib/data';
import { buildDatabase } from '../../lib/db';
import { siteOrigin } from '../../lib/origin';
import { versionItems } from '../../lib/version-feed';

/** How many of the newest deliberations the feed carries. */
const LIMIT = 50;

/** A local (Beijing time) date as the instant it began. */
const localMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** /deliberations/rss.xml — the newest published deliberations (RSS 2.0). */
export const GET: APIRoute = async ({ site }) => {
  const base = siteOrigin(site);
  const [{ deliberations, histories }, name] = await Promise.all([publicData(), communityName(buildDatabase().read)]);
  // The projection is newest first by meeting date; the feed keeps that order.
  return rss({
    title: `${name} · 议事协商`,
    description: `${name}居民议事会、楼栋议事会、家物会和居民论坛的会议记录与决议（民有所呼，我有所应）。`,
    site: base,
    customData: '<language>zh-cn</language>',
    items: [
      ...deliberations.slice(0, LIMIT).map((d) => ({
        title: d.title,
        link: new URL(d.url, base).href,
        pubDate: localMidnight(d.date),
        categories: [label('zh-cn', 'body', d.body)],
        description: [`${d.date} · ${label('zh-cn', 'body', d.body)} · ${d.place}`, d.summary, `决议：${d.resolution}`].join('\n'),
      })),
      // Revisions and withdrawals, announced when they happened.
      ...versionItems(histories, 'deliberation', deliberations, base),
    ],
  });
};

import type { APIRoute } from 'astro';
import { deliberationsFeed } from '../../lib/feeds';
import { siteOrigin } from '../../lib/origin';

/** /deliberations/rss.xml (RSS 2.0, newest first); src/lib/feeds.ts builds it. */
export const GET: APIRoute = ({ site }) => deliberationsFeed('zh-cn', siteOrigin(site));

import type { APIRoute } from 'astro';
import { charityFeed } from '../../lib/feeds';
import { siteOrigin } from '../../lib/origin';

/** /charity/rss.xml (RSS 2.0, newest first); src/lib/feeds.ts builds it. */
export const GET: APIRoute = ({ site }) => charityFeed('zh-cn', siteOrigin(site));

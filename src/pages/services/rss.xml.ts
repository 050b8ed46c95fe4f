import type { APIRoute } from 'astro';
import { servicesFeed } from '../../lib/feeds';
import { siteOrigin } from '../../lib/origin';

/** /services/rss.xml (RSS 2.0, newest first); src/lib/feeds.ts builds it. */
export const GET: APIRoute = ({ site }) => servicesFeed('zh-cn', siteOrigin(site));

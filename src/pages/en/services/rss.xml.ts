import type { APIRoute } from 'astro';
import { servicesFeed } from '../../../lib/feeds';
import { siteOrigin } from '../../../lib/origin';

/** /en/services/rss.xml: the English twin of /services/rss.xml (record text stays as written). */
export const GET: APIRoute = ({ site }) => servicesFeed('en', siteOrigin(site));

import type { APIRoute } from 'astro';
import { deliberationsFeed } from '../../../lib/feeds';
import { siteOrigin } from '../../../lib/origin';

/** /en/deliberations/rss.xml: the English twin of /deliberations/rss.xml (record text stays as written). */
export const GET: APIRoute = ({ site }) => deliberationsFeed('en', siteOrigin(site));

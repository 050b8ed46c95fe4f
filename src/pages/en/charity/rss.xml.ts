import type { APIRoute } from 'astro';
import { charityFeed } from '../../../lib/feeds';
import { siteOrigin } from '../../../lib/origin';

/** /en/charity/rss.xml: the English twin of /charity/rss.xml (record text stays as written). */
export const GET: APIRoute = ({ site }) => charityFeed('en', siteOrigin(site));

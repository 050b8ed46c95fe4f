import type { APIRoute } from 'astro';
import type { Localized } from '../../../i18n/locale-paths';
import { deliberationsFeed } from '../../../lib/feeds';
import { siteOrigin } from '../../../lib/origin';

export { bothLocales as getStaticPaths } from '../../../i18n/locale-paths';

/** /deliberations/rss.xml and /en/deliberations/rss.xml (RSS 2.0, newest first; record text stays as written), built by src/lib/feeds.ts. */
export const GET: APIRoute<Localized> = ({ props, site }) =>
  deliberationsFeed(props.locale, siteOrigin(site));

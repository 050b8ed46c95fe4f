import type { APIRoute } from 'astro';
import type { Localized } from '../../../i18n/locale-paths';
import { servicesFeed } from '../../../lib/feeds';
import { siteOrigin } from '../../../lib/origin';

export { bothLocales as getStaticPaths } from '../../../i18n/locale-paths';

/** /services/rss.xml and /en/services/rss.xml (RSS 2.0, newest first; record text stays as written), built by src/lib/feeds.ts. */
export const GET: APIRoute<Localized> = ({ props, site }) =>
  servicesFeed(props.locale, siteOrigin(site));

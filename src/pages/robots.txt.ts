import type { APIRoute } from 'astro';
import { siteOrigin } from '../lib/origin';

/**
 * /robots.txt — generated rather than kept in public/, because the Sitemap line must be an
 * absolute URL and the site's address comes from the build (LINLI_SITE_URL). /me/ may be indexed:
 * it is the same static sign-in page for everyone; everything personal comes from /api/.
 */
export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL('/sitemap-index.xml', siteOrigin(site)).href;
  const body = ['User-agent: *', 'Allow: /', 'Disallow: /api/', '', `Sitemap: ${sitemap}`, ''].join(
    '\n',
  );
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};

import type { APIRoute } from 'astro';

/**
 * /robots.txt — generated rather than kept in public/, because the Sitemap line must be an
 * absolute URL and the site's address comes from the build (LINLI_SITE_URL).
 */
export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL('/sitemap-index.xml', site ?? 'http://localhost:4321').href;
  const body = ['User-agent: *', 'Allow: /', 'Disallow: /api/', 'Disallow: /me/', '', `Sitemap: ${sitemap}`, ''].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};

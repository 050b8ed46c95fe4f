/**
 * The public site's origin, which every absolute URL of the site (QR codes, sitemap, feeds, open
 * data, robots.txt) starts with. astro.config.mjs always sets it from LINLI_SITE_URL, which the
 * build resolves (functions/domain/community/site-origin.ts): the environment, else the
 * community's stored site URL, else the address the server listens on.
 */
export function siteOrigin(site: URL | undefined): URL {
  if (!site) throw new Error("the site's origin is not set: astro.config.mjs must set `site`");
  return site;
}

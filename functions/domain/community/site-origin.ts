/**
 * The public site's origin: what every absolute URL of the site (QR codes, sitemap, feeds, open
 * data) starts with. Kept as an origin only (scheme, host, port): the site is always served at the
 * root of its host.
 */

/** `https://linli.example.org/` → `https://linli.example.org`; undefined if it is not an http(s) origin. */
export function parseSiteOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname !== '/' && url.pathname !== '')
  )
    return undefined;
  return url.origin;
}

/**
 * Which origin the site is built for: LINLI_SITE_URL if set, else the one stored in the community's
 * settings, else the address the Node server actually listens on.
 */
export function resolveSiteOrigin(sources: {
  env?: string | undefined;
  stored?: string | undefined;
  port: number;
}): string {
  for (const candidate of [sources.env, sources.stored]) {
    if (candidate === undefined || candidate.trim() === '') continue;
    const origin = parseSiteOrigin(candidate);
    if (origin) return origin;
  }
  return `http://localhost:${sources.port}`;
}

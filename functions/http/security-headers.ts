/**
 * The security headers of every answer, pages and API alike: one table, used by the Node server
 * (functions/node/server.ts), the Worker's API answers (functions/worker.ts) and, for the edge's
 * static assets, which Cloudflare serves without running the Worker, the `_headers` file the build
 * writes from this same table (headersFile, src/integrations/build.ts).
 */

/**
 * Only the site's own scripts and styles: the build links every stylesheet and script
 * (astro.config.mjs), so nothing inline runs; JSON data blocks (<script type="application/json">,
 * JSON-LD) are not scripts and need no exception. 'wasm-unsafe-eval' lets the search page compile
 * Pagefind's WebAssembly index reader — it allows no JavaScript eval. Images may be data:/blob:
 * URLs (QR codes drawn in the page); the counter's camera preview is a MediaStream.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "font-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Powerful features nobody's page uses; the camera only where the counter scans QR codes. */
const DENIED_FEATURES = [
  'geolocation=()',
  'microphone=()',
  'payment=()',
  'usb=()',
  'interest-cohort=()',
];
export const PERMISSIONS_POLICY = ['camera=()', ...DENIED_FEATURES].join(', ');
export const COUNTER_PERMISSIONS_POLICY = ['camera=(self)', ...DENIED_FEATURES].join(', ');

/** On every answer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  // For browsers that predate frame-ancestors: no page of the site may be framed (clickjacking the console).
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': PERMISSIONS_POLICY,
};

/** The counter's pages, in both languages: the only ones that may open the camera. */
export const COUNTER_PAGES = ['/counter/', '/en/counter/'] as const;
const COUNTER_PATH = /^\/(en\/)?counter(\/|$)/;

/** The API's personal answers (a balance, a statement, the console's data): never kept by a cache. */
export const PERSONAL_API = [
  '/api/me',
  '/api/auth',
  '/api/counter',
  '/api/staff',
  '/api/admin',
] as const;
const isPersonal = (path: string) =>
  PERSONAL_API.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/** The path as the router sees it: /%61pi/me is /api/me. */
function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The headers an answer to `path` carries. */
export function securityHeaders(rawPath: string): Record<string, string> {
  const path = decoded(rawPath);
  const headers: Record<string, string> = { ...SECURITY_HEADERS };
  if (COUNTER_PATH.test(path)) headers['Permissions-Policy'] = COUNTER_PERMISSIONS_POLICY;
  if (isPersonal(path)) headers['Cache-Control'] = 'no-store';
  return headers;
}

/**
 * The answer with its security headers set. Headers of a Response made here are mutable; one
 * fetched from elsewhere (the edge's assets) is not, and is copied first.
 */
export function withSecurityHeaders(response: Response, path: string): Response {
  const headers = securityHeaders(path);
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}

/**
 * Cloudflare's `_headers` rules for the static assets, from the same table. Where rules overlap,
 * Cloudflare joins their values; the counter's rule first detaches the general Permissions-Policy
 * so its camera=(self) stands alone.
 */
export function headersFile(): string {
  const block = (pattern: string, lines: string[]) =>
    [pattern, ...lines.map((l) => `  ${l}`)].join('\n');
  const all = block(
    '/*',
    Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`),
  );
  const counter = COUNTER_PAGES.map((page) =>
    block(`${page}*`, [
      '! Permissions-Policy',
      `Permissions-Policy: ${COUNTER_PERMISSIONS_POLICY}`,
    ]),
  );
  return `${[all, ...counter].join('\n')}\n`;
}

/**
 * Files of the build that are not the site: the adapter's deploy configuration (wrangler.json names
 * the server's paths), Cloudflare's rule files, and any dotfile but /.well-known/. The Node server answers 404 for
 * them; on the edge `.assetsignore` keeps them out of the uploaded assets.
 */
export const BUILD_FILES = [
  'wrangler.json',
  '_headers',
  '_redirects',
  '_routes.json',
  '_worker.js',
  '.assetsignore',
  '.dev.vars',
] as const;

export function isBuildFile(path: string): boolean {
  const segments = path.split('/');
  return (
    segments.some((s) => s.startsWith('.') && s !== '.well-known') ||
    (segments.length === 2 && (BUILD_FILES as readonly string[]).includes(segments[1]!))
  );
}

/**
 * What a page tells search engines and link previews about itself (src/layouts/Base.astro): its
 * <title> and its schema.org JSON-LD.
 */

/**
 * When each page's content last changed, by canonical URL, for the sitemap's <lastmod>
 * (src/integrations/sitemap.ts). Pages are prerendered in the build's own process, so they and the
 * sitemap integration meet on a global: the integration creates the map before pages render.
 */
const LASTMOD = Symbol.for('linli.sitemap.lastmod');
type LastmodRegistry = Map<string, string>;
export function lastmodRegistry(create = false): LastmodRegistry | undefined {
  const g = globalThis as { [LASTMOD]?: LastmodRegistry };
  if (create) g[LASTMOD] ??= new Map();
  return g[LASTMOD];
}
export function noteLastmod(url: string, modified: string | null | undefined): void {
  if (modified) lastmodRegistry()?.set(url, modified);
}

/** A schema.org node as JSON-LD. */
export type JsonLd = { '@type': string } & Record<string, unknown>;

/** Search engines cut titles near 70 characters: a long record title is shortened, the site name kept. */
export const TITLE_MAX = 70;

/** A character's length as written in the page: markup characters are written as entities. */
const ENTITY_LENGTH: Record<string, number> = { '<': 4, '>': 4, '&': 5, '"': 6, "'": 5 };
const written = (text: string) =>
  [...text].reduce((n, ch) => n + (ENTITY_LENGTH[ch] ?? ch.length), 0);

/** Validators count the title as written (entities and all): the limit applies to that. */
export function pageTitle(title: string, siteName: string): string {
  const suffix = ` · ${siteName}`;
  const room = TITLE_MAX - written(suffix);
  if (written(title) <= room) return title + suffix;
  // Cut by whole characters (an emoji is two UTF-16 units: never split one).
  let cut = '';
  let used = 0;
  for (const ch of title) {
    const n = ENTITY_LENGTH[ch] ?? ch.length;
    if (used + n > room - 1) break;
    cut += ch;
    used += n;
  }
  return `${cut}…${suffix}`;
}

/**
 * The JSON-LD document for a <script type="application/ld+json">: staff text may hold `</script>`,
 * so every `<` is written as its JSON escape (the parsed JSON is the same).
 */
export function jsonLdScript(data: JsonLd | JsonLd[]): string {
  const nodes = Array.isArray(data) ? data : [data];
  const doc =
    nodes.length === 1
      ? { '@context': 'https://schema.org', ...nodes[0] }
      : { '@context': 'https://schema.org', '@graph': nodes };
  return JSON.stringify(doc)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

interface DeliberationLike {
  title: string;
  date: string;
  place: string;
  summary: string;
  chair: string;
}
/** A meeting or activity held in person at a place, as a schema.org Event. */
function offlineEventLd(e: {
  name: string;
  description: string;
  startDate: string;
  place: string;
  organizer: string;
  url: string;
}): JsonLd {
  return {
    '@type': 'Event',
    name: e.name,
    description: e.description,
    startDate: e.startDate,
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    location: { '@type': 'Place', name: e.place, address: e.place },
    organizer: { '@type': 'Organization', name: e.organizer },
    url: e.url,
  };
}

/** A deliberation as a schema.org Event: a meeting held on a date at a place (Beijing time). */
export function deliberationLd(d: DeliberationLike, url: string, organizer: string): JsonLd {
  return offlineEventLd({
    name: d.title,
    description: d.summary,
    startDate: `${d.date}T00:00:00+08:00`,
    place: d.place,
    organizer,
    url,
  });
}

interface ActivityLike {
  title: string;
  date: string;
  place: string;
  status: 'planned' | 'open' | 'closed';
}
/**
 * A volunteer activity as a schema.org Event on its date (activities carry no time of day, so the
 * date alone), organised by its team or else the community.
 */
export function activityLd(
  a: ActivityLike,
  url: string,
  description: string,
  organizer: string,
): JsonLd {
  return offlineEventLd({
    name: a.title,
    description,
    startDate: a.date,
    place: a.place,
    organizer,
    url,
  });
}

interface ServiceLike {
  title: string;
  description: string;
  provider: { name: string };
  place: string;
}
/** A service as a schema.org Service, provided by its organisation where it takes place. */
export function serviceLd(
  s: ServiceLike,
  url: string,
  category: string,
  providerUrl: string,
): JsonLd {
  return {
    '@type': 'Service',
    name: s.title,
    description: s.description,
    serviceType: category,
    provider: { '@type': 'Organization', name: s.provider.name, url: providerUrl },
    areaServed: { '@type': 'Place', name: s.place },
    url,
  };
}

interface OrganizationLike {
  name: string;
  description: string;
}
/** An organisation as a schema.org Organization, under its parent where it has one. */
export function organizationLd(
  o: OrganizationLike,
  url: string,
  parent?: { name: string; url: string },
): JsonLd {
  return {
    '@type': 'Organization',
    name: o.name,
    description: o.description,
    url,
    ...(parent
      ? { parentOrganization: { '@type': 'Organization', name: parent.name, url: parent.url } }
      : {}),
  };
}

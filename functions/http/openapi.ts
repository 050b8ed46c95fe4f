/**
 * The finishing pass over the generated OpenAPI document, so no route has to remember it: every
 * operation gets a stable operationId made from its method and path, public operations say
 * `security: []` outright, every operation that reaches storage documents its 503, and the
 * licence, servers and tags are declared once here.
 */

type Operation = {
  operationId?: string;
  security?: unknown[];
  tags?: string[];
  responses?: Record<string, unknown>;
} & Record<string, unknown>;
type Document = {
  info?: Record<string, unknown>;
  paths?: Record<string, Record<string, unknown>>;
  servers?: unknown[];
  tags?: unknown[];
};

/**
 * What the API serves is the community's public records, under the same licence as its open data
 * (/data/datapackage.json); the code itself declares no licence of its own.
 */
export const API_LICENSE = {
  name: 'Creative Commons Attribution 4.0',
  identifier: 'CC-BY-4.0',
} as const;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** What each tag groups, for readers of the document; a new tag needs its line here (a test checks). */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  system: 'Health of the service itself.',
  auth: 'Signing in and out: staff, merchants and residents (password, or card and PIN).',
  resident:
    'The signed-in resident: balance, statement, redeem codes, activities, service requests and account.',
  counter: 'A partner merchant’s counter: redemptions, items on offer and the shop’s records.',
  staff:
    'Community staff and the accountant: awards, the ledger, residents, activities, requests, audit and jobs.',
  records:
    'Staff writing the public records: services, organisations, deliberations, charity funds and expenses.',
  admin: 'Administrators: accounts, the community’s settings, volunteer teams and activity types.',
  public:
    'Open to anyone without signing in: the ledger head, statistics and the points catalogue.',
};

/** Any operation that reaches the database can meet a storage fault (functions/http/faults.ts). */
const STORAGE_UNAVAILABLE = {
  description:
    'storage_unavailable: the database is full, read-only, unreadable or unreachable; try again after Retry-After',
  headers: {
    'Retry-After': {
      description: 'Seconds to wait before trying again',
      schema: { type: 'integer' },
    },
  },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const capital = (word: string) => (word ? word[0]!.toUpperCase() + word.slice(1) : '');

/**
 * `GET /api/staff/entries/{id}/postings` → `getStaffEntriesByIdPostings`: the method, then each
 * path segment after /api in camelCase, `{x}` read as `ByX`. Stable as long as the route is.
 */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((s) => s !== '' && s !== 'api')
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      const text = param ? `by-${param[1]}` : segment;
      return text
        .split(/[^A-Za-z0-9]+/)
        .map(capital)
        .join('');
    });
  return method.toLowerCase() + words.join('');
}

/** The document as served: the generated one, completed (the input is not changed). */
export function finishOpenApi<D extends object>(generated: D): D {
  const doc = structuredClone(generated) as Document;
  const seen = new Map<string, string>();
  const used = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      op.operationId ??= operationIdOf(method, path);
      const where = `${method.toUpperCase()} ${path}`;
      const clash = seen.get(op.operationId);
      if (clash) throw new Error(`operationId ${op.operationId} names both ${clash} and ${where}`);
      seen.set(op.operationId, where);
      // A route without `security: signedIn` answers anyone: say so, rather than leave it unstated.
      op.security ??= [];
      if (path !== '/api/health' && path !== '/api/openapi.json') {
        op.responses ??= {};
        op.responses['503'] ??= structuredClone(STORAGE_UNAVAILABLE);
      }
      for (const tag of op.tags ?? []) used.add(tag);
    }
  }
  doc.info = { ...doc.info, license: { ...API_LICENSE } };
  doc.servers = [
    {
      url: '/',
      description: 'This portal: the API is served under /api on the site’s own origin.',
    },
  ];
  doc.tags = [...used].map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name }));
  return doc as D;
}

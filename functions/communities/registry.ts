import { z } from 'zod';

/**
 * The registry of communities one deployment serves: which database answers for which hostname.
 * Locally a JSON file (LINLI_COMMUNITIES, default communities.json); on the edge a KV namespace
 * whose keys are hosts and whose values are the same entries without `host`. Pure: no file system,
 * no Node, so the Worker and the Node shell parse entries the same way.
 *
 * A remote database's auth token is never stored here: `authTokenVar` names the environment
 * variable (a Worker secret on the edge) that holds it.
 */

/** A hostname as a browser sends it: lower case, dot-separated labels, no port, no scheme. */
const HOST =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const TOKEN_VAR = /^[A-Z_][A-Z0-9_]{0,127}$/;
const DATABASE_SCHEMES = ['file:', 'libsql:', 'http:', 'https:', 'ws:', 'wss:'];

const databaseUrl = z.string().refine(
  (text) => {
    try {
      const url = new URL(text);
      return DATABASE_SCHEMES.includes(url.protocol) && (url.protocol === 'file:' || !!url.host);
    } catch {
      return false;
    }
  },
  { message: `not a database URL (${DATABASE_SCHEMES.join(' ')})` },
);

/** One community as the edge's KV stores it (its key is the host). */
export const communityEntrySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  databaseUrl,
  authTokenVar: z
    .string()
    .regex(TOKEN_VAR, 'the NAME of an environment variable, e.g. COMMUNITY_A_TOKEN')
    .optional(),
});

export const communitySchema = communityEntrySchema.extend({
  host: z.string().regex(HOST, 'a lower-case hostname without scheme or port, e.g. a.localhost'),
});

export type CommunityEntry = z.infer<typeof communityEntrySchema>;
export type Community = z.infer<typeof communitySchema>;

export const registrySchema = z.array(communitySchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((c, i) => {
    if (seen.has(c.host))
      ctx.addIssue({ code: 'custom', path: [i, 'host'], message: `duplicate host ${c.host}` });
    seen.add(c.host);
  });
});

/** Why a registry (or one entry) is not acceptable, one line per problem, naming where. */
export class RegistryError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
    this.name = 'RegistryError';
  }
}

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.length
      ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
      : '(top level)';
    return `${where.replace(/^\./, '')}: ${issue.message}`;
  });
}

/** Parses a registry file's text; throws RegistryError naming every problem. */
export function parseRegistry(text: string, source = 'communities.json'): Community[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RegistryError(source, [`not JSON: ${(error as Error).message}`]);
  }
  const parsed = registrySchema.safeParse(json);
  if (!parsed.success) throw new RegistryError(source, problemsOf(parsed.error));
  return parsed.data;
}

/** Parses one KV value (the entry for `host`); throws RegistryError when it is not one. */
export function parseEntry(text: string, host: string): CommunityEntry {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RegistryError(`COMMUNITIES[${host}]`, [`not JSON: ${(error as Error).message}`]);
  }
  const parsed = communityEntrySchema.safeParse(json);
  if (!parsed.success) throw new RegistryError(`COMMUNITIES[${host}]`, problemsOf(parsed.error));
  return parsed.data;
}

/**
 * The hostname a request is for (the Host header, without its port, lower case), or undefined
 * when it is not a plain hostname: such a request belongs to no community.
 */
export function hostOf(hostHeader: string | null | undefined): string | undefined {
  if (!hostHeader) return undefined;
  const host = hostHeader.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  return HOST.test(host) ? host : undefined;
}

/** A registry's entry for a host, by exact hostname. */
export function findCommunity(list: readonly Community[], host: string): Community | undefined {
  return list.find((c) => c.host === host);
}

/** The database connection a community's entry names: its URL and, if any, the token from `env`. */
export function connectionOf(
  entry: CommunityEntry,
  env: Record<string, unknown>,
): { url: string; authToken: string | undefined } {
  const token = entry.authTokenVar ? env[entry.authTokenVar] : undefined;
  return {
    url: entry.databaseUrl,
    authToken: typeof token === 'string' && token.trim() ? token.trim() : undefined,
  };
}

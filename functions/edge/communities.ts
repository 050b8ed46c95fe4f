import { connectionOf, hostOf, parseEntry, RegistryError } from '../communities/registry';

/**
 * Which community a request at the edge is for. With a KV namespace bound as COMMUNITIES (key: the
 * hostname; value: JSON { name, databaseUrl, authTokenVar? }, the token itself a Worker secret named
 * by authTokenVar), the request's hostname chooses; without one, the deployment is the single
 * community of DATABASE_URL, as before.
 */

/** The part of Workers KV used here (a stub in tests). */
export interface CommunityKv {
  get(key: string): Promise<string | null>;
  list(options?: { cursor?: string }): Promise<{
    keys: Array<{ name: string }>;
    list_complete: boolean;
    cursor?: string;
  }>;
}

export interface CommunitiesEnv {
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  COMMUNITIES?: CommunityKv;
}

/**
 * A community's database connection. `key` tells one community's cached app and client from
 * another's (and from its own before the operator pointed it at another database).
 */
export interface EdgeCommunity {
  key: string;
  host: string | undefined;
  url: string;
  authToken: string | undefined;
}

/**
 * How long an isolate trusts a host's registry entry (found or not) before reading KV again: a
 * redemption should not pay a KV read, and an edit by the operator applies within a minute.
 */
export const REGISTRY_TTL_MS = 60_000;

type Lookup = EdgeCommunity | { refused: Response };
/** A refusal as data: a Response's body can be read once, so each request gets a new one. */
type Refusal = { status: number; code: string; message: string };
type Found = EdgeCommunity | { refusal: Refusal };
const cache = new Map<string, { until: number; found: Found }>();

/** Forgets every cached entry (tests; a deploy starts new isolates anyway). */
export function forgetCommunities(): void {
  cache.clear();
}

const refusal = (status: number, code: string, message: string) => ({
  refusal: { status, code, message },
});

const answer = (found: Found): Lookup =>
  'refusal' in found
    ? {
        refused: Response.json(
          { error: { code: found.refusal.code, message: found.refusal.message } },
          { status: found.refusal.status },
        ),
      }
    : found;

const UNKNOWN = '这个主机名不属于本站服务的任何社区 (no community is served at this host)';

/**
 * The community of a request, or the answer to give instead: 421 for a host no community is
 * registered at (never another community's data), 503 when the registry entry is unusable.
 */
export async function communityOf(
  request: Request,
  env: CommunitiesEnv,
  now = Date.now(),
): Promise<Lookup> {
  const kv = env.COMMUNITIES;
  if (!kv) {
    if (!env.DATABASE_URL)
      return answer(refusal(503, 'storage_unavailable', 'DATABASE_URL is not set'));
    return { key: '', host: undefined, url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN };
  }
  const host = hostOf(new URL(request.url).hostname);
  if (!host) return answer(refusal(421, 'unknown_host', UNKNOWN));
  const cached = cache.get(host);
  if (cached && cached.until > now) return answer(cached.found);
  const found = await read(kv, host, env);
  cache.set(host, { until: now + REGISTRY_TTL_MS, found });
  return answer(found);
}

async function read(kv: CommunityKv, host: string, env: CommunitiesEnv): Promise<Found> {
  const text = await kv.get(host);
  if (text === null) return refusal(421, 'unknown_host', UNKNOWN);
  try {
    const { url, authToken } = connectionOf(parseEntry(text, host), env as Record<string, unknown>);
    return { key: `${host} ${url}`, host, url, authToken };
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    console.error(error.message);
    return refusal(
      503,
      'community_unavailable',
      '这个社区的登记信息有误，管理员正在处理 (this community is misconfigured)',
    );
  }
}

/**
 * Every community of the registry (the Cron Trigger runs each one's due jobs): all of KV's keys,
 * page by page; an unusable entry is logged and left out. Without KV, the single community.
 */
export async function allCommunities(env: CommunitiesEnv): Promise<EdgeCommunity[]> {
  const kv = env.COMMUNITIES;
  if (!kv)
    return env.DATABASE_URL
      ? [{ key: '', host: undefined, url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN }]
      : [];
  const hosts: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list(cursor ? { cursor } : undefined);
    hosts.push(...page.keys.map((k) => k.name));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  const found: EdgeCommunity[] = [];
  for (const host of hosts) {
    const lookup = await read(kv, host, env);
    if (!('refusal' in lookup)) found.push(lookup);
  }
  return found;
}

/**
 * How many communities' apps (and database clients) an isolate keeps: an app is about a third of
 * a megabyte once it has routed a request, and an isolate has 128 MB. The least recently used is
 * let go first; an evicted client is not closed (a request may still hold it); the garbage
 * collector takes it when the last request ends.
 */
export const COMMUNITIES_PER_ISOLATE = 64;

/** A Map keeping at most `max` entries, forgetting the least recently used first. */
export class RecentlyUsed<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  get size(): number {
    return this.map.size;
  }
}

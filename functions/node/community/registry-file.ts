import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { type Community, parseRegistry } from '../../communities/registry';
import { type Env, userPath } from '../cli-support';
import { projectRoot } from '../config';

export const DEFAULT_REGISTRY = 'communities.json';

/**
 * Where the registry file is: LINLI_COMMUNITIES, else communities.json in the project root. A
 * relative LINLI_COMMUNITIES is the user's (from the folder npm was started in), as other paths
 * typed at the command line are.
 */
export function registryPath(env: Env = process.env): string {
  const named = env.LINLI_COMMUNITIES?.trim();
  if (!named) return join(projectRoot, DEFAULT_REGISTRY);
  return isAbsolute(named) ? named : userPath(named);
}

/** The registry's communities; a missing file is an empty registry. Throws RegistryError. */
export function readRegistry(path: string): Community[] {
  if (!existsSync(path)) return [];
  return parseRegistry(readFileSync(path, 'utf8'), path);
}

/** Writes the whole registry, replacing the file in one rename (a reader never sees half of it). */
export function writeRegistry(path: string, list: readonly Community[]): void {
  parseRegistry(JSON.stringify(list), path);
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  // host first: the key a reader looks for.
  const ordered = list.map(({ host, name, databaseUrl, authTokenVar }) => ({
    host,
    name,
    databaseUrl,
    ...(authTokenVar ? { authTokenVar } : {}),
  }));
  writeFileSync(temporary, `${JSON.stringify(ordered, null, 2)}\n`);
  renameSync(temporary, path);
}

/** The default home of a community's files under the project's data folder. */
export function communityDataDir(host: string): string {
  return resolve(projectRoot, 'data', 'communities', host);
}

/** The default database of a new community: a local file in its own folder. */
export const defaultDatabaseUrl = (host: string) => `file:data/communities/${host}/linli.db`;

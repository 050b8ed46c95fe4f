import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type DatabaseConfig, embeddedPath } from '../../db/client';

/** The project's root folder (where package.json is), whatever the current directory. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');

export const DEFAULT_DATABASE_URL = 'file:data/linli.db';

/**
 * Where the Node processes (server, CLI) find the database: env DATABASE_URL (default
 * `file:data/linli.db`) and DATABASE_AUTH_TOKEN (remote libSQL / Turso only).
 *
 * A relative `file:` path is taken relative to the project root, not the current directory, and
 * returned as an absolute `file:` URL, so every process (and any child it spawns) opens the same
 * file. The folder of a local database is created if missing.
 */
export function databaseConfig(
  env: Record<string, string | undefined> = process.env,
): DatabaseConfig {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const authToken = env.DATABASE_AUTH_TOKEN?.trim() || undefined;
  const path = databaseFilePath(url);
  if (path === undefined) return { url, authToken };
  mkdirSync(dirname(path), { recursive: true });
  return { url: pathToFileURL(path).href, authToken };
}

/** The absolute path of a local (`file:`) database, or undefined for a remote URL. */
export function databaseFilePath(url: string): string | undefined {
  const path = embeddedPath(url);
  return path === undefined || isAbsolute(path) ? path : resolve(projectRoot, path);
}

/**
 * LINLI_TRUST_PROXY=1 (or true, yes): the server sits behind a reverse proxy that ends TLS and sets
 * X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-For. Only then do those headers decide
 * whether the session cookie is Secure, what the site's own origin is and which address a client
 * has; without it they are ignored, since any client can send them.
 */
export function trustProxy(env: Record<string, string | undefined> = process.env): boolean {
  return /^(1|true|yes)$/i.test(env.LINLI_TRUST_PROXY?.trim() ?? '');
}

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { embeddedPath } from '../../db/client';
import {
  DEFAULT_DATABASE_URL,
  databaseConfig,
  databaseFilePath,
  projectRoot,
} from '../../functions/node/config';

/** One reading of DATABASE_URL: what the driver opens (db/client.ts) and where the Node processes put it (functions/node/config.ts). */
describe('database URL', () => {
  it('gives the path @libsql/client opens for a file: URL, and nothing for a remote one', () => {
    expect(embeddedPath('file:data/linli.db')).toBe('data/linli.db');
    expect(embeddedPath('file:/srv/linli/a%20b.db?mode=rwc')).toBe('/srv/linli/a b.db');
    expect(embeddedPath('file:///srv/linli/%E7%A4%BE%E5%8C%BA.db')).toBe('/srv/linli/社区.db');
    expect(embeddedPath('libsql://community.turso.io')).toBeUndefined();
    expect(embeddedPath('https://community.turso.io')).toBeUndefined();
  });

  it('anchors a relative file at the project root, whatever the working directory', () => {
    expect(databaseFilePath('file:data/linli.db')).toBe(join(projectRoot, 'data', 'linli.db'));
    expect(databaseFilePath('file:///srv/linli/a%20b.db')).toBe('/srv/linli/a b.db');
    expect(databaseFilePath('libsql://community.turso.io')).toBeUndefined();
  });

  describe('configuration from the environment', () => {
    let dir: string | undefined;
    afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

    it('defaults to the embedded file under data/', () => {
      expect(DEFAULT_DATABASE_URL).toBe('file:data/linli.db');
      expect(databaseConfig({})).toEqual({
        url: pathToFileURL(join(projectRoot, 'data', 'linli.db')).href,
        authToken: undefined,
      });
    });

    it('creates the folder of a local file and names it by an absolute URL the driver reads back', () => {
      dir = mkdtempSync(join(tmpdir(), 'linli-url-'));
      const file = join(dir, 'nested folder', 'community.db');
      const config = databaseConfig({ DATABASE_URL: ` file:${file} `, DATABASE_AUTH_TOKEN: '  ' });
      expect(existsSync(join(dir, 'nested folder'))).toBe(true);
      expect(config.authToken).toBeUndefined();
      expect(embeddedPath(config.url)).toBe(file);
    });

    it('passes a remote URL and its token through untouched', () => {
      expect(
        databaseConfig({
          DATABASE_URL: 'libsql://community.turso.io',
          DATABASE_AUTH_TOKEN: 'token',
        }),
      ).toEqual({ url: 'libsql://community.turso.io', authToken: 'token' });
    });
  });
});

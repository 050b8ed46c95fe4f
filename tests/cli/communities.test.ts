import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { createDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { settings } from '../../db/schema';
import {
  connectionOf,
  hostOf,
  parseEntry,
  parseRegistry,
  RegistryError,
} from '../../functions/communities/registry';
import { communityName } from '../../functions/domain/community/settings';
import { main } from '../../functions/node/cli';
import {
  buildAll,
  COMPATIBILITY_DATE,
  communitiesDist,
  planBuild,
  siteWorkerConfig,
} from '../../functions/node/community/build-all';
import { addCommunity } from '../../functions/node/community/commands';
import { seedFixture } from '../helpers/fixture';

/** The registry of communities and `npm run linli -- community …` (functions/node/community/). */

let dir: string;
let registry: string;
const dbUrl = (name: string) => pathToFileURL(join(dir, `${name}.db`)).href;

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    { LINLI_COMMUNITIES: registry, ...env },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
const quiet = { out: () => undefined, err: () => undefined };
const NOW = new Date('2026-03-09T02:00:00Z');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-communities-'));
  registry = join(dir, 'communities.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the registry file', () => {
  const entry = { host: 'a.localhost', name: '甲社区', databaseUrl: 'file:data/a.db' };

  it('is a JSON list of { host, name, databaseUrl, authTokenVar? }', () => {
    const text = JSON.stringify([
      entry,
      {
        host: 'b.example.org',
        name: '乙',
        databaseUrl: 'libsql://b.turso.io',
        authTokenVar: 'B_TOKEN',
      },
    ]);
    expect(parseRegistry(text).map((c) => c.host)).toEqual(['a.localhost', 'b.example.org']);
  });

  it.each([
    [
      'a duplicate host',
      [entry, { ...entry, name: '又一个' }],
      /\[1\]\.host: duplicate host a\.localhost/,
    ],
    [
      'a bad URL',
      [{ ...entry, databaseUrl: 'postgres://x' }],
      /\[0\]\.databaseUrl: not a database URL/,
    ],
    ['a missing field', [{ host: 'a.localhost', databaseUrl: 'file:a.db' }], /\[0\]\.name/],
    ['a host with a port', [{ ...entry, host: 'a.localhost:4321' }], /\[0\]\.host/],
    [
      'a token instead of its variable',
      [{ ...entry, authTokenVar: 'eyJhbGciOi.x' }],
      /authTokenVar/,
    ],
    ['an unknown field', [{ ...entry, authToken: 'secret' }], /authToken/],
    ['not a list', { hosts: [] }, /expected array/],
  ])('refuses %s, naming where', (_what, value, message) => {
    expect(() => parseRegistry(JSON.stringify(value), 'r.json')).toThrow(RegistryError);
    expect(() => parseRegistry(JSON.stringify(value), 'r.json')).toThrow(message);
  });

  it('refuses text that is not JSON; a KV entry is checked the same way', () => {
    expect(() => parseRegistry('[{', 'r.json')).toThrow(/r\.json: not JSON/);
    expect(parseEntry('{"name":"甲","databaseUrl":"https://db.example"}', 'a.x')).toEqual({
      name: '甲',
      databaseUrl: 'https://db.example',
    });
    expect(() => parseEntry('{"name":"甲"}', 'a.x')).toThrow(/COMMUNITIES\[a\.x\]: databaseUrl/);
  });

  it('reads the Host header as a bare lower-case hostname; the token from the named variable', () => {
    expect(hostOf('A.Localhost:4321')).toBe('a.localhost');
    expect(hostOf('a.localhost.')).toBe('a.localhost');
    for (const bad of [null, '', 'a b', '../x', 'a.localhost:4321:1', '[::1]:80'])
      expect(hostOf(bad)).toBeUndefined();
    const remote = { name: 'x', databaseUrl: 'libsql://x.turso.io', authTokenVar: 'X_TOKEN' };
    expect(connectionOf(remote, { X_TOKEN: 'sekrit' })).toEqual({
      url: 'libsql://x.turso.io',
      authToken: 'sekrit',
    });
    expect(connectionOf(remote, {}).authToken).toBeUndefined();
  });
});

describe('community add', () => {
  it('provisions an empty, migrated database and registers it; refuses a duplicate host', async () => {
    const added = await run([
      'community',
      'add',
      '--host',
      'b.localhost',
      '--name',
      '乙社区',
      '--database-url',
      dbUrl('b'),
    ]);
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain('npm run linli -- init --name "乙社区"');
    expect(JSON.parse(readFileSync(registry, 'utf8'))).toEqual([
      { host: 'b.localhost', name: '乙社区', databaseUrl: dbUrl('b') },
    ]);
    const db = createDatabase({ url: dbUrl('b') });
    try {
      // Migrated, and empty: no demo logins, no community yet (init sets it up).
      expect(await db.read.all(sql`select login from users`)).toEqual([]);
    } finally {
      db.close();
    }
    const again = await run([
      'community',
      'add',
      '--host',
      'b.localhost',
      '--name',
      '别的',
      '--database-url',
      dbUrl('c'),
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已有主机名 b.localhost');
    expect(existsSync(join(dir, 'c.db'))).toBe(false);
    expect(JSON.parse(readFileSync(registry, 'utf8'))).toHaveLength(1);
  });

  it('with --demo seeds the demo community under the given name', async () => {
    await addCommunity(
      registry,
      {
        host: 'a.localhost',
        name: '甲社区',
        databaseUrl: dbUrl('a'),
        demo: true,
        iterations: 1000,
        now: NOW,
      },
      {},
      quiet,
    );
    const db = createDatabase({ url: dbUrl('a') });
    try {
      expect(await communityName(db.read)).toBe('甲社区');
    } finally {
      db.close();
    }
  });

  it('refuses bad input with usage or a clear message, and registers nothing', async () => {
    expect((await run(['community', 'add', '--name', 'x'])).code).toBe(2);
    const bad = await run(['community', 'add', '--host', 'A_B', '--name', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('host');
    const token = await run([
      'community',
      'add',
      '--host',
      'x.localhost',
      '--name',
      'x',
      '--auth-token-var',
      'not a name',
    ]);
    expect(token.code).toBe(1);
    expect((await run(['community', 'nope'])).code).toBe(2);
    expect(existsSync(registry)).toBe(false);
    writeFileSync(registry, '[{"host":"a.localhost"}]');
    const broken = await run(['community', 'list']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/注册表有误.*\[0\]\.name/);
  });
});

describe('community list, migrate-all, build-all', () => {
  beforeEach(() => {
    writeFileSync(
      registry,
      JSON.stringify([
        { host: 'a.localhost', name: '甲社区', databaseUrl: dbUrl('a') },
        { host: 'gone.localhost', name: '丢失', databaseUrl: dbUrl('gone') },
        { host: 'b.localhost', name: '乙社区', databaseUrl: dbUrl('b') },
      ]),
    );
    // a: a file that predates the migrations; b: one never created until migrate-all
    createDatabase({ url: dbUrl('a') }).close();
  });

  it('lists host, name, database and migration state', async () => {
    const listed = await run(['community', 'list']);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.split('\n');
    expect(lines[0]).toMatch(/^host\s+name\s+database\s+migrations$/);
    expect(lines[1]).toMatch(/^a\.localhost\s+甲社区\s+file:.*a\.db\s+behind: 0\/\d+/);
    expect(lines[2]).toMatch(/^gone\.localhost .*no database/);
  });

  it('migrate-all migrates each; one failing stops none of the others; exit 1', async () => {
    const migrated = await run(['community', 'migrate-all']);
    expect(migrated.code).toBe(1);
    expect(migrated.stdout).toMatch(/✓ a\.localhost: applied \d+/);
    expect(migrated.stderr).toContain('✗ gone.localhost');
    expect(migrated.stderr).toContain('✗ b.localhost');
    expect(migrated.stdout).toContain('1/3');
    const listed = await run(['community', 'list']);
    expect(listed.stdout).toMatch(/a\.localhost .*up to date/);
    const again = await run(['community', 'migrate-all']);
    expect(again.stdout).toContain('✓ a.localhost: up to date');
  });

  it("names each community's site Worker after its host, on its Custom Domain, dated as wrangler.jsonc", () => {
    expect(siteWorkerConfig('a.example.org')).toEqual({
      name: 'linli-site-a-example-org',
      compatibility_date: COMPATIBILITY_DATE,
      assets: { directory: './client', not_found_handling: '404-page' },
      routes: [{ pattern: 'a.example.org', custom_domain: true }],
    });
    const wrangler = readFileSync(join(communitiesDist(), '..', '..', 'wrangler.jsonc'), 'utf8');
    expect(wrangler).toContain(`"compatibility_date": "${COMPATIBILITY_DATE}"`);
  });

  it('build-all plans each site from its own database into its own folder; refuses one not set up', async () => {
    const community = { host: 'a.localhost', name: '甲', databaseUrl: 'file:data/x.db' };
    const plan = planBuild(community, { PORT: '4400' }, undefined, '/out');
    expect(plan).toMatchObject({
      host: 'a.localhost',
      outDir: '/out/a.localhost',
      env: { LINLI_SITE_URL: 'http://a.localhost:4400' },
    });
    expect(plan.env.DATABASE_URL).toMatch(/^file:\/\/\/.*\/data\/x\.db$/);
    const remote = {
      host: 'b.example.org',
      name: '乙',
      databaseUrl: 'libsql://b.turso.io',
      authTokenVar: 'B',
    };
    expect(planBuild(remote, { B: 't' }, 'https://linli.b.org/', '/out').env).toEqual({
      DATABASE_URL: 'libsql://b.turso.io',
      DATABASE_AUTH_TOKEN: 't',
      LINLI_SITE_URL: 'https://linli.b.org',
    });
    await run(['community', 'migrate-all']);
    const err: string[] = [];
    const code = await buildAll(
      registry,
      {},
      { out: () => undefined, err: (l) => err.push(l) },
      {
        distDir: join(dir, 'dist'),
      },
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/✗ a\.localhost: .*init/);
  });
});

describe('two small communities built for real', () => {
  it('build-all writes each site into dist/communities/<host>/ from its own database', {
    timeout: 240_000,
  }, async () => {
    for (const [host, name] of [
      ['a.localhost', '甲社区'],
      ['b.localhost', '乙社区'],
    ] as const) {
      const db = createDatabase({ url: dbUrl(host) });
      await migrateDatabase(db);
      await seedFixture(db);
      await db.write(async (tx) => {
        await tx
          .insert(settings)
          .values({ key: 'community_name', value: name })
          .onConflictDoUpdate({ target: settings.key, set: { value: name } });
      });
      db.close();
    }
    writeFileSync(
      registry,
      JSON.stringify([
        { host: 'a.localhost', name: '甲社区', databaseUrl: dbUrl('a.localhost') },
        { host: 'b.localhost', name: '乙社区', databaseUrl: dbUrl('b.localhost') },
      ]),
    );
    const out: string[] = [];
    // Inside the project: the prerendering step resolves packages from the output's folder.
    const dist = join(communitiesDist(), `test-${process.pid}`);
    onTestFinished(() => rmSync(dist, { recursive: true, force: true }));
    const code = await buildAll(
      registry,
      {},
      { out: (l) => out.push(l), err: (l) => out.push(l) },
      {
        distDir: dist,
      },
    );
    expect(out.join('\n')).toContain('2/2');
    expect(code).toBe(0);
    for (const [host, name] of [
      ['a.localhost', '甲社区'],
      ['b.localhost', '乙社区'],
    ] as const) {
      const site = join(dist, host, 'client');
      expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain(
        `<link rel="canonical" href="http://${host}:4321/">`,
      );
      // The open data's title names the community whose database the site was built from.
      const data = JSON.parse(readFileSync(join(site, 'data', 'datapackage.json'), 'utf8'));
      expect(data.title).toContain(name);
      // …and beside it, the configuration of the community's own site Worker.
      expect(JSON.parse(readFileSync(join(dist, host, 'wrangler.json'), 'utf8'))).toEqual(
        siteWorkerConfig(host),
      );
    }
  });
});

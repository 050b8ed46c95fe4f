import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, settings, users } from '../../../db/schema';
import {
  communityName,
  hasCommunity,
  storedSiteUrl,
} from '../../../functions/domain/community/settings';
import { initCommunity, isSetUp } from '../../../functions/domain/community/setup';
import {
  parseSiteOrigin,
  resolveSiteOrigin,
} from '../../../functions/domain/community/site-origin';
import { login } from '../../../functions/domain/people/sessions';
import { DomainError } from '../../../functions/domain/shared/errors';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { FAST_HASHING, seedFixture } from '../../helpers/fixture';

const now = new Date('2026-03-09T02:00:00Z');
const community = {
  name: ' 幸福里社区 ',
  adminLogin: 'wang.admin',
  adminName: '王管理员',
  adminPassword: 'a-good-password',
  siteUrl: 'https://linli.example.org/',
};

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.cleanup());

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('setting up a community from nothing', () => {
  it('stores the name and site origin and creates the first administrator, audited, with nothing of the demo', async () => {
    expect(await isSetUp(t.database.read)).toBe(false);
    const created = await initCommunity(t.database, community, now, FAST_HASHING);
    expect(created).toMatchObject({
      name: '幸福里社区',
      adminLogin: 'wang.admin',
      siteUrl: 'https://linli.example.org',
    });

    const db = t.database.read;
    expect(await hasCommunity(db)).toBe(true);
    expect(await communityName(db)).toBe('幸福里社区');
    expect(await storedSiteUrl(db)).toBe('https://linli.example.org');
    expect((await db.select().from(settings)).map((s) => s.key).sort()).toEqual([
      'community_name',
      'site_url',
    ]);

    const people = await db
      .select({
        id: users.id,
        login: users.login,
        role: users.role,
        name: users.displayName,
        mustChange: users.mustChangePassword,
      })
      .from(users);
    expect(people).toEqual([
      {
        id: created.adminId,
        login: 'wang.admin',
        role: 'admin',
        name: '王管理员',
        mustChange: false,
      },
    ]);
    const session = await login(t.database, 'wang.admin', 'a-good-password', now);
    expect(session.role).toBe('admin');

    const trail = await db.select().from(auditLog);
    expect(trail.map((a) => [a.actorId, a.action, a.entity])).toEqual([
      [created.adminId, 'create', 'settings'],
      [created.adminId, 'create', 'account'],
    ]);

    // No demo logins, cards, residents, merchants, ledger entries or records.
    for (const table of [
      'cards',
      'residents',
      'merchants',
      'households',
      'ledger_entries',
      'activities',
      'activity_types',
      'teams',
      'services',
      'deliberations',
    ]) {
      const [row] = await t.database.read.all<{ n: number }>(
        sql.raw(`select count(*) as n from ${table}`),
      );
      expect(row?.n, table).toBe(0);
    }
  });

  it('without a name for the admin, the login is shown; without a site URL none is stored', async () => {
    await initCommunity(
      t.database,
      { name: '新社区', adminLogin: 'admin', adminPassword: 'a-good-password' },
      now,
      FAST_HASHING,
    );
    expect((await t.database.read.select({ name: users.displayName }).from(users))[0]?.name).toBe(
      'admin',
    );
    expect(await storedSiteUrl(t.database.read)).toBeUndefined();
  });

  it('refuses a second set-up, and a database that already holds people', async () => {
    await initCommunity(t.database, community, now, FAST_HASHING);
    expect(
      (
        await refusal(
          initCommunity(t.database, { ...community, adminLogin: 'other' }, now, FAST_HASHING),
        )
      ).code,
    ).toBe('community_exists');
    expect(await t.database.read.select().from(users)).toHaveLength(1);

    const other = await createTestDatabase();
    try {
      await seedFixture(other.database);
      expect(await isSetUp(other.database.read)).toBe(true);
      expect(
        (await refusal(initCommunity(other.database, community, now, FAST_HASHING))).code,
      ).toBe('community_exists');
      expect(await hasCommunity(other.database.read)).toBe(false);
    } finally {
      other.cleanup();
    }
  });

  it('bad input is invalid_request and writes nothing', async () => {
    const bad = [
      { name: '   ' },
      { name: '社'.repeat(61) },
      { adminLogin: 'Wang Admin' },
      { adminLogin: 'ab' },
      { adminName: ' ' },
      { adminPassword: 'short' },
      { adminPassword: 'aaaaaaaaaa' },
      { siteUrl: 'linli.example.org' },
      { siteUrl: 'ftp://linli.example.org' },
      { siteUrl: 'https://linli.example.org/sub/' },
    ];
    for (const patch of bad)
      expect(
        (await refusal(initCommunity(t.database, { ...community, ...patch }, now, FAST_HASHING)))
          .code,
        JSON.stringify(patch),
      ).toBe('invalid_request');
    expect(await isSetUp(t.database.read)).toBe(false);
    expect(await t.database.read.select().from(auditLog)).toEqual([]);
  });
});

describe("the public site's origin", () => {
  it('is LINLI_SITE_URL, else the stored setting, else the port actually served', () => {
    expect(
      resolveSiteOrigin({
        env: 'https://a.example.org/',
        stored: 'https://b.example.org',
        port: 4321,
      }),
    ).toBe('https://a.example.org');
    expect(resolveSiteOrigin({ env: '', stored: 'https://b.example.org', port: 4321 })).toBe(
      'https://b.example.org',
    );
    expect(resolveSiteOrigin({ env: undefined, stored: undefined, port: 8080 })).toBe(
      'http://localhost:8080',
    );
    expect(resolveSiteOrigin({ env: 'not a url', stored: undefined, port: 5000 })).toBe(
      'http://localhost:5000',
    );
    expect(parseSiteOrigin('http://192.168.1.20:4321')).toBe('http://192.168.1.20:4321');
    expect(parseSiteOrigin('https://user:pw@x.example.org')).toBeUndefined();
  });
});

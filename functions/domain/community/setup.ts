import { count } from 'drizzle-orm';
import type { Database, Db } from '../../../db/client';
import { settings, users } from '../../../db/schema';
import { LOGIN_PATTERN } from '../people/account-fields';
import { createStaff, type Hashing } from '../people/directory';
import { checkNewPassword } from '../people/sessions';
import { audit } from '../records/audit';
import { DomainError } from '../shared/errors';
import { hasCommunity, SETTING } from './settings';
import { parseSiteOrigin } from './site-origin';

export interface NewCommunity {
  /** The community's name as the public site shows it, e.g. 幸福里社区. */
  name: string;
  adminLogin: string;
  /** Shown in the console and the audit trail; defaults to the login. */
  adminName?: string | undefined;
  adminPassword: string;
  /** The public site's origin (https://…); without it the site uses LINLI_SITE_URL or the served port. */
  siteUrl?: string | undefined;
}

export interface CreatedCommunity {
  name: string;
  adminId: number;
  adminLogin: string;
  siteUrl: string | undefined;
}

const MAX_NAME_LENGTH = 60;

/**
 * Checks what `init` is given (but the password, which is asked for after this passes) before
 * anything is written; invalid_request names the first fault.
 */
export function checkNewCommunity(c: Omit<NewCommunity, 'adminPassword'>): {
  name: string;
  adminName: string;
  siteUrl: string | undefined;
} {
  const name = c.name.trim();
  if (name === '' || name.length > MAX_NAME_LENGTH)
    throw new DomainError(
      'invalid_request',
      `社区名称须为 1–${MAX_NAME_LENGTH} 个字 (the community name must be 1–${MAX_NAME_LENGTH} characters)`,
    );
  if (!LOGIN_PATTERN.test(c.adminLogin))
    throw new DomainError(
      'invalid_request',
      `管理员登录名格式错误（3–32 位小写字母、数字或 _ . -）：${c.adminLogin} (invalid login)`,
    );
  const adminName = (c.adminName ?? c.adminLogin).trim();
  if (adminName === '' || adminName.length > MAX_NAME_LENGTH)
    throw new DomainError(
      'invalid_request',
      `管理员显示名须为 1–${MAX_NAME_LENGTH} 个字 (the admin's name must be 1–${MAX_NAME_LENGTH} characters)`,
    );
  const siteUrl = c.siteUrl === undefined ? undefined : parseSiteOrigin(c.siteUrl);
  if (c.siteUrl !== undefined && siteUrl === undefined)
    throw new DomainError(
      'invalid_request',
      `网站地址须为 http(s) 源地址，如 https://linli.example.org：${c.siteUrl} (the site URL must be an http(s) origin)`,
    );
  return { name, adminName, siteUrl };
}

/** A community has been set up here (init, or the demo seed), or someone was put in by other means. */
export async function isSetUp(db: Db): Promise<boolean> {
  if (await hasCommunity(db)) return true;
  const [people] = await db.select({ n: count() }).from(users);
  return (people?.n ?? 0) > 0;
}

/**
 * A real community in an empty, migrated database: its name and settings and its first
 * administrator, in one transaction, audited as done by that administrator. Nothing of the demo is
 * written. A database that already holds a community, or anyone at all, is refused
 * (community_exists): set-up happens once.
 */
export async function initCommunity(
  database: Database,
  c: NewCommunity,
  now: Date,
  hashing: Hashing = {},
): Promise<CreatedCommunity> {
  const { name, adminName, siteUrl } = checkNewCommunity(c);
  checkNewPassword(c.adminPassword);
  return database.write(async (tx) => {
    if (await isSetUp(tx))
      throw new DomainError(
        'community_exists',
        '这个数据库里已经有一个社区，不能再次初始化 (this database already holds a community)',
      );
    await tx
      .insert(settings)
      .values([
        { key: SETTING.communityName, value: name },
        ...(siteUrl ? [{ key: SETTING.siteUrl, value: siteUrl }] : []),
      ]);
    const adminId = await createStaff(
      tx,
      { login: c.adminLogin, password: c.adminPassword, displayName: adminName, role: 'admin' },
      now,
      hashing,
    );
    const actor = { actorId: adminId, now };
    await audit(tx, actor, 'create', 'settings', null, { name, siteUrl: siteUrl ?? null });
    await audit(tx, actor, 'create', 'account', adminId, {
      login: c.adminLogin,
      role: 'admin',
      name: adminName,
    });
    return { name, adminId, adminLogin: c.adminLogin, siteUrl };
  });
}

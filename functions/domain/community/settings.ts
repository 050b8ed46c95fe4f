import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  EXPIRY_NOTICE_DAYS_SETTING,
  EXPIRY_YEARS_SETTING,
  expiryNoticeDaysOf,
  expiryYearsOf,
} from '../ledger/expiry';

/**
 * Per-community settings (one community per database), with their defaults. The keys are the
 * `settings` table's; every reader and writer names them through these constants.
 */
export const SETTING = {
  communityName: 'community_name',
  demo: 'demo',
  /** The public site's origin, e.g. https://linli.example.org (LINLI_SITE_URL overrides it). */
  siteUrl: 'site_url',
  expiryYears: EXPIRY_YEARS_SETTING,
  /** Days before points lapse that the resident's phone warns of it. */
  expiryNoticeDays: EXPIRY_NOTICE_DAYS_SETTING,
  /** How many nightly backups are kept. */
  backupKeep: 'backup_keep',
  perAwardThreshold: 'award_approval_threshold',
  perBatchThreshold: 'award_batch_approval_threshold',
} as const;

export const DEFAULT_BACKUP_KEEP = 7;

async function setting(db: Db, key: string): Promise<string | undefined> {
  const [row] = await db.all<{ value: string }>(
    sql`select value from settings where key = ${key} limit 1`,
  );
  return row?.value;
}

function nonNegativeInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isSafeInteger(n) && n >= 0
    ? n
    : fallback;
}

/** Points lapse at the end of this many calendar years after the year they were earned (default 2). */
export async function expiryYears(db: Db): Promise<number> {
  return expiryYearsOf(await setting(db, SETTING.expiryYears));
}

export async function expiryNoticeDays(db: Db): Promise<number> {
  return expiryNoticeDaysOf(await setting(db, SETTING.expiryNoticeDays));
}

export async function backupKeep(db: Db): Promise<number> {
  return Math.max(1, nonNegativeInt(await setting(db, SETTING.backupKeep), DEFAULT_BACKUP_KEEP));
}

/** A database holds a community once it has a name (set by `init` or the demo seed). */
export async function hasCommunity(db: Db): Promise<boolean> {
  return (await setting(db, SETTING.communityName)) !== undefined;
}

export async function communityName(db: Db): Promise<string> {
  return (await setting(db, SETTING.communityName)) ?? '社区';
}

/** The stored public site origin, if staff or `init` set one. */
export async function storedSiteUrl(db: Db): Promise<string | undefined> {
  return setting(db, SETTING.siteUrl);
}

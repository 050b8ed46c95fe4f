import { sql } from 'drizzle-orm';
import { firstRow, type Db } from '../../../db/client';
import { EXPIRY_YEARS_SETTING, expiryYearsOf } from '../ledger/expiry';

/** Per-community settings (one community per database), with their defaults. */
async function setting(db: Db, key: string): Promise<string | undefined> {
  const row = await firstRow<{ value: string }>(db, sql`select value from settings where key = ${key}`);
  return row?.value;
}

/** Points lapse at the end of this many calendar years after the year they were earned (default 2). */
export async function expiryYears(db: Db): Promise<number> {
  return expiryYearsOf(await setting(db, EXPIRY_YEARS_SETTING));
}

export async function isDemo(db: Db): Promise<boolean> {
  return (await setting(db, 'demo')) === 'true';
}

export async function communityName(db: Db): Promise<string> {
  return (await setting(db, 'community_name')) ?? '社区';
}

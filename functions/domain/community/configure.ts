import type { Db } from '../../../db/client';
import { settings } from '../../../db/schema';
import { approvalThresholds } from '../awards/thresholds';
import { type Actor, audit, changesOf } from '../records/audit';
import { DomainError } from '../shared/errors';
import {
  backupKeep,
  communityName,
  expiryNoticeDays,
  expiryYears,
  SETTING,
  storedSiteUrl,
} from './settings';
import { parseSiteOrigin } from './site-origin';

/**
 * The community's configuration as the administrator sees and changes it: one read of every
 * setting with its default applied, and one audited write. A change applies from now on (the
 * thresholds to awards not yet submitted, the expiry policy to the next run).
 */
export interface CommunitySettings {
  communityName: string;
  /** The public site's origin; null until set (the server then uses the port it serves). */
  siteUrl: string | null;
  perAwardThreshold: number;
  perBatchThreshold: number;
  expiryYears: number;
  expiryNoticeDays: number;
  backupKeep: number;
}

export type SettingsPatch = Partial<Omit<CommunitySettings, 'siteUrl'> & { siteUrl: string }>;

/** The bounds every writer of these settings keeps to (the API's schema reads them too). */
export const SETTING_LIMITS = {
  threshold: { min: 0, max: 1_000_000 },
  expiryYears: { min: 1, max: 50 },
  expiryNoticeDays: { min: 0, max: 365 },
  backupKeep: { min: 1, max: 365 },
} as const;

const KEY_OF: Record<keyof CommunitySettings, string> = {
  communityName: SETTING.communityName,
  siteUrl: SETTING.siteUrl,
  perAwardThreshold: SETTING.perAwardThreshold,
  perBatchThreshold: SETTING.perBatchThreshold,
  expiryYears: SETTING.expiryYears,
  expiryNoticeDays: SETTING.expiryNoticeDays,
  backupKeep: SETTING.backupKeep,
};

export async function readSettings(db: Db): Promise<CommunitySettings> {
  // One after another: inside a write transaction every read goes through the one connection.
  const thresholds = await approvalThresholds(db);
  return {
    communityName: await communityName(db),
    siteUrl: (await storedSiteUrl(db)) ?? null,
    perAwardThreshold: thresholds.perAward,
    perBatchThreshold: thresholds.perBatch,
    expiryYears: await expiryYears(db),
    expiryNoticeDays: await expiryNoticeDays(db),
    backupKeep: await backupKeep(db),
  };
}

function checked(patch: SettingsPatch): Array<[keyof CommunitySettings, string]> {
  const out: Array<[keyof CommunitySettings, string]> = [];
  const int = (
    field: keyof CommunitySettings,
    value: number,
    limits: { min: number; max: number },
  ) => {
    if (!Number.isSafeInteger(value) || value < limits.min || value > limits.max) {
      throw new DomainError(
        'invalid_request',
        `请求无效：${field} 须为 ${limits.min}–${limits.max} 的整数`,
      );
    }
    out.push([field, String(value)]);
  };
  if (patch.communityName !== undefined) {
    const name = patch.communityName.trim();
    if (name.length < 1 || name.length > 100)
      throw new DomainError('invalid_request', '请求无效：社区名称须为 1–100 个字');
    out.push(['communityName', name]);
  }
  if (patch.siteUrl !== undefined) {
    const origin = parseSiteOrigin(patch.siteUrl);
    if (!origin)
      throw new DomainError(
        'invalid_request',
        '请求无效：网站地址须为 http(s):// 开头的站点地址，不含路径',
      );
    out.push(['siteUrl', origin]);
  }
  if (patch.perAwardThreshold !== undefined)
    int('perAwardThreshold', patch.perAwardThreshold, SETTING_LIMITS.threshold);
  if (patch.perBatchThreshold !== undefined)
    int('perBatchThreshold', patch.perBatchThreshold, SETTING_LIMITS.threshold);
  if (patch.expiryYears !== undefined)
    int('expiryYears', patch.expiryYears, SETTING_LIMITS.expiryYears);
  if (patch.expiryNoticeDays !== undefined)
    int('expiryNoticeDays', patch.expiryNoticeDays, SETTING_LIMITS.expiryNoticeDays);
  if (patch.backupKeep !== undefined)
    int('backupKeep', patch.backupKeep, SETTING_LIMITS.backupKeep);
  return out;
}

/** Writes the fields given (each checked first: one bad field changes nothing) and audits them with before and after. */
export async function updateSettings(
  tx: Db,
  actor: Actor,
  patch: SettingsPatch,
): Promise<CommunitySettings> {
  const values = checked(patch);
  const before = await readSettings(tx);
  const after: Record<string, unknown> = {};
  for (const [field, value] of values)
    after[field] = typeof before[field] === 'number' ? Number(value) : value;
  const changes = changesOf(before as unknown as Record<string, unknown>, after);
  const changed = values.filter(([field]) => field in changes);
  if (changed.length === 0) return before;
  for (const [field, value] of changed) {
    await tx
      .insert(settings)
      .values({ key: KEY_OF[field], value })
      .onConflictDoUpdate({ target: settings.key, set: { value } });
  }
  await audit(tx, actor, 'update', 'settings', null, { changes });
  return readSettings(tx);
}

import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { settings } from '../../../db/schema';
import { SETTING } from '../community/settings';

/** Settings keys: points in one award, and in one batch, above which a second staff member must approve. */
export const PER_AWARD_SETTING = SETTING.perAwardThreshold;
export const PER_BATCH_SETTING = SETTING.perBatchThreshold;
export const DEFAULT_PER_AWARD = 200;
export const DEFAULT_PER_BATCH = 2000;

export interface Thresholds {
  perAward: number;
  perBatch: number;
}

const parse = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : fallback;
};

export async function approvalThresholds(db: Db): Promise<Thresholds> {
  const rows = await db
    .select()
    .from(settings)
    .where(inArray(settings.key, [PER_AWARD_SETTING, PER_BATCH_SETTING]));
  const get = (key: string) => rows.find((r) => r.key === key)?.value;
  return {
    perAward: parse(get(PER_AWARD_SETTING), DEFAULT_PER_AWARD),
    perBatch: parse(get(PER_BATCH_SETTING), DEFAULT_PER_BATCH),
  };
}

/** A batch needs a second approver when any one award, or the batch as a whole, is over its threshold. */
export function needsApproval(points: number[], t: Thresholds): boolean {
  return points.some((p) => p > t.perAward) || points.reduce((s, p) => s + p, 0) > t.perBatch;
}

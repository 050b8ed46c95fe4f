/** Shared plumbing of the public-records seed: local dates, publication columns, the audit trail. */
import { COMMUNITY_UTC_OFFSET_MINUTES } from '../../functions/domain/shared/time';
import type { Random } from './random';

export interface AuditRow {
  at: string;
  actorId: number;
  action: string;
  entity: string;
  entityId: number;
  detail: string;
}

export interface SeedContext {
  rng: Random;
  now: Date;
  /** Local dates (YYYY-MM-DD): today, and the first day of the seeded year. */
  today: string;
  start: string;
  staffId: number;
  approverId: number;
  /** Organisation id by key (records-data.ts keys, `m:<shop>` for merchants). */
  org: (key: string) => number;
  /** Deliberation id and local date by key. */
  deliberation: (key: string) => { id: number; date: string };
  audit: AuditRow[];
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Local (UTC+8) wall-clock time on a local date, as an ISO instant. */
export function stamp(date: string, hour: number, minute = 0): string {
  const utc = Date.parse(
    `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`,
  );
  return new Date(utc - COMMUNITY_UTC_OFFSET_MINUTES * 60_000).toISOString();
}

export const minDate = (a: string, b: string) => (a < b ? a : b);

/**
 * The publication columns of a record created on `created` and, unless it stays a draft, published
 * on `published` by the staff member who entered it. Logs 'create' (and 'publish') in the audit trail.
 */
export function publication(
  ctx: SeedContext,
  entity: string,
  id: number,
  label: string,
  created: string,
  published: string | null,
) {
  const createdAt = stamp(created, 9 + (id % 8), (id * 7) % 60);
  const publishedAt = published ? stamp(published, 10, (id * 13) % 60) : null;
  ctx.audit.push({
    at: createdAt,
    actorId: ctx.staffId,
    action: 'create',
    entity,
    entityId: id,
    detail: JSON.stringify({ title: label }),
  });
  if (publishedAt)
    ctx.audit.push({
      at: publishedAt,
      actorId: ctx.staffId,
      action: 'publish',
      entity,
      entityId: id,
      detail: '{}',
    });
  return {
    status: (publishedAt ? 'published' : 'draft') as 'published' | 'draft',
    publishedAt,
    publishedBy: publishedAt ? ctx.staffId : null,
    createdAt,
    createdBy: ctx.staffId,
  };
}

/** The yuan amounts of the data tables, in integer fen. */
export const fen = (yuan: number) => Math.round(yuan * 100);

import { and, asc, eq, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import {
  budgets,
  deliberations,
  donations,
  expenses,
  followups,
  funds,
  incomes,
  organizations,
  recordVersions,
  services,
  type VersionKind,
} from '../../../db/schema';
import { donorDisplay } from '../publishing/charity';
import { DomainError } from '../shared/errors';
import { type Actor, audit, changesOf } from './audit';
import { announce, type PublishEvent } from './publish';
import { invalid } from './shared';

/**
 * Versions of a public record: publishing writes version 1, every revision (with its reason) and
 * the withdrawal write the next one. They are append-only (a trigger forbids UPDATE and DELETE);
 * the record's own row is the cache of its latest version.
 */
export const versionedEntities = [
  'organization',
  'service',
  'deliberation',
  'followup',
  'fund',
  'donation',
  'income',
  'expense',
  'budget',
] as const;
export type VersionedEntity = (typeof versionedEntities)[number];

/** Each versioned entity's own row: the cache of its latest version. */
const TABLES: Record<VersionedEntity, SQLiteTable> = {
  organization: organizations,
  service: services,
  deliberation: deliberations,
  followup: followups,
  fund: funds,
  donation: donations,
  income: incomes,
  expense: expenses,
  budget: budgets,
};

export interface RecordVersion {
  entity: string;
  recordId: number;
  version: number;
  at: string;
  actorId: number | null;
  kind: VersionKind;
  reason: string | null;
  snapshot: Record<string, unknown>;
  changed: string[];
}

/** Staff-only bookkeeping: never part of what the public sees of a version. */
const STAFF_ONLY = new Set([
  'createdAt',
  'createdBy',
  'publishedBy',
  'approvedBy',
  'approvedAt',
  'followups',
]);

type Shape = (record: Record<string, unknown>) => Record<string, unknown>;

/** Per entity: what of the record is public, in the words of its public page. */
const PUBLIC: Partial<Record<VersionedEntity, Shape>> = {
  donation: ({ donorName, note: _note, organizationId, ...rest }) => ({
    ...rest,
    donor: donorDisplay({
      anonymous: Boolean(rest.anonymous),
      donorType: String(rest.donorType),
      donorName: String(donorName),
    }),
    organizationId: rest.anonymous ? null : organizationId,
  }),
  expense: ({ receipts, ...rest }) => ({
    ...rest,
    receipts: Array.isArray(receipts) ? receipts.length : 0,
  }),
  deliberation: ({ agendaItems, ...rest }) => ({
    ...rest,
    agendaItems: (
      (agendaItems ?? []) as Array<{
        title: string;
        description: string;
        decision: string;
        options: Array<{ label: string; votes: number }>;
      }>
    ).map(({ title, description, decision, options }) => ({
      title,
      description,
      decision,
      options: options.map(({ label, votes }) => ({ label, votes })),
    })),
  }),
};

export function publicSnapshot(entity: VersionedEntity, record: object): Record<string, unknown> {
  const fields = Object.fromEntries(Object.entries(record).filter(([k]) => !STAFF_ONLY.has(k)));
  return (PUBLIC[entity] ?? ((r) => r))(fields);
}

const parse = (row: typeof recordVersions.$inferSelect): RecordVersion => ({
  ...row,
  snapshot: JSON.parse(row.snapshot) as Record<string, unknown>,
  changed: JSON.parse(row.changed) as string[],
});

export async function listVersions(
  db: Db,
  entity: string,
  recordId: number,
): Promise<RecordVersion[]> {
  const rows = await db
    .select()
    .from(recordVersions)
    .where(and(eq(recordVersions.entity, entity), eq(recordVersions.recordId, recordId)))
    .orderBy(asc(recordVersions.version));
  return rows.map(parse);
}

async function append(tx: Db, v: Omit<RecordVersion, 'version'>): Promise<number> {
  const [last] = await tx
    .select({ n: sql<number>`coalesce(max(${recordVersions.version}), 0)` })
    .from(recordVersions)
    .where(and(eq(recordVersions.entity, v.entity), eq(recordVersions.recordId, v.recordId)));
  const version = Number(last?.n ?? 0) + 1;
  await tx.insert(recordVersions).values({
    ...v,
    version,
    snapshot: JSON.stringify(v.snapshot),
    changed: JSON.stringify(v.changed),
  });
  return version;
}

interface Published {
  id: number;
  status: string;
  publishedAt?: string | null;
  publishedBy?: number | null;
}

/** Version 1: what was published. Called by the publish route, in its transaction. */
export async function recordPublished(
  tx: Db,
  actor: Actor,
  entity: VersionedEntity,
  record: Published,
): Promise<void> {
  await append(tx, {
    entity,
    recordId: record.id,
    at: actor.now.toISOString(),
    actorId: actor.actorId,
    kind: 'published',
    reason: null,
    snapshot: publicSnapshot(entity, record),
    changed: [],
  });
}

/** Records published before versions existed get their version 1 (as published) when first revised. */
async function ensureFirstVersion(
  tx: Db,
  entity: VersionedEntity,
  record: Published,
): Promise<void> {
  const [any] = await tx
    .select({ id: recordVersions.id })
    .from(recordVersions)
    .where(and(eq(recordVersions.entity, entity), eq(recordVersions.recordId, record.id)))
    .limit(1);
  if (any) return;
  await append(tx, {
    entity,
    recordId: record.id,
    at: record.publishedAt ?? '',
    actorId: record.publishedBy ?? null,
    kind: 'published',
    reason: null,
    snapshot: publicSnapshot(entity, record),
    changed: [],
  });
}

function refuseWithdrawn(record: Published, what: string): void {
  if (record.status === 'withdrawn')
    throw new DomainError('record_withdrawn', `${what}已撤回，不能再修订或撤回`);
}

export interface Edit<R extends Published> {
  entity: VersionedEntity;
  what: string;
  /** The record as the staff API answers it, before the change. */
  current: R;
  patch: Record<string, unknown>;
  /** 修订说明 / 更正说明: required once the record is published, ignored on a draft. */
  reason?: string | undefined;
  /** Fields a revision may not change (a money record's amount and fund are corrected by a correction). */
  fixed?: readonly string[];
  /** Writes the change to the record's row. */
  write: () => Promise<void>;
  /** Extra detail of the audit row. */
  detail?: Record<string, unknown>;
}

/**
 * One way to change a record: a draft is edited freely; a published one is revised — a new
 * version with its reason is appended first, then the row (the cache) follows; a withdrawn one
 * is not changed at all. Answers whether anything changed (and the rebuild event of a revision).
 */
export async function saveEdit<R extends Published>(
  tx: Db,
  actor: Actor,
  e: Edit<R>,
): Promise<{ changed: boolean; event?: PublishEvent }> {
  refuseWithdrawn(e.current, e.what);
  const changes = changesOf(e.current as unknown as Record<string, unknown>, e.patch);
  const changed = Object.keys(changes);
  if (e.current.status === 'draft') {
    if (changed.length === 0) return { changed: false };
    await e.write();
    await audit(tx, actor, 'update', e.entity, e.current.id, { changes, ...e.detail });
    return { changed: true };
  }
  if (!e.reason) throw invalid(`${e.what}已发布：修改须写明修订说明（reason）`);
  const locked = changed.filter((f) => e.fixed?.includes(f));
  if (locked.length > 0)
    throw new DomainError(
      'correction_required',
      `${e.what}已发布：金额或所属基金（${locked.join('、')}）须登记更正，不能修订`,
    );
  if (changed.length === 0) throw invalid('修订内容与当前版本相同：请至少改变一个字段');
  await ensureFirstVersion(tx, e.entity, e.current);
  const version = await append(tx, {
    entity: e.entity,
    recordId: e.current.id,
    at: actor.now.toISOString(),
    actorId: actor.actorId,
    kind: 'revised',
    reason: e.reason,
    snapshot: publicSnapshot(e.entity, { ...e.current, ...e.patch }),
    changed,
  });
  await e.write();
  await audit(tx, actor, 'revise', e.entity, e.current.id, {
    version,
    reason: e.reason,
    changes,
    ...e.detail,
  });
  return { changed: true, event: await announce(tx, actor, e.entity, e.current.id) };
}

/** One record type as versioned: its entity, its name in messages, and how the staff API reads it. */
export interface VersionedType<R extends Published> {
  entity: VersionedEntity;
  /** e.g. '服务' → "服务 12 已撤回…" */
  label: string;
  find: (db: Db, id: number) => Promise<R>;
  /** Marks the row withdrawn, where that is not its `status` column (a follow-up's status is its progress). */
  markWithdrawn?: (tx: Db, id: number) => Promise<void>;
}

/** Withdraws a published record: it stays public as a tombstone with the reason. */
export async function withdrawRecord<R extends Published>(
  tx: Db,
  actor: Actor,
  type: VersionedType<R>,
  id: number,
  reason: string,
): Promise<{ record: R; event: PublishEvent }> {
  const w = { ...type, what: `${type.label} ${id} `, current: await type.find(tx, id) };
  refuseWithdrawn(w.current, w.what);
  if (w.current.status !== 'published')
    throw new DomainError('not_published', `${w.what}尚未发布：草稿无需撤回`);
  await ensureFirstVersion(tx, w.entity, w.current);
  const version = await append(tx, {
    entity: w.entity,
    recordId: w.current.id,
    at: actor.now.toISOString(),
    actorId: actor.actorId,
    kind: 'withdrawn',
    reason,
    snapshot: publicSnapshot(w.entity, { ...w.current, status: 'withdrawn' }),
    changed: ['status'],
  });
  if (type.markWithdrawn) await type.markWithdrawn(tx, w.current.id);
  else
    await tx.run(
      sql`update ${TABLES[w.entity]} set status = 'withdrawn' where id = ${w.current.id} and status = 'published'`,
    );
  await audit(tx, actor, 'withdraw', w.entity, w.current.id, { version, reason });
  const event = await announce(tx, actor, w.entity, w.current.id);
  return { record: await type.find(tx, id), event };
}

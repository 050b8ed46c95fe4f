import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  agendaItems,
  type FollowupStatus,
  followups,
  followupUpdates,
  organizations,
} from '../../../db/schema';
import { DomainError } from '../shared/errors';
import { cursorBefore, type Page, pageOf } from '../shared/paging';
import { type Actor, audit } from './audit';
import { type Followup, findDeliberationRow } from './deliberations';
import { announce, type PublishEvent, requirePublished } from './publish';
import { type EnglishFields, invalid, notFound, type Revision, requireRef } from './shared';
import {
  listVersions,
  type RecordVersion,
  saveEdit,
  type VersionedType,
  withdrawRecord,
} from './versions';

/**
 * 跟进事项: who is responsible for carrying a resolution out, by when, and a dated timeline of
 * progress until it is done ("民有所呼，我有所应"). A follow-up is public with its deliberation;
 * once that is published, a new follow-up or progress update reaches the public page at once.
 */
export interface FollowupFields extends EnglishFields {
  title: string;
  responsibleId: number;
  dueDate: string;
  agendaItemId?: number | null | undefined;
}

export interface FollowupUpdateFields {
  date: string;
  status: FollowupStatus;
  /** 0–100; omitted: 100 when done, otherwise the current progress. */
  progress?: number | undefined;
  note: string;
}

export async function findFollowup(db: Db, id: number): Promise<Followup> {
  const [row] = await db.select().from(followups).where(eq(followups.id, id));
  if (!row) throw notFound(`跟进事项 ${id} 不存在`);
  const updates = await db
    .select()
    .from(followupUpdates)
    .where(eq(followupUpdates.followupId, id))
    .orderBy(asc(followupUpdates.date), asc(followupUpdates.id));
  return { ...row, updates };
}

async function checkRefs(
  tx: Db,
  deliberationId: number,
  date: string,
  fields: Partial<FollowupFields>,
): Promise<void> {
  await requireRef(
    tx,
    organizations,
    fields.responsibleId,
    `责任单位（组织 ${fields.responsibleId}）不存在`,
  );
  if (fields.agendaItemId !== null && fields.agendaItemId !== undefined) {
    const [item] = await tx
      .select({ deliberationId: agendaItems.deliberationId })
      .from(agendaItems)
      .where(eq(agendaItems.id, fields.agendaItemId));
    if (item?.deliberationId !== deliberationId)
      throw invalid(`议题 ${fields.agendaItemId} 不属于议事记录 ${deliberationId}`);
  }
  if (fields.dueDate !== undefined && fields.dueDate < date)
    throw invalid(`完成期限 ${fields.dueDate} 早于会议日期 ${date}`);
}

export async function addFollowup(
  tx: Db,
  actor: Actor,
  deliberationId: number,
  fields: FollowupFields,
): Promise<{ record: Followup; event?: PublishEvent }> {
  const deliberation = await findDeliberationRow(tx, deliberationId);
  await checkRefs(tx, deliberationId, deliberation.date, fields);
  const isPublic = deliberation.status === 'published';
  if (isPublic)
    await requirePublished(
      tx,
      organizations,
      fields.responsibleId,
      `议事记录已发布：请先发布责任单位（组织 ${fields.responsibleId}）`,
    );
  const [row] = await tx
    .insert(followups)
    .values({
      deliberationId,
      title: fields.title,
      responsibleId: fields.responsibleId,
      dueDate: fields.dueDate,
      agendaItemId: fields.agendaItemId ?? null,
      titleEn: fields.titleEn ?? null,
      summaryEn: fields.summaryEn ?? null,
      status: 'pending',
      progress: 0,
    })
    .returning({ id: followups.id });
  const id = row!.id;
  await audit(tx, actor, 'create', 'followup', id, { deliberationId, fields });
  const event = isPublic ? await announce(tx, actor, 'followup', id) : undefined;
  return { record: await findFollowup(tx, id), event };
}

/**
 * A follow-up as its versions see it: public with its deliberation (a draft, published or withdrawn
 * as that is) unless withdrawn on its own; its progress status is `progressStatus` there, since
 * `status` is the record's publication as for every versioned record.
 */
async function versionedFollowup(db: Db, id: number) {
  const { status: progressStatus, updates: _, publication, ...rest } = await findFollowup(db, id);
  const deliberation = await findDeliberationRow(db, rest.deliberationId);
  const status = publication === 'withdrawn' ? 'withdrawn' : deliberation.status;
  return {
    ...rest,
    progressStatus,
    status,
    publishedAt: deliberation.publishedAt,
    publishedBy: deliberation.publishedBy,
  };
}

/** The follow-up as a versioned type: withdrawing it marks its publication, never its progress. */
const followupType: VersionedType<Awaited<ReturnType<typeof versionedFollowup>>> = {
  entity: 'followup',
  label: '跟进事项',
  find: versionedFollowup,
  markWithdrawn: async (tx, id) =>
    void (await tx.update(followups).set({ publication: 'withdrawn' }).where(eq(followups.id, id))),
};

/** Withdraws a follow-up of a published deliberation: it stays on the page as a tombstone with the reason. */
export async function withdrawFollowup(
  tx: Db,
  actor: Actor,
  id: number,
  reason: string,
): Promise<{ record: Followup; event: PublishEvent }> {
  const { event } = await withdrawRecord(tx, actor, followupType, id, reason);
  return { record: await findFollowup(tx, id), event };
}

/** The follow-up's versions, oldest first (it must exist). */
export async function followupVersions(db: Db, id: number): Promise<RecordVersion[]> {
  await findFollowup(db, id);
  return listVersions(db, 'followup', id);
}

/**
 * Edits a follow-up while its deliberation is a draft; once that is published, a revision with its
 * reason (a new version). Progress is told through updates, never here.
 */
export async function updateFollowup(
  tx: Db,
  actor: Actor,
  id: number,
  { reason, ...patch }: Partial<FollowupFields> & Revision,
): Promise<{ record: Followup; event?: PublishEvent }> {
  const current = await versionedFollowup(tx, id);
  const deliberation = await findDeliberationRow(tx, current.deliberationId);
  await checkRefs(tx, deliberation.id, deliberation.date, patch);
  const write = async () =>
    void (await tx.update(followups).set(patch).where(eq(followups.id, id)));
  const { event } = await saveEdit(tx, actor, {
    entity: 'followup',
    what: `跟进事项 ${id} `,
    current,
    patch,
    reason,
    write,
  });
  return { record: await findFollowup(tx, id), event };
}

/**
 * Appends a dated progress update (the timeline is append-only). The follow-up's current status
 * and progress are those of its latest update by date — normally the one just added; a back-dated
 * entry fills in history without overriding a later one.
 */
export async function addFollowupUpdate(
  tx: Db,
  actor: Actor,
  followupId: number,
  fields: FollowupUpdateFields,
): Promise<{ record: Followup; event?: PublishEvent }> {
  const current = await findFollowup(tx, followupId);
  if (current.publication === 'withdrawn')
    throw new DomainError('record_withdrawn', `跟进事项 ${followupId} 已撤回，不再记录进展`);
  const deliberation = await findDeliberationRow(tx, current.deliberationId);
  if (fields.date < deliberation.date)
    throw invalid(`进展日期 ${fields.date} 早于会议日期 ${deliberation.date}`);
  const progress = fields.progress ?? (fields.status === 'done' ? 100 : current.progress);
  if (fields.status === 'done' && progress !== 100)
    throw invalid('状态为已完成（done）时进度须为 100');
  await tx.insert(followupUpdates).values({
    followupId,
    date: fields.date,
    status: fields.status,
    progress,
    note: fields.note,
    createdBy: actor.actorId,
  });
  const [latest] = await tx
    .select({ status: followupUpdates.status, progress: followupUpdates.progress })
    .from(followupUpdates)
    .where(eq(followupUpdates.followupId, followupId))
    .orderBy(desc(followupUpdates.date), desc(followupUpdates.id))
    .limit(1);
  await tx.update(followups).set(latest!).where(eq(followups.id, followupId));
  await audit(tx, actor, 'add_update', 'followup', followupId, {
    date: fields.date,
    status: fields.status,
    progress,
    note: fields.note,
  });
  const event =
    deliberation.status === 'published'
      ? await announce(tx, actor, 'followup', followupId)
      : undefined;
  return { record: await findFollowup(tx, followupId), event };
}

/** The staff console's follow-up board, newest first: optionally one status or one deliberation's. */
export async function listFollowups(
  db: Db,
  q: {
    status?: FollowupStatus | undefined;
    deliberationId?: number | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<Page<typeof followups.$inferSelect>> {
  const rows = await db
    .select()
    .from(followups)
    .where(
      and(
        q.status ? eq(followups.status, q.status) : undefined,
        q.deliberationId ? eq(followups.deliberationId, q.deliberationId) : undefined,
        cursorBefore(followups.id, q.cursor),
      ),
    )
    .orderBy(desc(followups.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit);
}

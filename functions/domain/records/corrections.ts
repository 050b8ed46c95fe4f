import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { corrections, donations, expenses, funds, incomes } from '../../../db/schema';
import { DomainError } from '../shared/errors';
import { type Page, pageOf } from '../shared/paging';
import { type Actor, audit, changesOf } from './audit';
import { markPublished, type PublishEvent, requireDraft, requirePublished } from './publish';
import { type ListQuery, listWhere, notFound } from './shared';

/**
 * 更正: a published donation's, income's or expense's amount is never edited. A correction is a new
 * entry that names it, carries the amount difference (never zero: wording is fixed by a revision
 * of the record, see ./versions.ts) and the explanation (更正说明); it is a draft until published.
 */
export type Correction = typeof corrections.$inferSelect;
export const correctedEntities = corrections.entity.enumValues;
export type CorrectedEntity = (typeof correctedEntities)[number];

export interface CorrectionFields {
  entity: CorrectedEntity;
  entityId: number;
  date: string;
  amountDeltaFen: number;
  explanation: string;
}

const TARGETS = {
  donation: [donations, '捐赠记录'],
  income: [incomes, '收入记录'],
  expense: [expenses, '支出记录'],
} as const;

export async function findCorrection(db: Db, id: number): Promise<Correction> {
  const [row] = await db.select().from(corrections).where(eq(corrections.id, id));
  if (!row) throw notFound(`更正记录 ${id} 不存在`);
  return row;
}

/** The corrected record: it must exist and be published (a draft is simply edited). */
async function target(
  tx: Db,
  entity: CorrectedEntity,
  id: number,
): Promise<{ fundId: number; amountFen: number }> {
  const [table, label] = TARGETS[entity];
  const [row] = await tx
    .select({ fundId: table.fundId, amountFen: table.amountFen, status: table.status })
    .from(table)
    .where(eq(table.id, id));
  if (!row) throw new DomainError('invalid_reference', `要更正的${label} ${id} 不存在`);
  if (row.status !== 'published')
    throw new DomainError('not_published', `${label} ${id} 尚未发布：草稿请直接修改，无需更正`);
  return row;
}

/** An amount may be corrected down to zero, never below: the record plus all its corrections stays ≥ 0. */
async function checkDelta(
  tx: Db,
  fields: Pick<CorrectionFields, 'entity' | 'entityId' | 'amountDeltaFen'>,
  amountFen: number,
  selfId?: number,
): Promise<void> {
  const [sum] = await tx
    .select({ total: sql<number>`coalesce(sum(${corrections.amountDeltaFen}), 0)` })
    .from(corrections)
    .where(
      and(
        eq(corrections.entity, fields.entity),
        eq(corrections.entityId, fields.entityId),
        selfId ? sql`${corrections.id} <> ${selfId}` : undefined,
      ),
    );
  const after = amountFen + Number(sum?.total ?? 0) + fields.amountDeltaFen;
  if (after < 0)
    throw new DomainError(
      'invalid_correction',
      `更正后金额将为负数（${after} 分）：原金额 ${amountFen} 分，已登记的更正合计 ${Number(sum?.total ?? 0)} 分`,
    );
}

export async function createCorrection(
  tx: Db,
  actor: Actor,
  fields: CorrectionFields,
): Promise<Correction> {
  const corrected = await target(tx, fields.entity, fields.entityId);
  await checkDelta(tx, fields, corrected.amountFen);
  const [row] = await tx
    .insert(corrections)
    .values({
      ...fields,
      fundId: corrected.fundId,
      createdAt: actor.now.toISOString(),
      createdBy: actor.actorId,
    })
    .returning();
  await audit(tx, actor, 'create', 'correction', row!.id, { fields });
  return row!;
}

export async function updateCorrection(
  tx: Db,
  actor: Actor,
  id: number,
  patch: Partial<Pick<CorrectionFields, 'date' | 'amountDeltaFen' | 'explanation'>>,
): Promise<Correction> {
  const row = await findCorrection(tx, id);
  requireDraft(row, `更正记录 ${id} `, '；如需再更正请另行登记');
  if (patch.amountDeltaFen !== undefined) {
    const corrected = await target(tx, row.entity, row.entityId);
    await checkDelta(tx, { ...row, amountDeltaFen: patch.amountDeltaFen }, corrected.amountFen, id);
  }
  const changes = changesOf(row, patch);
  if (Object.keys(changes).length === 0) return row;
  const [updated] = await tx
    .update(corrections)
    .set(patch)
    .where(eq(corrections.id, id))
    .returning();
  await audit(tx, actor, 'update', 'correction', id, { changes });
  return updated!;
}

export async function publishCorrection(
  tx: Db,
  actor: Actor,
  id: number,
): Promise<{ record: Correction; event: PublishEvent }> {
  const row = await findCorrection(tx, id);
  if (row.status === 'draft')
    await requirePublished(tx, funds, row.fundId, `请先发布基金 ${row.fundId}`);
  const event = await markPublished(tx, actor, corrections, 'correction', id, `更正记录 ${id} `, {
    entity: row.entity,
    entityId: row.entityId,
    amountDeltaFen: row.amountDeltaFen,
  });
  return { record: await findCorrection(tx, id), event };
}

export async function listCorrections(
  db: Db,
  q: ListQuery & { entity?: CorrectedEntity | undefined; entityId?: number | undefined },
): Promise<Page<Correction>> {
  const rows = await db
    .select()
    .from(corrections)
    .where(
      and(
        listWhere(corrections, q),
        q.entity ? eq(corrections.entity, q.entity) : undefined,
        q.entityId ? eq(corrections.entityId, q.entityId) : undefined,
      ),
    )
    .orderBy(desc(corrections.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit);
}

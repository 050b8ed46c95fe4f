import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { funds, incomes } from '../../../db/schema';
import { type Page, pageOf } from '../shared/paging';
import { type Actor, audit } from './audit';
import { MONEY_FIXED } from './donations';
import { markPublished, type PublishEvent, requirePublished } from './publish';
import { type ListQuery, listWhere, notFound, type Revision, requireRef } from './shared';
import { saveEdit } from './versions';

/** Social-enterprise income and grants into a fund (运营—反哺—提升服务). */
export type Income = typeof incomes.$inferSelect;
export const incomeKinds = incomes.kind.enumValues;

export interface IncomeFields {
  fundId: number;
  date: string;
  source: string;
  kind: (typeof incomeKinds)[number];
  amountFen: number;
  receiptNo: string;
}

export async function findIncome(db: Db, id: number): Promise<Income> {
  const [row] = await db.select().from(incomes).where(eq(incomes.id, id));
  if (!row) throw notFound(`收入记录 ${id} 不存在`);
  return row;
}

export async function createIncome(tx: Db, actor: Actor, fields: IncomeFields): Promise<Income> {
  await requireRef(tx, funds, fields.fundId, `基金 ${fields.fundId} 不存在`);
  const [row] = await tx
    .insert(incomes)
    .values({ ...fields, createdAt: actor.now.toISOString(), createdBy: actor.actorId })
    .returning();
  await audit(tx, actor, 'create', 'income', row!.id, { fields });
  return row!;
}

export async function updateIncome(
  tx: Db,
  actor: Actor,
  id: number,
  { reason, ...patch }: Partial<IncomeFields> & Revision,
): Promise<Income> {
  const current = await findIncome(tx, id);
  await requireRef(tx, funds, patch.fundId, `基金 ${patch.fundId} 不存在`);
  const write = async () => void (await tx.update(incomes).set(patch).where(eq(incomes.id, id)));
  await saveEdit(tx, actor, {
    entity: 'income',
    what: `收入记录 ${id} `,
    current,
    patch,
    reason,
    fixed: MONEY_FIXED,
    write,
  });
  return findIncome(tx, id);
}

export async function publishIncome(
  tx: Db,
  actor: Actor,
  id: number,
): Promise<{ record: Income; event: PublishEvent }> {
  const row = await findIncome(tx, id);
  if (row.status === 'draft')
    await requirePublished(tx, funds, row.fundId, `请先发布基金 ${row.fundId}`);
  const event = await markPublished(tx, actor, incomes, 'income', id, `收入记录 ${id} `);
  return { record: await findIncome(tx, id), event };
}

export async function listIncomes(
  db: Db,
  q: ListQuery & { fundId?: number | undefined },
): Promise<Page<Income>> {
  const rows = await db
    .select()
    .from(incomes)
    .where(and(listWhere(incomes, q), q.fundId ? eq(incomes.fundId, q.fundId) : undefined))
    .orderBy(desc(incomes.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit);
}

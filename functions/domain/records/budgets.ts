import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { type budgetLines, budgets, funds } from '../../../db/schema';
import { DomainError } from '../shared/errors';
import { type Page, pageOf } from '../shared/paging';
import { type Actor, audit } from './audit';
import { markPublished, type PublishEvent, requirePublished } from './publish';
import { type ListQuery, listWhere, notFound, type Revision, requireRef } from './shared';
import { saveEdit } from './versions';

/**
 * What a fund plans to spend on one budget line in a year; actual spending is the published
 * expenses. A budget line is a public record like the others: a draft until published, and once
 * published it changes only by a revision with a reason.
 */
export type BudgetLine = (typeof budgetLines)[number];
export type Budget = typeof budgets.$inferSelect;

export interface BudgetFields {
  fundId: number;
  year: number;
  budgetLine: BudgetLine;
  plannedFen: number;
  /** English title and summary, shown on /en/ pages. */
  titleEn?: string | null | undefined;
  summaryEn?: string | null | undefined;
}

export async function findBudget(db: Db, id: number): Promise<Budget> {
  const [row] = await db.select().from(budgets).where(eq(budgets.id, id));
  if (!row) throw notFound(`预算 ${id} 不存在`);
  return row;
}

/** One plan per fund, year and line: a second one would leave the public page two numbers to choose from. */
async function checkUnique(
  tx: Db,
  key: Pick<BudgetFields, 'fundId' | 'year' | 'budgetLine'>,
  selfId?: number,
): Promise<void> {
  const [other] = await tx
    .select({ id: budgets.id })
    .from(budgets)
    .where(
      and(
        eq(budgets.fundId, key.fundId),
        eq(budgets.year, key.year),
        eq(budgets.budgetLine, key.budgetLine),
      ),
    );
  if (other && other.id !== selfId)
    throw new DomainError(
      'budget_exists',
      `基金 ${key.fundId} ${key.year} 年的该预算科目已有预算（编号 ${other.id}）`,
    );
}

export async function createBudget(tx: Db, actor: Actor, fields: BudgetFields): Promise<Budget> {
  await requireRef(tx, funds, fields.fundId, `基金 ${fields.fundId} 不存在`);
  await checkUnique(tx, fields);
  const [row] = await tx
    .insert(budgets)
    .values({ ...fields, createdAt: actor.now.toISOString(), createdBy: actor.actorId })
    .returning();
  await audit(tx, actor, 'create', 'budget', row!.id, { fields });
  return row!;
}

export async function updateBudget(
  tx: Db,
  actor: Actor,
  id: number,
  { reason, ...patch }: Partial<BudgetFields> & Revision,
): Promise<Budget> {
  const current = await findBudget(tx, id);
  await requireRef(tx, funds, patch.fundId, `基金 ${patch.fundId} 不存在`);
  await checkUnique(tx, { ...current, ...patch }, id);
  await saveEdit(tx, actor, {
    entity: 'budget',
    what: `预算 ${id} `,
    current,
    patch,
    reason,
    write: async () => void (await tx.update(budgets).set(patch).where(eq(budgets.id, id))),
  });
  return findBudget(tx, id);
}

export async function publishBudget(
  tx: Db,
  actor: Actor,
  id: number,
): Promise<{ record: Budget; event: PublishEvent }> {
  const row = await findBudget(tx, id);
  if (row.status === 'draft')
    await requirePublished(tx, funds, row.fundId, `请先发布基金 ${row.fundId}`);
  const event = await markPublished(tx, actor, budgets, 'budget', id, `预算 ${id} `, {
    fundId: row.fundId,
    year: row.year,
    budgetLine: row.budgetLine,
    plannedFen: row.plannedFen,
  });
  return { record: await findBudget(tx, id), event };
}

export async function listBudgets(
  db: Db,
  q: ListQuery & { fundId?: number | undefined; year?: number | undefined },
): Promise<Page<Budget>> {
  const rows = await db
    .select()
    .from(budgets)
    .where(
      listWhere(
        budgets,
        q,
        q.fundId ? eq(budgets.fundId, q.fundId) : undefined,
        q.year ? eq(budgets.year, q.year) : undefined,
      ),
    )
    .orderBy(desc(budgets.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit);
}

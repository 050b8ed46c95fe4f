import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { budgets, funds, type budgetLines } from '../../../db/schema';
import { DomainError } from '../shared/errors';
import { audit, type Actor } from './audit';
import { announce, type PublishEvent } from './publish';

/** What a fund plans to spend per budget line in a year; actual spending is the published expenses. */
export type BudgetLine = (typeof budgetLines)[number];
export type Budget = typeof budgets.$inferSelect;

export interface BudgetPlan {
  fundId: number;
  year: number;
  /** Planned fen per budget line; lines not named are left as they are. */
  lines: Partial<Record<BudgetLine, number>>;
}

export async function listBudgets(db: Db, q: { fundId?: number | undefined; year?: number | undefined }): Promise<Budget[]> {
  return db
    .select()
    .from(budgets)
    .where(and(q.fundId ? eq(budgets.fundId, q.fundId) : undefined, q.year ? eq(budgets.year, q.year) : undefined))
    .orderBy(asc(budgets.fundId), asc(budgets.year), asc(budgets.budgetLine));
}

/**
 * Sets the planned amounts (insert or replace per line), each change audited with its old value.
 * Budgets carry no draft state of their own: they are public with their fund, so a change to a
 * published fund's budget asks for a rebuild.
 */
export async function setBudget(tx: Db, actor: Actor, plan: BudgetPlan): Promise<{ record: Budget[]; event?: PublishEvent }> {
  const [fund] = await tx.select({ status: funds.status }).from(funds).where(eq(funds.id, plan.fundId));
  if (!fund) throw new DomainError('invalid_reference', `基金 ${plan.fundId} 不存在`);
  const before = await listBudgets(tx, { fundId: plan.fundId, year: plan.year });
  const changes: Record<string, { from: number | null; to: number }> = {};
  for (const [line, plannedFen] of Object.entries(plan.lines) as Array<[BudgetLine, number]>) {
    const from = before.find((b) => b.budgetLine === line)?.plannedFen ?? null;
    if (from === plannedFen) continue;
    changes[line] = { from, to: plannedFen };
    await tx
      .insert(budgets)
      .values({ fundId: plan.fundId, year: plan.year, budgetLine: line, plannedFen })
      .onConflictDoUpdate({ target: [budgets.fundId, budgets.year, budgets.budgetLine], set: { plannedFen } });
  }
  let event: PublishEvent | undefined;
  if (Object.keys(changes).length > 0) {
    await audit(tx, actor, 'set_budget', 'fund', plan.fundId, { year: plan.year, changes });
    if (fund.status === 'published') event = await announce(tx, actor, 'budget', plan.fundId);
  }
  return { record: await listBudgets(tx, { fundId: plan.fundId, year: plan.year }), event };
}

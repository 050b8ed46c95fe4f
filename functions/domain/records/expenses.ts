import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  auditLog,
  type budgetLines,
  deliberations,
  expenses,
  funds,
  receipts,
} from '../../../db/schema';
import { approverOf, assertSecondSignature } from '../people/approvers';
import { DomainError } from '../shared/errors';
import { type Page, pageOf } from '../shared/paging';
import { type Actor, audit } from './audit';
import { MONEY_FIXED } from './donations';
import { markPublished, type PublishEvent, requirePublished } from './publish';
import {
  type EnglishFields,
  type ListQuery,
  listWhere,
  notFound,
  type Revision,
  requireRef,
} from './shared';
import { saveEdit } from './versions';

/**
 * Fund use, by budget line. Four eyes: a second staff member approves an expense — never the one
 * who entered or edited it — and only an approved expense can be published. Editing an approved
 * draft withdraws the approval.
 */
export type ExpenseRow = typeof expenses.$inferSelect;
export interface ReceiptInfo {
  id: number;
  filename: string;
  mime: string;
  size: number;
  uploadedAt: string;
  uploadedBy: number | null;
}
export type Expense = ExpenseRow & { receipts: ReceiptInfo[] };

export interface ExpenseFields extends EnglishFields {
  fundId: number;
  date: string;
  budgetLine: (typeof budgetLines)[number];
  description: string;
  payee: string;
  beneficiaries?: string | null | undefined;
  amountFen: number;
  receiptNo: string;
  deliberationId?: number | null | undefined;
  /** Why there is no receipt scan; an expense is published with a receipt or this reason. */
  noReceiptReason?: string | null | undefined;
}

/** The shortest reason accepted for publishing an expense without a receipt scan. */
export const MIN_NO_RECEIPT_REASON = 4;

export async function findExpenseRow(db: Db, id: number): Promise<ExpenseRow> {
  const [row] = await db.select().from(expenses).where(eq(expenses.id, id));
  if (!row) throw notFound(`支出记录 ${id} 不存在`);
  return row;
}

export async function receiptsOf(
  db: Db,
  expenseIds: number[],
): Promise<Array<ReceiptInfo & { expenseId: number }>> {
  if (expenseIds.length === 0) return [];
  return db
    .select({
      id: receipts.id,
      expenseId: receipts.expenseId,
      filename: receipts.filename,
      mime: receipts.mime,
      size: sql<number>`length(${receipts.bytes})`,
      uploadedAt: receipts.uploadedAt,
      uploadedBy: receipts.uploadedBy,
    })
    .from(receipts)
    .where(inArray(receipts.expenseId, expenseIds))
    .orderBy(receipts.id);
}

const withReceipts = (
  row: ExpenseRow,
  all: Array<ReceiptInfo & { expenseId: number }>,
): Expense => ({
  ...row,
  receipts: all.filter((r) => r.expenseId === row.id).map(({ expenseId: _, ...r }) => r),
});

export async function findExpense(db: Db, id: number): Promise<Expense> {
  const row = await findExpenseRow(db, id);
  return withReceipts(row, await receiptsOf(db, [id]));
}

async function checkRefs(tx: Db, fields: Partial<ExpenseFields>): Promise<void> {
  await requireRef(tx, funds, fields.fundId, `基金 ${fields.fundId} 不存在`);
  await requireRef(
    tx,
    deliberations,
    fields.deliberationId,
    `批准该支出的议事记录 ${fields.deliberationId} 不存在`,
  );
}

export async function createExpense(tx: Db, actor: Actor, fields: ExpenseFields): Promise<Expense> {
  await checkRefs(tx, fields);
  const [row] = await tx
    .insert(expenses)
    .values({ ...fields, createdAt: actor.now.toISOString(), createdBy: actor.actorId })
    .returning({ id: expenses.id });
  await audit(tx, actor, 'create', 'expense', row!.id, { fields });
  return findExpense(tx, row!.id);
}

export async function updateExpense(
  tx: Db,
  actor: Actor,
  id: number,
  { reason, ...patch }: Partial<ExpenseFields> & Revision,
): Promise<Expense> {
  const current = await findExpense(tx, id);
  await checkRefs(tx, patch);
  // Editing a draft withdraws its approval; a published expense keeps the approval it was published with.
  const approvalWithdrawn = current.status === 'draft' && current.approvedBy !== null;
  await saveEdit(tx, actor, {
    entity: 'expense',
    what: `支出记录 ${id} `,
    current,
    patch,
    reason,
    fixed: MONEY_FIXED,
    write: async () =>
      void (await tx
        .update(expenses)
        .set({ ...patch, ...(approvalWithdrawn ? { approvedBy: null, approvedAt: null } : {}) })
        .where(eq(expenses.id, id))),
    detail: approvalWithdrawn
      ? { approvalWithdrawn: { approvedBy: current.approvedBy, approvedAt: current.approvedAt } }
      : {},
  });
  return findExpense(tx, id);
}

/** The second pair of eyes: the accountant, never whoever entered or edited this expense. */
export async function approveExpense(tx: Db, actor: Actor, id: number): Promise<Expense> {
  const row = await findExpenseRow(tx, id);
  if (row.approvedBy !== null)
    throw new DomainError('already_approved', `支出记录 ${id} 已由其他工作人员审核通过`);
  const [authored] = await tx
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, 'expense'),
        eq(auditLog.entityId, id),
        eq(auditLog.actorId, actor.actorId),
        inArray(auditLog.action, ['create', 'update']),
      ),
    )
    .limit(1);
  await assertSecondSignature(
    approverOf(tx, actor.actorId),
    row.createdBy === actor.actorId || authored !== undefined,
    '录入或修改该支出的工作人员不能自己审核，请由另一位工作人员审核',
  );
  const result = await tx
    .update(expenses)
    .set({ approvedBy: actor.actorId, approvedAt: actor.now.toISOString() })
    .where(and(eq(expenses.id, id), isNull(expenses.approvedBy), eq(expenses.status, 'draft')));
  if (result.rowsAffected !== 1) throw new DomainError('already_approved', `支出记录 ${id} 已审核`);
  await audit(tx, actor, 'approve', 'expense', id, {
    amountFen: row.amountFen,
    fundId: row.fundId,
  });
  return findExpense(tx, id);
}

/** Money leaves the fund on paper: a receipt scan, or a stated reason why there is none. */
async function requireReceiptOrReason(tx: Db, row: ExpenseRow): Promise<void> {
  if ((row.noReceiptReason?.trim().length ?? 0) >= MIN_NO_RECEIPT_REASON) return;
  const [scan] = await tx
    .select({ id: receipts.id })
    .from(receipts)
    .where(eq(receipts.expenseId, row.id))
    .limit(1);
  if (!scan)
    throw new DomainError(
      'receipt_required',
      `支出记录 ${row.id} 没有票据：请上传票据（图片或 PDF），或填写无票据的原因（至少 ${MIN_NO_RECEIPT_REASON} 个字）后再发布`,
    );
}

export async function publishExpense(
  tx: Db,
  actor: Actor,
  id: number,
): Promise<{ record: Expense; event: PublishEvent }> {
  const row = await findExpenseRow(tx, id);
  if (row.status === 'draft') {
    if (row.approvedBy === null)
      throw new DomainError(
        'approval_required',
        `支出记录 ${id} 尚未经第二位工作人员审核，不能发布`,
      );
    await requirePublished(tx, funds, row.fundId, `请先发布基金 ${row.fundId}`);
    await requirePublished(
      tx,
      deliberations,
      row.deliberationId,
      `请先发布批准该支出的议事记录 ${row.deliberationId}`,
    );
    await requireReceiptOrReason(tx, row);
  }
  const event = await markPublished(tx, actor, expenses, 'expense', id, `支出记录 ${id} `, {
    approvedBy: row.approvedBy,
  });
  return { record: await findExpense(tx, id), event };
}

export async function listExpenses(
  db: Db,
  q: ListQuery & { fundId?: number | undefined; approved?: boolean | undefined },
): Promise<Page<Expense>> {
  const rows = await db
    .select()
    .from(expenses)
    .where(
      and(
        listWhere(expenses, q),
        q.fundId ? eq(expenses.fundId, q.fundId) : undefined,
        q.approved === undefined
          ? undefined
          : q.approved
            ? sql`${expenses.approvedBy} is not null`
            : isNull(expenses.approvedBy),
      ),
    )
    .orderBy(desc(expenses.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit);
  const all = await receiptsOf(
    db,
    page.items.map((r) => r.id),
  );
  return { items: page.items.map((r) => withReceipts(r, all)), nextCursor: page.nextCursor };
}

import { asc, ne } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import {
  budgets,
  corrections,
  donationOutcomes,
  donations,
  expenses,
  funds,
  incomes,
  receipts,
} from '../../../db/schema';
import { maskName } from '../people/masking';
import { type BudgetLineFigures, fundFigures, type MonthFlow } from './charity-balances';
import { paths } from './urls';

export type { BudgetLineFigures, MonthFlow } from './charity-balances';

/** Published, or withdrawn: a withdrawn record stays listed and answers at its URL, counted in no total. */
export type RecordStatus = 'published' | 'withdrawn';
const statusOf = (s: string): RecordStatus => (s === 'withdrawn' ? 'withdrawn' : 'published');

/** How a donor appears in every public output: 匿名 by the donor's choice; a private person masked. */
export function donorDisplay(d: {
  anonymous: boolean;
  donorType: string;
  donorName: string;
}): string {
  if (d.anonymous) return '匿名';
  return d.donorType === 'individual' ? maskName(d.donorName) : d.donorName;
}

export interface PublicDonation {
  id: number;
  fundId: number;
  fundCode: string;
  date: string;
  donorType: string;
  donor: string;
  anonymous: boolean;
  organizationId: number | null;
  form: 'money' | 'in_kind';
  amountFen: number;
  itemDescription: string | null;
  quantity: string | null;
  outcome: string | null;
  /** Dated outcome entries added after publishing, oldest first. */
  outcomes: Array<{ date: string; text: string }>;
  receiptNo: string;
  correctionIds: number[];
  status: RecordStatus;
  titleEn: string | null;
  summaryEn: string | null;
}

export interface PublicIncome {
  id: number;
  fundId: number;
  fundCode: string;
  date: string;
  source: string;
  kind: string;
  amountFen: number;
  receiptNo: string;
  correctionIds: number[];
  status: RecordStatus;
}

export interface PublicExpense {
  id: number;
  fundId: number;
  fundCode: string;
  date: string;
  budgetLine: string;
  description: string;
  payee: string;
  beneficiaries: string | null;
  amountFen: number;
  receiptNo: string;
  hasReceipt: boolean;
  /** The receipt scans on file, by kind (the files stay with staff and auditors). */
  receipts: Array<{ id: number; mime: string }>;
  /** Why there is no receipt scan, when there is none. */
  noReceiptReason: string | null;
  approved: boolean;
  approvedAt: string | null;
  deliberationId: number | null;
  correctionIds: number[];
  status: RecordStatus;
  titleEn: string | null;
  summaryEn: string | null;
}

export interface PublicCorrection {
  id: number;
  entity: 'donation' | 'income' | 'expense';
  entityId: number;
  fundId: number;
  fundCode: string;
  date: string;
  amountDeltaFen: number;
  explanation: string;
}

export interface PublicFund {
  id: number;
  code: string;
  url: string;
  name: string;
  kind: string;
  description: string;
  /** A withdrawn fund keeps its page (a tombstone with its records) and leaves the overview's totals. */
  status: RecordStatus;
  titleEn: string | null;
  summaryEn: string | null;
  inFen: number;
  outFen: number;
  balanceFen: number;
  inKindValueFen: number;
  months: MonthFlow[];
  budget: BudgetLineFigures[];
}

export interface CharityView {
  funds: PublicFund[];
  donations: PublicDonation[];
  incomes: PublicIncome[];
  expenses: PublicExpense[];
  corrections: PublicCorrection[];
}

/**
 * Every published and withdrawn money record (never drafts), with corrections applied as their own
 * entries: a record's amount is as first published; its corrections carry the differences. Balances
 * count published money only (charity-balances.ts); in-kind gifts are valued but never enter the
 * cash balance.
 */
export async function charityView(db: Db): Promise<CharityView> {
  const published = (t: { status: SQLiteColumn }) => ne(t.status, 'draft');
  const [
    fundRows,
    donationRows,
    incomeRows,
    expenseRows,
    correctionRows,
    budgetRows,
    receiptRows,
    outcomeRows,
  ] = await Promise.all([
    db.select().from(funds).where(published(funds)).orderBy(asc(funds.id)),
    db
      .select()
      .from(donations)
      .where(published(donations))
      .orderBy(asc(donations.date), asc(donations.id)),
    db.select().from(incomes).where(published(incomes)).orderBy(asc(incomes.date), asc(incomes.id)),
    db
      .select()
      .from(expenses)
      .where(published(expenses))
      .orderBy(asc(expenses.date), asc(expenses.id)),
    db
      .select()
      .from(corrections)
      .where(published(corrections))
      .orderBy(asc(corrections.date), asc(corrections.id)),
    db
      .select()
      .from(budgets)
      .where(published(budgets))
      .orderBy(asc(budgets.year), asc(budgets.budgetLine)),
    db
      .select({ id: receipts.id, expenseId: receipts.expenseId, mime: receipts.mime })
      .from(receipts)
      .orderBy(asc(receipts.id)),
    db
      .select()
      .from(donationOutcomes)
      .orderBy(asc(donationOutcomes.date), asc(donationOutcomes.id)),
  ]);
  const codeOf = new Map(fundRows.map((f) => [f.id, f.code]));
  const visible = new Set(fundRows.map((f) => f.id));
  const receiptsOf = (expenseId: number) =>
    receiptRows.filter((r) => r.expenseId === expenseId).map(({ id, mime }) => ({ id, mime }));
  const correctionsOf = (entity: string, id: number) =>
    correctionRows.filter((c) => c.entity === entity && c.entityId === id).map((c) => c.id);

  const donationsOut: PublicDonation[] = donationRows
    .filter((d) => visible.has(d.fundId))
    .map((d) => ({
      id: d.id,
      fundId: d.fundId,
      fundCode: codeOf.get(d.fundId)!,
      date: d.date,
      donorType: d.donorType,
      donor: donorDisplay(d),
      anonymous: d.anonymous,
      organizationId: d.anonymous ? null : d.organizationId,
      form: d.form,
      amountFen: d.amountFen,
      itemDescription: d.itemDescription,
      quantity: d.quantity,
      outcome: d.outcome,
      outcomes: outcomeRows
        .filter((o) => o.donationId === d.id)
        .map(({ date, text }) => ({ date, text })),
      receiptNo: d.receiptNo,
      correctionIds: correctionsOf('donation', d.id),
      status: statusOf(d.status),
      titleEn: d.titleEn,
      summaryEn: d.summaryEn,
    }));
  const incomesOut: PublicIncome[] = incomeRows
    .filter((i) => visible.has(i.fundId))
    .map((i) => ({
      id: i.id,
      fundId: i.fundId,
      fundCode: codeOf.get(i.fundId)!,
      date: i.date,
      source: i.source,
      kind: i.kind,
      amountFen: i.amountFen,
      receiptNo: i.receiptNo,
      correctionIds: correctionsOf('income', i.id),
      status: statusOf(i.status),
    }));
  const expensesOut: PublicExpense[] = expenseRows
    .filter((e) => visible.has(e.fundId))
    .map((e) => ({
      id: e.id,
      fundId: e.fundId,
      fundCode: codeOf.get(e.fundId)!,
      date: e.date,
      budgetLine: e.budgetLine,
      description: e.description,
      payee: e.payee,
      beneficiaries: e.beneficiaries,
      amountFen: e.amountFen,
      receiptNo: e.receiptNo,
      hasReceipt: receiptsOf(e.id).length > 0,
      receipts: receiptsOf(e.id),
      noReceiptReason: e.noReceiptReason,
      approved: e.approvedBy !== null,
      approvedAt: e.approvedAt,
      deliberationId: e.deliberationId,
      correctionIds: correctionsOf('expense', e.id),
      status: statusOf(e.status),
      titleEn: e.titleEn,
      summaryEn: e.summaryEn,
    }));
  const correctionsOut: PublicCorrection[] = correctionRows
    .filter((c) => visible.has(c.fundId))
    .map((c) => ({
      id: c.id,
      entity: c.entity,
      entityId: c.entityId,
      fundId: c.fundId,
      fundCode: codeOf.get(c.fundId)!,
      date: c.date,
      amountDeltaFen: c.amountDeltaFen,
      explanation: c.explanation,
    }));

  const records = {
    donations: donationsOut,
    incomes: incomesOut,
    expenses: expensesOut,
    corrections: correctionsOut,
    budgets: budgetRows,
  };
  const fundsOut: PublicFund[] = fundRows.map((f) => ({
    id: f.id,
    code: f.code,
    url: paths.fund(f.code),
    name: f.name,
    kind: f.kind,
    description: f.description,
    status: statusOf(f.status),
    titleEn: f.titleEn,
    summaryEn: f.summaryEn,
    ...fundFigures(f.id, records),
  }));

  return {
    funds: fundsOut,
    donations: donationsOut,
    incomes: incomesOut,
    expenses: expensesOut,
    corrections: correctionsOut,
  };
}

import { sql } from 'drizzle-orm';
import {
  blob,
  check,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { deliberations } from './deliberations';
import { organizations } from './organizations';
import { users } from './people';
import { english, publication } from './publishing';

/** 慈善资源 / 社区微基金. Money is kept in integer fen (分): ¥12.34 = 1234. */
export const fundKinds = ['micro_fund', 'project'] as const;

export const funds = sqliteTable('funds', {
  id: integer('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: fundKinds }).notNull(),
  description: text('description').notNull(),
  ...english(),
  ...publication(),
});

export const donorTypes = ['government', 'merchant', 'enterprise', 'individual'] as const;
export const donationForms = ['money', 'in_kind'] as const;

export const donations = sqliteTable(
  'donations',
  {
    id: integer('id').primaryKey(),
    fundId: integer('fund_id')
      .notNull()
      .references(() => funds.id),
    date: text('date').notNull(),
    donorType: text('donor_type', { enum: donorTypes }).notNull(),
    /** Kept for staff and receipts; never published when `anonymous`. */
    donorName: text('donor_name').notNull(),
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull(),
    /** A partner merchant's donation (公益换宣传) links to its organisation for the publicity owed. */
    organizationId: integer('organization_id').references(() => organizations.id),
    form: text('form', { enum: donationForms }).notNull(),
    /** Money: the amount; in kind: the valuation. */
    amountFen: integer('amount_fen').notNull(),
    itemDescription: text('item_description'),
    quantity: text('quantity'),
    /** In kind: what became of the goods or services (distributed to whom, used for what). */
    outcome: text('outcome'),
    receiptNo: text('receipt_no').notNull(),
    note: text('note'),
    ...english(),
    ...publication(),
  },
  (t) => [
    index('donations_fund_date').on(t.fundId, t.date),
    check('donations_amount', sql`${t.amountFen} >= 0`),
  ],
);

/**
 * What became of an in-kind gift, told after it was published as it becomes known ("2026-12-01
 * 已发放给 12 户独居老人"): dated entries, append-only (triggers refuse UPDATE and DELETE).
 */
export const donationOutcomes = sqliteTable(
  'donation_outcomes',
  {
    id: integer('id').primaryKey(),
    donationId: integer('donation_id')
      .notNull()
      .references(() => donations.id),
    date: text('date').notNull(),
    text: text('text').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [index('donation_outcomes_donation').on(t.donationId, t.date)],
);

/** Social-enterprise income and grants (运营—反哺—提升服务). */
export const incomes = sqliteTable(
  'incomes',
  {
    id: integer('id').primaryKey(),
    fundId: integer('fund_id')
      .notNull()
      .references(() => funds.id),
    date: text('date').notNull(),
    source: text('source').notNull(),
    kind: text('kind', { enum: ['enterprise', 'grant', 'interest', 'other'] }).notNull(),
    amountFen: integer('amount_fen').notNull(),
    receiptNo: text('receipt_no').notNull(),
    ...publication(),
  },
  (t) => [
    index('incomes_fund_date').on(t.fundId, t.date),
    check('incomes_amount', sql`${t.amountFen} >= 0`),
  ],
);

export const budgetLines = [
  'service_subsidy',
  'infrastructure',
  'activities',
  'emergency_aid',
  'operations',
] as const;

export const expenses = sqliteTable(
  'expenses',
  {
    id: integer('id').primaryKey(),
    fundId: integer('fund_id')
      .notNull()
      .references(() => funds.id),
    date: text('date').notNull(),
    budgetLine: text('budget_line', { enum: budgetLines }).notNull(),
    description: text('description').notNull(),
    payee: text('payee').notNull(),
    /** Who benefited, anonymised by staff ("3 户独居老人"), never a name. */
    beneficiaries: text('beneficiaries'),
    amountFen: integer('amount_fen').notNull(),
    receiptNo: text('receipt_no').notNull(),
    /** A second staff member approves; the entering staff member cannot. */
    approvedBy: integer('approved_by').references(() => users.id),
    approvedAt: text('approved_at'),
    deliberationId: integer('deliberation_id').references(() => deliberations.id),
    /** Why there is no receipt scan (a market stall's cash sale…); an expense is published with a receipt or this. */
    noReceiptReason: text('no_receipt_reason'),
    ...english(),
    ...publication(),
  },
  (t) => [
    index('expenses_fund_date').on(t.fundId, t.date),
    check('expenses_amount', sql`${t.amountFen} >= 0`),
  ],
);

/** Receipt scans (image or PDF) for staff and auditors; the public sees only that one exists. */
export const receipts = sqliteTable('receipts', {
  id: integer('id').primaryKey(),
  expenseId: integer('expense_id')
    .notNull()
    .references(() => expenses.id),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  uploadedAt: text('uploaded_at').notNull(),
  uploadedBy: integer('uploaded_by').references(() => users.id),
});

/** What a fund plans to spend on one budget line in a year: a public record of its own (draft → published). */
export const budgets = sqliteTable(
  'budgets',
  {
    id: integer('id').primaryKey(),
    fundId: integer('fund_id')
      .notNull()
      .references(() => funds.id),
    year: integer('year').notNull(),
    budgetLine: text('budget_line', { enum: budgetLines }).notNull(),
    plannedFen: integer('planned_fen').notNull(),
    ...publication(),
    ...english(),
  },
  (t) => [
    uniqueIndex('budgets_fund_year_line').on(t.fundId, t.year, t.budgetLine),
    check('budgets_amount', sql`${t.plannedFen} >= 0`),
  ],
);

/**
 * 更正: a published money record is never edited. A correction is a new, published entry that
 * names the record, explains itself and carries the amount difference (negative or positive).
 */
export const corrections = sqliteTable(
  'corrections',
  {
    id: integer('id').primaryKey(),
    entity: text('entity', { enum: ['donation', 'income', 'expense'] }).notNull(),
    entityId: integer('entity_id').notNull(),
    fundId: integer('fund_id')
      .notNull()
      .references(() => funds.id),
    date: text('date').notNull(),
    amountDeltaFen: integer('amount_delta_fen').notNull(),
    explanation: text('explanation').notNull(),
    ...publication(),
  },
  (t) => [index('corrections_entity').on(t.entity, t.entityId)],
);

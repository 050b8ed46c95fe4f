import { createRoute, z } from '@hono/zod-openapi';
import type { Db } from '../../../../db/client';
import { budgetLines, donationForms, donorTypes, fundKinds } from '../../../../db/schema';
import {
  createBudget,
  findBudget,
  listBudgets,
  publishBudget,
  updateBudget,
} from '../../../domain/records/budgets';
import {
  correctedEntities,
  createCorrection,
  findCorrection,
  listCorrections,
  publishCorrection,
  updateCorrection,
} from '../../../domain/records/corrections';
import {
  createDonation,
  type Donation,
  listDonations,
  publishDonation,
  updateDonation,
} from '../../../domain/records/donations';
import {
  createFund,
  findFund,
  listFunds,
  publishFund,
  updateFund,
} from '../../../domain/records/funds';
import {
  createIncome,
  findIncome,
  incomeKinds,
  listIncomes,
  publishIncome,
  updateIncome,
} from '../../../domain/records/incomes';
import {
  addDonationOutcome,
  findDonationWithOutcomes,
  outcomesOf,
} from '../../../domain/records/outcomes';
import { errorResponses } from '../../../http/errors';
import { newRouter } from '../../../http/router';
import { json, jsonBody, signedIn } from '../../../http/schemas';
import { write } from '../../../http/write';
import { recordRoutes, versionedRecordRoutes } from './crud';
import {
  Body,
  DateString,
  English,
  EnglishOut,
  Fen,
  IdParam,
  ListQuery,
  LongText,
  MAX_FEN,
  OptionalLongText,
  OptionalText,
  Publication,
  patchOf,
  QueryId,
  QueryInt,
  RefId,
  revisionOf,
  Text,
} from './schemas';

const FundIdQuery = QueryId('fundId');

// ---- Funds ----

const FundBody = Body({
  ...English,
  code: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/, '基金编号须为 2–32 位字母、数字、_ 或 -')
    .openapi({ example: 'micro-fund' }),
  name: Text(100),
  kind: z.enum(fundKinds),
  description: LongText(2000),
});

const FundSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(fundKinds),
    description: z.string(),
    ...EnglishOut,
    ...Publication,
  })
  .openapi('StaffFund');

const funds = versionedRecordRoutes({
  path: '/funds',
  tag: 'records',
  noun: 'fund',
  versioned: { entity: 'fund', label: '基金' },
  schema: FundSchema,
  create: { body: FundBody.openapi('FundInput'), codes: ['fund_code_taken'], run: createFund },
  update: {
    body: revisionOf(FundBody).openapi('FundPatch'),
    codes: ['fund_code_taken'],
    run: updateFund,
  },
  find: findFund,
  list: { query: ListQuery, run: listFunds },
  publish: { run: publishFund },
});

// ---- Donations ----

const withOutcomes = async (db: Db, row: Donation) => ({
  ...row,
  outcomes: await outcomesOf(db, [row.id]),
});

const DonationBody = Body({
  ...English,
  fundId: RefId,
  date: DateString,
  donorType: z.enum(donorTypes),
  donorName: Text(100).openapi({
    description: 'Kept for staff and receipts; never published when anonymous',
  }),
  anonymous: z
    .boolean()
    .openapi({ description: "The donor's choice: published as 爱心人士 without a name" }),
  organizationId: RefId.nullable()
    .optional()
    .openapi({ description: "A partner merchant's organisation (公益换宣传)" }),
  form: z.enum(donationForms),
  amountFen: Fen.openapi({
    description: 'Money: the amount; in kind: the valuation (integer fen)',
  }),
  itemDescription: OptionalLongText(500).openapi({
    description: 'In kind: what was given (required for in kind)',
  }),
  quantity: OptionalText(100),
  outcome: OptionalLongText(1000).openapi({
    description: 'In kind: what became of the goods (distributed to whom, used for what)',
  }),
  receiptNo: Text(50),
  note: OptionalLongText(1000),
});

const OutcomeSchema = z
  .object({
    id: z.number().int(),
    donationId: z.number().int(),
    date: z.string(),
    text: z.string(),
    createdAt: z.string(),
    createdBy: z.number().int().nullable(),
  })
  .openapi('StaffDonationOutcome');

const DonationSchema = z
  .object({
    id: z.number().int(),
    fundId: z.number().int(),
    date: z.string(),
    donorType: z.enum(donorTypes),
    donorName: z.string(),
    anonymous: z.boolean(),
    organizationId: z.number().int().nullable(),
    form: z.enum(donationForms),
    amountFen: z.number().int(),
    itemDescription: z.string().nullable(),
    quantity: z.string().nullable(),
    outcome: z.string().nullable(),
    receiptNo: z.string(),
    note: z.string().nullable(),
    ...EnglishOut,
    ...Publication,
    outcomes: z
      .array(OutcomeSchema)
      .openapi({ description: 'Dated outcome entries added after publishing, oldest first' }),
  })
  .openapi('StaffDonation');

const donations = versionedRecordRoutes({
  path: '/donations',
  tag: 'records',
  noun: 'donation',
  versioned: { entity: 'donation', label: '捐赠记录' },
  schema: DonationSchema,
  create: {
    body: DonationBody.openapi('DonationInput'),
    run: async (tx, actor, body) => withOutcomes(tx, await createDonation(tx, actor, body)),
  },
  update: {
    body: revisionOf(DonationBody).openapi('DonationPatch'),
    run: async (tx, actor, id, body) => withOutcomes(tx, await updateDonation(tx, actor, id, body)),
  },
  find: findDonationWithOutcomes,
  listSchema: DonationSchema.omit({ outcomes: true }).openapi('StaffDonationSummary'),
  list: { query: ListQuery.extend({ fundId: FundIdQuery }), run: listDonations },
  publish: {
    run: async (tx, actor, id) => ({
      ...(await publishDonation(tx, actor, id)),
      record: await findDonationWithOutcomes(tx, id),
    }),
  },
});

const OutcomeBody = Body({
  date: DateString.openapi({ description: 'When it happened; not before the donation' }),
  text: LongText(1000).openapi({
    description: 'What became of the gift, e.g. 已发放给 12 户独居老人',
    example: '已发放给 12 户独居老人',
  }),
});

const addDonationOutcomeRoute = newRouter().openapi(
  createRoute({
    method: 'post',
    path: '/donations/{id}/outcomes',
    tags: ['records'],
    security: signedIn,
    summary:
      'Append a dated outcome entry to a donation (append-only; on a published donation it is public at once)',
    request: { params: IdParam, body: jsonBody(OutcomeBody.openapi('DonationOutcomeInput')) },
    responses: {
      201: json(DonationSchema, 'The donation with its outcome entries'),
      ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { record } = await write(c, (tx, actor) => addDonationOutcome(tx, actor, id, body));
    return c.json(record, 201);
  },
);

// ---- Incomes ----

const IncomeBody = Body({
  fundId: RefId,
  date: DateString,
  source: Text(200).openapi({ description: 'Who paid: the social enterprise, the granting body…' }),
  kind: z.enum(incomeKinds),
  amountFen: Fen,
  receiptNo: Text(50),
});

const IncomeSchema = z
  .object({
    id: z.number().int(),
    fundId: z.number().int(),
    date: z.string(),
    source: z.string(),
    kind: z.enum(incomeKinds),
    amountFen: z.number().int(),
    receiptNo: z.string(),
    ...Publication,
  })
  .openapi('StaffIncome');

const incomes = versionedRecordRoutes({
  path: '/incomes',
  tag: 'records',
  noun: 'income',
  versioned: { entity: 'income', label: '收入记录' },
  schema: IncomeSchema,
  create: { body: IncomeBody.openapi('IncomeInput'), run: createIncome },
  update: { body: revisionOf(IncomeBody).openapi('IncomePatch'), run: updateIncome },
  find: findIncome,
  list: { query: ListQuery.extend({ fundId: FundIdQuery }), run: listIncomes },
  publish: { run: publishIncome },
});

// ---- Corrections (更正) ----

const CorrectionBody = Body({
  entity: z
    .enum(correctedEntities)
    .openapi({ description: 'What kind of published record is corrected' }),
  entityId: RefId,
  date: DateString,
  amountDeltaFen: z
    .number()
    .int('金额须为整数（单位：分）')
    .min(-MAX_FEN)
    .max(MAX_FEN)
    .refine((n) => n !== 0, '更正须改变金额；文字有误请修订原记录（PATCH 附 reason）')
    .openapi({
      description:
        'The amount difference in fen, never 0: wording is fixed by revising the record itself',
    }),
  explanation: LongText(2000).openapi({ description: '更正说明: what was wrong and why' }),
});
const CorrectionPatch = Body({
  date: CorrectionBody.shape.date,
  amountDeltaFen: CorrectionBody.shape.amountDeltaFen,
  explanation: CorrectionBody.shape.explanation,
});

const CorrectionSchema = z
  .object({
    id: z.number().int(),
    entity: z.enum(correctedEntities),
    entityId: z.number().int(),
    fundId: z.number().int(),
    date: z.string(),
    amountDeltaFen: z.number().int(),
    explanation: z.string(),
    ...Publication,
  })
  .openapi('StaffCorrection');

const corrections = recordRoutes({
  path: '/corrections',
  tag: 'records',
  noun: 'correction (更正) of a published donation, income or expense',
  schema: CorrectionSchema,
  create: {
    body: CorrectionBody.openapi('CorrectionInput'),
    codes: ['not_published', 'invalid_correction'],
    run: createCorrection,
  },
  update: {
    body: patchOf(CorrectionPatch).openapi('CorrectionPatch'),
    codes: ['invalid_correction'],
    run: updateCorrection,
  },
  find: findCorrection,
  list: {
    query: ListQuery.extend({
      entity: z
        .enum(correctedEntities)
        .optional()
        .openapi({ param: { name: 'entity', in: 'query' } }),
      entityId: QueryId('entityId'),
    }),
    run: listCorrections,
  },
  publish: { run: publishCorrection },
});

// ---- Budgets ----

const Year = z.number().int().min(2000).max(2099);
const BudgetBody = Body({
  ...English,
  fundId: RefId,
  year: Year,
  budgetLine: z.enum(budgetLines),
  plannedFen: Fen.openapi({ description: 'Planned fen for this line and year' }),
});
const BudgetSchema = z
  .object({
    id: z.number().int(),
    fundId: z.number().int(),
    year: z.number().int(),
    budgetLine: z.enum(budgetLines),
    plannedFen: z.number().int(),
    ...EnglishOut,
    ...Publication,
  })
  .openapi('StaffBudget');

const budgets = versionedRecordRoutes({
  path: '/budgets',
  tag: 'records',
  noun: "budget line (a fund's plan for one budget line in one year; public once published)",
  schema: BudgetSchema,
  versioned: { entity: 'budget', label: '预算' },
  create: { body: BudgetBody.openapi('BudgetInput'), codes: ['budget_exists'], run: createBudget },
  update: {
    body: revisionOf(BudgetBody).openapi('BudgetPatch'),
    codes: ['budget_exists'],
    run: updateBudget,
  },
  find: findBudget,
  list: {
    query: ListQuery.extend({ fundId: FundIdQuery, year: QueryInt('year', 2000, 2099).optional() }),
    run: listBudgets,
  },
  publish: { run: publishBudget },
});

/** 慈善资源 / 社区微基金: funds, donations, incomes, budgets and the corrections register. Expenses: ./expenses.ts. */
export const charityRoutes = newRouter()
  .route('/', funds)
  .route('/', donations)
  .route('/', addDonationOutcomeRoute)
  .route('/', incomes)
  .route('/', corrections)
  .route('/', budgets);

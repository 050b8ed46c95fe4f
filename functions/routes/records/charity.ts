import { createRoute, z } from '@hono/zod-openapi';
import { budgetLines, donationForms, donorTypes, fundKinds } from '../../../db/schema';
import { listBudgets, setBudget } from '../../domain/records/budgets';
import { correctedEntities, createCorrection, findCorrection, listCorrections, publishCorrection, updateCorrection } from '../../domain/records/corrections';
import { createDonation, findDonation, listDonations, publishDonation, updateDonation } from '../../domain/records/donations';
import { createFund, findFund, listFunds, publishFund, updateFund } from '../../domain/records/funds';
import { createIncome, findIncome, incomeKinds, listIncomes, publishIncome, updateIncome } from '../../domain/records/incomes';
import { errorResponses } from '../../http/errors';
import { newRouter } from '../../http/router';
import { json, jsonBody, signedIn } from '../../http/schemas';
import { recordRoutes } from './crud';
import { Body, DateString, Fen, ListQuery, MAX_FEN, OptionalText, patchOf, Publication, RefId, Text, English, EnglishOut } from './schemas';
import { write } from './shared';

/** 慈善资源 / 社区微基金: funds, donations, incomes, budgets and the corrections register. Expenses: ./expenses.ts. */
export const charityRoutes = newRouter();

const FundIdQuery = z.coerce.number().int().min(1).optional().openapi({ param: { name: 'fundId', in: 'query' } });

// ---- Funds ----

const FundBody = Body({
  ...English,
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/, '基金编号须为 2–32 位字母、数字、_ 或 -').openapi({ example: 'micro-fund' }),
  name: Text(100),
  kind: z.enum(fundKinds),
  description: Text(2000),
});

const FundSchema = z
  .object({ id: z.number().int(), code: z.string(), name: z.string(), kind: z.enum(fundKinds), description: z.string(), ...EnglishOut, ...Publication })
  .openapi('StaffFund');

recordRoutes(charityRoutes, {
  path: '/funds',
  tag: 'records',
  noun: 'fund',
  schema: FundSchema,
  create: { body: FundBody.openapi('FundInput'), codes: ['fund_code_taken'], run: createFund },
  update: { body: patchOf(FundBody).openapi('FundPatch'), codes: ['fund_code_taken'], run: updateFund },
  find: findFund,
  list: { query: ListQuery, run: listFunds },
  publish: { run: publishFund },
});

// ---- Donations ----

const DonationBody = Body({
  ...English,
  fundId: RefId,
  date: DateString,
  donorType: z.enum(donorTypes),
  donorName: Text(100).openapi({ description: 'Kept for staff and receipts; never published when anonymous' }),
  anonymous: z.boolean().openapi({ description: "The donor's choice: published as 爱心人士 without a name" }),
  organizationId: RefId.nullable().optional().openapi({ description: "A partner merchant's organisation (公益换宣传)" }),
  form: z.enum(donationForms),
  amountFen: Fen.openapi({ description: 'Money: the amount; in kind: the valuation (integer fen)' }),
  itemDescription: OptionalText(500).openapi({ description: 'In kind: what was given (required for in kind)' }),
  quantity: OptionalText(100),
  outcome: OptionalText(1000).openapi({ description: 'In kind: what became of the goods (distributed to whom, used for what)' }),
  receiptNo: Text(50),
  note: OptionalText(1000),
});

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
    ...EnglishOut, ...Publication,
  })
  .openapi('StaffDonation');

recordRoutes(charityRoutes, {
  path: '/donations',
  tag: 'records',
  noun: 'donation',
  schema: DonationSchema,
  create: { body: DonationBody.openapi('DonationInput'), run: createDonation },
  update: { body: patchOf(DonationBody).openapi('DonationPatch'), run: updateDonation },
  find: findDonation,
  list: { query: ListQuery.extend({ fundId: FundIdQuery }), run: listDonations },
  publish: { run: publishDonation },
});

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
  .object({ id: z.number().int(), fundId: z.number().int(), date: z.string(), source: z.string(), kind: z.enum(incomeKinds), amountFen: z.number().int(), receiptNo: z.string(), ...Publication })
  .openapi('StaffIncome');

recordRoutes(charityRoutes, {
  path: '/incomes',
  tag: 'records',
  noun: 'income',
  schema: IncomeSchema,
  create: { body: IncomeBody.openapi('IncomeInput'), run: createIncome },
  update: { body: patchOf(IncomeBody).openapi('IncomePatch'), run: updateIncome },
  find: findIncome,
  list: { query: ListQuery.extend({ fundId: FundIdQuery }), run: listIncomes },
  publish: { run: publishIncome },
});

// ---- Corrections (更正) ----

const CorrectionBody = Body({
  entity: z.enum(correctedEntities).openapi({ description: 'What kind of published record is corrected' }),
  entityId: RefId,
  date: DateString,
  amountDeltaFen: z.number().int('金额须为整数（单位：分）').min(-MAX_FEN).max(MAX_FEN).openapi({ description: 'The amount difference in fen: negative, positive, or 0 for a wording fix' }),
  explanation: Text(2000).openapi({ description: '更正说明: what was wrong and why' }),
});
const CorrectionPatch = Body({ date: CorrectionBody.shape.date, amountDeltaFen: CorrectionBody.shape.amountDeltaFen, explanation: CorrectionBody.shape.explanation });

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

recordRoutes(charityRoutes, {
  path: '/corrections',
  tag: 'records',
  noun: 'correction (更正) of a published donation, income or expense',
  schema: CorrectionSchema,
  create: { body: CorrectionBody.openapi('CorrectionInput'), codes: ['not_published', 'invalid_correction'], run: createCorrection },
  update: { body: patchOf(CorrectionPatch).openapi('CorrectionPatch'), codes: ['invalid_correction'], run: updateCorrection },
  find: findCorrection,
  list: {
    query: ListQuery.extend({
      entity: z.enum(correctedEntities).optional().openapi({ param: { name: 'entity', in: 'query' } }),
      entityId: z.coerce.number().int().min(1).optional().openapi({ param: { name: 'entityId', in: 'query' } }),
    }),
    run: listCorrections,
  },
  publish: { run: publishCorrection },
});

// ---- Budgets ----

const BudgetSchema = z.object({ fundId: z.number().int(), year: z.number().int(), budgetLine: z.enum(budgetLines), plannedFen: z.number().int() }).openapi('StaffBudget');
const Year = z.number().int().min(2000).max(2099);

charityRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/budgets',
    tags: ['records'],
    security: signedIn,
    summary: 'Planned amounts per fund, year and budget line',
    request: {
      query: z.object({ fundId: FundIdQuery, year: z.coerce.number().int().min(2000).max(2099).optional().openapi({ param: { name: 'year', in: 'query' } }) }),
    },
    responses: { 200: json(z.object({ items: z.array(BudgetSchema) }), 'Budget lines'), ...errorResponses('invalid_request', 'unauthorized', 'forbidden') },
  }),
  async (c) => c.json({ items: await listBudgets(c.get('deps').database.read, c.req.valid('query')) }, 200),
);

const BudgetBody = Body({
  fundId: RefId,
  year: Year,
  lines: Body(Object.fromEntries(budgetLines.map((line) => [line, Fen.optional()])) as Record<(typeof budgetLines)[number], z.ZodOptional<typeof Fen>>)
    .refine((o: object) => Object.keys(o).length > 0, '请至少提供一个预算科目')
    .openapi({ description: 'Planned fen per budget line; lines not named are left as they are' }),
});

charityRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/budgets',
    tags: ['records'],
    security: signedIn,
    summary: "Set a fund's planned amounts for a year (public with the fund: a published fund's site is rebuilt)",
    request: { body: jsonBody(BudgetBody.openapi('BudgetInput')) },
    responses: { 200: json(z.object({ items: z.array(BudgetSchema) }), "The fund's budget lines for that year"), ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'invalid_reference') },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const { record } = await write(c, (tx, actor) => setBudget(tx, actor, body));
    return c.json({ items: record }, 200);
  },
);

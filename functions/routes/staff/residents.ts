import { createRoute, z } from '@hono/zod-openapi';
import { communityName } from '../../domain/community/settings';
import {
  LOGIN_PATTERN,
  PASSWORD_MAX,
  PASSWORD_MIN,
  PHONE_PATTERN,
  PIN_PATTERN,
} from '../../domain/people/account-fields';
import { checkResidentsCsv, importResidentsCsv } from '../../domain/people/bulk-import';
import { renderCardPdf } from '../../domain/people/card-pdf';
import { searchResidents } from '../../domain/people/directory';
import {
  hashRegistration,
  issueCardTo,
  registerResident,
  resetPin,
  residentDetails,
} from '../../domain/people/register';
import { hashSecret } from '../../domain/shared/crypto';
import { DomainError } from '../../domain/shared/errors';
import { csvUploadBody, csvUploadOf } from '../../http/csv-upload';
import { errorResponses } from '../../http/errors';
import { actorOf, IdParam, Text } from '../../http/params';
import { newRouter } from '../../http/router';
import { json, jsonBody, PageOf, PageQuery, signedIn, v1Page } from '../../http/schemas';

const Pin = z.string().regex(PIN_PATTERN, '密码须为 4 位数字');
const CardNo = z.string().regex(/^[Cc]\d{4,8}$/, '卡号格式如 C0001');
const upper = (card: { cardNo: string; pin: string }) => ({
  ...card,
  cardNo: card.cardNo.toUpperCase(),
});

export const Household = z.strictObject({
  compound: Text(64),
  building: Text(64),
  unit: Text(64),
  door: Text(64),
});

/** A mainland mobile number as people write it (138-0013-8000, +86…), stored as 11 digits. */
export const Phone = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, ''))
  .pipe(z.string().regex(PHONE_PATTERN, '手机号格式错误'));

const Registration = z
  .strictObject({
    fullName: Text(64),
    displayName: Text(32).optional().openapi({
      description: 'What the resident likes to be called (张阿姨); defaults to the masked name',
    }),
    phone: Phone.optional(),
    household: Household,
    login: z.string().regex(LOGIN_PATTERN, '登录名须为 3–32 位小写字母、数字、_ . -').optional(),
    password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX).optional(),
    card: z.strictObject({ cardNo: CardNo, pin: Pin }).optional(),
  })
  .refine((r) => !r.password || r.login, {
    message: '设置密码时须同时指定登录名',
    path: ['password'],
  })
  .openapi('ResidentRegistration');

export const DetailsSchema = z
  .object({
    id: z.number().int(),
    login: z.string(),
    fullName: z.string(),
    displayName: z.string(),
    phone: z.string().nullable(),
    hasPassword: z.boolean(),
    household: z
      .object({
        id: z.number().int(),
        compound: z.string(),
        building: z.string(),
        unit: z.string(),
        door: z.string(),
      })
      .nullable(),
    householdMembers: z
      .array(
        z.object({
          id: z.number().int(),
          fullName: z.string(),
          movedAwayAt: z.string().nullable(),
        }),
      )
      .openapi({ description: 'The others registered at the same address' }),
    card: z
      .object({
        cardNo: z.string(),
        issuedAt: z.string(),
        failedPins: z.number().int(),
        lockedUntil: z.string().nullable(),
      })
      .nullable(),
    balance: z.number().int(),
    createdAt: z.string(),
    movedAwayAt: z.string().nullable(),
    mustChangePassword: z.boolean(),
  })
  .openapi('ResidentDetails');

// ---------------------------------------------------------------------------------------------
// Bulk import: the CLI's columns (login, full_name, phone, compound, building, unit, door[, password][, card, pin]).

const IssueSchema = z.object({ line: z.number().int(), message: z.string(), en: z.string() });

/**
 * Residents at the staff desk (/api/staff/residents/…): register one with a household, look one
 * up, reset a PIN, issue and print a paper card, import many from a spreadsheet. Field rules are
 * the CSV importer's own (functions/domain/people/account-fields.ts), so both ways in accept the same data.
 */
const ResidentSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    login: z.string(),
    card: z.string().nullable(),
    building: z.string().nullable(),
    balance: z.number().int(),
    movedAwayAt: z.string().nullable().openapi({
      description:
        'When the resident moved away (their account is closed); null while they live here',
    }),
  })
  .openapi('StaffResident');

export const residents = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/residents',
      tags: ['staff'],
      security: signedIn,
      summary: 'Find residents by name, login, card or building; an empty query lists everyone',
      request: {
        query: PageQuery(500, 50).extend({
          query: z
            .string()
            .max(100)
            .default('')
            .openapi({ param: { name: 'query', in: 'query' } }),
        }),
      },
      responses: {
        200: json(PageOf(ResidentSchema, { v1Name: 'residents' }), 'Residents'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden'),
      },
    }),
    async (c) =>
      c.json(
        v1Page(
          await searchResidents(c.get('deps').database.read, c.req.valid('query')),
          'residents',
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/residents',
      tags: ['staff'],
      security: signedIn,
      summary:
        'Register a resident with their household; optionally a login + password and a paper card + PIN',
      request: { body: jsonBody(Registration) },
      responses: {
        201: json(DetailsSchema, 'Registered'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'login_taken',
          'card_taken',
        ),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const hashed = await hashRegistration({
        ...body,
        card: body.card ? upper(body.card) : undefined,
      });
      const actor = actorOf(c);
      const { database } = c.get('deps');
      const done = await database.write((tx) => registerResident(tx, actor, hashed));
      return c.json(await residentDetails(database.read, done.id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/residents/{id}',
      tags: ['staff'],
      security: signedIn,
      summary: "One resident's details: household, phone, card state (locked?), balance",
      request: { params: IdParam },
      responses: {
        200: json(DetailsSchema, 'The resident'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found'),
      },
    }),
    async (c) =>
      c.json(await residentDetails(c.get('deps').database.read, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/residents/{id}/pin',
      tags: ['staff'],
      security: signedIn,
      summary: "Set a new PIN on the resident's paper card; also lifts a lockout",
      request: { params: IdParam, body: jsonBody(z.strictObject({ pin: Pin })) },
      responses: {
        200: json(DetailsSchema, 'PIN reset'),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found', 'no_card'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const pinHash = await hashSecret(c.req.valid('json').pin);
      const actor = actorOf(c);
      const { database } = c.get('deps');
      await database.write((tx) => resetPin(tx, actor, id, pinHash));
      return c.json(await residentDetails(database.read, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/residents/{id}/card',
      tags: ['staff'],
      security: signedIn,
      summary: 'Issue a paper card (number + PIN) to a resident who has none',
      request: { params: IdParam, body: jsonBody(z.strictObject({ cardNo: CardNo, pin: Pin })) },
      responses: {
        201: json(DetailsSchema, 'Issued'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'has_card',
          'card_taken',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const card = upper(c.req.valid('json'));
      const pinHash = await hashSecret(card.pin);
      const actor = actorOf(c);
      const { database } = c.get('deps');
      await database.write((tx) => issueCardTo(tx, actor, id, card.cardNo, pinHash));
      return c.json(await residentDetails(database.read, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/residents/{id}/card.pdf',
      tags: ['staff'],
      security: signedIn,
      summary:
        "The resident's paper card as a printable PDF (A4: front and back to cut out and fold; QR code of the card number; never the PIN)",
      request: { params: IdParam },
      responses: {
        200: {
          description: 'The card',
          content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'not_found', 'no_card'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const db = c.get('deps').database.read;
      const resident = await residentDetails(db, id);
      if (!resident.card) throw new DomainError('no_card', '该居民还没有纸质卡，请先发卡');
      const pdf = await renderCardPdf({
        community: await communityName(db),
        displayName: resident.displayName,
        cardNo: resident.card.cardNo,
        issuedAt: new Date(resident.card.issuedAt),
      });
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="card-${resident.card.cardNo}.pdf"`,
        'cache-control': 'no-store',
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/residents/import/check',
      tags: ['staff'],
      security: signedIn,
      summary: 'Check a residents CSV without importing: every problem, line by line',
      request: { body: csvUploadBody },
      responses: {
        200: json(
          z
            .object({ ok: z.boolean(), rows: z.number().int(), issues: z.array(IssueSchema) })
            .openapi('ImportCheck'),
          'The report',
        ),
        ...errorResponses('invalid_request', 'unauthorized', 'forbidden', 'file_too_large'),
      },
    }),
    async (c) => {
      const checked = await checkResidentsCsv(
        c.get('deps').database,
        await csvUploadOf(c, c.req.valid('json')),
      );
      return c.json({ ok: checked.ok, rows: checked.rows, issues: checked.issues }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/residents/import',
      tags: ['staff'],
      security: signedIn,
      summary:
        'Import residents from a CSV: checked whole first (422 import_invalid lists every problem by line), then written in chunks of 500 rows',
      request: { body: csvUploadBody },
      responses: {
        201: json(
          z
            .object({
              imported: z.number().int(),
              households: z.number().int(),
              reusedHouseholds: z.number().int(),
              cards: z.number().int(),
              residents: z.array(
                z.object({ line: z.number().int(), id: z.number().int(), login: z.string() }),
              ),
              skipped: z.number().int().openapi({
                description:
                  'Rows already imported (same login and name): a file imported again adds nobody twice',
              }),
              refused: z.array(IssueSchema).openapi({
                description:
                  'Rows good when checked whose login or card was taken before they were written',
              }),
            })
            .openapi('ImportReport'),
          'Imported',
        ),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'import_invalid',
          'file_too_large',
        ),
      },
    }),
    async (c) => {
      const report = await importResidentsCsv(
        c.get('deps').database,
        actorOf(c),
        await csvUploadOf(c, c.req.valid('json')),
      );
      return c.json(report, 201);
    },
  );

import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_RECEIPT_BYTES } from '../../../functions/domain/records/receipts';
import { bodyOf } from '../../helpers/client';
import { expectError } from '../../helpers/http';
import { perTest } from '../../helpers/template';
import { BASE, recordsWorld, sample } from './helpers';

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4,
]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const EXE = Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]);
const GARBAGE = new TextEncoder().encode('just some text pretending to be a picture');

const w = perTest(recordsWorld);
let expenseId: number;
beforeEach(async () => {
  const records = w.records();
  const fund = await bodyOf(await records.funds.$post({ json: sample.fund() }), 201);
  expenseId = (await bodyOf(await records.expenses.$post({ json: sample.expense(fund.id) }), 201))
    .id;
});

/** What these tests read of a stored receipt's answer. */
const Receipt = z.looseObject({ id: z.number(), filename: z.string() });

async function parse(res: Response) {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}

const send = async (path: string, init: RequestInit) => parse(await w.app.request(path, init));

function multipart(
  bytes: Uint8Array,
  filename: string,
  type: string,
  token = w.staff,
  id = expenseId,
  extra?: Record<string, string>,
) {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], filename, { type }));
  for (const [k, v] of Object.entries(extra ?? {})) form.append(k, v);
  return send(`${BASE}/expenses/${id}/receipts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

function raw(bytes: Uint8Array, type: string, query = '', token = w.staff) {
  return send(`${BASE}/expenses/${expenseId}/receipts${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
}

const download = (receiptId: number, token?: string) =>
  w.app.request(`${BASE}/expenses/${expenseId}/receipts/${receiptId}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('receipt upload', () => {
  it('accepts PNG, JPEG and PDF, by multipart or as the raw body, and lists them on the expense', async () => {
    const png = await multipart(PNG, '发票.png', 'image/png');
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({
      filename: '发票.png',
      mime: 'image/png',
      size: PNG.length,
      uploadedBy: w.f.staffId,
    });
    const jpeg = await multipart(JPEG, 'C:\\scans\\receipt.jpeg', 'image/jpeg');
    expect(jpeg.body).toMatchObject({ filename: 'receipt.jpeg', mime: 'image/jpeg' });
    const pdf = await raw(PDF, 'application/pdf', '?filename=invoice');
    expect(pdf.body).toMatchObject({
      filename: 'invoice.pdf',
      mime: 'application/pdf',
      size: PDF.length,
    });
    // A generic type is fine: the bytes decide.
    const octet = await raw(PNG, 'application/octet-stream');
    expect(octet.body).toMatchObject({ filename: 'receipt.png', mime: 'image/png' });

    const expense = await bodyOf(
      await w.records().expenses[':id'].$get({ param: { id: String(expenseId) } }),
      200,
    );
    expect(expense.receipts.map((r) => r.mime)).toEqual([
      'image/png',
      'image/jpeg',
      'application/pdf',
      'image/png',
    ]);
    const audits = await w.rows<{ detail: string }>(
      sql`select detail from audit_log where action = 'upload_receipt' order by id`,
    );
    expect(audits).toHaveLength(4);
    expect(JSON.parse(audits[0]!.detail)).toMatchObject({
      receiptId: Receipt.parse(png.body).id,
      filename: '发票.png',
      mime: 'image/png',
      size: PNG.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // A draft expense's receipts are not public yet: no rebuild.
    expect(w.published).toEqual([]);
  });

  it('refuses executables, garbage and files that are not what they claim, changing nothing', async () => {
    const before = await w.dump();
    expectError(await multipart(EXE, 'receipt.png', 'image/png'), 415, 'unsupported_file');
    expectError(
      await multipart(EXE, 'setup.exe', 'application/x-msdownload'),
      415,
      'unsupported_file',
    );
    expectError(await multipart(GARBAGE, 'receipt.jpg', 'image/jpeg'), 415, 'unsupported_file');
    expectError(await raw(EXE, 'application/octet-stream'), 415, 'unsupported_file');
    expectError(await raw(PDF, 'image/png'), 415, 'unsupported_file');
    expectError(await multipart(PNG, 'a.pdf', 'application/pdf'), 415, 'unsupported_file');
    expectError(await raw(new Uint8Array(0), 'image/png'), 400, 'invalid_request');
    expectError(await raw(PNG, 'application/json'), 400, 'invalid_request');
    expectError(await raw(PNG, 'text/html'), 400, 'invalid_request');
    expectError(
      await multipart(PNG, 'a.png', 'image/png', w.staff, expenseId, { note: 'x' }),
      400,
      'invalid_request',
    );
    const noFile = await send(`${BASE}/expenses/${expenseId}/receipts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.staff}` },
      body: new FormData(),
    });
    expectError(noFile, 400, 'invalid_request');
    expectError(await multipart(PNG, 'a.png', 'image/png', w.staff, 999), 404, 'not_found');
    expect(await w.dump()).toEqual(before);
  });

  it('refuses a file over 5 MB, by multipart or raw', async () => {
    const big = new Uint8Array(MAX_RECEIPT_BYTES + 1);
    big.set(PNG);
    const before = await w.dump();
    expectError(await multipart(big, 'big.png', 'image/png'), 413, 'file_too_large');
    expectError(await raw(big, 'image/png'), 413, 'file_too_large');
    const huge = new Uint8Array(MAX_RECEIPT_BYTES + 200_000);
    huge.set(PNG);
    expectError(await raw(huge, 'image/png'), 413, 'file_too_large');
    expect(await w.dump()).toEqual(before);
    // Exactly at the limit is fine.
    const max = new Uint8Array(MAX_RECEIPT_BYTES);
    max.set(PDF);
    expect((await multipart(max, 'max.pdf', 'application/pdf')).status).toBe(201);
  });

  it('takes receipts on a published expense too, and asks for a rebuild', async () => {
    const fund = await bodyOf(
      await w.records().expenses[':id'].$get({ param: { id: String(expenseId) } }),
      200,
    );
    await w.api('POST', `/funds/${fund.fundId}/publish`);
    await w.api('POST', `/expenses/${expenseId}/approve`, undefined, w.staff2);
    await w.api('POST', `/expenses/${expenseId}/publish`);
    expect((await multipart(PNG, 'late.png', 'image/png')).status).toBe(201);
    expect(w.published.map((p) => p.event)).toEqual([
      { entity: 'fund', id: fund.fundId },
      { entity: 'expense', id: expenseId },
      { entity: 'expense', id: expenseId },
    ]);
  });
});

describe('receipt download', () => {
  it('serves the exact bytes with a safe type to staff only', async () => {
    const body = Receipt.parse((await multipart(PDF, '收据 "3月".pdf', 'application/pdf')).body);
    const res = await download(body.id, w.staff2);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toContain('no-store');
    // Quotes are dropped from stored names; the header carries an ASCII fallback and the UTF-8 name.
    expect(body.filename).toBe('收据 3月.pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="__ 3_.pdf"; filename*=UTF-8''${encodeURIComponent('收据 3月.pdf')}`,
    );
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);

    expectError(await parse(await download(body.id)), 401, 'unauthorized');
    expectError(await parse(await download(body.id, w.resident)), 403, 'forbidden');
    expectError(await parse(await download(body.id, w.merchant)), 403, 'forbidden');
    expectError(await parse(await download(999, w.staff)), 404, 'not_found');
    // A receipt is reached only through its own expense.
    const other = await bodyOf(await w.records().expenses.$post({ json: sample.expense(1) }), 201);
    const wrong = await w.app.request(`${BASE}/expenses/${other.id}/receipts/${body.id}`, {
      headers: { authorization: `Bearer ${w.staff}` },
    });
    expectError(await parse(wrong), 404, 'not_found');
  });

  it('refuses uploads from anyone but staff, before reading the file', async () => {
    expectError(await multipart(PNG, 'a.png', 'image/png', w.resident), 403, 'forbidden');
    expectError(await multipart(PNG, 'a.png', 'image/png', w.merchant), 403, 'forbidden');
    const anonymous = await w.app.request(`${BASE}/expenses/${expenseId}/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: PNG,
    });
    expectError(await parse(anonymous), 401, 'unauthorized');
    expect(await w.rows(sql`select id from receipts`)).toEqual([]);
  });
});

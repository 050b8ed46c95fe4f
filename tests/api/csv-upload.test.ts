import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { NOT_CSV_TEXT, NOT_UTF8_TEXT } from '../../functions/domain/people/csv-text';
import { counts } from '../helpers/daily-use';
import { GBK_RESIDENTS_CSV, UTF16_CSV } from '../helpers/gbk-csv';
import { call, expectError, useWorld } from '../helpers/http';
import { rows } from '../helpers/ledger';

/** The console uploads the CSV file itself; the server decodes it as the CLI does (tests/cli/commands.test.ts, same bytes). */
describe('residents CSV upload', () => {
  const w = useWorld(['staff']);
  const upload = async (path: string, body: Uint8Array<ArrayBuffer>, type = 'text/csv') => {
    const res = await w.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens.staff}`, 'content-type': type },
      body,
    });
    return { status: res.status, body: await res.json(), headers: res.headers };
  };

  it('reads a GBK file from Excel or WPS and imports the names right', async () => {
    const check = await upload('/api/staff/residents/import/check', GBK_RESIDENTS_CSV);
    expect(check).toMatchObject({ status: 200, body: { ok: true, rows: 2, issues: [] } });
    // A browser may call a .csv file by Excel's type; the bytes decide.
    const imported = await upload(
      '/api/staff/residents/import',
      GBK_RESIDENTS_CSV,
      'application/vnd.ms-excel',
    );
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ imported: 2, households: 2 });
    const names = await rows<{ full_name: string }>(
      w.t.database.read,
      sql`select full_name from residents r join users u on u.id = r.user_id where u.login like 'gbk.%' order by u.login`,
    );
    expect(names.map((r) => r.full_name)).toEqual(['李四', '张三']);
  });

  it('refuses what is not CSV text, and text already damaged by the page, changing nothing', async () => {
    const before = await counts(w.t.database);
    expect((await upload('/api/staff/residents/import/check', UTF16_CSV)).body).toEqual({
      ok: false,
      rows: 0,
      issues: [NOT_CSV_TEXT],
    });
    const refused = await upload(
      '/api/staff/residents/import',
      UTF16_CSV,
      'application/octet-stream',
    );
    expectError(refused, 422, 'import_invalid');
    expect(refused.body.error.message).toContain('CSV UTF-8');
    // The older JSON form, with the GBK file read by File.text(): the Chinese is already lost.
    const damaged = new TextDecoder().decode(GBK_RESIDENTS_CSV);
    expect(
      (
        await call(w.app, 'POST', '/api/staff/residents/import/check', {
          token: w.tokens.staff,
          body: { csv: damaged },
        })
      ).body,
    ).toEqual({ ok: false, rows: 0, issues: [NOT_UTF8_TEXT] });
    expectError(
      await call(w.app, 'POST', '/api/staff/residents/import', {
        token: w.tokens.staff,
        body: { csv: damaged },
      }),
      422,
      'import_invalid',
    );
    expectError(
      await upload('/api/staff/residents/import', new Uint8Array()),
      400,
      'invalid_request',
    );
    expectError(
      await upload('/api/staff/residents/import', new Uint8Array(6_000_001).fill(0x41)),
      413,
      'file_too_large',
    );
    expect(await counts(w.t.database)).toEqual(before);
  });
});

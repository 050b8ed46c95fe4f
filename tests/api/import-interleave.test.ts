import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { IMPORT_CHUNK_ROWS } from '../../functions/domain/people/bulk-import';
import { client } from '../helpers/client';
import { PIN } from '../helpers/fixture';
import { awardVia, call, newKey, useWorld } from '../helpers/http';

describe('a large resident import is written in chunks, so the counter keeps working', () => {
  const w = useWorld(['staff', 'm1']);

  it(`3,000 rows (${Math.ceil(3000 / IMPORT_CHUNK_ROWS)} chunks) while card redemptions run: every redemption succeeds and the import completes`, async () => {
    expect((await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100)).status).toBe(201);
    const header = 'login,full_name,phone,compound,building,unit,door';
    const csv = [
      header,
      ...Array.from(
        { length: 3000 },
        (_, i) => `bulk${i},居民${i},,桂花苑,${1 + (i % 20)}栋,1单元,${100 + (i % 50)}`,
      ),
    ].join('\n');
    // The raw CSV file as the body is what the typed client cannot send.
    const importing = call(w.app, 'POST', '/api/staff/residents/import', {
      token: w.tokens.staff,
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    let done = false;
    void importing.finally(() => (done = true));
    const m1 = client(w.app, { token: w.tokens.m1 });
    const redemptions: Array<{ status: number }> = [];
    while ((!done || redemptions.length < 5) && redemptions.length < 100) {
      redemptions.push(
        await m1.counter.redemptions.$post({
          header: { 'idempotency-key': newKey('redeem') },
          json: { card: 'C9001', pin: PIN, points: 1 },
        }),
      );
    }
    const imported = await importing;
    expect(imported.status).toBe(201);
    const Report = z.object({ imported: z.number(), refused: z.array(z.unknown()) });
    expect(Report.parse(imported.body)).toMatchObject({ imported: 3000, refused: [] });
    expect(redemptions.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
  });
});

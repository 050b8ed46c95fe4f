import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateSummary, generateDatabase } from '../../bench/generate';

/**
 * The benchmark databases stand for a community grown over years: the generator's copies must
 * keep the records' relations the shape a real community has, or the site build is measured on
 * pages no community would publish.
 */
describe('bench generator: grown public records', () => {
  let dir: string;
  let client: Client;
  let seeded: Client;
  let summary: GenerateSummary;
  const rows = async <T>(sql: string, db = client) =>
    (await db.execute(sql)).rows as unknown as T[];
  const mostPerDeliberation = async (db: Client) =>
    (
      await rows<{ deliberation_id: number; n: number }>(
        'SELECT deliberation_id, count(*) AS n FROM expenses WHERE deliberation_id IS NOT NULL GROUP BY deliberation_id ORDER BY n DESC',
        db,
      )
    ).map((r) => ({ id: Number(r.deliberation_id), n: Number(r.n) }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linli-generate-'));
    const now = new Date('2026-03-09T02:00:00Z');
    const [file, seedFile] = [join(dir, 'grown.db'), join(dir, 'seeded.db')];
    [summary] = await Promise.all([
      generateDatabase({
        file,
        residents: 300,
        entries: 3000,
        deliberations: 400,
        fundEntries: 4000,
        now,
      }),
      generateDatabase({ file: seedFile, residents: 200, entries: 0, now }),
    ]);
    client = createClient({ url: `file:${file}` });
    seeded = createClient({ url: `file:${seedFile}` });
  }, 120_000);
  afterAll(() => {
    client?.close();
    seeded?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('grows to the sizes asked for', () => {
    expect(summary.deliberations).toBeGreaterThanOrEqual(400);
    expect(summary.fund_entries).toBeGreaterThanOrEqual(3500);
  });

  it('spreads approved expenses over the grown deliberations, no more per deliberation than the seed has', async () => {
    const seed = await mostPerDeliberation(seeded);
    const [seedMost] = seed;
    const grown = await mostPerDeliberation(client);
    expect(
      seedMost,
      'the seed links expenses to deliberations, so this test is not vacuous',
    ).toBeDefined();
    expect(
      grown.length,
      'copies approve expenses too, not only the seeded deliberations',
    ).toBeGreaterThan(10 * seed.length);
    expect(grown[0]!.n, `deliberation ${grown[0]!.id}`).toBeLessThanOrEqual(seedMost!.n);
  });

  it('approves every expense by a deliberation that exists and met before it was approved', async () => {
    const wrong = await rows<{ id: number }>(
      `SELECT e.id FROM expenses e LEFT JOIN deliberations d ON d.id = e.deliberation_id
        WHERE e.deliberation_id IS NOT NULL AND (d.id IS NULL OR (e.approved_at IS NOT NULL AND d.date > substr(e.approved_at, 1, 10)))`,
    );
    expect(wrong).toEqual([]);
  });
});

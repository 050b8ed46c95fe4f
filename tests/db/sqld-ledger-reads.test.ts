import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client';
import { redeem, transfer } from '../../functions/domain/ledger/commands';
import { ledgerPages } from '../../functions/domain/ledger/pages';
import { verifyLedger } from '../../functions/domain/ledger/verify';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { type Sqld, startMigratedSqld } from '../helpers/edge-stack';
import { seedFixture } from '../helpers/fixture';
import { grant } from '../helpers/ledger';

/**
 * The whole-ledger reads (the pages verify and the export walk) on a libSQL server answer exactly
 * as on the embedded file: sqld parses SQL with its own parser, which refuses some of what the
 * file accepts (an ORDER BY inside an aggregate's arguments).
 */
const now = new Date('2026-03-09T02:00:00Z');
let sqld: Sqld;
let remote: Database;
let file: TestDatabase;

async function fill(database: Database) {
  const { staffId, residents, merchants } = await seedFixture(database, now);
  const [r1, r2] = residents as [number, number];
  await grant(database, staffId, r1, 100, now, '巡防');
  await grant(database, staffId, r2, 40, now, '助老');
  await database.write((tx) =>
    redeem(tx, { actorId: merchants[0]!, now }, { residentId: r1, points: 30 }),
  );
  await database.write((tx) =>
    transfer(tx, { actorId: r1, now }, { fromResidentId: r1, to: r2, points: 10 }),
  );
}

async function pages(database: Database) {
  const all = [];
  for await (const page of ledgerPages(database.read, { pageSize: 3 })) all.push(...page);
  return all;
}

beforeAll(async () => {
  sqld = await startMigratedSqld();
  remote = createDatabase({ url: sqld.url });
  file = await createTestDatabase();
  await fill(remote);
  await fill(file.database);
}, 60_000);
afterAll(async () => {
  remote?.close();
  file?.cleanup();
  await sqld?.stop();
});

describe('whole-ledger reads on sqld', () => {
  it('reads the same pages, postings in order, as the file', async () => {
    const onServer = await pages(remote);
    expect(onServer).toHaveLength(4);
    expect(onServer).toEqual(await pages(file.database));
    for (const e of onServer) expect(e.postings.length).toBeGreaterThanOrEqual(2);
  });

  it('verifies with the same head and totals as the file', async () => {
    const report = await verifyLedger(remote.read);
    expect(report).toMatchObject({ ok: true, entries: 4 });
    expect(report).toEqual(await verifyLedger(file.database.read));
  });
});

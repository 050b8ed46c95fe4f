import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CsvExportAssembler,
  csvHeader,
  csvRows,
  decodeJsonDocument,
  type ExportEntry,
  ExportFormatError,
  fileAccountKinds,
  JSON_SEPARATOR,
  JsonExportReader,
  jsonEntry,
  jsonPreamble,
  jsonTrailer,
} from '../../functions/domain/ledger/export';
import { ledgerPages } from '../../functions/domain/ledger/pages';
import { ledgerHead } from '../../functions/domain/ledger/queries';
import { LedgerChecker } from '../../functions/domain/ledger/verify';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedFixture } from '../helpers/fixture';
import { seedLedger } from './support';

async function allEntries(t: TestDatabase, pageSize: number): Promise<ExportEntry[]> {
  const { entries } = await ledgerHead(t.database.read);
  const out: ExportEntry[] = [];
  for await (const page of ledgerPages(t.database.read, { upTo: entries, pageSize }))
    out.push(...page);
  return out;
}

async function replay(entries: ExportEntry[]) {
  const checker = new LedgerChecker(fileAccountKinds());
  for (const e of entries) {
    const problem = await checker.check(e);
    if (problem) return { problem, checker };
  }
  return { checker };
}

describe('ledger export format', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase();
    await seedLedger(t.database, await seedFixture(t.database));
  });
  afterEach(() => t.cleanup());

  it('pages through the ledger in id order whatever the page size', async () => {
    const whole = await allEntries(t, 1000);
    expect(whole.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await allEntries(t, 3)).toEqual(whole);
    expect(whole.every((e) => e.postings.length === 2)).toBe(true);
    const { checker, problem } = await replay(whole);
    expect(problem).toBeUndefined();
    expect(checker.head).toBe((await ledgerHead(t.database.read)).head);
  });

  it('JSON: plain JSON, read back line by line to the same entries', async () => {
    const entries = await allEntries(t, 1000);
    const text =
      jsonPreamble('2026-03-10T00:00:00.000Z') +
      entries.map(jsonEntry).join(JSON_SEPARATOR) +
      jsonTrailer(entries.length, entries.at(-1)!.hash);
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({
      format: 'linli-ledger',
      version: 1,
      entryCount: 8,
      head: entries.at(-1)!.hash,
    });
    expect(decodeJsonDocument(doc).entries).toEqual(entries);

    const reader = new JsonExportReader();
    const back: ExportEntry[] = [];
    text.split('\n').forEach((line, i) => {
      const e = reader.line(line, i + 1);
      if (e) back.push(e);
    });
    expect(back).toEqual(entries);
    expect(reader.end(99)).toEqual({ entryCount: 8, head: entries.at(-1)!.hash });
  });

  it('JSON: a truncated file or a malformed entry is named', () => {
    const reader = new JsonExportReader();
    reader.line(jsonPreamble('x').trim(), 1);
    expect(() => reader.line('{"id":1,"at":"x"', 2)).toThrow(ExportFormatError);
    expect(() =>
      reader.line(
        '{"id":4,"at":"x","kind":"award","memo":"m","actorId":null,"activityId":null,"reversesId":null,"postings":[{"accountId":1,"amount":"5"}],"prevHash":"a","hash":"b"},',
        3,
      ),
    ).toThrow(/entry 4: each posting needs integer/);
    expect(() => reader.end(4)).toThrow(/truncated/);
  });

  it('CSV: one row per posting, gathered back into the same entries', async () => {
    const entries = await allEntries(t, 1000);
    const text = csvHeader() + csvRows(entries.slice(0, 3)) + csvRows(entries.slice(3));
    expect(
      text.startsWith(
        '\uFEFFentry_id,at,kind,memo,actor_id,activity_id,reverses_id,account_id,amount,balance_after,prev_hash,hash\n',
      ),
    ).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(16);
    expect(rows[4]).toMatchObject({
      entry_id: '3',
      memo: '夜间巡防, "三小时"\n第二行',
      actor_id: String(entries[2]!.actorId),
      activity_id: '',
      reverses_id: '',
    });
    const assembler = new CsvExportAssembler();
    const back: ExportEntry[] = [];
    rows.forEach((row, i) => {
      const e = assembler.push(row as never, i + 2);
      if (e) back.push(e);
    });
    back.push(assembler.end()!);
    expect(back).toEqual(entries);
  });

  it('CSV: rows of one entry that disagree are refused, naming the entry', async () => {
    const entries = await allEntries(t, 1000);
    const rows = parse(csvRows(entries.slice(0, 2)), {
      columns: [
        ...'entry_id,at,kind,memo,actor_id,activity_id,reverses_id,account_id,amount,balance_after,prev_hash,hash'.split(
          ',',
        ),
      ],
    }) as Array<Record<string, string>>;
    rows[3]!.memo = 'changed on the second row only';
    const assembler = new CsvExportAssembler();
    assembler.push(rows[0] as never, 2);
    assembler.push(rows[1] as never, 3);
    assembler.push(rows[2] as never, 4);
    expect(() => assembler.push(rows[3] as never, 5)).toThrow('entry 2: its rows disagree on memo');
    expect(() => CsvExportAssembler.checkHeader(['entry_id', 'at'], 1)).toThrow(/missing kind/);
  });
});

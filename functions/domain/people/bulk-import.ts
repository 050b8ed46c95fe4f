import type { Database } from '../../../db/client';
import { cards, users } from '../../../db/schema';
import { audit, type Actor } from '../records/audit';
import { hashSecret } from '../shared/crypto';
import { DomainError } from '../shared/errors';
import { decodeCsvBytes, csvTextOf } from './csv-text';
import { createResident } from './directory';
import { CsvSyntaxError, formatIssue, parseCsv, validateResidents, type ImportIssue, type ResidentRecord } from './import';
import { householdFor } from './register';

/**
 * Bulk import of residents through the API: the CLI's own parser and validator (./import) decide
 * what is acceptable, line by line; then everything is written in one transaction, or nothing.
 */
export const MAX_IMPORT_ROWS = 5000;

export interface ImportCheck {
  ok: boolean;
  /** Data rows read (the header not counted). */
  rows: number;
  issues: ImportIssue[];
  records: ResidentRecord[];
}

/** The file's bytes (decoded as the CLI decodes them), or text a client already decoded. */
export async function checkResidentsCsv(database: Database, upload: string | Uint8Array): Promise<ImportCheck> {
  const decoded = typeof upload === 'string' ? csvTextOf(upload) : decodeCsvBytes(upload);
  if (!decoded.ok) return { ok: false, rows: 0, issues: [decoded.issue], records: [] };
  let parsed;
  try {
    parsed = parseCsv(decoded.text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { ok: false, rows: 0, issues: [error.issue], records: [] };
    throw error;
  }
  const rows = Math.max(0, parsed.length - 1);
  if (rows > MAX_IMPORT_ROWS) {
    return { ok: false, rows, issues: [{ line: parsed[MAX_IMPORT_ROWS + 1]!.line, message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`, en: `at most ${MAX_IMPORT_ROWS} rows per import` }], records: [] };
  }
  const [logins, cardNos] = await Promise.all([database.read.select({ login: users.login }).from(users), database.read.select({ cardNo: cards.cardNo }).from(cards)]);
  const checked = validateResidents(parsed, { logins: new Set(logins.map((r) => r.login)), cards: new Set(cardNos.map((r) => r.cardNo)) });
  return checked.ok ? { ok: true, rows, issues: [], records: checked.records } : { ok: false, rows, issues: checked.issues, records: [] };
}

export interface ImportReport {
  imported: number;
  households: number;
  reusedHouseholds: number;
  cards: number;
  residents: Array<{ line: number; id: number; login: string }>;
}

async function hashAll(secrets: string[], iterations?: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < secrets.length; i += 32) out.push(...(await Promise.all(secrets.slice(i, i + 32).map((s) => hashSecret(s, iterations)))));
  return out;
}

/** All rows or none: a file with any problem is refused with every problem (DomainError import_invalid). */
export async function importResidentsCsv(database: Database, actor: Actor, upload: string | Uint8Array, iterations?: number): Promise<ImportReport> {
  const checked = await checkResidentsCsv(database, upload);
  if (!checked.ok) throw new DomainError('import_invalid', `发现 ${checked.issues.length} 个问题，未导入任何数据：\n${checked.issues.map(formatIssue).join('\n')}`, { issues: checked.issues });
  const records = checked.records;
  const secrets = records.flatMap((r) => [...(r.password ? [r.password] : []), ...(r.card ? [r.card.pin] : [])]);
  const hashes = await hashAll(secrets, iterations);
  return database.write(async (tx) => {
    let h = 0;
    const report: ImportReport = { imported: 0, households: 0, reusedHouseholds: 0, cards: 0, residents: [] };
    const seen = new Set<number>();
    for (const r of records) {
      const household = await householdFor(tx, r.household);
      if (!seen.has(household.id)) {
        seen.add(household.id);
        if (household.created) report.households++;
        else report.reusedHouseholds++;
      }
      const password = r.password ? { hash: hashes[h++]! } : null;
      const card = r.card ? { cardNo: r.card.cardNo, pin: { hash: hashes[h++]! } } : null;
      let id: number;
      try {
        id = await createResident(tx, { login: r.login, fullName: r.fullName, phone: r.phone, householdId: household.id, password, card }, actor.now);
      } catch (error) {
        // Taken between the check and this write: the whole import rolls back.
        if (error instanceof DomainError) throw new DomainError('import_invalid', `${formatIssue({ line: r.line, message: error.message, en: error.code })}\n导入已撤销，未导入任何数据。`);
        throw error;
      }
      if (card) report.cards++;
      report.imported++;
      report.residents.push({ line: r.line, id, login: r.login });
    }
    await audit(tx, actor, 'create', 'resident_import', null, { imported: report.imported, households: report.households, cards: report.cards, ids: report.residents.map((x) => x.id) });
    return report;
  });
}

import { eq } from 'drizzle-orm';
import type { Database, Db } from '../../../db/client';
import { cards, residents, users } from '../../../db/schema';
import { type Actor, audit } from '../records/audit';
import { hashSecret } from '../shared/crypto';
import { DomainError } from '../shared/errors';
import { type CsvRow, CsvSyntaxError, formatIssue, type ImportIssue, parseCsv } from './csv-import';
import { csvTextOf, decodeCsvBytes } from './csv-text';
import { createResident } from './directory';
import { householdFor } from './register';
import { type ResidentRecord, validateResidents } from './residents-file';

/**
 * Bulk import of residents through the API: the CLI's own parser and validator (./csv-import, ./residents-file) decide
 * what is acceptable, line by line; then it is written in chunks (importResidentsCsv).
 */
export const MAX_IMPORT_ROWS = 5000;

export interface ImportCheck {
  ok: boolean;
  /** Data rows read (the header not counted). */
  rows: number;
  issues: ImportIssue[];
  records: ResidentRecord[];
  /** Rows already imported: a resident with the same login and name exists (left out of records). */
  skipped: number;
}

/** The file's bytes (decoded as the CLI decodes them), or text a client already decoded. */
export async function checkResidentsCsv(
  database: Database,
  upload: string | Uint8Array,
): Promise<ImportCheck> {
  const decoded = typeof upload === 'string' ? csvTextOf(upload) : decodeCsvBytes(upload);
  if (!decoded.ok) return { ok: false, rows: 0, issues: [decoded.issue], records: [], skipped: 0 };
  let parsed: CsvRow[];
  try {
    parsed = parseCsv(decoded.text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { ok: false, rows: 0, issues: [error.issue], records: [], skipped: 0 };
    throw error;
  }
  const rows = Math.max(0, parsed.length - 1);
  if (rows > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      rows,
      issues: [
        {
          line: parsed[MAX_IMPORT_ROWS + 1]!.line,
          message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`,
          en: `at most ${MAX_IMPORT_ROWS} rows per import`,
        },
      ],
      records: [],
      skipped: 0,
    };
  }
  const [logins, cardNos, people] = await Promise.all([
    database.read.select({ login: users.login }).from(users),
    database.read.select({ cardNo: cards.cardNo }).from(cards),
    database.read
      .select({ login: users.login, fullName: residents.fullName })
      .from(residents)
      .innerJoin(users, eq(users.id, residents.userId)),
  ]);
  const { fresh, skipped } = leaveOutImported(
    parsed,
    new Map(people.map((p) => [p.login, p.fullName])),
  );
  if (fresh.length === 1 && skipped > 0)
    return { ok: true, rows, issues: [], records: [], skipped };
  const checked = validateResidents(fresh, {
    logins: new Set(logins.map((r) => r.login)),
    cards: new Set(cardNos.map((r) => r.cardNo)),
  });
  return checked.ok
    ? { ok: true, rows, issues: [], records: checked.records, skipped }
    : { ok: false, rows, issues: checked.issues, records: [], skipped };
}

/** The header and the rows not yet imported: a row whose login is a resident of the same name is left out. */
function leaveOutImported(
  parsed: CsvRow[],
  residentNames: Map<string, string>,
): { fresh: CsvRow[]; skipped: number } {
  const [header, ...rows] = parsed;
  if (!header) return { fresh: parsed, skipped: 0 };
  const column = (name: string) =>
    header.cells.findIndex(
      (c) =>
        c
          .replace(/^\uFEFF/, '')
          .trim()
          .toLowerCase() === name,
    );
  const [login, name] = [column('login'), column('full_name')];
  if (login < 0 || name < 0) return { fresh: parsed, skipped: 0 };
  const fresh = rows.filter(
    (r) =>
      residentNames.get((r.cells[login] ?? '').trim()) !==
      (r.cells[name] ?? '').trim().replace(/\s+/g, ' '),
  );
  return { fresh: [header, ...fresh], skipped: rows.length - fresh.length };
}

export interface ImportReport {
  imported: number;
  households: number;
  reusedHouseholds: number;
  cards: number;
  residents: Array<{ line: number; id: number; login: string }>;
  /** Rows already imported (the same login and name): a file imported twice adds nobody twice. */
  skipped: number;
  /** Rows that were good when checked but whose login or card was taken before their turn came. */
  refused: ImportIssue[];
}

/** Rows written per write transaction: other writes (the counter's) take their turn in between. */
export const IMPORT_CHUNK_ROWS = 500;

async function hashAll(secrets: string[], iterations?: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < secrets.length; i += 32)
    out.push(
      ...(await Promise.all(secrets.slice(i, i + 32).map((s) => hashSecret(s, iterations)))),
    );
  return out;
}

/** A checked row with its password and PIN already hashed (hashing stays outside the write lock). */
export type PreparedResident = ResidentRecord & {
  hashes: { password: string | null; pin: string | null };
};

/** Pairs each record with its hashes, given in record order as [password?, pin?] per record. */
export function withHashes(records: ResidentRecord[], hashes: string[]): PreparedResident[] {
  let h = 0;
  return records.map((r) => ({
    ...r,
    hashes: { password: r.password ? hashes[h++]! : null, pin: r.card ? hashes[h++]! : null },
  }));
}

/** The secrets to hash for `records`, in the order withHashes expects them. */
export const secretsOf = (records: ResidentRecord[]): string[] =>
  records.flatMap((r) => [...(r.password ? [r.password] : []), ...(r.card ? [r.card.pin] : [])]);

/**
 * Checks the whole file first (a file with any problem is refused with every problem:
 * DomainError import_invalid), then writes it in chunks through the write queue.
 */
export async function importResidentsCsv(
  database: Database,
  actor: Actor,
  upload: string | Uint8Array,
  iterations?: number,
): Promise<ImportReport> {
  const checked = await checkResidentsCsv(database, upload);
  if (!checked.ok)
    throw new DomainError(
      'import_invalid',
      `发现 ${checked.issues.length} 个问题，未导入任何数据：\n${checked.issues.map(formatIssue).join('\n')}`,
      { issues: checked.issues },
    );
  const prepared = withHashes(
    checked.records,
    await hashAll(secretsOf(checked.records), iterations),
  );
  return {
    ...(await writeResidents(database, prepared, { now: actor.now, actor })),
    skipped: checked.skipped,
  };
}

/**
 * Writes checked residents IMPORT_CHUNK_ROWS at a time, each chunk one write through the queue, so
 * the counter's writes take their turn in between however long the file. A row whose login or card
 * was taken between the check and its chunk is refused alone and reported; the rest are written.
 * `actor`: the staff member, for the audit trail (the CLI, run by the operator, has none).
 */
export async function writeResidents(
  database: Database,
  prepared: PreparedResident[],
  options: {
    now: Date;
    actor?: Actor;
    onWritten?: (rows: number) => void;
    /** Rows per write (default IMPORT_CHUNK_ROWS). */
    chunkRows?: number;
    /** Awaited after each chunk with how long its write took: a pause for writers outside this process's queue. */
    afterChunk?: (heldMs: number) => Promise<void>;
  },
): Promise<Omit<ImportReport, 'skipped'>> {
  const report: Omit<ImportReport, 'skipped'> = {
    imported: 0,
    households: 0,
    reusedHouseholds: 0,
    cards: 0,
    residents: [],
    refused: [],
  };
  const seen = new Set<number>();
  const chunkRows = options.chunkRows ?? IMPORT_CHUNK_ROWS;
  for (let i = 0; i < prepared.length; i += chunkRows) {
    const started = performance.now();
    await database.write(async (tx) => {
      const ids: number[] = [];
      for (const r of prepared.slice(i, i + chunkRows)) {
        const taken = await takenMeanwhile(tx, r);
        if (taken) {
          report.refused.push({ line: r.line, ...taken });
          continue;
        }
        const household = await householdFor(tx, r.household);
        if (!seen.has(household.id)) {
          seen.add(household.id);
          if (household.created) report.households++;
          else report.reusedHouseholds++;
        }
        const password = r.hashes.password ? { hash: r.hashes.password } : null;
        const card = r.card ? { cardNo: r.card.cardNo, pin: { hash: r.hashes.pin! } } : null;
        const id = await createResident(
          tx,
          {
            login: r.login,
            fullName: r.fullName,
            phone: r.phone,
            householdId: household.id,
            password,
            card,
          },
          options.now,
        );
        if (card) report.cards++;
        report.imported++;
        report.residents.push({ line: r.line, id, login: r.login });
        ids.push(id);
      }
      if (ids.length > 0 && options.actor)
        await audit(tx, options.actor, 'create', 'resident_import', null, {
          imported: ids.length,
          ids,
        });
    });
    options.onWritten?.(Math.min(i + chunkRows, prepared.length));
    await options.afterChunk?.(performance.now() - started);
  }
  return report;
}

/** Why a checked row can no longer be written (its login or card taken since the check), or undefined. */
async function takenMeanwhile(
  tx: Db,
  r: ResidentRecord,
): Promise<Omit<ImportIssue, 'line'> | undefined> {
  const [login] = await tx.select({ id: users.id }).from(users).where(eq(users.login, r.login));
  if (login)
    return {
      message: `登录名 ${r.login} 在检查后已被使用，此行未导入`,
      en: `login "${r.login}" was taken after the check; row not imported`,
    };
  if (!r.card) return undefined;
  const [card] = await tx
    .select({ cardNo: cards.cardNo })
    .from(cards)
    .where(eq(cards.cardNo, r.card.cardNo));
  return card
    ? {
        message: `卡号 ${r.card.cardNo} 在检查后已被使用，此行未导入`,
        en: `card ${r.card.cardNo} was issued after the check; row not imported`,
      }
    : undefined;
}

import type { Database, Db } from '../../db/client';
import { cards, households, users } from '../../db/schema';
import { createResident } from '../domain/people/directory';
import { formatIssue, householdKey, validateResidents, type ImportIssue, type ResidentRecord } from '../domain/people/import';
import { DomainError } from '../domain/shared/errors';
import { CliError, EXIT_FAILED, EXIT_OK, n, type Output } from './cli-support';
import { noteEncoding, readCsvFile } from './csv-file';
import { progressBar } from './progress';
import { hashAll } from './secrets';

/** Prints every problem and says nothing was imported. */
export function reportIssues(output: Output, file: string, issues: ImportIssue[]): number {
  for (const issue of issues) output.err(formatIssue(issue));
  output.err(`\n${file}：发现 ${n(issues.length)} 个问题，未导入任何数据。请修改后重新导入。(${issues.length} problem(s) found; nothing was imported)`);
  return EXIT_FAILED;
}

/**
 * `import-residents <file.csv>`: all rows or none. Validation first (format, duplicates within the
 * file and against the database); then passwords and PINs are hashed outside the write lock; then
 * one write transaction creates households (reusing an existing one with the same address),
 * residents, their accounts and cards.
 */
export async function importResidents(database: Database, file: string, output: Output, now = new Date()): Promise<number> {
  const read = await readCsvFile(file);
  if ('issues' in read) return reportIssues(output, file, read.issues);
  noteEncoding(output, read.encoding);

  const [loginRows, cardRows] = await Promise.all([database.read.select({ login: users.login }).from(users), database.read.select({ cardNo: cards.cardNo }).from(cards)]);
  const checked = validateResidents(read.rows, { logins: new Set(loginRows.map((r) => r.login)), cards: new Set(cardRows.map((r) => r.cardNo)) });
  if (!checked.ok) return reportIssues(output, file, checked.issues);
  const records = checked.records;

  // Hash outside the transaction: [password?, pin?] per record, in record order.
  const secrets: string[] = [];
  for (const r of records) {
    if (r.password) secrets.push(r.password);
    if (r.card) secrets.push(r.card.pin);
  }
  const hashing = progressBar('加密密码 hashing  ', secrets.length, { minTotal: 50 });
  const hashes = await hashAll(secrets, (done) => hashing.update(done)).finally(() => hashing.stop());

  const writing = progressBar('写入数据库 writing', records.length);
  let result: { households: number; reused: number; cards: number };
  try {
    result = await database.write(async (tx) => {
      // Every household, read inside the transaction: addresses are matched exactly (after trimming).
      const existing = new Map<string, number>();
      for (const row of await tx.select().from(households)) if (!existing.has(householdKey(row))) existing.set(householdKey(row), row.id);
      const created = new Map<string, number>();
      const reused = new Set<string>();
      let issued = 0;
      let h = 0;
      for (const [i, r] of records.entries()) {
        const key = householdKey(r.household);
        let householdId = existing.get(key) ?? created.get(key);
        if (householdId === undefined) {
          const [row] = await tx.insert(households).values(r.household).returning({ id: households.id });
          householdId = row!.id;
          created.set(key, householdId);
        } else if (existing.has(key)) reused.add(key);
        const password = r.password ? { hash: hashes[h++]! } : null;
        const card = r.card ? { cardNo: r.card.cardNo, pin: { hash: hashes[h++]! } } : null;
        if (card) issued++;
        await createWithLine(tx, r, householdId, password, card, now);
        writing.update(i + 1);
      }
      return { households: created.size, reused: reused.size, cards: issued };
    });
  } finally {
    writing.stop();
  }
  output.out(
    `已导入 ${n(records.length)} 位居民：新建 ${n(result.households)} 户，沿用已有 ${n(result.reused)} 户，发放纸质卡 ${n(result.cards)} 张。` +
      `(imported ${records.length} residents; ${result.households} new households, ${result.reused} existing; ${result.cards} cards)`,
  );
  return EXIT_OK;
}

async function createWithLine(
  tx: Db,
  r: ResidentRecord,
  householdId: number,
  password: { hash: string } | null,
  card: { cardNo: string; pin: { hash: string } } | null,
  now: Date,
): Promise<void> {
  try {
    await createResident(tx, { login: r.login, fullName: r.fullName, phone: r.phone, householdId, password, card }, now);
  } catch (error) {
    // Someone else took the login or card between the check and this write: the whole import rolls back.
    if (error instanceof DomainError) throw new CliError(`${formatIssue({ line: r.line, message: error.message, en: error.code })}\n导入已撤销，未导入任何数据。(import rolled back; nothing was imported)`);
    throw error;
  }
}

import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { cards, residents, users } from '../../db/schema';
import { validateCards } from '../domain/people/cards-file';
import { formatIssue } from '../domain/people/csv-import';
import { issueCard } from '../domain/people/directory';
import { DomainError } from '../domain/shared/errors';
import { CliError, EXIT_OK, n, type Output } from './cli-support';
import { noteEncoding, readCsvFile } from './csv-file';
import { reportIssues } from './import-residents';
import { progressBar } from './progress';
import { hashAll } from './secrets';

/** `import-cards <file.csv>` (login, card, pin): paper cards for existing residents, all or none. */
export async function importCards(
  database: Database,
  file: string,
  output: Output,
  now = new Date(),
): Promise<number> {
  const read = await readCsvFile(file);
  if ('issues' in read) return reportIssues(output, file, read.issues);
  noteEncoding(output, read.encoding);

  const [people, issued] = await Promise.all([
    database.read
      .select({
        id: users.id,
        login: users.login,
        isResident: residents.userId,
        card: cards.cardNo,
      })
      .from(users)
      .leftJoin(residents, eq(residents.userId, users.id))
      .leftJoin(cards, eq(cards.residentId, users.id)),
    database.read.select({ cardNo: cards.cardNo }).from(cards),
  ]);
  const byLogin = new Map(
    people.filter((p) => p.isResident !== null).map((p) => [p.login, { id: p.id, card: p.card }]),
  );
  const others = new Set(people.filter((p) => p.isResident === null).map((p) => p.login));
  const checked = validateCards(read.rows, {
    residents: byLogin,
    otherLogins: others,
    cards: new Set(issued.map((c) => c.cardNo)),
  });
  if (!checked.ok) return reportIssues(output, file, checked.issues);
  const records = checked.records;

  const hashing = progressBar('加密密码 hashing  ', records.length, { minTotal: 50 });
  const pins = await hashAll(
    records.map((r) => r.pin),
    (done) => hashing.update(done),
  ).finally(() => hashing.stop());

  const writing = progressBar('写入数据库 writing', records.length);
  try {
    await database.write(async (tx) => {
      for (const [i, r] of records.entries()) {
        try {
          await issueCard(tx, r.residentId, r.cardNo, { hash: pins[i]! }, now);
        } catch (error) {
          if (error instanceof DomainError)
            throw new CliError(
              `${formatIssue({ line: r.line, message: error.message, en: error.code })}\n导入已撤销，未导入任何数据。(import rolled back; nothing was imported)`,
            );
          if (
            /UNIQUE constraint failed: cards\.resident_id/.test(String((error as Error).message))
          ) {
            throw new CliError(
              `${formatIssue({ line: r.line, message: `居民 ${r.login} 已有卡`, en: 'resident already holds a card' })}\n导入已撤销，未导入任何数据。(import rolled back; nothing was imported)`,
            );
          }
          throw error;
        }
        writing.update(i + 1);
      }
    });
  } finally {
    writing.stop();
  }
  output.out(`已为 ${n(records.length)} 位居民发放纸质卡。(issued ${records.length} cards)`);
  return EXIT_OK;
}

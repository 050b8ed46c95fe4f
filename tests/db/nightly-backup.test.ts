import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client';
import { BACKUP_BY_SERVICE, jobRunners, runDueJobs } from '../../functions/domain/jobs/runners';
import { verifyLedger } from '../../functions/domain/ledger/verify';
import { backupFolder, nightlyBackup } from '../../functions/node/nightly-backup';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.cleanup());

/** 03:00 local on `date`: after that night's 02:30 slot, whose period is `date`. */
const night = (date: string) => new Date(`${date}T03:00:00+08:00`);

describe('the nightly backup job', () => {
  it('writes <folder>/backups/<name>-<period>.db and keeps only the last backup_keep of its own files', async () => {
    const file = join(t.dir, 'linli.db');
    const folder = backupFolder(file);
    expect(folder).toBe(join(t.dir, 'backups'));
    await t.database.write((tx) =>
      tx.run(sql`insert into settings (key, value) values ('backup_keep', '3')`),
    );
    const runners = jobRunners(nightlyBackup(file));
    for (const day of ['2026-03-01', '2026-03-02'])
      await runDueJobs(t.database, runners, () => night(day));
    // Files the job did not make stay, whatever their age.
    writeFileSync(join(folder, 'ours-2020-01-01.db'), '');
    writeFileSync(join(folder, 'notes.txt'), '');
    for (const day of ['2026-03-03', '2026-03-04', '2026-03-05']) {
      const [report] = (await runDueJobs(t.database, runners, () => night(day))).filter(
        (r) => r.job === 'backup',
      );
      expect(report).toMatchObject({
        status: 'ok',
        detail: { file: join(folder, `linli-${day}.db`), kept: expect.any(Number) },
      });
    }
    expect(readdirSync(folder).sort()).toEqual([
      'linli-2026-03-03.db',
      'linli-2026-03-04.db',
      'linli-2026-03-05.db',
      'notes.txt',
      'ours-2020-01-01.db',
    ]);

    // Each is a whole database that verifies.
    const copy = createDatabase({ url: pathToFileURL(join(folder, 'linli-2026-03-05.db')).href });
    try {
      expect((await verifyLedger(copy.read)).ok).toBe(true);
    } finally {
      copy.close();
    }
  });

  it('a database that is not a local file is not copied: the run says the service backs it up', async () => {
    const [report] = (
      await runDueJobs(t.database, jobRunners(nightlyBackup(undefined)), () => night('2026-03-01'))
    ).filter((r) => r.job === 'backup');
    expect(report).toMatchObject({ status: 'ok', detail: { skipped: BACKUP_BY_SERVICE } });
    expect(existsSync(join(t.dir, 'backups'))).toBe(false);
  });
});

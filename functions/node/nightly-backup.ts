import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database } from '../../db/client';
import { backupKeep } from '../domain/community/settings';
import { backupByService, type JobRunner } from '../domain/jobs/runners';
import { backupDatabase } from './backup';

/**
 * The nightly backup of a local database file: `<folder of the database>/backups/<name>-<period>.db`
 * (data/backups/linli-2026-03-09.db for the default data/linli.db), the same consistent copy as
 * `npm run linli -- backup`, then only the last backupKeep() of these files are kept. Files of
 * another name in the folder are never touched.
 */
export function backupFolder(filePath: string): string {
  return join(dirname(filePath), 'backups');
}

const stem = (filePath: string) => basename(filePath).replace(/\.db$/, '');

export function nightlyBackup(
  filePath: string | undefined,
  folder = filePath && backupFolder(filePath),
): JobRunner {
  if (!filePath || !folder) return backupByService;
  const name = stem(filePath);
  const ours = new RegExp(
    `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d{4}-\\d{2}-\\d{2}\\.db$`,
  );
  return async (database: Database, { period }) => {
    const file = join(folder, `${name}-${period}.db`);
    const lines: string[] = [];
    // A retried period replaces its own earlier (partial or failed) file.
    await backupDatabase({ database, url: '', filePath }, file, true, {
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    const keep = await backupKeep(database.read);
    const made = readdirSync(folder)
      .filter((f) => ours.test(f))
      .sort();
    const removed = made.slice(0, Math.max(0, made.length - keep));
    for (const f of removed) rmSync(join(folder, f), { force: true });
    return { status: 'ok', detail: { file, kept: made.length - removed.length, removed } };
  };
}

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../db/client';
import { award, redeem, reverse, transfer } from '../../functions/domain/ledger/commands';
import type { Fixture } from '../helpers/fixture';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = fileURLToPath(new URL('../../functions/node/cli.ts', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command line in a child process, against the database at `url`. */
export function runCli(
  url: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', cli, ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: url,
          DATABASE_AUTH_TOKEN: '',
          npm_lifecycle_event: '',
          ...env,
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export const headOf = (text: string) => /head: ([0-9a-f]{64})/.exec(text)?.[1];

/** A small but varied ledger: awards in 2022 and 2026, a redemption, a transfer, a donation, a reversal. */
export async function seedLedger(database: Database, f: Fixture): Promise<void> {
  const [r1, r2, r3] = f.residents as [number, number, number];
  const at = (iso: string) => new Date(iso);
  await database.write(async (tx) => {
    await award(
      tx,
      { actorId: f.staffId, now: at('2022-06-01T02:00:00Z') },
      { residentId: r1, points: 40, reason: '2022 年巡防' },
    );
    await award(
      tx,
      { actorId: f.staffId, now: at('2022-07-01T02:00:00Z') },
      { residentId: r2, points: 25, reason: '2022 年助老' },
    );
    await award(
      tx,
      { actorId: f.staffId, now: at('2026-03-01T02:00:00Z') },
      { residentId: r1, points: 30, reason: '夜间巡防, "三小时"\n第二行' },
    );
    await redeem(
      tx,
      { actorId: f.merchants[0]!, now: at('2026-03-02T02:00:00Z') },
      { residentId: r1, points: 12, note: '老花镜' },
    );
    await transfer(
      tx,
      { actorId: r1, now: at('2026-03-03T02:00:00Z') },
      { fromResidentId: r1, to: r3, points: 5 },
    );
    await transfer(
      tx,
      { actorId: r2, now: at('2026-03-04T02:00:00Z') },
      { fromResidentId: r2, to: 'pool', points: 3 },
    );
    const wrong = await award(
      tx,
      { actorId: f.staffId, now: at('2026-03-05T02:00:00Z') },
      { residentId: r3, points: 9, reason: '录错', activityId: f.activityId },
    );
    await reverse(
      tx,
      { actorId: f.staff2Id, now: at('2026-03-06T02:00:00Z') },
      { entryId: wrong.id, reason: '重复录入' },
    );
  });
}

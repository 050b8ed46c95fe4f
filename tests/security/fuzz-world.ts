import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Database } from '../../db/client';
import { type Role, roles } from '../../db/schema';
import { type Clock, call, loginAs, testApp } from '../helpers/api';
import { bodyOf, client } from '../helpers/client';
import { seededDatabase } from '../helpers/template';

/** Who the fuzz signs in as, one login per role (the fixture's). */
export const LOGIN_OF: Record<Role, string> = {
  resident: 'r1',
  merchant: 'm1',
  staff: 'staff',
  accountant: 'staff2',
  admin: 'admin',
};
export const CALLERS: Array<Role | 'anonymous'> = ['anonymous', ...roles];

export interface FuzzTemplate {
  file: string;
  tokens: Record<Role, string>;
  /** Ids that exist in the database (users, entries, codes, activities…), for valid requests. */
  ids: number[];
  remove(): void;
}

/**
 * The fixture community with real data in it (points awarded, a code redeemed, a pending award),
 * its sessions already open, closed and kept as a file: each operation is fuzzed on its own copy,
 * so one operation's writes (a logout, a disabled account) never blind the next one.
 */
export async function fuzzTemplate(time: Clock): Promise<FuzzTemplate> {
  const t = await seededDatabase();
  const app = testApp(t.database, time);
  const tokens = {} as Record<Role, string>;
  for (const role of roles) tokens[role] = await loginAs(app, LOGIN_OF[role]);
  const staff = tokens.staff;
  let key = 0;
  const idem = () => `fuzz-seed-${String(++key).padStart(4, '0')}`;
  for (const residentId of t.fixture.residents) {
    for (const body of [{ points: 40, activityId: t.fixture.activityId }, { points: 80 }]) {
      const res = await call(app, 'POST', '/api/staff/awards', {
        token: staff,
        idempotencyKey: idem(),
        body: { residentId, reason: '志愿服务', ...body },
      });
      if (res.status !== 201)
        throw new Error(`seed award: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  const code = await bodyOf(
    await client(app, { token: tokens.resident }).me['redeem-codes'].$post(),
    201,
  );
  await call(app, 'POST', '/api/counter/redemptions', {
    token: tokens.merchant,
    idempotencyKey: idem(),
    body: { code: code.code, points: 10 },
  });
  await call(app, 'POST', '/api/me/redeem-codes', { token: tokens.resident });
  await call(app, 'POST', '/api/staff/awards', {
    token: staff,
    idempotencyKey: idem(),
    body: { residentId: t.fixture.residents[1], points: 1000, reason: '大额' },
  });
  t.database.close();
  const dir = mkdtempSync(join(tmpdir(), 'linli-fuzz-'));
  const file = join(dir, 'template.db');
  copyFileSync(t.url.slice('file:'.length), file);
  if (existsSync(`${t.url.slice(5)}-wal`)) copyFileSync(`${t.url.slice(5)}-wal`, `${file}-wal`);
  rmSync(t.dir, { recursive: true, force: true });
  const ids = [
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    t.fixture.activityId,
    ...t.fixture.residents,
    ...t.fixture.merchants,
    t.fixture.staffId,
    t.fixture.adminId,
  ];
  return {
    file,
    tokens,
    ids: [...new Set(ids)],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh copy of the template as its own database. */
export function copyOf(template: FuzzTemplate): { database: Database; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'linli-fuzz-'));
  const file = join(dir, 'linli.db');
  copyFileSync(template.file, file);
  if (existsSync(`${template.file}-wal`)) copyFileSync(`${template.file}-wal`, `${file}-wal`);
  const database = createDatabase({ url: `file:${file}` });
  return {
    database,
    cleanup: () => {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

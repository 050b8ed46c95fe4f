import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { createDatabase } from '../../db/client';
import { createTestDatabase, type TestDatabase } from './db';
import { type Fixture, seedFixture } from './fixture';

/**
 * A migrated, seeded database built once per test file and copied for each test that needs a
 * fresh one: a file copy costs far less than migrating and hashing passwords again, and every copy
 * is its own independent database file.
 */
let template: Promise<{ path: string; fixture: Fixture }> | undefined;

async function buildTemplate(): Promise<{ path: string; fixture: Fixture }> {
  const t = await createTestDatabase();
  const fixture = await seedFixture(t.database);
  t.database.close();
  const path = join(t.dir, 'linli.db');
  return { path, fixture };
}

// Registered while the importing test file is collected, so it runs once that file is done.
afterAll(async () => {
  const built = template;
  template = undefined;
  if (built) rmSync(dirname((await built).path), { recursive: true, force: true });
});

export interface SeededDatabase extends TestDatabase {
  fixture: Fixture;
}

export async function seededDatabase(): Promise<SeededDatabase> {
  template ??= buildTemplate();
  const { path, fixture } = await template;
  const dir = mkdtempSync(join(tmpdir(), 'linli-test-'));
  const file = join(dir, 'linli.db');
  copyFileSync(path, file);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${file}-wal`);
  const url = `file:${file}`;
  const database = createDatabase({ url });
  return {
    database,
    dir,
    url,
    fixture,
    cleanup: () => {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** fn on another fresh copy of the seeded database (to run the same steps another way and compare), cleaned up after. */
export async function withAnotherCopy<T>(fn: (other: SeededDatabase) => Promise<T>): Promise<T> {
  const other = await seededDatabase();
  try {
    return await fn(other);
  } finally {
    other.cleanup();
  }
}

/**
 * A fresh `make()` for each test of the enclosing suite (or file), cleaned up after it. The object
 * returned stays the same and takes each test's fresh fields, so a suite can hold it in a const and
 * the helpers beside its tests can close over it. Hooks the suite registers later run after this
 * set-up and before this clean-up (vitest's default `sequence.hooks: 'stack'`).
 */
export function perTest<T extends { cleanup(): void }>(make: () => Promise<T>): T {
  const current = {} as T;
  let made: T | undefined;
  beforeEach(async () => {
    made = await make();
    Object.assign(current, made);
  });
  afterEach(() => {
    made?.cleanup();
    made = undefined;
  });
  return current;
}

export interface SeededCommunity extends SeededDatabase {
  /** The fixture's ids most tests act with, named as those people sign in. */
  staffId: number;
  r1: number;
  r2: number;
  m1: number;
}

/** A fresh copy of the seeded database for each test of the suite (see perTest). */
export function useSeededCommunity(): SeededCommunity {
  return perTest(async () => {
    const t = await seededDatabase();
    const { staffId, residents, merchants } = t.fixture;
    return { ...t, staffId, r1: residents[0]!, r2: residents[1]!, m1: merchants[0]! };
  });
}

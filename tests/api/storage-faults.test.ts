import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client';
import { FaultLog, storageFault } from '../../functions/http/faults';
import { awardVia, call, expectError, useWorld } from '../helpers/http';
import { snapshot } from '../helpers/ledger';

/**
 * A full disk, made for real: SQLite's max_page_count caps the writer's connection at the file's
 * current size, and a filler table takes every free byte, so any write that needs a page fails
 * with SQLITE_FULL as it would on a full disk.
 */
async function fillDisk(database: Database): Promise<void> {
  await database.write(async (tx) => {
    await tx.run(sql`create table zz_filler (b blob)`);
    const [row] = await tx.all<{ page_count: number }>(sql`PRAGMA page_count`);
    await tx.run(sql.raw(`PRAGMA max_page_count = ${row!.page_count}`));
  });
  for (const size of [4000, 1000, 200, 20, 1]) {
    for (;;) {
      const ok = await database
        .write((tx) => tx.run(sql`insert into zz_filler (b) values (randomblob(${size}))`))
        .then(
          () => true,
          () => false,
        );
      if (!ok) break;
    }
  }
}

async function freeSpace(database: Database): Promise<void> {
  await database.write((tx) => tx.run(sql`PRAGMA max_page_count = 1073741823`));
}

describe('storage full: writes answer 503 storage_unavailable, logged once per incident', () => {
  const w = useWorld(['staff']);
  let lines: string[];
  beforeEach(() => {
    lines = [];
    vi.spyOn(console, 'error').mockImplementation(
      (...args: unknown[]) => void lines.push(args.map(String).join(' ')),
    );
  });
  afterEach(() => vi.restoreAllMocks());

  it('50 writes under a full disk → all 503 with Retry-After, at most 2 log lines, no stack; writes succeed once space returns', async () => {
    await fillDisk(w.t.database);
    const award = () => awardVia(w, w.tokens.staff, w.f.residents[0]!, 5);
    const login = () =>
      call(w.app, 'POST', '/api/auth/login', { body: { login: 'r1', password: 'test-password' } });
    // Rows still fit in the free bytes of a table's last page: each kind of write fills it up first.
    for (const write of [award, login]) {
      let filled = false;
      for (let i = 0; i < 200 && !filled; i++) filled = (await write()).status === 503;
      expect(filled).toBe(true);
    }
    const before = await snapshot(w.t.database);
    const logged = lines.length;
    const answers = [];
    for (let i = 0; i < 25; i++) answers.push(await award(), await login());
    for (const a of answers) {
      expectError(a, 503, 'storage_unavailable');
      expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(lines.length - logged).toBeLessThanOrEqual(2);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
    expect(lines[0]).toContain('SQLITE_FULL');
    // Nothing moved. Sign-in attempts are the one trace: each is recorded before its password is
    // checked (so parallel guesses are counted), and a right one is marked right even when its
    // session could not be stored, so retrying through an outage never locks anyone out.
    const after = await snapshot(w.t.database);
    const { login_attempts: attemptsAfter, ...countsAfter } = after.counts;
    const { login_attempts: attemptsBefore, ...countsBefore } = before.counts;
    expect({ ...after, counts: countsAfter }).toEqual({ ...before, counts: countsBefore });
    expect(attemptsAfter).toBeGreaterThanOrEqual(attemptsBefore);
    const duringOutage = lines.length;

    await freeSpace(w.t.database);
    expect((await award()).status).toBe(201);
    expect((await login()).status).toBe(200);
    expect(lines.length).toBe(duringOutage + 1);
    expect(lines.at(-1)).toContain('recovered');
  });
});

describe('liveness and readiness', () => {
  const w = useWorld(['staff']);

  it('ready: 200 with every check passing', async () => {
    const res = await call(w.app, 'GET', '/api/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: true,
      checks: { database_readable: true, database_writable: true },
      failing: [],
    });
  });

  it('a full disk: /api/health stays 200 (the process answers); /api/health/ready is 503 naming the write check', async () => {
    await fillDisk(w.t.database);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect((await call(w.app, 'GET', '/api/health')).status).toBe(200);
    const res = await call(w.app, 'GET', '/api/health/ready');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(res.body).toEqual({
      ok: false,
      checks: { database_readable: true, database_writable: false },
      failing: ['database_writable'],
      fault: 'SQLITE_FULL',
    });
    await freeSpace(w.t.database);
    expect((await call(w.app, 'GET', '/api/health/ready')).status).toBe(200);
    vi.restoreAllMocks();
  });

  it('a read-only database: writes (login included) answer 503 storage_unavailable; readiness names the write check', async () => {
    // query_only makes the writer's connection refuse every change with SQLITE_READONLY, as a read-only file does.
    await w.t.database.write((tx) => tx.run(sql`PRAGMA query_only = 1`));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expectError(
      await call(w.app, 'POST', '/api/auth/login', {
        body: { login: 'r1', password: 'test-password' },
      }),
      503,
      'storage_unavailable',
    );
    expectError(
      await awardVia(w, w.tokens.staff, w.f.residents[0]!, 5),
      503,
      'storage_unavailable',
    );
    const res = await call(w.app, 'GET', '/api/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      failing: ['database_writable'],
      fault: expect.stringMatching(/^SQLITE_READONLY/),
    });
    vi.restoreAllMocks();
  });
});

describe('the OpenAPI document', () => {
  const w = useWorld();
  it('documents the 503 (with Retry-After) on every operation that reaches storage, and readiness as public', async () => {
    const doc = (await call(w.app, 'GET', '/api/openapi.json')).body;
    const json = ['content', 'application/json', 'schema'];
    expect(doc).toHaveProperty([
      'paths',
      '/api/staff/awards',
      'post',
      'responses',
      '503',
      'headers',
      'Retry-After',
    ]);
    expect(doc).toHaveProperty(['paths', '/api/auth/login', 'post', 'responses', '503', ...json], {
      $ref: '#/components/schemas/Error',
    });
    expect(doc).not.toHaveProperty(['paths', '/api/health', 'get', 'responses', '503']);
    expect(doc).toHaveProperty(['paths', '/api/health/ready', 'get', 'security'], []);
    expect(doc).toHaveProperty(['paths', '/api/health/ready', 'get', 'responses', '503', ...json], {
      $ref: '#/components/schemas/Readiness',
    });
  });
});

describe('the fault log', () => {
  it('one line when an incident starts, one a minute while it lasts (with the count), one when it ends', () => {
    const lines: string[] = [];
    let now = 0;
    const log = new FaultLog(
      (line) => lines.push(line),
      () => now,
    );
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    for (let i = 0; i < 1000; i++, now += 100) log.fault('SQLITE_FULL', full);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/600 more requests refused/);
    log.recovered();
    log.recovered();
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/recovered\) after 100 s; 1000 requests refused/);
  });
});

describe('what counts as a storage fault', () => {
  const coded = (code: string) => Object.assign(new Error('x'), { code });
  it.each([
    'SQLITE_FULL',
    'SQLITE_READONLY',
    'SQLITE_READONLY_DBMOVED',
    'SQLITE_IOERR_WRITE',
    'SQLITE_CANTOPEN',
    'SQLITE_CORRUPT',
    'SQLITE_NOTADB',
    'HRANA_WEBSOCKET_ERROR',
    'ECONNREFUSED',
  ])('%s, however deeply wrapped', (code) => {
    expect(storageFault(coded(code))).toBe(code);
    expect(
      storageFault(
        new Error('Failed query', { cause: new Error('wrapped', { cause: coded(code) }) }),
      ),
    ).toBe(code);
  });
  it("workerd's lost connection (how an unreachable Turso fails on the edge), inside drizzle's query error", () => {
    const lost = Object.assign(new Error('Network connection lost.'), {
      remote: true,
      retryable: true,
    });
    expect(storageFault(new Error('Failed query: select 1', { cause: lost }))).toBe('FETCH_FAILED');
  });
  it.each(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'SQLITE_BUSY'])(
    '%s is not (a bug or contention, answered as before)',
    (code) => {
      expect(storageFault(coded(code))).toBeUndefined();
      expect(storageFault(new TypeError('x is not a function'))).toBeUndefined();
    },
  );
});

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client';
import { PASSWORD } from '../helpers/fixture';
import { expectLedgerInvariants, grant, rows } from '../helpers/ledger';
import { type SeededDatabase, seededDatabase } from '../helpers/template';
import { int, prng } from './generate';

/**
 * Crashes under load: the API server in its own process on a database file, a mixed load of
 * idempotent writes (awards, redemptions by typed code, transfers), SIGKILL three times at seeded
 * random moments, restarted each time. Every write the server acknowledged must survive, the
 * ledger must verify, and replaying an acknowledged request with its Idempotency-Key must answer
 * the same body and move nothing again.
 */
const SEED = Number(process.env.CRASH_SEED ?? 20_303);
const KILLS = 3;
const script = fileURLToPath(new URL('../helpers/serve-file.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

interface Server {
  origin: string;
  child: ChildProcess;
}

/** Starts the server and waits until /api/health answers 200 (never a fixed sleep). */
async function startServer(url: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, DATABASE_AUTH_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (c: Buffer) => (errors += c.toString()));
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const found = /listening (\d+)/.exec(out)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) =>
      reject(new Error(`server exited (${code}) before listening: ${errors}`)),
    );
  });
  const origin = `http://127.0.0.1:${port}`;
  for (;;) {
    const ok = await fetch(`${origin}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { origin, child };
  }
}

function kill(server: Server): Promise<void> {
  return new Promise((done) => {
    if (server.child.exitCode !== null) return done();
    server.child.once('exit', () => done());
    server.child.kill('SIGKILL');
  });
}

interface Write {
  path: string;
  token: string;
  key: string;
  body: unknown;
  status: number;
  answer: string;
}

describe('SIGKILL under load, three times', () => {
  let t: SeededDatabase;
  let url: string;
  beforeAll(async () => {
    t = await seededDatabase();
    for (const r of t.fixture.residents)
      await grant(t.database, t.fixture.staffId, r, 500, new Date('2026-03-09T02:00:00Z'));
    url = t.url;
  });
  afterAll(() => t?.cleanup());

  it(`no acknowledged write is lost or moved twice (seed ${SEED})`, async () => {
    const rng = prng(SEED);
    let server = await startServer(url);
    let alive: Promise<Server> = Promise.resolve(server);
    const post = async (path: string, token: string, body: unknown, key?: string) => {
      const s = await alive;
      const res = await fetch(`${s.origin}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    };
    const tokenOf = async (login: string) =>
      JSON.parse((await post('/api/auth/login', '', { login, password: PASSWORD })).text)
        .token as string;
    const [staff, m1, m2, r1, r2, r3] = await Promise.all(
      ['staff', 'm1', 'm2', 'r1', 'r2', 'r3'].map(tokenOf),
    );
    const acknowledged: Write[] = [];
    let failedInFlight = 0;
    let serial = 0;
    let stop = false;
    /** One idempotent write: acknowledged (2xx) writes are recorded; a dropped connection is not. */
    const write = async (path: string, token: string, body: unknown) => {
      const key = `crash-${SEED}-${String(++serial).padStart(6, '0')}`;
      try {
        const res = await post(path, token, body, key);
        if (res.status >= 200 && res.status < 300)
          acknowledged.push({ path, token, key, body, status: res.status, answer: res.text });
        return res;
      } catch {
        failedInFlight++;
        return undefined;
      }
    };
    const residents = t.fixture.residents;
    const workers = [
      async () => {
        while (!stop)
          await write('/api/staff/awards', staff!, {
            residentId: residents[serial % 3],
            points: 3,
            reason: '志愿服务',
          });
      },
      async () => {
        while (!stop)
          await write('/api/me/transfers', r3!, { to: residents[0], points: 1, memo: '谢谢' });
      },
      ...(
        [
          [r1, m1],
          [r2, m2],
        ] as const
      ).map(([resident, merchant]) => async () => {
        while (!stop) {
          try {
            const code = await post('/api/me/redeem-codes', resident!, undefined);
            if (code.status !== 201) continue;
            await write('/api/counter/redemptions', merchant!, {
              code: JSON.parse(code.text).code,
              points: 1,
            });
          } catch {
            failedInFlight++;
          }
        }
      }),
    ];
    const running = workers.map((w) => w());
    const killedAt: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const target = acknowledged.length + int(rng, 40, 160);
      while (acknowledged.length < target) await new Promise((r) => setImmediate(r));
      killedAt.push(acknowledged.length);
      let restarted!: (s: Server) => void;
      alive = new Promise((r) => (restarted = r));
      await kill(server);
      server = await startServer(url);
      restarted(server);
    }
    const target = acknowledged.length + 40;
    while (acknowledged.length < target) await new Promise((r) => setImmediate(r));
    stop = true;
    await Promise.all(running);
    await kill(server);
    console.log(
      `crash: ${acknowledged.length} writes acknowledged, ${KILLS} SIGKILLs (after ${killedAt.join(', ')} acknowledged), ${failedInFlight} requests cut off in flight (seed ${SEED})`,
    );

    const database = createDatabase({ url });
    try {
      await expectLedgerInvariants(database);
      const entries = new Set(
        (await rows<{ id: number }>(database.read, sql`select id from ledger_entries`)).map((r) =>
          Number(r.id),
        ),
      );
      const keys = new Set(
        (await rows<{ key: string }>(database.read, sql`select key from idempotency_keys`)).map(
          (r) => String(r.key),
        ),
      );
      const lost = acknowledged.filter(
        (a) => !keys.has(a.key) || !entries.has(JSON.parse(a.answer).id),
      );
      expect(lost.map((a) => `${a.path} ${a.key}`)).toEqual([]);
    } finally {
      database.close();
    }
    // And as an operator would check it: `npm run verify` on the file.
    const verify = await new Promise<{ code: number; out: string }>((done) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', 'functions/node/cli.ts', 'verify'],
        { cwd: root, env: { ...process.env, DATABASE_URL: url, DATABASE_AUTH_TOKEN: '' } },
        (error, stdout, stderr) =>
          done({
            code: error ? Number((error as { code?: number }).code ?? 1) : 0,
            out: stdout + stderr,
          }),
      ),
    );
    expect(verify, verify.out).toMatchObject({ code: 0 });
    expect(verify.out).toContain('ledger verified');

    // Replays: the same answer, and nothing moves again.
    server = await startServer(url);
    alive = Promise.resolve(server);
    const head = await fetch(`${server.origin}/api/public/ledger/head`).then((r) => r.text());
    const differing: string[] = [];
    for (const a of acknowledged) {
      const res = await post(a.path, a.token, a.body, a.key);
      if (res.status !== a.status || res.text !== a.answer)
        differing.push(`${a.path} ${a.key}: ${a.status} ${a.answer} → ${res.status} ${res.text}`);
    }
    expect(differing.slice(0, 10)).toEqual([]);
    expect(await fetch(`${server.origin}/api/public/ledger/head`).then((r) => r.text())).toBe(head);
    await kill(server);
  }, 180_000);
});

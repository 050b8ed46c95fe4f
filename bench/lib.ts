/** Shared plumbing of the benchmark suite: paths, child processes, percentiles, peak memory. */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Client, InValue, Transaction } from '@libsql/client';
import { projectRoot } from '../functions/node/config';

export { projectRoot };
export const benchDir = join(projectRoot, 'bench');
/** Generated databases, builds, profiles: gitignored (bench/data/). */
export const dataDir = join(benchDir, 'data');

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Removes a libSQL file with its WAL and shared-memory files. */
export function removeDatabaseFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

/**
 * Copies a database file for a run and flushes the copy to disk before returning. Otherwise the
 * kernel writes the copy back (half a gigabyte for the big database) during the measured run, and
 * every commit's fsync queues behind that writeback: seconds-long stalls that measure the copy.
 */
export function copyDatabaseFile(from: string, to: string): void {
  removeDatabaseFile(to);
  copyFileSync(from, to);
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export const log = (...args: unknown[]) => console.error('[bench]', ...args);

/** The first column of a query's first row as a number (0 when there is none). */
export async function scalar(client: Client, sql: string, args: InValue[] = []): Promise<number> {
  const r = await client.execute({ sql, args });
  return Number(r.rows[0]?.[0] ?? 0);
}

/** Multi-row INSERTs of at most `perStatement` rows. */
export async function insertRows(
  client: Client | Transaction,
  table: string,
  columns: string[],
  rows: InValue[][],
  perStatement = Math.floor(30000 / columns.length),
): Promise<void> {
  const one = `(${columns.map(() => '?').join(',')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await client.execute({
      sql: `INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => one).join(',')}`,
      args: chunk.flat(),
    });
  }
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const round = (x: number, digits = 1) =>
  Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x;

export function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memory_gb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    /** The 1-minute load average when the run started: the machine is shared, so read every figure against it. */
    loadavg_at_start: round(Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]), 2),
  };
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Arguments that run a TypeScript file in a fresh Node process (through tsx). */
export function tsNode(file: string, nodeFlags: string[] = []): [string, string[]] {
  return [process.execPath, [...nodeFlags, '--import', 'tsx', join(benchDir, file)]];
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the child and its descendants (MB), polled from /proc. */
  peakMb: number;
  peakByProcess: Array<{ process: string; peak_mb: number }>;
}

/** Runs a command to completion, polling its process tree's memory; rejects on a non-zero exit unless allowed. */
export function run(
  cmd: string,
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    timeoutMs?: number;
    allowFail?: boolean;
    echo?: boolean;
  } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {
      cwd: options.cwd ?? projectRoot,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => {
      stdout += d;
      if (options.echo) process.stderr.write(d);
    });
    child.stderr!.on('data', (d) => {
      stderr += d;
      if (options.echo) process.stderr.write(d);
    });
    const memory = new PeakMemory(child.pid!);
    const timer = options.timeoutMs
      ? setTimeout(() => {
          stderr += `\n[bench] timed out after ${options.timeoutMs} ms`;
          killTree(child);
        }, options.timeoutMs)
      : undefined;
    child.on('error', reject);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      memory.stop();
      const result = {
        code,
        stdout,
        stderr,
        ms: performance.now() - t0,
        peakMb: memory.peakMb,
        peakByProcess: memory.byProcess,
      };
      if (code !== 0 && !options.allowFail)
        reject(
          new Error(`${cmd} ${args.join(' ')} exited ${code}\n${(stderr || stdout).slice(-3000)}`),
        );
      else resolve(result);
    });
  });
}

export function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  for (const pid of [...descendants(child.pid)].reverse()) {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
  child.kill(signal);
}

/** Every process below pid (children first level first), from /proc. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = parents.get(ppid) ?? [];
      list.push(Number(entry));
      parents.set(ppid, list);
    } catch {
      /* exited meanwhile */
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift()!;
    for (const c of parents.get(p) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(
      new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'),
    );
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Peak memory of a process tree: the largest of (a) any one process's own high-water mark (VmHWM,
 * kept by the kernel, so no peak between polls is missed) and (b) the sum of the tree's current RSS
 * at a poll (children running at the same time, e.g. the build's workers or the search indexer).
 */
export class PeakMemory {
  private peakKb = 0;
  private readonly hwm = new Map<number, number>();
  private readonly names = new Map<number, string>();
  private readonly timer: NodeJS.Timeout;
  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.poll(), intervalMs);
    this.timer.unref();
  }
  private poll(): void {
    const pids = [this.pid, ...descendants(this.pid)];
    let sum = 0;
    for (const p of pids) {
      sum += statusKb(p, 'VmRSS');
      const h = statusKb(p, 'VmHWM');
      if (h > (this.hwm.get(p) ?? 0)) {
        this.hwm.set(p, h);
        // Named again as it grows: a child spawned by exec first shows its parent's command line.
        try {
          this.names.set(
            p,
            readFileSync(`/proc/${p}/cmdline`, 'utf8')
              .split('\0')
              .filter(Boolean)
              .map((a) => a.split('/').pop())
              .slice(0, 3)
              .join(' '),
          );
        } catch {
          /* gone */
        }
      }
    }
    this.peakKb = Math.max(this.peakKb, sum, ...this.hwm.values());
  }
  stop(): void {
    this.poll();
    clearInterval(this.timer);
  }
  get peakMb(): number {
    return round(this.peakKb / 1024, 0);
  }
  /** Each process's own peak (MB), largest first. */
  get byProcess(): Array<{ process: string; peak_mb: number }> {
    return [...this.hwm.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([pid, kb]) => ({
        process: this.names.get(pid) ?? String(pid),
        peak_mb: round(kb / 1024, 0),
      }));
  }
}

export function fileMb(file: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal'])
    if (existsSync(file + suffix)) bytes += statSync(file + suffix).size;
  return round(bytes / 2 ** 20, 1);
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

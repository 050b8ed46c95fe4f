import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createClient } from '@libsql/client';
import type { Database } from '../../db/client';

/**
 * WAL checkpoints off the request path. SQLite checkpoints inside the commit that crosses the WAL
 * size limit, on the committing connection — in Node that is the event loop, blocked while a
 * thousand pages are copied into the database file and it is fsynced, so every request queued
 * behind that commit waits. Here the server's writes never checkpoint (wal_autocheckpoint = 0)
 * and a worker thread with its own connection runs PASSIVE checkpoints (they neither block nor
 * wait for readers or the writer) every few milliseconds while there is WAL to copy.
 * Durability is unchanged: a commit is durable once its WAL frames are fsynced (synchronous=FULL).
 * If the worker stops unexpectedly, commits checkpoint themselves again.
 */
const INTERVAL_MS = 20;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(database: Database, url: string): Checkpointer {
  if (!database.isFile) return { stop: async () => undefined };
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { url, intervalMs: INTERVAL_MS },
  });
  worker.unref();
  let stopping = false;
  database.walAutocheckpoint = 0;
  const fallBack = (why: string) => {
    if (stopping) return;
    database.walAutocheckpoint = 1000;
    console.error(`checkpointer stopped (${why}); commits checkpoint the WAL themselves again`);
  };
  worker.on('error', (error) => fallBack(error.message));
  worker.on('exit', (code) => fallBack(`exit ${code}`));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        database.walAutocheckpoint = 1000;
        worker.ref(); // keep the process alive until the last checkpoint is done
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}

async function runWorker(url: string, intervalMs: number): Promise<void> {
  const client = createClient({ url, timeout: 5000 });
  await client.execute('PRAGMA synchronous = FULL');
  let stop = false;
  parentPort!.on('message', (m) => {
    if (m === 'stop') stop = true;
  });
  while (!stop) {
    await client.execute('PRAGMA wal_checkpoint(PASSIVE)');
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  // Leaves a short WAL behind for the next start (readers may still hold part of it: not an error).
  await client.execute('PRAGMA wal_checkpoint(PASSIVE)');
  client.close();
}

if (!isMainThread && (workerData as { url?: string } | null)?.url) {
  const { url, intervalMs } = workerData as { url: string; intervalMs: number };
  await runWorker(url, intervalMs);
  process.exit(0);
}

/**
 * The server under test, as its own process: the real Node shell (PortalServer around createApp)
 * on the database named by DATABASE_URL, on a free loopback port, serving the built site in
 * BENCH_SITE_DIR if given. Prints "LISTENING <port>" when ready; SIGTERM stops it (and flushes a
 * --cpu-prof profile).
 */
import { createDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createApp } from '../functions/app';
import { startCheckpointer } from '../functions/node/checkpointer';
import { PortalServer } from '../functions/node/server';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const database = createDatabase({ url }, { readSnapshotPerTurn: true }); // as functions/node/start.ts
await migrateDatabase(database);
const checkpointer = startCheckpointer(database, url);
const server = new PortalServer(createApp({ database }));
if (process.env.BENCH_SITE_DIR) server.useSite(process.env.BENCH_SITE_DIR);
const port = await server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.stdout.write(`LISTENING ${port}\n`);

// BENCH_CPU_PROFILE_DIR: SIGUSR2 starts the CPU profiler, the next SIGUSR2 writes <dir>/<n>.cpuprofile —
// so a profile covers one measured run, not start-up or sign-in.
const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
if (profileDir) {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  let running = false;
  let n = 0;
  process.on('SIGUSR2', async () => {
    if (!running) {
      running = true;
      await session.post('Profiler.start');
      return;
    }
    running = false;
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(`${profileDir}/${++n}.cpuprofile`, JSON.stringify(profile));
    process.stdout.write(`PROFILED ${n}\n`);
  });
}

const stop = async () => {
  await checkpointer.stop();
  database.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

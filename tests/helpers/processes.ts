import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./serve-file.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  origin: string;
  stop(): Promise<void>;
}

/** An API server in its own process on the database at `url` (file:…), answering once it listens. */
export function serverProcess(url: string): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, DATABASE_AUTH_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /listening (\d+)/.exec(out)?.[1];
      if (port) {
        resolve({
          origin: `http://127.0.0.1:${port}`,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`server process exited (${code}) before listening: ${errors}`)),
    );
  });
}

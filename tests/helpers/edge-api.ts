/**
 * Driving a running Worker (or any Linli server) over real HTTP, as the edge tests and the bench
 * do: JSON in and out, a bearer token (so no Origin is needed), and the project's CLI run as a
 * child process against a database URL.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the tests read answers of many shapes; each checks what it reads
  body: any;
}

/** One request to `base`: JSON body, bearer token and Idempotency-Key when given. */
export async function request(
  base: string,
  method: string,
  path: string,
  init: { token?: string; key?: string; body?: unknown } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.key) headers['idempotency-key'] = init.key;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: kept as text for the failure message
  }
  return { status: res.status, body };
}

/** The answer's body when its status is `status`; otherwise fails naming what came back. */
export function expectStatus(answer: Answer, status: number, what: string): Answer['body'] {
  if (answer.status !== status)
    throw new Error(
      `${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  return answer.body;
}

/** Signs in and answers the session token. */
export async function signIn(base: string, login: string, password: string): Promise<string> {
  const body = expectStatus(
    await request(base, 'POST', '/api/auth/login', { body: { login, password } }),
    200,
    `login ${login}`,
  );
  return body.token as string;
}

/** `npm run linli -- <args>` as a child process with the given environment added. */
export function runLinli(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'functions/node/cli.ts', ...args],
      { cwd: root, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 << 20 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

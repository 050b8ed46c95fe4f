import { createServer } from 'node:net';
import { createClient } from '@libsql/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { storageFault } from '../../functions/http/faults';
import worker from '../../functions/worker';

/**
 * The edge with its database unreachable: @libsql/client's errors for a refused connection, made
 * for real by pointing a client at a localhost port nobody listens on, are storage faults, and the
 * Worker answers them 503 storage_unavailable (not 500 internal).
 */
let closedPort: number;
beforeAll(async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => vi.restoreAllMocks());

async function errorOf(url: string): Promise<unknown> {
  const client = createClient({ url, authToken: 'none' });
  try {
    await client.execute('select 1');
  } catch (error) {
    return error;
  } finally {
    client.close();
  }
  throw new Error(`${url} answered`);
}

describe('an unreachable database', () => {
  it.each(['http', 'libsql', 'ws'])(
    '@libsql/client over %s: the refused connection is a storage fault',
    async (scheme) => {
      const error = await errorOf(
        `${scheme}://127.0.0.1:${closedPort}${scheme === 'libsql' ? '?tls=0' : ''}`,
      );
      expect(storageFault(error)).toMatch(/ECONNREFUSED|HRANA_WEBSOCKET_ERROR/);
    },
  );

  it('the Worker answers 503 storage_unavailable with Retry-After, for a sign-in and for readiness', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation(
      (...args: unknown[]) => void lines.push(args.map(String).join(' ')),
    );
    const env = {
      DATABASE_URL: `libsql://127.0.0.1:${closedPort}?tls=0`,
      DATABASE_AUTH_TOKEN: 'none',
      ASSETS: { fetch: async () => new Response('') },
    };
    for (let i = 0; i < 5; i++) {
      const res = await worker.fetch(
        new Request('https://linli.example/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: 'r1', password: 'x' }),
        }),
        env,
        {},
      );
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBeTruthy();
      expect(await res.json()).toMatchObject({ error: { code: 'storage_unavailable' } });
    }
    const ready = await worker.fetch(
      new Request('https://linli.example/api/health/ready'),
      env,
      {},
    );
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      ok: false,
      failing: ['database_readable', 'database_writable'],
      fault: 'ECONNREFUSED',
    });
    expect(
      (await worker.fetch(new Request('https://linli.example/api/health'), env, {})).status,
    ).toBe(200);
    expect(lines).toHaveLength(1);
  });
});

import { type Client, createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sqld, startSqld, startTripProxy, type TripProxy } from '../helpers/edge-stack';

/**
 * The round-trip counter the edge tests and the bench rely on, checked against sqld itself: what
 * @libsql/client sends as one request must count as one trip, whatever it carries.
 */
let sqld: Sqld;
let proxy: TripProxy;
beforeAll(async () => {
  sqld = await startSqld();
  proxy = await startTripProxy({ target: sqld });
});
afterAll(async () => {
  await proxy?.stop();
  await sqld?.stop();
});

describe.each(['http', 'ws'])('the trip proxy over %s', (scheme) => {
  let client: Client;
  beforeAll(async () => {
    client = createClient({ url: proxy.url(scheme) });
    // Opening a connection (a WebSocket's upgrade, its hello) is not what is measured.
    await client.execute('select 1');
  });
  afterAll(() => client?.close());

  it('counts one execute as one round trip', async () => {
    proxy.reset();
    expect((await client.execute('select 41 + 1 as n')).rows[0]?.n).toBe(42);
    expect(proxy.trips()).toBe(1);
  });

  it('counts one batch of three statements as one round trip', async () => {
    proxy.reset();
    const results = await client.batch(
      [
        `create table if not exists t_${scheme} (n integer)`,
        { sql: `insert into t_${scheme} values (?)`, args: [7] },
        `select count(*) as c from t_${scheme}`,
      ],
      'write',
    );
    expect(results[2]?.rows[0]?.c).toBe(1);
    expect(proxy.trips()).toBe(1);
  });
});

describe('a delayed trip proxy', () => {
  it('adds its delay to each round trip', async () => {
    const slow = await startTripProxy({ target: sqld, delayMs: 80 });
    const client = createClient({ url: slow.url('http') });
    try {
      await client.execute('select 1');
      const started = performance.now();
      await client.execute('select 1');
      await client.execute('select 2');
      expect(performance.now() - started).toBeGreaterThanOrEqual(160);
      expect(slow.trips()).toBe(3);
    } finally {
      client.close();
      await slow.stop();
    }
  });
});

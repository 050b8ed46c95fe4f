import { describe, expect, it } from 'vitest';
import { BODY_LIMITS } from '../../functions/http/body-limit';
import { PASSWORD } from '../helpers/fixture';
import { call, expectError, useWorld } from '../helpers/http';

const DEFAULT_LIMIT = BODY_LIMITS.at(-1)!.maxSize;
const CHUNK = 64 * 1024;

/** A body that would be `total` bytes long, produced only as it is read; counts what was read. */
function endless(total: number) {
  let produced = 0;
  const chunk = new Uint8Array(CHUNK).fill(0x20);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (produced >= total) return controller.close();
        produced += CHUNK;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, produced: () => produced };
}

async function answer(res: Response) {
  return { status: res.status, body: await res.json(), headers: res.headers };
}

describe('request body limits (413 before the body is read)', () => {
  const w = useWorld(['staff']);

  it('a 200 MB streamed body to the anonymous sign-in is refused after reading at most the limit', async () => {
    const body = endless(200 * 1024 * 1024);
    const started = performance.now();
    const res = await w.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    expectError(await answer(res), 413, 'payload_too_large');
    expect(body.produced()).toBeLessThanOrEqual(DEFAULT_LIMIT + 2 * CHUNK);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a declared Content-Length over the limit is refused without reading a byte', async () => {
    const body = endless(200 * 1024 * 1024);
    const res = await w.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    expectError(await answer(res), 413, 'payload_too_large');
    expect(body.produced()).toBe(0);
  });

  it('a small body, streamed or not, still signs in', async () => {
    const json = new TextEncoder().encode(JSON.stringify({ login: 'r1', password: PASSWORD }));
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => {
        c.enqueue(json);
        c.close();
      },
    });
    const res = await w.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    expect(
      (await call(w.app, 'POST', '/api/auth/login', { body: { login: 'r2', password: PASSWORD } }))
        .status,
    ).toBe(200);
  });

  it('JSON just over 64 KB to a resident route is refused; staff writes may be larger; an anonymous caller of a staff route is refused before its body counts', async () => {
    const big = { login: 'r1', password: 'x'.repeat(DEFAULT_LIMIT) };
    expectError(
      await call(w.app, 'POST', '/api/auth/login', { body: big }),
      413,
      'payload_too_large',
    );
    // 200 KB of award batch text is over the default but within the staff limit: the schema decides.
    const batch = {
      reason: '志愿服务',
      lines: [{ residentId: w.f.residents[0]!, points: 5, memo: '长'.repeat(200) }],
      padding: 'x'.repeat(200_000),
    };
    const staffRes = await call(w.app, 'POST', '/api/staff/award-batches', {
      token: w.tokens.staff,
      body: batch,
    });
    expectError(staffRes, 400, 'invalid_request');
    expectError(
      await call(w.app, 'POST', '/api/staff/award-batches', { body: batch }),
      401,
      'unauthorized',
    );
    expectError(
      await call(w.app, 'POST', '/api/staff/award-batches', {
        token: w.tokens.staff,
        body: { ...batch, padding: 'x'.repeat(1_100_000) },
      }),
      413,
      'payload_too_large',
    );
  });

  it('the CSV import keeps its larger limit and its own code', async () => {
    const csv = `login,full_name,phone,compound,building,unit,door\n${'x'.repeat(100_000)}`;
    const res = await call(w.app, 'POST', '/api/staff/residents/import/check', {
      token: w.tokens.staff,
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    expectError(
      await call(w.app, 'POST', '/api/staff/residents/import/check', {
        token: w.tokens.staff,
        headers: { 'content-type': 'text/csv' },
        body: 'x'.repeat(6_000_001),
      }),
      413,
      'file_too_large',
    );
  });
});

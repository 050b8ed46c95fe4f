import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  type ApiFail,
  abandonRequests,
  linli,
  newKey,
  onApiEvent,
  request,
  sendIdempotent,
  serverNow,
} from '../../../src/scripts/api';

/**
 * The browser's one client (src/scripts/api.ts) on a fake fetch: what reaches the network, and how
 * every outcome — an answer, a refusal, a timeout, an abandoned request — comes back as a value.
 */
type Sent = { url: string; init: RequestInit };
let sent: Sent[];
let events: Array<[string, ApiFail | undefined]>;
let stopWatching: () => void;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** A fetch that answers with `answer(…)`, or never answers until its signal aborts. */
function fakeFetch(answer?: (s: Sent) => Response) {
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init: RequestInit = {}) => {
    const s = { url: String(input), init };
    sent.push(s);
    if (answer) return Promise.resolve(answer(s));
    return new Promise<Response>((_, reject) =>
      init.signal?.addEventListener('abort', () =>
        reject(new DOMException('aborted', 'AbortError')),
      ),
    );
  });
}

beforeEach(() => {
  sent = [];
  events = [];
  stopWatching = onApiEvent((e, d) => events.push([e, d]));
});
afterEach(() => {
  stopWatching();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('request() over the typed client', () => {
  it('sends same-origin, uncached, JSON-accepting requests to the route, and types the answer by the route', async () => {
    fakeFetch(() => json(200, { today: { points: 3, count: 1 } }));
    const res = await request(linli.counter.redemptions.$get({ query: { limit: '5' } }));
    expect(sent[0]!.url).toMatch(/\/api\/counter\/redemptions\?limit=5$/);
    expect(sent[0]!.init).toMatchObject({
      method: 'GET',
      credentials: 'same-origin',
      cache: 'no-store',
    });
    expect(new Headers(sent[0]!.init.headers).get('accept')).toBe('application/json');
    expect(res).toMatchObject({ ok: true, status: 200 });
    expect(events).toEqual([['online', undefined]]);
    if (res.ok) expectTypeOf(res.data).toHaveProperty('items');
  });

  it('sends JSON bodies and the Idempotency-Key the caller gives', async () => {
    fakeFetch(() => json(201, {}));
    const key = newKey();
    const transfer = { to: 2, points: 5 };
    await request(linli.me.transfers.$post({ json: transfer, header: { 'idempotency-key': key } }));
    expect(sent[0]!.init.method).toBe('POST');
    expect(sent[0]!.init.body).toBe(JSON.stringify(transfer));
    const headers = new Headers(sent[0]!.init.headers);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('idempotency-key')).toBe(key);
  });

  it('turns a 4xx error body into an ApiFail with its code, message and facts', async () => {
    fakeFetch(() =>
      json(409, {
        error: { code: 'insufficient_points', message: 'Not enough', details: { balance: 4 } },
      }),
    );
    const res = await request(linli.counter.totals.$get());
    expect(res).toEqual({
      ok: false,
      status: 409,
      code: 'insufficient_points',
      message: 'Not enough',
      retryable: false,
      details: { balance: 4 },
    });
    expect(events.map(([e]) => e)).toEqual(['online']);
  });

  it('a 5xx is retryable, carries Retry-After and reads as offline', async () => {
    fakeFetch(() =>
      json(503, { error: { code: 'storage_unavailable', message: '' } }, { 'retry-after': '7' }),
    );
    const res = await request(linli.counter.totals.$get());
    expect(res).toMatchObject({
      ok: false,
      status: 503,
      code: 'storage_unavailable',
      retryable: true,
      retryAfter: 7,
    });
    expect(events.map(([e]) => e)).toEqual(['offline']);
  });

  it('a 401 ends the session everywhere but under /api/auth (a wrong password is not an expired session)', async () => {
    fakeFetch(() => json(401, { error: { code: 'unauthenticated', message: '' } }));
    await request(linli.counter.totals.$get());
    expect(events.map(([e]) => e)).toEqual(['online', 'unauthorized']);
    events = [];
    await request(linli.auth.me.$get());
    expect(events.map(([e]) => e)).toEqual(['online']);
  });

  it('a timeout is a retryable network fail and reads as offline', async () => {
    vi.useFakeTimers();
    fakeFetch();
    const pending = request((o) => linli.counter.totals.$get(undefined, o), { timeoutMs: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(await pending).toEqual({
      ok: false,
      status: 0,
      code: 'network',
      message: '',
      retryable: true,
    });
    expect(events.map(([e]) => e)).toEqual(['offline']);
  });

  it('the default timeout applies to a call already started', async () => {
    vi.useFakeTimers();
    fakeFetch();
    const pending = request(linli.counter.totals.$get());
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await pending).toMatchObject({ ok: false, code: 'network', retryable: true });
  });

  it('abandonRequests() makes every request in flight come back `aborted`, silently', async () => {
    fakeFetch();
    const pending = request(linli.counter.totals.$get());
    abandonRequests();
    expect(await pending).toEqual({
      ok: false,
      status: 0,
      code: 'aborted',
      message: '',
      retryable: false,
    });
    expect(events).toEqual([]);
  });

  it("the caller's own signal aborts its call", async () => {
    fakeFetch();
    const stop = new AbortController();
    const pending = request((o) => linli.counter.totals.$get(undefined, o), {
      signal: stop.signal,
    });
    stop.abort();
    expect(await pending).toMatchObject({ code: 'aborted', retryable: false });
  });

  it('a raw body (a file upload) is sent as is', async () => {
    fakeFetch(() => json(200, {}));
    const form = new FormData();
    form.append('file', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
    await request((o) => linli.counter.totals.$get(undefined, o), { raw: form });
    expect(sent[0]!.init.body).toBe(form);
  });

  it("the Date header sets the server's clock as the page sees it", async () => {
    const ahead = Date.now() + 3_600_000;
    fakeFetch(() => json(200, {}, { date: new Date(ahead).toUTCString() }));
    await request(linli.counter.totals.$get());
    expect(Math.abs(serverNow() - ahead)).toBeLessThan(2_000);
  });
});

describe('sendIdempotent()', () => {
  it('retries a write that got no definite answer with the same key and body, until it does', async () => {
    vi.stubGlobal('window', new EventTarget());
    let n = 0;
    fakeFetch(() =>
      ++n < 3
        ? json(
            503,
            { error: { code: 'storage_unavailable', message: '' } },
            { 'retry-after': '0.001' },
          )
        : json(201, { id: 1 }),
    );
    const key = newKey();
    const body = { to: 2, points: 5 };
    const res = await sendIdempotent((o) =>
      linli.me.transfers.$post({ json: body, header: { 'idempotency-key': key } }, o),
    );
    expect(res).toMatchObject({ ok: true, status: 201 });
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((s) => new Headers(s.init.headers).get('idempotency-key')))).toEqual(
      new Set([key]),
    );
    expect(new Set(sent.map((s) => s.init.body))).toEqual(new Set([JSON.stringify(body)]));
  });
});

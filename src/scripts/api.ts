/**
 * The one way the signed-in pages talk to the API: Hono's typed client (`linli`, typed by the
 * routes' own declarations through a type-only import of the app) over one transport — same
 * origin, the HttpOnly session cookie (credentials 'same-origin'), JSON in and out — and every
 * outcome as a value through request(): never a throw, never a silent failure. Writes that move
 * points go through sendIdempotent(): one attempt = one Idempotency-Key, retried with backoff on
 * network errors and 5xx until a definite answer.
 */
import { type ClientRequestOptions, type ClientResponse, hc } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { AppType } from '../../functions/app';
import type { RefusalFacts } from '../../functions/domain/shared/errors';

export type ApiOk<T> = { ok: true; status: number; data: T };
export type ApiFail = {
  ok: false;
  status: number;
  code: string;
  message: string;
  /** No answer at all (offline, dropped connection, timeout) or a 5xx: the outcome is unknown, retry. */
  retryable: boolean;
  retryAfter?: number;
  /** Facts of the refusal (tries left, the balance found…), for the page to word in the reader's language. */
  details?: RefusalFacts;
};
export type ApiResult<T> = ApiOk<T> | ApiFail;

type Listener = (event: 'online' | 'offline' | 'unauthorized', detail?: ApiFail) => void;
const listeners = new Set<Listener>();
/** The network banner and the session watch every answer (or its absence). */
export function onApiEvent(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
const emit: Listener = (event, detail) => {
  for (const fn of listeners) fn(event, detail);
};

let skew = 0;
/** The server's clock as seen from here (the Date header of the last answer): countdowns use it, not the phone's clock. */
export const serverNow = () => Date.now() + skew;

let session = new AbortController();

/**
 * Abandons every request still in flight: each caller gets `aborted`, and nothing of it reaches
 * the page. Called on signing out, before the session ends, so no answer meant for the signed-in
 * page can come back afterwards as a 401 (which would read as "your session expired").
 */
export function abandonRequests(): void {
  session.abort();
  session = new AbortController();
}

const abortedFail = (): ApiFail => ({
  ok: false,
  status: 0,
  code: 'aborted',
  message: '',
  retryable: false,
});
const networkFail = (): ApiFail => ({
  ok: false,
  status: 0,
  code: 'network',
  message: '',
  retryable: true,
});

const DEFAULT_TIMEOUT_MS = 20_000;
/** What request() hands the transport through hc's `init`, which hc passes on to fetch untouched. */
type TransportInit = RequestInit & { timeoutMs?: number };

/** A request that got no answer; request() turns it back into its fail. */
class NoAnswer extends Error {
  constructor(readonly fail: ApiFail) {
    super(fail.code);
  }
}

/** The path each answer came from: a 401 from /api/auth/* is a wrong password, not an ended session. */
const answeredFrom = new WeakMap<Response, string>();

/**
 * The fetch under the typed client: the session cookie, no cache, the timeout, the per-call
 * signal and the session's abort, and the server's clock from the Date header.
 */
async function transport(input: RequestInfo | URL, init: TransportInit = {}): Promise<Response> {
  const { timeoutMs, signal, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const abort = () => timeout.abort();
  const scope = session.signal;
  signal?.addEventListener('abort', abort);
  scope.addEventListener('abort', abort);
  try {
    if (signal?.aborted || scope.aborted) throw new NoAnswer(abortedFail());
    const res = await fetch(input, {
      ...rest,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: timeout.signal,
    });
    const date = Date.parse(res.headers.get('date') ?? '');
    if (!Number.isNaN(date)) skew = date - Date.now();
    answeredFrom.set(
      res,
      new URL(String(input instanceof Request ? input.url : input), 'http://localhost').pathname,
    );
    return res;
  } catch (e) {
    if (e instanceof NoAnswer) throw e;
    if (signal?.aborted || scope.aborted) throw new NoAnswer(abortedFail());
    const fail = networkFail();
    emit('offline', fail);
    throw new NoAnswer(fail);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
    scope.removeEventListener('abort', abort);
  }
}

/** Where the pages are served from; the tests (no `location`) use any origin, the fetch is theirs. */
const origin = typeof location === 'undefined' ? 'http://localhost' : location.origin;

/** The whole API, typed by its routes: `linli.me.summary.$get()`, `linli.counter.lookup.$post({ json })`. */
export const linli = hc<AppType>(origin, { fetch: transport }).api;

type Answer = ClientResponse<unknown, number, 'json' | 'text' | string>;
/** The body of a route's 2xx answer, as the route declares it. */
export type OkBody<R> =
  R extends ClientResponse<infer T, infer S, infer _F>
    ? S extends SuccessStatusCode
      ? T
      : never
    : never;
/** The 2xx body of a typed-client method, for a module that must name it: `OkOf<typeof linli.me.$get>`. */
export type OkOf<F extends (...args: never[]) => Promise<Answer>> = OkBody<Awaited<ReturnType<F>>>;
/** One call of the typed client: started already, or started with the options request() gives it (signal, timeout, raw body). */
export type Call<R extends Answer> = Promise<R> | ((options: ClientRequestOptions) => Promise<R>);

export interface RequestOptions {
  /** Stops this call (the caller gets `aborted`); needs the function form of the call. */
  signal?: AbortSignal;
  timeoutMs?: number;
  /** A raw body (a file upload), sent as is with its own content type; needs the function form. */
  raw?: BodyInit;
}

async function readJson(res: Response): Promise<unknown> {
  if (!(res.headers.get('content-type') ?? '').includes('json')) return null;
  try {
    return await res.json();
  } catch {
    return null;
  }
}

/** Makes one call and gives its outcome as a value: the route's 2xx body, or an ApiFail. */
export async function request<R extends Answer>(
  call: Call<R>,
  opts: RequestOptions = {},
): Promise<ApiResult<OkBody<R>>> {
  const scope = session.signal;
  let res: Response;
  try {
    if (typeof call === 'function') {
      const init: TransportInit = {
        signal: opts.signal,
        timeoutMs: opts.timeoutMs,
        ...(opts.raw !== undefined ? { body: opts.raw } : {}),
      };
      res = (await call({ init })) as unknown as Response;
    } else {
      res = (await call) as unknown as Response;
    }
  } catch (e) {
    return e instanceof NoAnswer ? e.fail : networkFail();
  }
  const data = await readJson(res);
  if (scope.aborted) return abortedFail(); // abandoned while its body was read
  if (res.ok) {
    emit('online');
    return { ok: true, status: res.status, data: data as OkBody<R> };
  }
  const err = (
    data as { error?: { code?: string; message?: string; details?: RefusalFacts } } | null
  )?.error;
  const retryAfter = Number(res.headers.get('retry-after')) || undefined;
  const fail: ApiFail = {
    ok: false,
    status: res.status,
    code: err?.code ?? (res.status >= 500 ? 'internal' : `http_${res.status}`),
    message: err?.message ?? '',
    retryable: res.status >= 500,
    retryAfter,
    ...(err?.details ? { details: err.details } : {}),
  };
  if (res.status >= 500) emit('offline', fail);
  else emit('online');
  if (res.status === 401 && !(answeredFrom.get(res) ?? '').startsWith('/api/auth/'))
    emit('unauthorized', fail);
  return fail;
}

/** An Idempotency-Key: 32 hex characters from the platform's CSPRNG (works on plain http too). */
export function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface RetryOptions {
  signal?: AbortSignal;
  onRetry?: (p: RetryProgress) => void;
  wake?: EventTarget;
  maxAttempts?: number;
}

export interface RetryProgress {
  attempt: number;
  /** The failure that caused the wait, and how long until the next try. */
  last: ApiFail;
  waitMs: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    const wake = () => done();
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', wake);
      window.removeEventListener('online', wake);
      resolve();
    }
    signal?.addEventListener('abort', wake);
    // Back on the network: try again at once rather than at the end of the backoff.
    window.addEventListener('online', wake);
  });

/** Backoff: 0.5 s, 1 s, 2 s, 4 s … capped at 15 s, with a little jitter; Retry-After wins when given. */
export const backoff = (attempt: number, retryAfter?: number) =>
  retryAfter
    ? retryAfter * 1000
    : Math.min(15_000, 500 * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);

/**
 * Sends one write with its key until there is a definite answer (2xx or 4xx). Network errors,
 * timeouts and 5xx are retried: `call` is made again per attempt with the SAME key and body, so
 * the server applies it at most once. `wake` (optional) lets a "retry now" button cut a wait
 * short; `signal` stops retrying (the caller keeps the key to resume later).
 *
 *   sendIdempotent((o) => linli.me.transfers.$post({ json, header: { 'idempotency-key': key } }, o))
 */
export async function sendIdempotent<R extends Answer>(
  call: (options: ClientRequestOptions) => Promise<R>,
  opts: RetryOptions = {},
): Promise<ApiResult<OkBody<R>>> {
  const attemptOnce = () => request(call, { signal: opts.signal });
  for (let attempt = 1; ; attempt++) {
    const res = await attemptOnce();
    if (
      res.ok ||
      !res.retryable ||
      opts.signal?.aborted ||
      attempt >= (opts.maxAttempts ?? Infinity)
    )
      return res;
    const waitMs = backoff(attempt, res.retryAfter);
    opts.onRetry?.({ attempt, last: res, waitMs });
    const wakeCtl = new AbortController();
    const wake = () => wakeCtl.abort();
    opts.wake?.addEventListener('wake', wake);
    opts.signal?.addEventListener('abort', wake);
    await sleep(waitMs, wakeCtl.signal);
    opts.wake?.removeEventListener('wake', wake);
    opts.signal?.removeEventListener('abort', wake);
    if (opts.signal?.aborted) return res;
  }
}

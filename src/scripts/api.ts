/**
 * The one way the signed-in pages talk to the API: same origin, the HttpOnly session cookie
 * (credentials 'same-origin'), JSON in and out, and every outcome as a value — never a throw, never
 * a silent failure. Writes that move points go through sendIdempotent(): one attempt = one
 * Idempotency-Key, retried with backoff on network errors and 5xx until a definite answer.
 */
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

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Raw body (a file upload); sent as is with its own content type. */
  raw?: BodyInit;
  key?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

type Listener = (event: 'online' | 'offline' | 'unauthorized', detail?: ApiFail) => void;
const listeners = new Set<Listener>();
/** The network banner and the session watch every answer (or its absence). */
export function onApiEvent(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
const emit: Listener = (event, detail) => listeners.forEach((fn) => fn(event, detail));

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

const abortedFail = (): ApiFail => ({ ok: false, status: 0, code: 'aborted', message: '', retryable: false });

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.key) headers['idempotency-key'] = opts.key;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), opts.timeoutMs ?? 20_000);
  const abort = () => timeout.abort();
  const scope = session.signal;
  const abandoned = () => Boolean(opts.signal?.aborted || scope.aborted);
  opts.signal?.addEventListener('abort', abort);
  scope.addEventListener('abort', abort);
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: opts.method ?? (opts.body !== undefined || opts.raw !== undefined ? 'POST' : 'GET'),
      credentials: 'same-origin',
      headers,
      body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
      signal: timeout.signal,
      cache: 'no-store',
    });
  } catch {
    if (abandoned()) return abortedFail();
    const fail: ApiFail = { ok: false, status: 0, code: 'network', message: '', retryable: true };
    emit('offline', fail);
    return fail;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', abort);
    scope.removeEventListener('abort', abort);
  }
  const date = Date.parse(res.headers.get('date') ?? '');
  if (!Number.isNaN(date)) skew = date - Date.now();
  let data: unknown = null;
  const type = res.headers.get('content-type') ?? '';
  try {
    data = type.includes('json') ? await res.json() : null;
  } catch {
    data = null;
  }
  if (scope.aborted) return abortedFail(); // abandoned while its body was read
  if (res.ok) {
    emit('online');
    return { ok: true, status: res.status, data: data as T };
  }
  const err = (data as { error?: { code?: string; message?: string; details?: RefusalFacts } } | null)?.error;
  const retryAfter = Number(res.headers.get('retry-after')) || undefined;
  const fail: ApiFail = {
    ok: false,
    status: res.status,
    code: err?.code ?? (res.status >= 500 ? 'internal' : 'http_' + res.status),
    message: err?.message ?? '',
    retryable: res.status >= 500,
    retryAfter,
    ...(err?.details ? { details: err.details } : {}),
  };
  if (res.status >= 500) emit('offline', fail);
  else emit('online');
  if (res.status === 401 && !path.startsWith('/auth/')) emit('unauthorized', fail);
  return fail;
}

/** An Idempotency-Key: 32 hex characters from the platform's CSPRNG (works on plain http too). */
export function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
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
  retryAfter ? retryAfter * 1000 : Math.min(15_000, 500 * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);

/**
 * Sends one write with its key until there is a definite answer (2xx or 4xx). Network errors,
 * timeouts and 5xx are retried with the SAME key and body, so the server applies it at most once.
 * `wake` (optional) lets a "retry now" button cut a wait short; `signal` stops retrying (the
 * caller keeps the key to resume later).
 */
export async function sendIdempotent<T>(
  path: string,
  body: unknown,
  key: string,
  opts: { method?: 'POST' | 'PUT' | 'PATCH'; signal?: AbortSignal; onRetry?: (p: RetryProgress) => void; wake?: EventTarget; maxAttempts?: number } = {},
): Promise<ApiResult<T>> {
  for (let attempt = 1; ; attempt++) {
    const res = await api<T>(path, { method: opts.method ?? 'POST', body, key, signal: opts.signal });
    if (res.ok || !res.retryable || opts.signal?.aborted || attempt >= (opts.maxAttempts ?? Infinity)) return res;
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

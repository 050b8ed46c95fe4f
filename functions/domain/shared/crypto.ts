/** Web Crypto only, so the same code runs on workerd and Node. */
const encoder = new TextEncoder();

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

// Where the runtime has node:crypto (Node), hash in place: the same SHA-256, without a round trip
// to the thread pool for each of the few small hashes every request makes (token, fingerprint,
// chain), and one-shot, cheaper than createHash for such short texts (BENCHMARKS.md, eighth round).
const nodeHash = (
  (
    globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
  ).process?.getBuiltinModule?.('node:crypto') as
    | { hash?: (algorithm: 'sha256', text: string, encoding: 'hex') => string }
    | undefined
)?.hash;

export async function sha256Hex(text: string): Promise<string> {
  if (typeof nodeHash === 'function') return nodeHash('sha256', text, 'hex');
  return toHex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

export function randomToken(bytes = 32): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...buf))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** A uniformly random integer in [0, max). */
export function randomInt(max: number): number {
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buf = new Uint32Array(1);
  do crypto.getRandomValues(buf);
  while (buf[0]! >= limit);
  return buf[0]! % max;
}

/**
 * Passwords and PINs: PBKDF2-HMAC-SHA-256 through Web Crypto — the platform's own audited
 * implementation on both runtimes (OpenSSL in Node, BoringSSL in workerd), salted, and slow by
 * iteration count. 100,000 is the most Cloudflare's runtime accepts; the count is stored in each
 * hash, so it can be raised later and old hashes still verify.
 */
export const DEFAULT_ITERATIONS = 100_000;

async function pbkdf2(
  secret: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export async function hashSecret(secret: string, iterations = DEFAULT_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2-sha256$${iterations}$${b64(salt)}$${b64(await pbkdf2(secret, salt, iterations))}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split('$');
  if (scheme !== 'pbkdf2-sha256' || !iter || !salt || !hash) return false;
  const expected = unb64(hash);
  const actual = await pbkdf2(secret, unb64(salt), Number(iter));
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) diff |= expected[i]! ^ (actual[i] ?? 0);
  return diff === 0;
}

/** A stable, key-sorted JSON rendering: the input of fingerprints and the hash chain. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
